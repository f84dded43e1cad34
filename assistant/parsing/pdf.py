"""Read a PDF's text layer with positions and fonts, and drop page furniture (the only module importing pypdf).

Everything is calibrated from the document itself: the body font is the most common one, text repeated at the
same height on many pages is a running header/footer, a narrow right-hand column in a smaller font is the letter
sidebar, and small text below the last body line is a footnote.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pypdf
try:  # how pypdf reads a font's codes, so pieces count the characters its text holds (private: pinned in requirements.lock)
    from pypdf._cmap import get_encoding
except ImportError:  # another pypdf: one character a glyph, as before
    get_encoding = None
from pypdf.errors import LimitReachedError

from assistant.errors import IngestError
from assistant.parsing import ocr
from assistant.parsing import tuning as T
from assistant.parsing.footnotes import explicit_marker
from assistant.parsing.identity import RUNNING_FOOTER
from assistant.parsing.letter import ADDRESS_LINE, LETTER_LABEL, letter_facts
from assistant.parsing.blocks import Line
from assistant.parsing.runs import Piece, ShownRuns
from assistant.figures.cells import find_unit, is_value
from assistant.parsing.forms import Form, read_form
from assistant.parsing.tables import Carry, Table, figures_only, read_tables

logging.getLogger("pypdf").setLevel(logging.ERROR)
SIDEBAR_LABELS = ("Ons kenmerk", "Kenmerk", "Uw kenmerk", "Uw brief", "Bijlage(n)", "Bijlagen", "Bijlage", "Datum")
SALUTATION = re.compile(r"^\s*(Geachte|Hooggeachte)\b")
FOOTNOTE_MARK = re.compile(r"\s*\d{1,3}(?:\s*[,-]\s*\d{1,3})*\s*")
LIGATURE_NAME = re.compile(r"/((?:[A-Za-z]_)+[A-Za-z])")  # pypdf leaves an unmapped ligature glyph as its name: "a/f_lopen"
FOOTNOTE_START = re.compile(r"(\d{1,3})(?![\d.,]\d)\s*(?=[^\W\d_“\"‘(])(?=.*[^\W\d_]{2})")


@dataclass(frozen=True)
class PdfText:
    """The body lines of a PDF in reading order, its page count and the facts read from the letter head."""

    lines: list[Line]
    page_count: int
    facts: dict[str, str] = field(default_factory=dict)


@dataclass
class Row:
    """Fragments on one baseline: text, position, dominant font, and cells split at wide gaps."""

    page: int
    x: float
    y: float
    size: float
    bold: bool
    italic: bool
    cells: list[tuple[float, str]]
    pieces: list[Piece] = field(default_factory=list)  # the shown strings with where each starts and ends
    ocr_words: tuple[tuple[str, float], ...] = ()  # a scanned row's words with Tesseract's confidence (0..1)

    @property
    def text(self) -> str:
        return " ".join(t.strip() for _, t in self.cells).strip()


Progress = Callable[[str], None]


def read_pdf(path: Path, data: bytes, progress: Progress | None = None, ocr_timeout_s: float = 60.0) -> PdfText:
    """Body lines of the PDF, or IngestError for a non-PDF, corrupt or encrypted file. A scan without a text layer
    is read by OCR page by page (`progress` hears of each page; a page over `ocr_timeout_s` is skipped)."""
    reader = _open(path, data)
    rows, sizes, turned = [], [], []
    decode = _GlyphReader()
    for number, page in enumerate(reader.pages, start=1):
        try:
            page_rows, rotated_share = _page_rows(page, number, decode)
            rows.append(page_rows)
            turned.append(rotated_share > 0.5 or page.rotation % 180 != 0)
            sizes.append((float(page.mediabox.width), float(page.mediabox.height)))
        except LimitReachedError as exc:  # pypdf's own cap on inflated size and operator count: a decompression bomb
            raise IngestError(str(path), f"page {number} unpacks to more data than pypdf's safety limit allows "
                              f"(possible decompression bomb: {exc})",
                              "The file is refused; if it is a genuine document, print it to a new PDF and ingest that") from exc
        except Exception as exc:  # pypdf raises many types on damaged content streams
            raise IngestError(str(path), f"pypdf could not read page {number} ({type(exc).__name__}: {exc})",
                              "Re-save the PDF (e.g. `qpdf in.pdf out.pdf`) and ingest the result") from exc
    chars = sum(len(r.text) for page_rows in rows for r in page_rows)
    if chars < T.MIN_CHARS_PER_PAGE * max(len(rows), 1):
        scanned = [_has_image(page) for page in reader.pages]
        if not any(scanned):  # blank pages: nothing to read, and nothing worth the time of OCR
            raise IngestError(str(path), "no text layer and no scanned page images", "Check that the file contains readable text")
        return _read_scan(path, scanned, progress or (lambda message: None), ocr_timeout_s)
    return _layout(rows, sizes, turned)


def _has_image(page: pypdf.PageObject, depth: int = 0) -> bool:
    """Does the page draw an image (directly or inside a form XObject)? A scan's pages do; blank pages do not."""
    try:
        objects = page["/Resources"]["/XObject"]
        for ref in objects.values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                return True
            if xobject.get("/Subtype") == "/Form" and depth < 2 and _has_image(xobject, depth + 1):
                return True
    except (KeyError, TypeError, AttributeError):
        return False
    return False


