"""Parse every document in corpus/ several times; print pages/s, paragraphs/s and paragraph sizes.

Scans (read by OCR) are left out after the first pass: benchmarks/ocr.py measures them.

Usage: .venv/bin/python benchmarks/parse.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from assistant.errors import IngestError
from assistant.parsing.ingest import iter_source_files, load_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def one_run(files: list[Path]) -> tuple[float, int, int, dict]:
    started, pages, paragraphs, docs = time.perf_counter(), 0, 0, {}
    for path in files:
        try:
            doc = load_document(path)
        except IngestError:
            continue
        pages += doc.page_count
        paragraphs += len(doc.paragraphs)
        docs[path.name] = doc
    return time.perf_counter() - started, pages, paragraphs, docs


def _is_scan(path: Path) -> bool:
    try:
        return "ocr" in load_document(path).metadata
    except IngestError:
        return False


def main(runs: int = 3) -> None:
    files = [path for path in iter_source_files([CORPUS]) if not _is_scan(path)]
    results = [one_run(files) for _ in range(runs)]
    seconds = statistics.median(r[0] for r in results)
    _, pages, paragraphs, docs = results[-1]
    print(f"{len(docs)} documents, {pages} pages, {paragraphs} paragraphs; median of {runs} runs: {seconds:.2f} s")
    print(f"pages/s {pages / seconds:.1f}   paragraphs/s {paragraphs / seconds:.1f}")
    for name, doc in docs.items():
        counts = [len(p.text.split()) for p in doc.paragraphs]
        print(f"  {name[:60]:60s} {len(counts):4d} paragraphs, median {statistics.median(counts):4.0f} words")
    words = sorted(len(p.text.split()) for d in docs.values() for p in d.paragraphs)
    print(f"words per paragraph: median {statistics.median(words):.0f}, p90 {words[int(0.9 * (len(words) - 1))]}, "
          f"max {words[-1]}; over 150: {sum(w > 150 for w in words)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
