"""Pure text functions that turn extracted lines into citable paragraphs.

Both readers (plain text and PDF) describe their input as `Line`s; `build_blocks`
groups them into headings, paragraphs, footnotes and table rows, and `assemble`
turns those into `Paragraph`s with sections, footnote links, ids and offsets.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field, replace

from assistant.types import Paragraph

ABBREVIATIONS = frozenset(
    "o.a a.s bijv d.w.z e.d e.a jl nr nrs art mln mld mrd blz p pag resp i.c i.p.v m.b.t t.a.v t.o.v ca "
    "incl excl vgl zgn z.g.a.n etc dhr mevr mr dr drs ir ing prof min stas st no d.d n.a.v m.u.v i.s.m "
    "enz o.b.v m.i.v c.q e.v vs lid sub bv".split()
)
SENTENCE_END = re.compile(r"[.!?…][\"'’”)\]]*$")
LIST_MARKER = re.compile(r"^\s*(?:[a-z]\)|[ivx]+\)|\d+\)|[•▪●◦■\-–*]\s)")
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+[^\W\d_]")
TRAILING_PUNCT = tuple(".,;:!?-–(")
FOOTNOTE_GLUED = re.compile(r"(?<=[^\W\d_])([.,;:)’”'\"]{0,2})(\d{1,3})(?=[\s.,;:)’”]|$)")
FOOTNOTE_ON_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(\d{1,2})(?=[\s.,;:)]|$)")
FUNCTION_WORDS = frozenset(
    "de het een van en in op voor met te aan door over bij tot om als of dat die dit deze zoals naar uit "
    "is zijn wordt worden kan er ook niet wel nog maar dan zo zich we wij ik u hun haar".split()
)
SHORT_CAPS = re.compile(r"[A-Z]{1,3}$")  # CO2, H2, Q1: letters+digit that is no footnote marker


@dataclass(frozen=True)
class Line:
    """One extracted line with the layout facts the paragraph builder needs."""

    text: str  # as extracted; a trailing '-' without a space is a line-end hyphen
    page: int
    gap_before: bool = False  # a blank line or a larger vertical gap precedes it
    role: str = "body"  # body | footnote | table_row | table_header
    style_rank: int | None = None  # PDF: rank of a heading style (0 = largest); None = body style
    width_ratio: float = 1.0  # length relative to a full body line; short lines may be headings
    footnote_number: int | None = None  # set on the first line of a footnote


@dataclass
class Block:
    """A heading, paragraph, footnote or table row before ids are assigned."""

    kind: str
    lines: list[str] = field(default_factory=list)
    line_pages: list[int] = field(default_factory=list)
    level: int = 0
    number: int | None = None  # footnote number

    @property
    def pages(self) -> list[int]:
        return list(dict.fromkeys(self.line_pages))

    def add(self, line: Line) -> None:
        self.lines.append(line.text)
        self.line_pages.append(line.page)


def ends_sentence(text: str) -> bool:
    """True when text ends like a finished sentence (., !, ? possibly followed by a quote)."""
    return bool(SENTENCE_END.search(text.rstrip()))


def is_heading_shape(text: str) -> bool:
    """Short, starts with a capital or a number, no final punctuation, not a list item."""
    t = text.strip()
    if not t or len(t) > 90 or len(t.split()) > 14 or LIST_MARKER.match(t) or not re.search(r"[^\W\d_]{2}", t):
        return False
    return (t[0].isupper() or t[0].isdigit()) and not t.endswith(TRAILING_PUNCT)


def join_lines(lines: list[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """Unwrap lines into one string; join 'aanvra-/gen' but keep compounds like 'NGF-/voorstel'."""
    out, spaced = "", False
    for raw in lines:
        line = raw.replace("\u00ad", "").replace("\u202f", " ").replace("\xa0", " ").strip()
        if not line:
            continue
        if out.endswith("-") and not spaced and not out.endswith(" -"):
            out = out[:-1] + line if _joinable(out, line, vocabulary) else out + line
        else:
            out = f"{out} {line}" if out else line
        spaced = raw.rstrip("\n") != raw.rstrip()
    return re.sub(r"\s{2,}", " ", out).strip()


def _joinable(before: str, after: str, vocabulary: frozenset[str]) -> bool:
    """A line-end hyphen between two lowercase letters is a break unless the document spells it hyphenated."""
    if len(before) < 2 or not before[-2].islower() or not after[:1].islower():
        return False
    head = re.findall(r"[^\W\d_]+-$", before)
    tail = re.match(r"[^\W\d_]+", after)
    if head and tail and f"{head[0]}{tail.group(0)}".lower() in vocabulary:
        return False  # the document writes this compound with a hyphen elsewhere
    return True


def hyphen_vocabulary(texts: list[str]) -> frozenset[str]:
    """Hyphenated compounds written inside a line ('publiek-private'): keep them when a line breaks there."""
    found: set[str] = set()
    for text in texts:
        found.update(m.lower() for m in re.findall(r"[^\W\d_]+-[^\W\d_]+", text))
    return frozenset(found)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; no break after Dutch abbreviations, initials or inside decimals."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?…][\"'’”)\]]*\s+(?=[\"'‘“(]?[A-Z0-9€À-Ý])", text):
        word = text[start : m.start() + 1].split()[-1].lower().rstrip(".")
        word = word.lstrip("(\"'‘“")
        if word in ABBREVIATIONS or re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", word):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def split_long(text: str, trigger: int = 150, max_words: int = 120) -> list[tuple[int, int]]:
    """Spans of balanced sentence-aligned parts for a paragraph over `trigger` words."""
    total = len(text.split())
    if total <= trigger:
        return [(0, len(text))]
    spans = sentence_spans(text)
    counts = [len(text[s:e].split()) for s, e in spans]
    parts = math.ceil(total / max_words)
    cuts, cumulative, k = [], 0, 1
    for i, count in enumerate(counts[:-1]):
        before, cumulative = cumulative, cumulative + count
        target = k * total / parts
        if cumulative >= target and k < parts:
            chosen = i if abs(cumulative - target) <= abs(before - target) or not cuts and i == 0 else i - 1
            if chosen >= 0 and (not cuts or chosen > cuts[-1]):
                cuts.append(chosen)
            k += 1
    bounds = [0] + [spans[i][1] for i in cuts] + [len(text)]
    return [(bounds[j], bounds[j + 1]) for j in range(len(bounds) - 1) if text[bounds[j] : bounds[j + 1]].strip()]


def strip_footnote_markers(text: str, defined: set[int], expected: int) -> tuple[str, list[tuple[int, int]], int]:
    """Remove glued footnote markers that follow the numbering sequence; return text, (offset, n) pairs, next n."""
    candidates = []
    for m in FOOTNOTE_GLUED.finditer(text):
        word = re.findall(r"[^\W\d_]+$", text[: m.start()])
        if m.group(1) == "" and word and SHORT_CAPS.fullmatch(word[0]):
            continue
        candidates.append((m.start(2), m.end(2), int(m.group(2)), False))
    for m in FOOTNOTE_ON_YEAR.finditer(text):
        candidates.append((m.start(2), m.end(2), int(m.group(2)), True))
    removed, markers, used = [], [], set()
    for start, end, number, on_year in sorted(candidates):
        unused = number in defined and (number not in used or number + 3 >= expected)
        if number == expected or (unused and not on_year):
            removed.append((start, end))
            used.add(number)
            expected = max(expected, number + 1)
    clean, last, shift = [], 0, 0
    for start, end in removed:
        clean.append(text[last:start])
        shift += end - start
        markers.append((start - (shift - (end - start)), int(text[start:end])))
        last = end
    clean.append(text[last:])
    return "".join(clean), markers, expected


def paragraph_id(doc_id: str, ordinal: int) -> str:
    """Short, stable, corpus-unique id: 8 hex of sha1(doc id) + 4-digit ordinal."""
    return f"{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}-{ordinal:04d}"


def numbered_depth(text: str) -> int:
    m = NUMBERED_HEADING.match(text.strip())
    return m.group(1).count(".") + 1 if m else 0


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
        if line.role in ("table_row", "table_header"):
            blocks.append(Block("heading" if line.role == "table_header" else "table_row", level=TABLE_HEADER_LEVEL))
            blocks[-1].add(line)
            current = None
            continue
        last = blocks[-1] if blocks else None
        if (current is None and last is not None and last.kind == "heading" and line.style_rank is not None
                and not line.gap_before and last.level == line.style_rank and len(last.lines) < 5
                and last.line_pages[-1] == line.page):
            last.add(line)  # a styled heading wrapping onto its next line
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
UNRANKED = -1


def _is_heading(line: Line, following: list[Line], current: Block | None, blocks: list[Block]) -> bool:
    """A heading: heading-shaped, after a finished sentence, followed by body text, and set apart by style or space."""
    text = line.text.strip()
    if not is_heading_shape(text) or (current is not None and not _finished(current, line)):
        return False
    if not any(f.role in ("body", "table_row", "table_header") for f in following[:6]):
        return False
    after_heading = bool(blocks) and blocks[-1].kind == "heading" and current is None
    if line.style_rank is not None:
        return True
    if numbered_depth(text) and (line.gap_before or after_heading):
        return True
    words = text.split()
    if "," in text or words[-1].lower() in FUNCTION_WORDS or line.width_ratio >= 0.84:
        return False
    return line.gap_before or not blocks or (after_heading and len(words) <= 8)


def _finished(current: Block, line: Line) -> bool:
    """The open paragraph has ended: a full sentence, or a short last line (a caption) before a gap."""
    last = current.lines[-1].strip()
    return ends_sentence(last) or (line.gap_before and len(last) < 40 and not last.endswith((",", "-")))


def _add_heading(blocks: list[Block], line: Line) -> None:
    """Start a heading block, or continue the previous one when a styled heading wraps onto a second line."""
    last = blocks[-1] if blocks else None
    if (
        last is not None and last.kind == "heading" and not line.gap_before and line.style_rank is not None
        and last.level == line.style_rank and len(last.lines) < 4 and last.pages[-1] == line.page
    ):
        last.add(line)
        return
    depth = numbered_depth(line.text)
    level = 10 + depth if depth else (line.style_rank if line.style_rank is not None else UNRANKED)
    block = Block("heading", level=level)
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


@dataclass
class _Draft:
    kind: str
    text: str
    pages: tuple[int, ...]
    section: tuple[str, ...]
    numbers: list[int] = field(default_factory=list)  # footnote numbers cited (or, for a footnote, its own)


def assemble(doc_id: str, blocks: list[Block], max_words: int = 120) -> tuple[str, tuple[Paragraph, ...]]:
    """Paragraphs with sections, split to focused parts, footnotes linked, ids and offsets into one clean text."""
    vocabulary = hyphen_vocabulary([line for b in blocks for line in b.lines])
    defined = {b.number for b in blocks if b.kind == "footnote" and b.number is not None}
    drafts, path, expected = [], [], 1
    for block in blocks:
        text = join_lines(block.lines, vocabulary)
        if block.kind == "footnote":
            body = re.sub(r"^\d{1,3}\s*", "", text) if block.number is not None else text
            drafts.append(_Draft("footnote", body, tuple(block.pages), (), [block.number or 0]))
            continue
        page_marks = _page_marks(block, vocabulary)
        text, markers, expected = strip_footnote_markers(text, defined, expected)
        if block.kind == "heading":
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, text))
            continue
        section = tuple(t for _, t in path)
        spans = split_long(text, max_words + 30, max_words) if block.kind == "paragraph" else [(0, len(text))]
        for start, end in spans:
            part = text[start:end].strip()
            if not re.search(r"[^\W\d_]", part):
                continue
            pages = tuple(p for p, (s, e) in page_marks.items() if s < end and e > start) or tuple(block.pages[:1])
            numbers = [n for offset, n in markers if start <= offset <= end]
            drafts.append(_Draft(block.kind, part, pages, section, numbers))
    return _finish(doc_id, _order(drafts))


def _page_marks(block: Block, vocabulary: frozenset[str]) -> dict[int, tuple[int, int]]:
    """Approximate character range of each page inside the joined block text."""
    if len(block.pages) == 1:
        return {block.pages[0]: (0, 10**9)}
    marks: dict[int, tuple[int, int]] = {}
    offset = 0
    for k, page in enumerate(block.line_pages):
        end = len(join_lines(block.lines[: k + 1], vocabulary))
        s, _ = marks.get(page, (offset, end))
        marks[page] = (s, end)
        offset = end
    return marks


def _order(drafts: list[_Draft]) -> list[_Draft]:
    """Each footnote right after the first paragraph citing it; uncited footnotes stay where they were found."""
    notes: dict[int, _Draft] = {}
    for d in drafts:
        if d.kind == "footnote":
            notes.setdefault(d.numbers[0], d)  # a repeated number (restarted numbering) keeps the first note
    cited = {n for d in drafts if d.kind != "footnote" for n in d.numbers}
    ordered: list[_Draft] = []
    for draft in drafts:
        if draft.kind == "footnote":
            if draft.numbers[0] not in cited:
                ordered.append(draft)
            continue
        ordered.append(draft)
        for n in draft.numbers:
            note = notes.get(n)
            if note is not None and note not in ordered:
                ordered.append(replace(note, section=draft.section))
    return ordered


def _finish(doc_id: str, drafts: list[_Draft]) -> tuple[str, tuple[Paragraph, ...]]:
    """Assign ids in reading order, link footnotes both ways and compute offsets into the joined text."""
    ids = [paragraph_id(doc_id, i + 1) for i in range(len(drafts))]
    note_ids: dict[int, str] = {}
    for i, d in enumerate(drafts):
        if d.kind == "footnote":
            note_ids.setdefault(d.numbers[0], ids[i])
    citing: dict[int, str] = {}
    for i, d in enumerate(drafts):
        if d.kind != "footnote":
            for n in d.numbers:
                citing.setdefault(n, ids[i])
    paragraphs, offset, parts = [], 0, []
    for i, d in enumerate(drafts):
        footnotes = tuple(note_ids[n] for n in d.numbers if n in note_ids) if d.kind != "footnote" else ()
        is_linked = d.kind == "footnote" and note_ids.get(d.numbers[0]) == ids[i]
        refers_to = citing.get(d.numbers[0]) if is_linked else None
        paragraphs.append(Paragraph(
            id=ids[i], doc_id=doc_id, text=d.text, pages=d.pages, section=d.section, start=offset,
            end=offset + len(d.text), kind=d.kind, footnotes=footnotes, refers_to=refers_to,
        ))
        parts.append(d.text)
        offset += len(d.text) + 2
    return "\n\n".join(parts), tuple(paragraphs)
