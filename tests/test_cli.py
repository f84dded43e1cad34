"""The `assistant` command as evaluation runs and people use it: JSON output, batches, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSISTANT = [sys.executable, "-m", "assistant.cli"]


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*ASSISTANT, *args], capture_output=True, text=True, input=stdin, cwd=ROOT, timeout=300,
                          env={**os.environ, **(env or {})})


def test_ask_json_prints_the_machine_interface(annex_settings):
    out = run("ask", "--json", "--index", str(annex_settings.index_dir), "cofinanciering hip's?")
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert {"question", "language", "answer", "refused", "verdict", "citations", "retrieved", "timings_ms"} <= set(record)
    assert "34 miljoen" in record["answer"] and record["language"] == "nl"
    citation = record["citations"][0]
    assert {"marker", "doc", "title", "page", "paragraph_id", "text", "quote", "reference"} <= set(citation)
    assert citation["quote"] in citation["text"]
    assert citation["reference"] == f"{citation['title']}, p. {citation['page']}"  # the annex has no Kamer identity
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


def test_add_saves_and_indexes_good_files_and_names_each_bad_one_in_one_line(index_copy, tmp_path):
    motion = ROOT / "corpus" / "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente.pdf"
    fake = tmp_path / "nep.pdf"
    fake.write_bytes(b"geen pdf")
    out = run("add", str(motion), str(fake), "--index", str(index_copy.index_dir))
    assert out.returncode == 1 and "Traceback" not in out.stderr + out.stdout
    uploads = index_copy.index_dir / "uploads"
    assert f"{motion.name}: added as {uploads / motion.name} (document {motion.stem})" in out.stdout
    assert out.stderr.splitlines() == [
        "error: nep.pdf was not added: it is not a real PDF (it does not start with %PDF-). "
        "Check the file; give it the suffix of what it holds (.txt for text)."
    ]
    assert sorted(p.name for p in uploads.iterdir()) == [motion.name]
    hits = json.loads(run("search", "negatieve spaarrente", "--k", "1", "--json", "--index", str(index_copy.index_dir)).stdout)
    assert hits[0]["doc"] == motion.stem


def test_add_refuses_a_file_over_the_upload_limit(index_copy):
    large = ROOT / "corpus" / "18_studiegroep-begrotingsruimte_fin_2020-10_16e_koers_bepalen.pdf"
    out = run("add", str(large), "--index", str(index_copy.index_dir), env={"ASSISTANT_MAX_UPLOAD_MB": "1"})
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == (f"error: {large.name} was not added: the file is larger than 1 MB. "
                          "Split it, or raise the limit with ASSISTANT_MAX_UPLOAD_MB.\n")
    assert not (index_copy.index_dir / "uploads").exists()


def test_search_in_one_document_by_its_handle(corpus_settings):
    out = run("search", "spaarrente", "--k", "3", "--json", "--doc", "Kamerstuk 32545 nr 143", "--index", str(corpus_settings.index_dir))
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert hits and {h["doc"] for h in hits} == {"14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente"}
