"""Read the words of a scanned PDF page with Tesseract (Dutch model): word boxes and confidences in PDF points.

Each page is rendered with poppler's `pdftoppm` (it handles every image encoding a scanner writes: JPEG 2000,
CCITT fax, masks, page rotation) and read by `tesseract` with TSV output, both as subprocesses with one time
budget per page. Nothing is written to disk: the image and the TSV go through pipes. `pdf.py` turns the lines
into the same rows a text layer gives, so the layout cleaning (letter head, sidebar, footers) applies unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import median

from assistant.parsing import tuning as T

INSTALL_HINT = "install Tesseract with the Dutch model and poppler: `sudo apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils`, then ingest the file again"
LANGUAGE = "nld"


class OcrUnavailable(Exception):
    """Tesseract, its Dutch model or pdftoppm is missing on this machine."""


class PageTimeout(Exception):
    """Rendering and reading one page took longer than its budget."""


@dataclass(frozen=True)
class OcrWord:
    text: str
    x: float  # left edge, pt from the page's left
    width: float  # pt
    confidence: float  # Tesseract's word confidence, 0..1


@dataclass(frozen=True)
class OcrLine:
    """One line as Tesseract found it: its words, the baseline (pt from the page bottom) and a font size estimate."""

    words: tuple[OcrWord, ...]
    y: float
    size: float


@dataclass(frozen=True)
class OcrPage:
    lines: tuple[OcrLine, ...]
    width: float  # pt, as rendered (page rotation applied)
    height: float


def tools() -> tuple[str, str]:
    """Paths of `pdftoppm` and `tesseract`, or OcrUnavailable naming what is missing."""
    missing = [name for name in ("tesseract", "pdftoppm") if _which(name) is None]
    if missing:
        raise OcrUnavailable(f"{' and '.join(missing)} not found")
    tesseract = _which("tesseract")
    if LANGUAGE not in _languages(tesseract):
        raise OcrUnavailable(f"Tesseract has no Dutch model ('{LANGUAGE}')")
    return _which("pdftoppm"), tesseract


def _which(name: str) -> str | None:
    return shutil.which(name)


@lru_cache(maxsize=4)
def _languages(tesseract: str) -> frozenset[str]:
    try:
        out = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in (out.stdout + out.stderr).splitlines()[1:])


def read_page(path: Path, number: int, timeout_s: float) -> OcrPage:
    """Render page `number` (1-based) at T.OCR_DPI and read it; PageTimeout when both steps together exceed `timeout_s`."""
    pdftoppm, tesseract = tools()
    deadline = time.monotonic() + timeout_s
    image = _run([pdftoppm, "-r", str(T.OCR_DPI), "-gray", "-f", str(number), "-l", str(number), "-singlefile",
                  str(path)], b"", deadline)
    width_px, height_px = _pgm_size(image)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # Tesseract's own threads only contend on a shared machine
    tsv = _run([tesseract, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(T.OCR_DPI), "tsv"], image, deadline, env)
    scale = 72 / T.OCR_DPI
    return OcrPage(parse_tsv(tsv.decode("utf-8", "replace"), scale, height_px * scale), width_px * scale, height_px * scale)


def _run(command: list[str], data: bytes, deadline: float, env: dict | None = None) -> bytes:
    left = deadline - time.monotonic()
    if left <= 0:
        raise PageTimeout()
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=left, check=False, env=env)
    except subprocess.TimeoutExpired as exc:
        raise PageTimeout() from exc
    if done.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return done.stdout


def _pgm_size(image: bytes) -> tuple[int, int]:
    """Width and height from a binary PGM header ('P5 <w> <h> 255')."""
    fields = image[:64].split()
    if len(fields) < 3 or fields[0] != b"P5":
        raise RuntimeError("pdftoppm gave no image")
    return int(fields[1]), int(fields[2])


def parse_tsv(tsv: str, scale: float, page_height: float) -> tuple[OcrLine, ...]:
    """Tesseract's TSV (level 5 rows are words) grouped into lines, in Tesseract's reading order, in points."""
    grouped: dict[tuple[str, str, str], list[list[str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip() or float(cells[10]) < 0:
            continue
        grouped.setdefault((cells[2], cells[3], cells[4]), []).append(cells)
    lines = []
    for words in grouped.values():
        bottom = median(int(w[7]) + int(w[9]) for w in words)  # the baseline, give or take a descender
        height = median(int(w[9]) for w in words)
        lines.append(OcrLine(
            words=tuple(OcrWord(w[11].strip(), int(w[6]) * scale, int(w[8]) * scale, float(w[10]) / 100) for w in words),
            y=page_height - bottom * scale,
            size=round(height * scale * T.OCR_SIZE_PER_HEIGHT, 1),
        ))
    return tuple(lines)


def snap_sizes(pages: list[OcrPage]) -> list[OcrPage]:
    """Line heights of a scan scatter around the body size: sizes within T.OCR_SAME_SIZE of the median are the body.

    Without this every line would have its own size, and size is what tells body, headings, sidebar and notes apart.
    """
    sizes = [line.size for page in pages for line in page.lines]
    if not sizes:
        return pages
    body = median(sizes)
    return [
        OcrPage(tuple(OcrLine(line.words, line.y, body if abs(line.size - body) <= T.OCR_SAME_SIZE * body else line.size)
                      for line in page.lines), page.width, page.height)
        for page in pages
    ]
