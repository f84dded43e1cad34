"""OCR time per page of the scans, beside a text-layer PDF parsed in the same run; medians of several runs.

Reads the three Amsterdam scans (tests/fixtures/scans) and corpus/15 with `load_document` (render with pdftoppm,
Tesseract TSV, layout), and parses a text-layer letter from corpus/ as the baseline. With --ocrmypdf it also times
`ocrmypdf` on the same files once (the alternative: it writes a PDF with a text layer, without word confidences).

Usage: .venv/bin/python benchmarks/ocr.py [runs] [--ocrmypdf]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.parsing import tuning
from assistant.parsing.ingest import load_document

ROOT = Path(__file__).resolve().parent.parent
SCANS = sorted((ROOT / "tests" / "fixtures" / "scans").glob("*.pdf")) + sorted((ROOT / "corpus").glob("15_*SCAN*.pdf"))
BASELINE = ROOT / "corpus" / "16_kamerbrief_venj_2011-03-01_draagmoederschap.pdf"


def seconds_per_page(path: Path) -> tuple[float, int, float]:
    started = time.perf_counter()
    doc = load_document(path)
    return (time.perf_counter() - started) / doc.page_count, doc.page_count, _mean_confidence(doc)


def _mean_confidence(doc) -> float:
    values = [p.ocr_confidence for p in doc.paragraphs if p.ocr_confidence is not None]
    return statistics.mean(values) if values else float("nan")


def ocrmypdf_per_page(path: Path, pages: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run(["ocrmypdf", "-q", "-l", "nld", "-j", "1", "--output-type", "pdf", str(path),
                        str(Path(folder) / "out.pdf")], check=True)
        return (time.perf_counter() - started) / pages


def main(runs: int = 3, compare: bool = False) -> None:
    rows, all_runs = [], []
    for _ in range(runs):
        run = {path.name: seconds_per_page(path) for path in SCANS + [BASELINE]}
        all_runs.append(run)
    print(f"seconds per page, median of {runs} runs (render + Tesseract nld + layout; baseline: text layer)")
    total_pages = 0
    for path in SCANS + [BASELINE]:
        per_page = statistics.median(r[path.name][0] for r in all_runs)
        _, pages, confidence = all_runs[-1][path.name]
        kind = "text layer (baseline)" if path == BASELINE else f"OCR, mean word confidence {confidence:.2f}"
        line = f"  {path.name[:58]:58s} {pages:2d} p.  {per_page:7.3f} s/page  {kind}"
        if compare and path != BASELINE and shutil.which("ocrmypdf"):
            line += f"   ocrmypdf {ocrmypdf_per_page(path, pages):.2f} s/page"
        print(line)
        if path != BASELINE:
            total_pages += pages
            rows.append(per_page * pages)
    print(f"all scans: {total_pages} pages in {sum(rows):.1f} s (median per file, summed); "
          f"{sum(rows) / total_pages:.2f} s/page, {tuning.OCR_PAGES_AT_ONCE} pages at once")
    at_once = tuning.OCR_PAGES_AT_ONCE
    tuning.OCR_PAGES_AT_ONCE = 1
    single = [sum(r[0] * r[1] for r in (seconds_per_page(path) for path in SCANS)) for _ in range(runs)]
    tuning.OCR_PAGES_AT_ONCE = at_once
    print(f"the same, one page at a time: {statistics.median(single):.1f} s (median of {runs} runs)")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 3, "--ocrmypdf" in sys.argv)
