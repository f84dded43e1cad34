"""The `assistant` command as evaluation runs and people use it: JSON output, batches, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSISTANT = [sys.executable, "-m", "assistant.cli"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*ASSISTANT, *args], capture_output=True, text=True, input=stdin, cwd=ROOT, timeout=300)


def test_ask_json_prints_the_machine_interface(annex_settings):
    out = run("ask", "--json", "--index", str(annex_settings.index_dir), "cofinanciering hip's?")
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert {"question", "language", "answer", "refused", "verdict", "citations", "retrieved", "timings_ms"} <= set(record)
    assert "34 miljoen" in record["answer"] and record["language"] == "nl"
    citation = record["citations"][0]
    assert {"marker", "doc", "title", "page", "paragraph_id", "text", "quote"} <= set(citation)
    assert citation["quote"] in citation["text"]
    assert {"paragraph_id", "doc", "page", "score", "text"} <= set(record["retrieved"][0])
    assert {"retrieve", "answer", "total"} <= set(record["timings_ms"])


def test_ask_batch_echoes_ids_one_object_per_line(annex_settings, tmp_path):
    batch = tmp_path / "vragen.jsonl"
    batch.write_text(
        json.dumps({"id": "a1", "question": "einddatum beleidsexperiment?"}) + "\n"
        + json.dumps({"id": "a2", "question": "Hoeveel vrouwen zijn dankzij VHTO in de techniek gebleven?"}) + "\n",
        encoding="utf-8",
    )
    out = run("ask", "--json", "--batch", str(batch), "--index", str(annex_settings.index_dir))
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2"]
    assert "2026" in records[0]["answer"] and records[1]["refused"] is True


def test_search_json_ranks_paragraphs(annex_settings):
    out = run("search", "einddatum beleidsexperiment", "--k", "3", "--json", "--index", str(annex_settings.index_dir))
    hits = json.loads(out.stdout)
    assert len(hits) == 3 and "2026" in hits[0]["text"]
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_errors_are_one_clear_line_without_traceback(tmp_path):
    empty_index = tmp_path / "geen-index"
    out = run("ask", "--index", str(empty_index), "budget?")
    assert out.returncode == 2
    assert "No index in" in out.stderr and "assistant ingest corpus/" in out.stderr
    assert "Traceback" not in out.stderr

    fake = tmp_path / "nep.pdf"
    fake.write_bytes(b"geen pdf")
    out = run("ingest", str(fake), "--index", str(tmp_path / "idx"))
    assert out.returncode == 1 and "nep.pdf" in out.stdout and "Traceback" not in out.stderr + out.stdout