def _read_scan(path: Path, scanned: list[bool], progress: Progress, timeout_s: float) -> PdfText:
    """A scan's pages with an image read by OCR and laid out like a text layer; a page that times out is skipped
    and named."""
    try:
        ocr.tools()
    except ocr.OcrUnavailable as exc:
        raise IngestError(str(path), f"no text layer (scanned) and OCR is not available ({exc})", ocr.INSTALL_HINT) from exc
    pages: list[ocr.OcrPage | None] = []
    skipped: list[int] = []
    page_count = len(scanned)
    # Pages are read T.OCR_PAGES_AT_ONCE at a time; progress is said here, on the caller's thread, in page order.
    with ThreadPoolExecutor(max_workers=T.OCR_PAGES_AT_ONCE) as pool:
        reading = {n: pool.submit(ocr.read_page, path, n, timeout_s) for n in range(1, page_count + 1) if scanned[n - 1]}
        for number in range(1, page_count + 1):
            try:
                pages.append(reading[number].result() if number in reading else None)
                if number in reading:
                    progress(f"OCR {path.name}: page {number}/{page_count}")
            except ocr.PageTimeout:
                progress(f"OCR {path.name}: page {number} skipped, not read within {timeout_s:g} s "
                         "(raise ASSISTANT_OCR_PAGE_TIMEOUT_S to read it)")
                pages.append(None)
                skipped.append(number)
            except (OSError, RuntimeError, ValueError) as exc:  # a tool that crashed or printed something unreadable
                pool.shutdown(cancel_futures=True)
                raise IngestError(str(path), f"OCR failed on page {number} ({exc})",
                                  "Check the file, or run `ocrmypdf in.pdf out.pdf` and ingest the result") from exc
    if len(skipped) == sum(scanned):
        raise IngestError(str(path), f"OCR read no page within {timeout_s:g} s per page",
                          "Raise ASSISTANT_OCR_PAGE_TIMEOUT_S and ingest the file again")
    read = iter(ocr.snap_sizes([p for p in pages if p is not None]))
    pages = [next(read) if p is not None else None for p in pages]
    rows = [[_ocr_row(line, n) for line in p.lines] if p else [] for n, p in enumerate(pages, start=1)]
    first = next(p for p in pages if p is not None)
    sizes = [(p.width, p.height) if p else (first.width, first.height) for p in pages]
    text = _layout(rows, sizes, [False] * page_count)
    words = [c for page_rows in rows for r in page_rows for _, c in r.ocr_words]
    facts = {"ocr": f"tesseract {ocr.LANGUAGE}, mean word confidence {sum(words) / max(len(words), 1):.2f}"}
    if skipped:
        facts["ocr_skipped_pages"] = ", ".join(map(str, skipped))
    return PdfText(text.lines, text.page_count, {**text.facts, **facts})


