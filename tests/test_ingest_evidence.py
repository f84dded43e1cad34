"""Every gold evidence quote (verbatim from the raw pypdf text) is covered by one paragraph of its document, or, for a
table or a chart quoted whole (caption, header and rows), by the run of paragraphs on one page it was read into."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.parsing.ingest import load_document
from assistant.evaluation.judge import covers

ROOT = Path(__file__).resolve().parents[1]
ITEMS = [json.loads(line) for path in sorted((ROOT / "evals").glob("*.jsonl"))
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
DOCS = sorted({item["doc"] for item in ITEMS if item.get("evidence")})


@pytest.mark.parametrize("doc_name", DOCS, ids=lambda name: name[:3])
def test_every_evidence_quote_is_covered_by_one_paragraph(doc_name):
    doc = load_document(ROOT / "corpus" / doc_name)
    quotes = [(item["id"], q) for item in ITEMS if item["doc"] == doc_name for q in item.get("evidence", [])]
    runs = _page_runs(doc.paragraphs)
    uncovered = [(qid, q) for qid, q in quotes if not any(covers(p.text, q) for p in doc.paragraphs)
                 and not any(covers(run, q) for run in runs)]
    assert quotes and uncovered == []


def _page_runs(paragraphs, longest: int = 12) -> list[str]:
    """The texts of up to `longest` consecutive paragraphs on one page, joined: a table's caption, header and
    rows, or a chart's labels and values, are several paragraphs."""
    runs = []
    for i, first in enumerate(paragraphs):
        for j in range(i + 2, min(i + longest, len(paragraphs)) + 1):
            if paragraphs[j - 1].pages[0] != first.pages[0]:
                break
            units = dict.fromkeys(c.unit for p in paragraphs[i:j] for c in p.cells)  # "mld euro's" under a chart
            runs.append(" ".join([*paragraphs[i].section[-2:], *(p.text for p in paragraphs[i:j]), *units]))
    return runs
