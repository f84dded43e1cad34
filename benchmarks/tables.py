"""Parse time per page on the table documents (corpus 17, 18 and the 19_ fiches), this tree beside a baseline
revision in the same run; medians of several runs, each in its own process.

Usage: .venv/bin/python benchmarks/tables.py [--runs 3] [--baseline REV]   (REV: the revision to compare with, e.g. main)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ("17_*.pdf", "18_*.pdf", "19_*.pdf")
MEASURE = """
import json, sys, time
from pathlib import Path
from assistant.parsing.ingest import load_document
files = [Path(p) for p in sys.argv[1:]]
started, pages, rows = time.process_time(), 0, 0
for path in files:
    doc = load_document(path)
    pages += doc.page_count
    rows += sum(p.kind == "table_row" for p in doc.paragraphs)
print(json.dumps({"seconds": time.process_time() - started, "pages": pages, "table_rows": rows}))
"""


def _tree(revision: str, into: Path) -> Path:
    """The assistant package as it was at `revision`."""
    archive = into / "base.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), revision, "assistant"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def _run(code_root: Path, files: list[Path]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    out = subprocess.run([sys.executable, "-c", MEASURE, *map(str, files)], env=env, capture_output=True, text=True,
                         cwd=code_root)
    if out.returncode:
        raise SystemExit(f"parsing failed under {code_root}:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", default="main")
    args = parser.parse_args()
    baseline = args.baseline
    files = sorted(p for pattern in PATTERNS for p in (ROOT / "corpus").glob(pattern))
    with tempfile.TemporaryDirectory() as tmp:
        trees = {f"baseline {baseline[:10]}": _tree(baseline, Path(tmp)), "this tree": ROOT}
        results: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(args.runs):  # interleaved, so load on the machine falls on both alike
            for name, tree in trees.items():
                results[name].append(_run(tree, files))
    for name, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        pages = runs[-1]["pages"]
        print(f"{name:22s} {len(files)} documents, {pages} pages: median {seconds:.2f} s CPU, "
              f"{1000 * seconds / pages:.1f} ms/page, {runs[-1]['table_rows']} table rows")
    base, this = (statistics.median(r["seconds"] for r in runs) for runs in results.values())
    print(f"ratio this/baseline: {this / base:.2f}")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
