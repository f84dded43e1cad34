"""Every gold evidence quote (verbatim from the raw pypdf text) is covered by one paragraph of its document."""

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
    uncovered = [(qid, q) for qid, q in quotes if not any(covers(p.text, q) for p in doc.paragraphs)]
    assert quotes and uncovered == []
