"""Group extracted lines into headings, paragraphs, footnotes and table rows (the step before `assemble`).

Both readers (plain text and PDF) describe their input as `Line`s with layout facts; headings are recognised
by style, numbering, shape and the space around them, never by their wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.parsing import tuning as T
from assistant.text.sentences import ends_sentence

LIST_MARKER = re.compile(r"^\s*(?:[a-z]\)|[ivx]+\)|\d+\)|[•▪●◦■\-–*]\s)")
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*|\d{3}(?=\.))\.?\s+[^\W\d_]")  # "2.1 Uitgaven", "141. Afschaffen"
TRAILING_PUNCT = tuple(".,;:!?-–(")
FUNCTION_WORDS = frozenset(
    "de het een van en in op voor met te aan door over bij tot om als of dat die dit deze zoals naar uit "
    "is zijn wordt worden kan er ook niet wel nog maar dan zo zich we wij ik u hun haar".split()
)


@dataclass(frozen=True)
class Line:
    """One extracted line with the layout facts the paragraph builder needs."""

    text: str  # as extracted; a trailing '-' without a space is a line-end hyphen
    page: int
    gap_before: bool = False  # a blank line or a larger vertical gap precedes it
    role: str = "body"  # body | footnote | table_row | table_header | form_label
    style_rank: int | None = None  # PDF: rank of a heading style (0 = largest); None = body style
    width_ratio: float = 1.0  # length relative to a full body line; short lines may be headings
    footnote_number: int | None = None  # set on the first line of a footnote
    table: str = ""  # a table row's table title
    cells: tuple = ()  # a table row's cells (`Cell`s), empty ones included
    ocr_words: tuple[tuple[str, float], ...] = ()  # from a scan: each word with its OCR confidence (0..1)
    form_text: bool = False  # set in a form's text column: the text a label heads, never a heading itself


@dataclass
class Block:
    """A heading, paragraph, footnote or table row before ids are assigned."""

    kind: str
    lines: list[str] = field(default_factory=list)
    line_pages: list[int] = field(default_factory=list)
    level: int = 0
    number: int | None = None  # footnote number
    style: int | None = None  # a heading's font style rank, when it has one
    table: str = ""  # a table row's table title
    cells: tuple = ()  # a table row's cells
    ocr_words: list[tuple[str, float]] = field(default_factory=list)  # from a scan: its words' OCR confidences

    @property
    def pages(self) -> list[int]:
        return list(dict.fromkeys(self.line_pages))

    def add(self, line: Line) -> None:
        self.lines.append(line.text)
        self.line_pages.append(line.page)
        self.ocr_words.extend(line.ocr_words)


def is_heading_shape(text: str) -> bool:
    """Short, starts with a capital or a number, no final punctuation, not a list item."""
    t = text.strip()
    if not t or len(t) > T.HEADING_MAX_CHARS or len(t.split()) > T.HEADING_MAX_WORDS or LIST_MARKER.match(t) or not re.search(r"[^\W\d_]{2}", t):
        return False
    return (t[0].isupper() or t[0].isdigit()) and not t.endswith(TRAILING_PUNCT)


def numbered_depth(text: str) -> int:
    m = NUMBERED_HEADING.match(text.strip())
    return m.group(1).count(".") + 1 if m else 0


def numbered_title(text: str) -> bool:
    """A numbered heading that reads as a title; a numbered line ending on a function word ("15 De Nederlandse
    inzet ziet toe op ..., namelijk het") is a sentence broken off, not a section's name."""
    words = text.split()
    return bool(numbered_depth(text)) and words[-1].lower() not in FUNCTION_WORDS


def topic_heading(section: tuple[str, ...], table_header: str = "") -> str:
    """The numbered heading a paragraph's unnumbered nearest heading stands under: the measure "141. Afschaffen
    carry-back" above "Budgettaire aspecten", which every measure of a list repeats. A table row's column header line
    in its section is no heading. Empty when there is none."""
    section = tuple(t for t in section if t != table_header) if table_header else section
    if not section or numbered_depth(section[-1]):
        return ""
    return next((h for h in reversed(section[:-1]) if numbered_title(h)), "")


def build_blocks(lines: list[Line]) -> list[Block]:
    """Group lines into headings, paragraphs (ending where a sentence ends before a gap), footnotes and table rows."""
    blocks: list[Block] = []
    current: Block | None = None
    footnote: Block | None = None
    for i, line in enumerate(lines):
        if not line.text.strip():
            continue
        if line.role == "footnote":
            if line.footnote_number is not None or footnote is None:
                footnote = Block("footnote", number=line.footnote_number)
                blocks.append(footnote)
            footnote.add(line)
            continue
        if line.role == "form_label":  # a form's label heads the text beside it
            if current is None and blocks and blocks[-1].level == FORM_LABEL_LEVEL and blocks[-1].kind == "heading":
                blocks[-1].add(line)  # "Budgettaire" / "aspecten": a label over two lines
                continue
            blocks.append(Block("heading", level=FORM_LABEL_LEVEL))
            blocks[-1].add(line)
            current = None
            continue
        if line.role in ("table_row", "table_header"):
            blocks.append(Block("heading" if line.role == "table_header" else "table_row", level=TABLE_HEADER_LEVEL,
                                table=line.table, cells=line.cells))
            blocks[-1].add(line)
            current = None
            continue
        last = blocks[-1] if blocks else None
        if current is None and _wraps(last, line, max_lines=T.HEADING_WRAP_LINES):
            last.add(line)  # a styled heading wrapping onto its next line
            continue
        if current is None and last is not None and last.kind == "heading" and _unfinished_heading(last, line):
            last.add(line)  # "1.2 Blootstelling ... ultrafijn stof en" / "andere stoffen"
            continue
        if _is_heading(line, lines[i + 1 :], current, blocks):
            _add_heading(blocks, line)
            current = None
            continue
        if current is None or (line.gap_before and ends_sentence(current.lines[-1])):
            current = Block("paragraph")
            blocks.append(current)
        current.add(line)
    _rank_plain_headings(blocks)
    return blocks


TABLE_HEADER_LEVEL = 30
FORM_LABEL_LEVEL = 20  # under the document's styled and numbered headings, over a table's header
UNRANKED = -1


def _is_heading(line: Line, following: list[Line], current: Block | None, blocks: list[Block]) -> bool:
    """A heading: heading-shaped, after a finished sentence, followed by body text, and set apart by style or space."""
    text = line.text.strip()
    # a styled heading broken at a hyphen ("... in de Vpb (carry-" / "back)") goes on in the same style on the next line
    broken = text.endswith("-") and line.style_rank is not None and bool(following) and following[0].style_rank == line.style_rank
    if line.form_text or not is_heading_shape(text.rstrip("-") if broken else text) or (current is not None and not _finished(current, line)):
        return False
    if not any(f.role in ("body", "table_row", "table_header") for f in following[: T.HEADING_BODY_WITHIN]):
        return False
    after_heading = bool(blocks) and blocks[-1].kind == "heading" and current is None
    if line.style_rank is not None:
        return True
    if numbered_depth(text) and (line.gap_before or after_heading):
        return True
    words = text.split()
    if "," in text or words[-1].lower() in FUNCTION_WORDS or line.width_ratio >= T.BODY_LINE_WIDTH:
        return False
    return line.gap_before or not blocks or (after_heading and len(words) <= T.STACKED_HEADING_WORDS)


_JOINING_WORDS = frozenset("en of van voor de het een in op met aan door over bij tot naar uit te".split())


def _unfinished_heading(heading: Block, line: Line) -> bool:
    """A heading line ending in 'en', 'van', ',' or '-', or followed by a line in its style, goes on:
    the next line, close below, short and starting in lower case, ends it."""
    words = heading.lines[-1].split()
    if not words or len(heading.lines) >= T.UNFINISHED_HEADING_LINES or line.gap_before or heading.line_pages[-1] != line.page:
        return False
    dangling = words[-1].lower() in _JOINING_WORDS or words[-1].endswith((",", "-"))
    # "5. Financiële implicaties, ... en geopolitieke" / "aspecten", in the heading's own style
    dangling = dangling or (heading.style is not None and heading.style == line.style_rank)
    text = line.text.strip()
    return dangling and text[:1].islower() and 0 < len(text.split()) <= T.HEADING_TAIL_WORDS and not ends_sentence(text)


def _finished(current: Block, line: Line) -> bool:
    """The open paragraph has ended: a full sentence, or a short last line (a caption) before a gap."""
    last = current.lines[-1].strip()
    return ends_sentence(last) or (line.gap_before and len(last) < T.CAPTION_CHARS and not last.endswith((",", "-")))


def _wraps(last: Block | None, line: Line, max_lines: int = T.HEADING_SHAPED_WRAP_LINES) -> bool:
    """Does a line in the style of the (unnumbered) heading right above go on with it?"""
    return (
        last is not None and last.kind == "heading" and not line.gap_before and line.style_rank is not None
        and last.level == line.style_rank and len(last.lines) < max_lines and last.line_pages[-1] == line.page
    )


def _add_heading(blocks: list[Block], line: Line) -> None:
    """Start a heading block, or continue the previous one when a styled heading wraps onto a second line."""
    last = blocks[-1] if blocks else None
    if _wraps(last, line):
        last.add(line)
        return
    depth = numbered_depth(line.text)
    level = 10 + depth if depth else (line.style_rank if line.style_rank is not None else UNRANKED)
    block = Block("heading", level=level, style=line.style_rank)
    block.add(line)
    blocks.append(block)


def _rank_plain_headings(blocks: list[Block]) -> None:
    """Stacked plain headings nest: in a run of k headings the last is deepest (plain text has no fonts)."""
    run: list[Block] = []
    for block in blocks + [Block("end")]:
        if block.kind == "heading":
            run.append(block)
            continue
        unranked = [b for b in run if b.level == UNRANKED]
        for j, b in enumerate(unranked):
            b.level = max(0, 5 - (len(unranked) - 1 - j))
        run = []


