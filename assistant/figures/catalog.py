"""Catalogues over the indexed documents: every money amount and every dated moment, with its source.

Pure functions over `Document`s; the chat's "Bedragen" and "Tijdlijn" pages show them. A table
heading that declares a unit ("bedragen x € 1.000") scales the bare cells of the rows under it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Iterator

from assistant.figures.cells import cell_value, read_unit
from assistant.figures.compare import find_amounts, find_periods, table_scale
from assistant.figures.notation import format_amount
from assistant.text.sentences import sentence_at
from assistant.types import Document, Paragraph


@dataclass(frozen=True)
class Source:
    """Where an entry was found: document, page(s) and paragraph."""

    doc_id: str
    title: str
    pages: tuple[int, ...]
    paragraph_id: str


@dataclass(frozen=True)
class AmountEntry:
    """A money amount in the corpus with the sentence that says what it is for."""

    raw: str  # as written, e.g. "€ 3,8 miljoen"
    value: float  # in units of currency, table scale applied
    currency: str | None
    per: str | None  # "jaar" for yearly amounts
    sentence: str
    period: str  # the date or period named in the same sentence, nearest first; "" when none
    source: Source

    @property
    def label(self) -> str:
        return format_amount(self.value, self.currency or "EUR") + (f" per {self.per}" if self.per else "")


@dataclass(frozen=True)
class TimelineEntry:
    """A dated moment or span in the corpus: a deadline, start, period or plan."""

    raw: str  # as written, e.g. "uiterlijk 13 juni", "medio 2025"
    first: dt.date
    last: dt.date
    precision: str  # day, month, season, quarter, half, year, range
    relation: str | None  # uiterlijk, vanaf, tot en met, ... or None
    sentence: str
    source: Source


def _statement_at(p: Paragraph, position: int) -> tuple[int, int]:
    """The sentence holding `position`; a table row is one statement, its label and cells together."""
    return (0, len(p.text)) if p.kind == "table_row" else sentence_at(p.text, position)


def scaled_paragraphs(doc: Document) -> Iterator[tuple[Paragraph, float]]:
    """Each paragraph with the scale of its table: from its headings ("bedragen x € 1.000"), else from a
    caption paragraph before the rows; prose always gets 1.0."""
    caption, in_table = None, False
    for p in doc.paragraphs:
        declared = table_scale(p.text)
        if declared is not None and p.kind != "table_row":
            caption, in_table = declared, False
        elif p.kind == "table_row":
            in_table = True
        elif in_table:
            caption, in_table = None, False
        if p.kind != "table_row":
            yield p, 1.0
            continue
        from_headings = next((s for s in map(table_scale, reversed(p.section)) if s is not None), None)
        yield p, from_headings or caption or 1.0


def _nearest_period(periods: list, start: int, end: int, amount) -> str:
    """The period in the amount's sentence closest to it; on a tie the one before it ("2019: 28.288")."""
    def distance(x):
        before = x.end <= amount.start
        return (amount.start - x.end if before else max(0, x.start - amount.end), not before)

    inside = [x for x in periods if start <= x.start < end]
    return min(inside, key=distance).raw if inside else ""


def _source(doc: Document, p: Paragraph) -> Source:
    return Source(doc.id, doc.title or doc.id, p.pages, p.id)


def amounts(documents: Iterable[Document]) -> list[AmountEntry]:
    """Every money amount in the documents, in document and reading order."""
    entries = []
    for doc in documents:
        for p, scale in scaled_paragraphs(doc):
            periods = find_periods(p.text)
            for a in find_amounts(p.text, scale=scale):
                start, end = _statement_at(p, a.start)
                entries.append(AmountEntry(
                    a.raw, a.value, a.currency, a.per, p.text[start:end].strip(),
                    _nearest_period(periods, start, end, a), _source(doc, p),
                ))
    return entries


@dataclass(frozen=True)
class CellEntry:
    """A table cell in the corpus: its table, row, column, the figure as printed and its unit."""

    table: str
    row: str
    group: str  # the row an indented sub-row belongs to
    column: str
    raw: str  # "" for an empty cell, a dash for nil
    unit: str
    value: float | None  # in euros (or percent, or a count) with the unit applied; None when empty or nil
    currency: str | None
    source: Source


def cells(documents: Iterable[Document]) -> list[CellEntry]:
    """Every cell of every table row, empty ones included, in document and reading order."""
    return [CellEntry(p.table, c.row, c.group, c.column, c.raw, c.unit, cell_value(c), read_unit(c.unit).currency,
                      _source(doc, p))
            for doc in documents for p in doc.paragraphs for c in p.cells]


def timeline(documents: Iterable[Document]) -> list[TimelineEntry]:
    """Every dated moment with a year in the documents (dates without a year cannot be placed), by date."""
    entries, seen = [], set()
    for doc in documents:
        for p in doc.paragraphs:
            for period in find_periods(p.text):
                key = (p.id, period.raw, period.first, period.last)
                if not period.has_year or key in seen:
                    continue
                seen.add(key)
                start, end = _statement_at(p, period.start)
                entries.append(TimelineEntry(
                    period.raw, period.first, period.last, period.precision, period.relation,
                    p.text[start:end].strip(), _source(doc, p),
                ))
    return sorted(entries, key=lambda e: (e.first, e.last, e.source.doc_id))
