"""The fiche questions asked over one long list of measures instead of nine short fiches.

A list of budget measures often arrives as one long PDF: every measure a numbered heading with the same parts
under it ("Omschrijving van de maatregel", "Budgettaire aspecten") and a small table. This binds the nine
corpus/19_ fiches into one such PDF, indexes it with the rest of the corpus (minus the separate fiches) into a
temporary index, and runs the fiche gold sets on it: tuned evals/gold_19.jsonl with its wordings, and the holdout's
h19 and h19_tables in aggregate. Compare with the same sets on the shipped corpus (`make eval`).

Usage: python evals/list_of_measures.py [--out DIR]   (about two minutes; reuses index/embeddings.sqlite when present)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parent.parent
FICHES = "19_*fiche*.pdf"
SETS = ("evals/gold_19.jsonl", "evals/holdout/h19.jsonl", "evals/holdout/h19_tables.jsonl")


def bind(corpus: Path, target: Path) -> int:
    """Copy the corpus without the fiches, plus one PDF holding all of them in order; returns its page count."""
    writer = pypdf.PdfWriter()
    for path in sorted(corpus.iterdir()):
        if path.match(FICHES):
            for page in pypdf.PdfReader(path).pages:
                writer.add_page(page)
        elif path.is_file():
            shutil.copy2(path, target / path.name)
    with open(target / "19_bouwstenen-belastingstelsel_maatregelen.pdf", "wb") as out:
        writer.write(out)
    return len(writer.pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="", help="directory for the eval report (default: a temporary one)")
    args = parser.parse_args()
    assistant = Path(sys.executable).parent / "assistant"
    with tempfile.TemporaryDirectory(prefix="list-of-measures-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        corpus.mkdir()
        index.mkdir()
        pages = bind(ROOT / "corpus", corpus)
        print(f"bound the fiches into one PDF of {pages} pages")
        cache = ROOT / "index" / "embeddings.sqlite"
        if cache.exists():
            shutil.copy2(cache, index / cache.name)
        env = dict(os.environ, ASSISTANT_INDEX_DIR=str(index))
        subprocess.run([str(assistant), "ingest", str(corpus)], check=True, env=env, cwd=ROOT)
        out = args.out or str(Path(tmp) / "report")
        subprocess.run([str(assistant), "eval", *SETS, "--variants", "--out", out], check=True, env=env, cwd=ROOT)
        report = (Path(out) / "report.md").read_text(encoding="utf-8")
        print(next(block for block in report.split("\n\n") if block.startswith("| figure")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