def _ocr_row(line: ocr.OcrLine, page: int) -> Row:
    """An OCR line as a row of fragments, one per word: the words keep their spaces, wide gaps still split cells."""
    last = len(line.words) - 1
    frags = [(w.x, line.y, line.size, "", w.text + ("" if i == last else " "), w.width, [(w.x, w.x + w.width, w.text)])
             for i, w in enumerate(line.words)]
    row = _row(frags, page)
    row.ocr_words = tuple((w.text, w.confidence) for w in line.words)
    return row


def _open(path: Path, data: bytes) -> pypdf.PdfReader:
    if b"%PDF" not in data[:1024]:
        raise IngestError(str(path), "not a PDF (no %PDF header)", "Check the file; rename it if it is text")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(str(path), "encrypted PDF (password required)",
                              "Remove the password, e.g. `qpdf --decrypt --password=PW in.pdf out.pdf`")
        len(reader.pages)
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(str(path), f"corrupt PDF ({type(exc).__name__}: {exc})",
                          "Get an intact copy of the file or re-save it as PDF") from exc
    return reader


class _GlyphReader:
    """What each glyph of a shown string reads as in pypdf's text ("ffi" for a ligature, a no-break space), one
    map per font of a document."""

    def __init__(self) -> None:
        self._maps: dict[int, tuple] = {}

    def __call__(self, font) -> Callable[[bytes], list[str]] | None:
        if font is None or get_encoding is None:
            return None
        if id(font) not in self._maps:
            try:
                self._maps[id(font)] = (font, *get_encoding(font))  # the font is kept, so its id stays its own
            except Exception:  # pypdf raises many types on damaged font maps: then one character a glyph
                self._maps[id(font)] = (font, None, {})
        _, encoding, to_unicode = self._maps[id(font)]
        if isinstance(encoding, dict):
            return lambda codes: [to_unicode.get(c, c) for c in (encoding.get(b, chr(b)) for b in codes)]
        if isinstance(encoding, str):
            return lambda codes: [to_unicode.get(c, c) for c in codes.decode(encoding, "surrogatepass")]
        return None


def _page_rows(page: pypdf.PageObject, number: int, decode: _GlyphReader | None = None) -> tuple[list[Row], float]:
    """Group the text fragments of one page into rows (same baseline, consecutive in the content stream), and
    the share of its text that runs sideways (a rotated table or page)."""
    rows: list[Row] = []
    fragments: list[tuple] = []
    shown = ShownRuns(_page_fonts(page), decode or _GlyphReader())
    sideways = [0, 0]

    def visit(text: str, cm: list, tm: list, font: dict | None, font_size: float) -> None:
        if not text.strip():
            shown.pieces("", 0.0, 0.0)
            if " " in text and fragments:  # a separate space fragment: keep the word break it stands for
                fragments[-1] = fragments[-1][:4] + (fragments[-1][4].rstrip("\n") + " ",) + fragments[-1][5:]
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        sideways[abs(tm[1] * cm[0]) > abs(tm[0] * cm[0])] += len(text)
        size = abs(font_size * tm[3] * cm[3]) or abs(font_size * tm[0] * cm[0])
        name = str((font or {}).get("/BaseFont", ""))
        width = _text_width(text.rstrip("\n"), font, size)
        pieces = shown.pieces(text, x, width)
        if text[:1].isspace() and text[:1] != " " and pieces:  # a no-break space shown first (an empty cell's filler):
            # start where the text does (a plain space is pypdf's own word break; its fragment keeps pypdf's place)
            x, width = pieces[0][0], pieces[-1][1] - pieces[0][0]
        text, pieces = _ligatures(text), [(a, b, _ligatures(t)) for a, b, t in pieces]  # after the cut: it counts pypdf's characters
        fragments.append((x, y, size, name, text.replace("\n", " "), width, pieces))

    page.extract_text(visitor_text=visit, visitor_operand_before=shown.before)
    current: list[tuple] = []
    for frag in fragments:
        jump = current and _column_jump(current[-1], frag)
        if current and (abs(frag[1] - current[0][1]) > T.SAME_ROW_EMS * max(frag[2], current[0][2]) or jump):
            rows.append(_row(current, number))
            current = []
        current.append(frag)
    if current:
        rows.append(_row(current, number))
    return rows, sideways[1] / max(sum(sideways), 1)


