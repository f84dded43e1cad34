"""Tables of words (no figures) under a 'Tabel' caption: a header line of short column names, then lines whose
cells start where those columns start. The first column labels each row; a line with that column empty is
another row of the label above it ("EZ" / "Uitzonderingen energiebelasting" under "EZ" / "Energie-…"), and a
line that starts in lower case or with "(" continues the cell above it (a wrapped cell).

Pure functions over the lines tables.py builds (anything with `y`, `size`, `spans` of `x0`, `x1`, `text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.parsing import tuning as T

_TITLE = re.compile(r"^\s*(?:tabel|table|overzicht)\s+[\dA-Z]", re.I)


@dataclass(frozen=True)
class TextRow:
    """One row: its label (the first column, carried down to the lines that leave it empty), a text per column
    after the first, and the lines it was read from."""

    label: str
    cells: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class TextTable:
    title: int  # the caption's line
    header: int  # the column names' line
    columns: tuple[str, ...]  # the column names after the first (the label column's)
    rows: tuple[TextRow, ...]


def read_text_tables(lines: list, used: set[int]) -> list[TextTable]:
    """Each word table on a page: a 'Tabel …' caption, a header line right under it, and its aligned rows."""
    tables = []
    for top in range(len(lines) - 2):
        if top in used or not _TITLE.match(" ".join(s.text for s in lines[top].spans)):
            continue
        header = top + 1
        starts = _column_starts(lines[header])
        if header in used or starts is None or not _near(lines[top], lines[header]):
            continue
        body = _body(lines, header, starts, used)
        if len(body) >= T.TEXT_TABLE_ROWS:
            names = tuple(s.text for s in lines[header].spans[1:])
            tables.append(TextTable(top, header, names, tuple(_rows(lines, body, starts))))
    return tables


def _column_starts(line) -> list[float] | None:
    """Where each column starts: a header of two or more short names set a cell gap apart."""
    spans = line.spans
    if len(spans) < 2 or any(len(s.text.split()) > T.TEXT_HEADER_WORDS for s in spans):
        return None
    return [s.x0 for s in spans]


def _near(above, below) -> bool:
    return above.y - below.y < T.TEXT_ROW_STEP_EMS * max(above.size, below.size)


def _body(lines: list, header: int, starts: list[float], used: set[int]) -> list[int]:
    """The lines under the header whose every cell starts at a column's start, until a gap or a line that does
    not line up (the prose after the table)."""
    body: list[int] = []
    for i in range(header + 1, len(lines)):
        if i in used or not _near(lines[i - 1], lines[i]) or _columns_of(lines[i], starts) is None:
            break
        body.append(i)
    return body


def _columns_of(line, starts: list[float]) -> list[str] | None:
    """The line's text in each column, "" where it leaves one empty; None when a cell starts between columns or
    runs across the next column's start."""
    cells = [""] * len(starts)
    slack = T.TEXT_ALIGN_EMS * line.size
    for span in line.spans:
        k = next((k for k, x in enumerate(starts) if abs(span.x0 - x) <= slack), None)
        if k is None or cells[k] or (k + 1 < len(starts) and span.x1 > starts[k + 1] - slack):
            return None
        cells[k] = span.text
    return cells


def _rows(lines: list, body: list[int], starts: list[float]) -> list[TextRow]:
    rows: list[TextRow] = []
    for i in body:
        cells = _columns_of(lines[i], starts)
        label, rest = cells[0], cells[1:]
        first = next((c for c in rest if c), "")
        if not label and rows and (first[:1].islower() or first[:1] == "("):  # a wrapped cell joins the row above
            last = rows[-1]
            joined = tuple(f"{a} {b}".strip() for a, b in zip(last.cells, rest))
            rows[-1] = TextRow(last.label, joined, last.lines + (i,))
            continue
        label = label or (rows[-1].label if rows else "")
        rows.append(TextRow(label, tuple(rest), (i,)))
    return rows
