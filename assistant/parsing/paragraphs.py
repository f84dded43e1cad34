"""Pure text functions that turn blocks (see `assistant.blocks`) into citable paragraphs.

`assemble` unwraps each block's lines, removes footnote markers, splits long paragraphs at sentence
boundaries and gives every part its section path, footnote links, id and offsets.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from assistant.parsing.blocks import FORM_LABEL_LEVEL, TABLE_HEADER_LEVEL, Block, numbered_depth, numbered_title
from assistant.parsing.footnotes import strip_footnote_markers
from assistant.text.sentences import sentence_spans
from assistant.types import Paragraph, paragraph_id

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


@dataclass
class _Draft:
    kind: str
    text: str
    pages: tuple[int, ...]
    section: tuple[str, ...]
    numbers: list[int] = field(default_factory=list)  # footnote numbers cited (or, for a footnote, its own)
    table: str = ""
    cells: tuple = ()
    ocr_words: tuple[tuple[str, float], ...] = ()  # from a scan: the block's words with their OCR confidences


def assemble(doc_id: str, blocks: list[Block], max_words: int = 120) -> tuple[str, tuple[Paragraph, ...]]:
    """Paragraphs with sections, split to focused parts, footnotes linked, ids and offsets into one clean text."""
    vocabulary = hyphen_vocabulary([line for b in blocks for line in b.lines])
    defined = {b.number for b in blocks if b.kind == "footnote" and b.number is not None}
    drafts, path, expected = [], [], 1
    headings = [(b, join_lines(b.lines, vocabulary).lower()) for b in blocks if b.kind == "heading"]
    recurring = _recurring_headings(headings)
    listed = _lists_items(headings, recurring)
    parts: dict[str, set[str]] = {}  # numbered heading -> the recurring headings seen under it ("Budgettaire aspecten")
    for at, block in enumerate(blocks):
        text = join_lines(block.lines, vocabulary)
        if block.kind == "footnote":
            body = re.sub(r"^\d{1,3}\s*", "", text) if block.number is not None else text
            drafts.append(_Draft("footnote", body, tuple(block.pages), (), [block.number or 0],
                                 ocr_words=tuple(block.ocr_words)))
            continue
        page_marks = _page_marks(block, vocabulary)
        text, markers, expected = strip_footnote_markers(text, defined, expected)
        numbers = [n for _, n in markers]
        if block.kind == "heading":
            above = next((entry for entry in reversed(path) if entry[3]), None)  # the nearest numbered heading open
            repeated = text.lower() in recurring
            if repeated and above is not None:
                parts.setdefault(above[1], set()).add(text.lower())
            # a part every measure of a list repeats, or the caption of a table inside such a measure
            in_item = repeated or (above is not None and len(parts.get(above[1], ())) >= LIST_PARTS
                                   and _captions_table(blocks, at))
            level = _nested_level(block, text, above, listed) if in_item or listed else block.level
            while path and path[-1][0] >= level:
                path.pop()
            if block.level == FORM_LABEL_LEVEL and any(open_level == FORM_LABEL_LEVEL for open_level, *_ in path):
                while path.pop()[0] != FORM_LABEL_LEVEL:  # a form's next label ends the previous one's text
                    pass
            if block.level != TABLE_HEADER_LEVEL and re.search(r"[^\W\d_]", text):  # headings are citable too
                drafts.append(_Draft("heading", text, tuple(block.pages), tuple(t for _, t, _, _ in path), numbers,
                                     ocr_words=tuple(block.ocr_words)))
            path.append((level, text, block.style, numbered_title(text)))
            continue
        section = tuple(t for _, t, _, _ in path)
        spans = split_long(text, max_words + 30, max_words) if block.kind == "paragraph" else [(0, len(text))]
        for start, end in spans:
            part = text[start:end].strip()
            if not re.search(r"[^\W\d_]", part):
                continue
            pages = tuple(p for p, (s, e) in page_marks.items() if s < end and e > start) or tuple(block.pages[:1])
            numbers = [n for offset, n in markers if start <= offset <= end]
            drafts.append(_Draft(block.kind, part, pages, section, numbers, block.table, block.cells,
                                 _words_in(block.ocr_words, part) if len(spans) > 1 else tuple(block.ocr_words)))
    return _finish(doc_id, _order(drafts))


def _recurring_headings(headings: list[tuple[Block, str]]) -> set[str]:
    """Heading texts the document repeats ("Budgettaire aspecten" under every measure of a list): such a heading
    names a part of each section, not a section of its own. `headings`: each heading block with its text, lowercased."""
    seen = Counter(text for _, text in headings)
    return {text for text, n in seen.items() if n > 1}


LIST_PARTS = 2  # recurring headings under one numbered heading that make it an item of a list (a measure, a fiche)
CAPTION_REACH = 2  # blocks between a table's caption and its rows: a header line the table reader left as text


def _captions_table(blocks: list[Block], at: int) -> bool:
    """Does a table start right below this heading (its caption: "Kosten (in mln.)")?"""
    return any(b.kind == "table_row" or b.level == TABLE_HEADER_LEVEL for b in blocks[at + 1 : at + 1 + CAPTION_REACH])


def _lists_items(headings: list[tuple[Block, str]], recurring: set[str]) -> bool:
    """Is the document a list of numbered items, each with the same parts ("Omschrijving van de maatregel",
    "Budgettaire aspecten")? Then every unnumbered heading after an item is part of it, however it is set."""
    items, current = [], None
    for _, text in headings:
        if numbered_title(text):
            current = set()
            items.append(current)
        elif current is not None and text in recurring:
            current.add(text)
    with_parts = sum(len(found) >= LIST_PARTS for found in items)
    return with_parts >= LIST_ITEMS and with_parts >= LIST_SHARE * len(items)


LIST_ITEMS = 2  # numbered items with their recurring parts that make a document a list of them ...
LIST_SHARE = 0.5  # ... when at least this share of its numbered headings are such items (not a report's chapters)


def _nested_level(block: Block, text: str, above: tuple | None, listed: bool) -> float:
    """The level in the outline of a heading that is part of the numbered item `above` (the nearest numbered heading
    open: level, text, style, numbered): a recurring part, a table's caption, or any heading of a list document. An
    unnumbered heading set no more prominently than that numbered heading (in a list, however it is set) goes just
    under it instead of closing it ("Budgettaire aspecten" under "141. Afschaffen carry-back"), even when its font
    ranks it higher."""
    if numbered_depth(text) or block.level >= FORM_LABEL_LEVEL or above is None:
        return block.level
    level, _, style, _ = above
    if not listed and block.style is not None and style is not None and block.style < style:
        return block.level
    return max(block.level, level + 0.5)


def _words_in(words: list[tuple[str, float]], part: str) -> tuple[tuple[str, float], ...]:
    """The OCR words of a block that stand in one part of it (a long paragraph split at sentences)."""
    held = set(part.split())
    return tuple(w for w in words if w[0] in held) or tuple(words)


def ocr_fields(words: tuple[tuple[str, float], ...]) -> dict:
    """A paragraph read by OCR: its mean word confidence and each word holding a digit with its own confidence."""
    if not words:
        return {}
    mean = sum(c for _, c in words) / len(words)
    figures = tuple((w, round(c, 3)) for w, c in words if any(ch.isdigit() for ch in w))
    return {"ocr_confidence": round(mean, 3), "ocr_figures": figures}


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
            end=offset + len(d.text), kind=d.kind, footnotes=footnotes, refers_to=refers_to, table=d.table,
            cells=d.cells, **ocr_fields(d.ocr_words),
        ))
        parts.append(d.text)
        offset += len(d.text) + 2
    return "\n\n".join(parts), tuple(paragraphs)