# Bullets and marks set in the Symbol or Wingdings font, which pypdf gives as private-use code points ("\uf0b7").
_SYMBOL_GLYPHS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf06c": "●", "\uf0ac": "★", "\uf0d8": "➢", "\uf0fc": "✓"})


def _ligatures(text: str) -> str:
    """A ligature glyph pypdf left as its name read as its letters: "a/f_lopen" -> "aflopen", "Ne/t_to" -> "Netto";
    a symbol font's bullet as the bullet it shows."""
    text = text.translate(_SYMBOL_GLYPHS)
    return LIGATURE_NAME.sub(lambda m: m.group(1).replace("_", ""), text) if "_" in text else text


def _page_fonts(page: pypdf.PageObject):
    try:
        return page["/Resources"]["/Font"]
    except (KeyError, TypeError):
        return {}


def _column_jump(previous: tuple, frag: tuple) -> bool:
    """A fragment far from where the previous one ended, in another font size, starts another column."""
    end = previous[0] + previous[5]
    return abs(frag[0] - end) > T.COLUMN_JUMP_PT and not T.SAME_SIZE_LOW < frag[2] / max(previous[2], 0.1) < T.SAME_SIZE_HIGH


def _text_width(text: str, font: dict | None, size: float) -> float:
    """Advance width of text from the font's /Widths table; half an em per character when there is none."""
    text = text.rstrip()
    try:
        widths, first = font["/Widths"], int(font["/FirstChar"])
        total = 0.0
        for ch in text:
            code = ord(ch) - first
            total += float(widths[code]) if 0 <= code < len(widths) and float(widths[code]) > 0 else T.GLYPH_EMS * 1000
        return total / 1000 * size
    except (KeyError, TypeError, ValueError, IndexError):
        return T.GLYPH_EMS * size * len(text)


def _row(frags: list[tuple], page: int) -> Row:
    """One row: cells split where the gap to the next fragment is much wider than a space; raised small
    numbers after text become explicit footnote markers."""
    weights: Counter = Counter()
    for _, _, size, name, text, _, _ in frags:
        weights[(round(size, 1), "Bold" in name or "Black" in name, "Italic" in name or "Oblique" in name)] += len(text)
    (size, bold, italic), _ = weights.most_common(1)[0]
    baseline = next(f[1] for f in frags if round(f[2], 1) == size)
    cells: list[tuple[float, str]] = []
    pieces: list[Piece] = []
    end = None
    word_gap = T.WORD_GAP
    for x, y, frag_size, _, text, width, shown in sorted(frags, key=lambda f: f[0]) if len(frags) > 1 else frags:
        if cells and frag_size < T.MARKER_SIZE * size and y - baseline > T.MARKER_RAISE * size and FOOTNOTE_MARK.fullmatch(text):
            cells[-1] = (cells[-1][0], cells[-1][1].rstrip() + explicit_marker(text.strip()))
            if pieces:
                pieces[-1] = (*pieces[-1][:2], pieces[-1][2] + explicit_marker(text.strip()))
            word_gap = T.MARK_GAP  # "2020³ ligt": after a raised marker, pypdf passes no space
            end = x + width
            continue
        if end is not None and x - end > T.CELL_GAP_EMS * frag_size and cells:
            cells.append((x, text))
        elif cells:
            glue = " " if end is not None and x - end > word_gap * frag_size and not cells[-1][1].endswith(" ") else ""
            cells[-1] = (cells[-1][0], cells[-1][1] + glue + text)
        else:
            cells.append((x, text))
        word_gap = T.WORD_GAP
        end = x + width
        pieces.extend(shown)
    return Row(page, frags[0][0] if len(frags) == 1 else min(f[0] for f in frags), baseline, size, bold, italic, cells,
               pieces)


@dataclass(frozen=True)
class _Frame:
    """Document-wide calibration: body font size and style, page sizes, repeated furniture keys."""

    body_size: float
    body_bold: bool
    full_chars: int
    sizes: list[tuple[float, float]]
    repeated: frozenset


