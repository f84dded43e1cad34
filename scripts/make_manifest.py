"""Derive corpus/manifest.json (title, date, doc_type per file) from corpus/SOURCES.tsv.

Usage: python scripts/make_manifest.py [corpus_dir]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

DOC_TYPES = (
    ("bnc-fiche", "bnc-fiche"), ("kamervragen", "kamervragen"), ("motie", "motie"), ("begroting", "begroting"),
    ("budget", "begroting"), ("annex", "bijlage"), ("bijlage", "bijlage"), ("kamerbrief", "kamerbrief"),
    ("kamerstuk", "kamerstuk"), ("policy", "beleidsnota"), ("agenda", "agenda"), ("instrument", "handreiking"),
    ("advies", "advies"), ("fiche", "fiche"),
)


def clean_title(raw: str) -> str:
    """Drop trailing English notes in parentheses: "Kamerbrief 'X' (EZK, ...)" → "Kamerbrief 'X'"."""
    title = raw.strip()
    while True:
        shorter = re.sub(r"\s*\([^()]*\)\s*$", "", title)
        if shorter == title or len(shorter) < 12:
            return title
        title = shorter


def doc_type(topic: str) -> str:
    head = topic.split(";")[0].lower()
    starts = next((value for key, value in DOC_TYPES if head.startswith(key)), None)
    return starts or next((value for key, value in DOC_TYPES if key in head), head.split()[0] if head else "")


def main(corpus: Path) -> None:
    rows = csv.DictReader((corpus / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t")
    manifest = {}
    for row in rows:
        date = re.match(r"\d{4}(?:-\d\d){0,2}", row.get("date", "").strip())
        manifest[row["filename"]] = {
            "title": clean_title(row.get("title", "")),
            "date": date.group(0) if date else "",
            "doc_type": doc_type(row.get("doc_type_topic", "")),
        }
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest)} entries → {corpus / 'manifest.json'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "corpus")