def _calibrate(pages: list[list[Row]], sizes: list[tuple[float, float]]) -> _Frame:
    styles: Counter = Counter()
    for row in (r for rows in pages for r in rows):
        styles[(row.size, row.bold)] += len(row.text)
    (body_size, body_bold), _ = styles.most_common(1)[0]
    lengths = sorted(len(r.text) for rows in pages for r in rows if abs(r.size - body_size) < T.SAME_SIZE_PT) or [T.FALLBACK_LINE_CHARS]
    keys = Counter(k for rows in pages for k in {_furniture_key(r) for r in rows})
    threshold = max(T.FURNITURE_MIN_PAGES, T.FURNITURE_PAGE_SHARE * len(pages))
    repeated = frozenset(k for k, n in keys.items() if n >= threshold and len(pages) > 1)
    return _Frame(body_size, body_bold, lengths[int(T.FULL_LINE_PERCENTILE * (len(lengths) - 1))], sizes, repeated)


def _furniture_key(row: Row) -> tuple[int, str]:
    """Text with digits and spaces removed at a rounded height: 'P agina 2 van 7' repeats as 'paginavan'."""
    return round(row.y / T.FURNITURE_HEIGHT_PT), re.sub(r"[\d\s]", "", row.text).lower()


def _layout(pages: list[list[Row]], sizes: list[tuple[float, float]], turned: list[bool]) -> PdfText:
    """Classify rows as furniture, sidebar, letter head, footnote, table or body, and emit body `Line`s."""
    frame = _calibrate(pages, sizes)
    facts: dict[str, str] = {}
    lines: list[Line] = []
    heading_styles = _heading_styles(pages, frame)
    notes = _NoteCounter()
    carry: Carry | None = None
    form: Form | None = None
    unread: dict[str, list[int]] = {"rotated_pages": [], "two_column_pages": []}
    for index, rows in enumerate(pages):
        width, height = sizes[index]
        # figures far right in a small font are a table's last column, not the letter sidebar
        in_sidebar = [r.x > T.SIDEBAR_X * width and r.size < T.SIDEBAR_SIZE * frame.body_size and not (is_value(r.text) and len(r.text) <= 12)
                      and not (len(r.text) <= 16 and find_unit(r.text)) and not _labels_figure(r, rows) for r in rows]  # "mld euro's" under a chart
        sidebar = [r for r, side in zip(rows, in_sidebar) if side]
        rows = [r for r, side in zip(rows, in_sidebar) if not side]
        facts.setdefault("running_footer", next((r.text for r in rows if RUNNING_FOOTER.search(r.text)), ""))
        rows = [r for r in rows if _furniture_key(r) not in frame.repeated and not ADDRESS_LINE.match(r.text)]
        in_notes = _footnote_tops(rows, frame, width, height)
        rows = [r for r in rows if in_notes(r) or not _in_margin(r, rows, frame, height)]
        if index == 0:
            facts.update(_sidebar_facts(sorted(sidebar, key=lambda r: -r.y)))
            rows = _strip_letter_head(rows, facts)
        # Tables are read only where rows run across the page: a sideways or two-column page is reported instead.
        layout = "rotated_pages" if turned[index] else "two_column_pages" if _two_columns(rows, width) else None
        if layout:
            unread[layout].append(index + 1)
        body = [r for r in rows if not in_notes(r)]
        tables, carry = read_tables(body, carry) if layout is None else ([], None)
        table_of = {id(body[k]): t for t in tables for k in t.consumed}
        form = read_form([r for r in body if id(r) not in table_of], form)  # a fiche's form runs on over its pages
        lines.extend(_page_lines(rows, frame, in_notes, heading_styles, notes, table_of, body, form))
    layout_facts = {k: ", ".join(map(str, v)) for k, v in unread.items() if v}
    return PdfText(lines, len(pages),
                   letter_facts(facts) | {k: v for k, v in facts.items() if k in ("afzender", "running_footer") and v} | layout_facts)


def _labels_figure(row: Row, rows: list[Row]) -> bool:
    """A chart's label right of its figure ("-16,1   Overig"): a figure in the same small font on its baseline."""
    return any(o is not row and abs(o.y - row.y) < T.SAME_ROW_EMS * row.size and abs(o.size - row.size) < T.SAME_SIZE_PT
               and o.x < row.x and is_value(o.text) for o in rows)


def _two_columns(rows: list[Row], width: float) -> bool:
    """Body text set in two columns: many rows ending left of the middle and as many starting right of it."""
    ends = [max((p[1] for p in r.pieces), default=r.x) for r in rows]
    left = sum(1 for r, e in zip(rows, ends) if r.x < 0.4 * width and e < 0.52 * width and len(r.text) > 30)
    right = sum(1 for r in rows if r.x > 0.48 * width and len(r.text) > 30)
    return left >= 8 and right >= 8 and left + right >= 0.6 * len(rows)


@dataclass
class _NoteCounter:
    """The last footnote number seen, so a continuation line starting with a number is not a new note."""

    last: int = 0

    def starts_note(self, number: int) -> bool:
        if number == 1 or self.last < number <= self.last + T.NOTE_NUMBER_STEP:  # lower numbers continue a note
            self.last = number
            return True
        return False


def _footnote_tops(rows: list[Row], frame: _Frame, width: float, height: float) -> Callable[[Row], bool]:
    """Whether a row belongs to the footnote block of its column (each half of a two-page spread)."""
    halves = 2 if width > height else 1
    tops = [_footnote_top([r for r in rows if _half(r, width, halves) == h], frame, height) for h in range(halves)]

    def in_notes(row: Row) -> bool:
        top = tops[_half(row, width, halves)]
        return top is not None and row.y <= top.y and row.x >= top.x - T.SAME_COLUMN_PT and row.size < T.NOTE_SIZE * frame.body_size
    return in_notes


def _half(row: Row, width: float, halves: int) -> int:
    return min(int(row.x / width * halves), halves - 1)


def _footnote_top(rows: list[Row], frame: _Frame, height: float) -> Row | None:
    """The first footnote row: the highest number-led small row with only small rows (or a footer) below it."""
    top = None
    for row in sorted(rows, key=lambda r: r.y):
        if not FOOTNOTE_START.match(row.text) and _in_margin(row, rows, frame, height):
            continue  # a running footer below the notes
        if row.size >= T.NOTE_SIZE * frame.body_size:
            break
        if FOOTNOTE_START.match(row.text):
            top = row
    return top


def _in_margin(row: Row, rows: list[Row], frame: _Frame, height: float) -> bool:
    """Page numbers and running lines in the top or bottom margin; a body line continuing its column is text."""
    if not (row.y > T.MARGIN_TOP * height or row.y < T.MARGIN_BOTTOM * height) or row.size > frame.body_size * T.MARGIN_TITLE_SIZE:
        return False
    if abs(row.size - frame.body_size) >= T.SAME_SIZE_PT:
        return True
    return not any(abs(o.x - row.x) < T.SAME_COLUMN_PT and abs(o.size - row.size) < T.SAME_SIZE_PT
                   and 0 < o.y - row.y <= T.MARGIN_CONTINUES_EMS * row.size
                   for o in rows)


def _sidebar_facts(rows: list[Row]) -> dict[str, str]:
    """Sender (first bold lines) and label/value pairs ('Ons kenmerk' then its value) from the letter sidebar."""
    facts: dict[str, str] = {}
    sender: list[Row] = []
    for row in rows:
        if not row.bold or (sender and sender[-1].y - row.y > T.SENDER_GAP_EMS * row.size):
            break
        sender.append(row)
    if sender:
        facts["afzender"] = " ".join(r.text for r in sender)
    for row, following in zip(rows, rows[1:] + [None]):
        label = row.text.strip()
        if label in SIDEBAR_LABELS and following is not None and label not in facts:
            facts[label] = following.text.strip()
    return facts


def _strip_letter_head(rows: list[Row], facts: dict[str, str]) -> list[Row]:
    """Drop the address block and 'Datum/Betreft' lines above the salutation; keep their values as facts."""
    labels = [i for i, r in enumerate(rows) if LETTER_LABEL.match(r.text)]
    if not labels:
        return rows
    run = next((k for k in range(1, len(labels)) if labels[k] - labels[k - 1] > T.LABEL_RUN_ROWS), len(labels))
    labels = labels[:run]
    end = labels[-1]
    for i, row in enumerate(rows[end + 1 : end + 1 + T.SALUTATION_ROWS], start=end + 1):
        if SALUTATION.match(row.text):
            end = i
            break
        if row.x > rows[labels[-1]].x + T.WRAPPED_VALUE_INDENT_PT:  # a wrapped 'Betreft' value
            end = i
    last_label = None
    for row in rows[: end + 1]:
        m = LETTER_LABEL.match(row.text)
        if m:
            last_label = m.group(1)
            facts.setdefault(last_label, m.group(2).strip())
        elif last_label and not SALUTATION.match(row.text) and rows.index(row) > labels[-1]:
            facts[last_label] += " " + row.text.strip()
    return rows[end + 1 :]


def _heading_styles(pages: list[list[Row]], frame: _Frame) -> dict[tuple[float, bool], int]:
    """Rank the fonts that set text apart (larger or bold): the largest is rank 0."""
    styles = {(r.size, r.bold) for rows in pages for r in rows
              if r.size >= T.HEADING_SIZE * frame.body_size
              or (r.bold and not frame.body_bold and r.size >= T.BOLD_HEADING_SIZE * frame.body_size)}
    ordered = sorted(styles, key=lambda s: (-s[0], not s[1]))
    return {style: rank for rank, style in enumerate(ordered)}


def _page_lines(rows: list[Row], frame: _Frame, in_notes: Callable[[Row], bool], styles: dict, notes: _NoteCounter,
                table_of: dict[int, Table], body: list[Row], form: Form | None) -> list[Line]:
    """Body, footnote and table lines of one page with paragraph gaps measured from the line spacing."""
    lines: list[Line] = []
    spacing = _line_spacing(rows, frame)
    previous: Row | None = None
    for row in rows:
        text = row.text
        if in_notes(row):
            m = FOOTNOTE_START.match(text)
            number = int(m.group(1)) if m and notes.starts_note(int(m.group(1))) else None
            lines.append(Line(text, row.page, role="footnote", footnote_number=number, ocr_words=row.ocr_words))
            continue
        gap = previous is None or (previous.y - row.y) > T.PARAGRAPH_GAP * spacing
        table = table_of.get(id(row))
        if table is not None:
            if body[table.first_row] is row:
                words = tuple(w for k in sorted(table.consumed) for w in body[k].ocr_words)
                lines.extend(_table_lines(table, row.page, words))
        elif form is not None and id(row) in form.labels:
            label, said = form.labels[id(row)]
            named = set(label.split())  # from a scan, each part keeps its own words' confidences
            label_words = tuple(w for w in row.ocr_words if w[0] in named) or row.ocr_words
            lines.append(Line(label, row.page, True, role="form_label", ocr_words=label_words))
            if said:
                said_words = tuple(w for w in row.ocr_words if w not in label_words) or row.ocr_words
                lines.append(Line(said, row.page, True, ocr_words=said_words, form_text=True))
        elif not figures_only(row):
            lines.append(Line(text, row.page, gap, style_rank=styles.get((row.size, row.bold)),
                              width_ratio=len(text) / max(frame.full_chars, 1), ocr_words=row.ocr_words,
                              form_text=form is not None and id(row) in form.text_rows and not row.bold))
        previous = row
    return lines


def _table_lines(table: Table, page: int, ocr_words: tuple = ()) -> list[Line]:
    """A table's header (a heading the rows sit under) and one line per row, each with its cells (and, from a scan,
    the table's words with their confidences)."""
    lines = [Line(table.header, page, True, role="table_header")] if table.header else []
    lines += [Line(r.text, page, True, role="table_row", table=r.title, cells=r.cells, ocr_words=ocr_words)
              for r in table.rows if r.text]
    return lines


def _line_spacing(rows: list[Row], frame: _Frame) -> float:
    steps = [a.y - b.y for a, b in zip(rows, rows[1:]) if 0 < a.y - b.y < T.MAX_LINE_STEP * frame.body_size]
    return sorted(steps)[len(steps) // 2] if steps else T.DEFAULT_LINE_SPACING * frame.body_size
