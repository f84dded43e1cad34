"""Tables on a PDF page as data: title, unit, column headers (over one or more lines), row labels with their
indented sub-rows, and every cell, empty ones included, read from where each shown string stands.

Works on the page's rows (anything with `page`, `y`, `size`, `bold` and positioned `pieces`); a table that
runs on from the previous page without repeating its header keeps that header. A chart's value labels (a label
with one figure beside it, on either side, line after line) are a table of one column, its axis ticks no rows;
tables of words are read by text_tables.py. Pure functions, no pypdf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.figures.cells import cell_note, find_unit, is_value
from assistant.parsing import tuning as T
from assistant.parsing.text_tables import TextTable, read_text_tables
from assistant.types import Cell

CELL_GAP = 0.9  # ems between two strings that makes them two cells (word gaps in labels stay below ~0.4 em)
ROW_GAP = 2.6  # line heights between two lines of one table (a blank row, a rule between rows)
HEADER_LINES = 4  # lines above the first row of figures read as its column header
CAPTION_LINES = 3  # lines above the header searched for the title and the unit
INDENT = 0.8  # ems further right than the table's labels: a sub-row
MAX_HEADER_WORDS = 5
MAX_LABEL_WORDS = 10  # a row label is a name, not a sentence  # a header cell is short; a longer line above the rows is prose
_TITLE = re.compile(r"^\s*(?:tabel|table|overzicht|staat)\s+[\dA-Z]", re.I)
_SENTENCE = re.compile(r"[a-z]{3}[.!?]$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CONTENTS = re.compile(r"^\s*(?:inhoud|inhoudsopgave|inhoudstafel|table of contents|contents)\s*$", re.I)  # page numbers, no table
_FIGURE = re.compile(r"^\s*(?:figuur|grafiek|afbeelding|kaart)\s+\d", re.I)  # a chart's axis labels are no table


@dataclass(frozen=True)
class Span:
    """A cell of text on one line: where it starts and ends."""

    x0: float
    x1: float
    text: str


@dataclass
class _Line:
    """Rows on one baseline, their cells, and the page rows they came from."""

    y: float
    size: float
    spans: list[Span]
    rows: list[int]  # indices into the page's rows
    bold: bool = False

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Column:
    x0: float
    x1: float
    header: str
    unit: str = ""  # a column's own unit ("in %") overrides the table's


@dataclass(frozen=True)
class TableRow:
    """One row of a table, ready to become a citable paragraph."""

    label: str
    cells: tuple[Cell, ...]
    title: str
    rows: tuple[int, ...]  # the page rows it was read from

    @property
    def text(self) -> str:
        """'Label: 2018: 28.287; 2019: 28.288' (empty cells left out of the text, kept in `cells`)."""
        filled = [c for c in self.cells if c.raw]
        if not filled:
            return f"{self.label.rstrip(':')}:" if self.label else ""
        if all(not c.column for c in filled):
            return f"{self.label}: " + " ".join(c.raw for c in filled)
        return f"{self.label}: " + "; ".join(f"{c.column}: {c.raw}" if c.column else c.raw for c in filled)


@dataclass(frozen=True)
class Table:
    """A table read from a page: where it starts in reading order, its header line and its rows."""

    first_row: int  # page row index where the table is emitted
    header: str  # the column headers joined, for the section path ("2018 | 2019 | ...")
    rows: tuple[TableRow, ...]
    consumed: frozenset[int]  # page rows that belong to it (header, rows, wrapped labels)


@dataclass
class Carry:
    """The last table of a page, for a table that runs on at the top of the next one."""

    columns: list[Column] = field(default_factory=list)
    title: str = ""
    unit: str = ""
    label_x: float = 0.0


def read_tables(rows: list, carry: Carry | None = None) -> tuple[list[Table], Carry | None]:
    """The tables among a page's body rows, and what a table running on to the next page needs."""
    lines = _lines(rows)
    tables: list[Table] = []
    used: set[int] = set()
    index = 0
    while index < len(lines):
        if index in used or not _is_data(lines[index]):
            index += 1
            continue
        end = _block_end(lines, index)
        data = [i for i in range(index, end) if _is_data(lines[i])]
        header = _header_lines(lines, index, used)
        running_on = carry if (not header and carry and not any(_before(lines, index, used))) else None
        if len(data) < 2 and not header:
            index = end
            continue
        table, carry_next = _table(lines, header, list(range(index, end)), running_on)
        if table is not None:
            tables.append(table)
            used.update(header + list(range(index, end)))
            carry = carry_next
        index = end
    last_line = max((i for i in range(len(lines)) if lines[i].text.strip()), default=-1)
    if tables and last_line not in used and carry is not None:
        carry = _header_at_foot(lines, used, carry)
    else:
        carry = carry if bool(tables) and last_line in used else None
    for found in read_text_tables(lines, used):  # tables of words, under a 'Tabel' caption
        tables.append(_word_table(lines, found))
        carry = None if last_line in (found.header, *(i for r in found.rows for i in r.lines)) else carry
    return tables, carry


def _word_table(lines: list[_Line], found: TextTable) -> Table:
    """A table of words as rows of cells: the first column labels each row, no unit."""
    title = lines[found.title].text
    rows = tuple(TableRow(r.label, tuple(Cell(r.label, column, text, "") for column, text in zip(found.columns, r.cells)),
                          title, tuple(k for i in r.lines for k in lines[i].rows)) for r in found.rows)
    consumed = frozenset(k for i in (found.header, *(i for r in found.rows for i in r.lines)) for k in lines[i].rows)
    return Table(min(consumed), " | ".join(found.columns), rows, consumed)


def _header_at_foot(lines: list[_Line], used: set[int], carry: Carry) -> Carry | None:
    """A new table's caption and header at the foot of a page, its rows on the next: a header over the
    previous table's columns (each cell short, one of them over a column of figures) starts it."""
    tail = [i for i in range(max(used) + 1, len(lines))]
    if not tail or len(tail) > HEADER_LINES + 1:
        return None
    spans = [s for i in tail for s in lines[i].spans]
    if any(len(s.text.split()) > MAX_HEADER_WORDS + 3 for s in spans):
        return None
    over = [s for s in spans if any(min(c.x1, s.x1) - max(c.x0, s.x0) > 0 for c in carry.columns)]
    if not over:
        return None
    title = lines[tail[0]].text if len(lines[tail[0]].spans) == 1 and not over[0] in lines[tail[0]].spans else ""
    columns = _columns(over, lines, [])
    unit = next((u for s in spans if (u := find_unit(s.text)) and "%" not in u), "")
    return Carry(columns, title, unit, carry.label_x)


def figures_only(row) -> bool:
    """A row of bare figures outside any table (a chart's axis ticks): it belongs to no paragraph."""
    return _bare_figures(_Line(row.y, row.size, _spans(row), []))


def _bare_figures(line: _Line) -> bool:
    return len(line.spans) >= 2 and not any(_has_letters(s.text) for s in line.spans) and all(
        is_value(w) for s in line.spans for w in s.text.split())


def _lines(rows: list) -> list[_Line]:
    """Rows grouped by baseline, top to bottom, each split into cells at wide gaps."""
    lines: list[_Line] = []
    for i, row in sorted(enumerate(rows), key=lambda r: -r[1].y):
        spans = _spans(row)
        if not spans:
            continue
        same = next((line for line in lines if abs(line.y - row.y) < 0.35 * max(row.size, 1.0)), None)
        if same is not None:
            same.spans = _merge(sorted(same.spans + spans, key=lambda s: s.x0), row.size)
            same.rows.append(i)
        else:
            lines.append(_Line(row.y, row.size, spans, [i], row.bold))
    for line in lines:
        line.spans = _label_first(line.spans, line.size)
    return lines


def _label_first(spans: list[Span], size: float) -> list[Span]:
    """A figure with its label close right of it ("-16,1   Overig", a bar chart's value label on a bar running left)
    reads as label and figure, like a label with its figure right of it."""
    if len(spans) == 2 and is_value(spans[0].text) and _has_letters(spans[1].text) and not find_unit(spans[1].text) \
            and spans[1].x0 - spans[0].x1 < T.PAIR_GAP_EMS * size:
        return [spans[1], spans[0]]
    return spans


def _spans(row) -> list[Span]:
    pieces = [Span(a, b, t.strip()) for a, b, t in getattr(row, "pieces", ()) if t.strip()]
    return _merge(sorted(pieces, key=lambda s: s.x0), row.size)


def _merge(pieces: list[Span], size: float) -> list[Span]:
    """Words closer than a cell gap form one cell; a label with figures glued to it is split off them."""
    cells: list[list[Span]] = []
    for piece in pieces:
        # a figure or year stands alone ("2025 | Structureel"); words of a label join up
        text = " ".join(p.text for p in cells[-1]) if cells else ""
        if cells and piece.x0 - max(p.x1 for p in cells[-1]) < CELL_GAP * size and not (is_value(text) and text[:1] != "("):
            cells[-1].append(piece)
        else:
            cells.append([piece])
    return [part for cell in cells for part in _split_values(cell)]


def _split_values(pieces: list[Span]) -> list[Span]:
    """'Bruto collectieve uitgaven 396,7' or 'ntb ntb -20': the figures at its end are cells of their own. Where a
    word starts or ends a piece of its own, it stands there; other words are placed by their share of the
    characters (the last one ends where the text ends)."""
    cell = Span(pieces[0].x0, max(p.x1 for p in pieces), " ".join(p.text for p in pieces))
    words = cell.text.split()
    tail = 0
    while tail < len(words) and is_value(words[-1 - tail]):
        tail += 1
    if tail == 0 or (tail == 1 and tail == len(words)) or (tail < len(words) and not _has_letters(" ".join(words[:-tail]))):
        return [cell]
    if tail == 1 and tail < len(words) and not re.search(r"\d[.,]\d|^[-–‒—]$", words[-1]):
        return [cell]  # "Stand ontwerpbegroting 2019", "OESO Pijler 1": a number that names the row
    starts, ends, count = {}, {}, 0  # word index -> where a piece starts, word count -> where it ends
    for piece in pieces:
        starts[count] = piece.x0
        count += len(piece.text.split())
        ends[count] = piece.x1
    per_char = (cell.x1 - cell.x0) / max(len(cell.text), 1)
    parts, position = [], 0
    head = words[:-tail] if tail < len(words) else []
    if head:
        label = " ".join(head)
        parts.append(Span(cell.x0, ends.get(len(head), cell.x0 + per_char * len(label)), label))
        position = len(label) + 1
    for k, word in enumerate(words[len(head):], start=len(head)):
        start = starts.get(k, cell.x0 + per_char * position)
        parts.append(Span(start, ends.get(k + 1, start + per_char * len(word)), word))
        position += len(word) + 1
    return parts


def _has_letters(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2}", text))


def _is_data(line: _Line) -> bool:
    """A row of figures: a label (or none) and one or more value cells right of it, nothing else. A line of
    years only is a header; a line stating a unit is a caption."""
    spans = line.spans
    values = spans[1:] if _has_letters(spans[0].text) else spans
    if not values or not all(is_value(s.text) for s in values) or find_unit(line.text):
        return False
    label = spans[0].text if values is not spans else ""
    if all(_YEAR.fullmatch(s.text) for s in values) or len(label.split()) > MAX_LABEL_WORDS or re.search(r"[a-z]{2}\.\s", label):
        return False  # a line of years is a header; a long 'label' is a line of prose ending in a figure
    return len(values) >= 2 or len(spans) == 2


def _block_end(lines: list[_Line], start: int) -> int:
    """The line after the last one of the table starting at `start` (label-only lines may sit between rows)."""
    end, last = start + 1, start
    height = lines[start].size * 1.25
    for i in range(start + 1, len(lines)):
        if lines[i - 1].y - lines[i].y > ROW_GAP * height or (i - 1 > last and lines[last].y - lines[i].y > 2 * ROW_GAP * height):
            break
        if _is_data(lines[i]):
            last, end = i, i + 1
        elif not _label_only(lines[i], lines[start]):
            break
    if end < len(lines) and _continues_label(lines[end], lines[end - 1]):
        end += 1
    return end


def _label_only(line: _Line, first: _Line) -> bool:
    """A line with one short cell in the label column: a group ('Nieuwe mutaties:') or a wrapped label."""
    return len(line.spans) == 1 and line.spans[0].x1 < _value_start(first) and len(line.spans[0].text.split()) <= 8


def _continues_label(line: _Line, previous: _Line) -> bool:
    return (len(line.spans) == 1 and _is_data(previous) and previous.y - line.y < 1.4 * previous.size * 1.25
            and line.spans[0].text[:1] in "(abcdefghijklmnopqrstuvwxyz" and line.spans[0].x1 < _value_start(previous))


def _value_start(line: _Line) -> float:
    values = [s for s in line.spans if is_value(s.text)]
    return min(s.x0 for s in values) if values else line.spans[-1].x1


def _header_lines(lines: list[_Line], first: int, used: set[int]) -> list[int]:
    """Lines right above the first row of figures that name its columns (years, 'struc.', 'mutatie ... in %')."""
    header: list[int] = []
    value_start = _value_start(lines[first])
    below = lines[first]
    for i in range(first - 1, max(-1, first - 1 - HEADER_LINES), -1):
        line = lines[i]
        if i in used or line.y - below.y > ROW_GAP * below.size * 1.25 or line.size > 1.25 * lines[first].size:
            break
        right = [s for s in line.spans if s.x1 > value_start - 2]
        if not right or any(len(s.text.split()) > MAX_HEADER_WORDS for s in line.spans) or _TITLE.match(line.text) \
                or _FIGURE.match(line.text):
            break
        if len(line.spans) == 1 and _SENTENCE.search(line.text):
            break
        header.insert(0, i)
        below = line
    return header


def _before(lines: list[_Line], index: int, used: set[int]) -> list[int]:
    return [i for i in range(index) if i not in used and lines[i].text.strip()]


def _caption(lines: list[_Line], top: int) -> tuple[str, str]:
    """Title and unit from the lines just above the table: 'Tabel 4.3: ...', 'Uitgaven ... (bedragen x € 1.000)'."""
    title, unit = "", ""
    for i in range(top - 1, max(-1, top - 1 - CAPTION_LINES), -1):
        text = lines[i].text
        if _FIGURE.match(text):
            return text, "figure"
        if not unit:
            unit = find_unit(text)
        if _TITLE.match(text):
            title = text  # "Tabel 4.3: ..." names the table, over a bold line or the unit's caption
            break
        if not title and (unit or lines[i].bold):
            title = text
        elif title and lines[i].bold and lines[i + 1].bold and text not in title and not _SENTENCE.search(text) \
                and lines[i].y - lines[i + 1].y < 1.6 * lines[i].size and title.startswith(lines[i + 1].text):
            title = f"{text} {title}"  # a bold title over two lines: "Belasting op ..., kosten" / "vrijstelling/teruggaaf"
            continue
        if _SENTENCE.search(text) and not unit:
            break
    return title, unit


def _table(lines: list[_Line], header: list[int], body: list[int], carry: Carry | None):
    """Columns from the header (or the previous page's), every data line read into cells."""
    first = lines[body[0]]
    label_x = min(lines[i].spans[0].x0 for i in body if _has_letters(lines[i].spans[0].text)) if any(
        _has_letters(lines[i].spans[0].text) for i in body) else first.spans[0].x0
    top = header[0] if header else body[0]
    title, unit = _caption(lines, top)
    pairs = not header and _pairs(lines, body)
    if pairs:  # a chart's value labels: each label with its figure; its axis ticks are no rows
        body = [i for i in body if _has_letters(lines[i].spans[0].text)]
        unit = "" if unit == "figure" else unit
    contents = any(_CONTENTS.match(lines[i].text) for i in range(top))
    if unit == "figure" or contents or _page_numbers(lines, body) or not _reads_as_table(lines, body, title, unit):
        return None, None
    unit = unit or _unit_below(lines, body[-1])
    header_spans = [s for i in header for s in lines[i].spans]
    unit = unit or next((u for s in header_spans if (u := find_unit(s.text)) and "%" not in u), "")
    labels = [lines[i].spans[0].x1 for i in body if _has_letters(lines[i].spans[0].text)]
    label_end = max(labels) if labels else float("-inf")
    if header:
        columns = _columns([s for s in header_spans if s.x0 > label_end - 2], lines, body)
    elif carry is not None:
        columns, title, unit = carry.columns, carry.title, carry.unit
    elif pairs:  # one figure a label, wherever along the axis it stands
        figures = [lines[i].spans[1] for i in body]
        columns = [Column(min(f.x0 for f in figures), max(f.x1 for f in figures), "")]
    else:
        columns = _columns([], lines, body)
    if not columns:
        return None, None
    # a chart's label stands beside its bar's end, a right-aligned label before its figures: where either starts
    # says nothing of sub-rows
    flush = pairs or _flush_right(lines, body)
    rows = _rows(lines, body, columns, title, unit, float("inf") if flush else label_x)
    consumed = frozenset(r for i in header + body for r in lines[i].rows)
    first_row = min(consumed)
    table = Table(first_row, " | ".join(c.header for c in columns if c.header), tuple(rows), consumed)
    return table, Carry(columns, title, unit, label_x)


def _pairs(lines: list[_Line], body: list[int]) -> bool:
    """A chart's value labels: at least PAIR_ROWS lines of a label and one figure, and otherwise only lines of bare
    figures (its axis ticks)."""
    labelled = [i for i in body if _has_letters(lines[i].spans[0].text)]
    bare = [i for i in body if i not in labelled]
    return len(labelled) >= T.PAIR_ROWS and all(len(lines[i].spans) == 2 and _is_data(lines[i]) for i in labelled) and all(
        _bare_figures(lines[i]) for i in bare)


def _flush_right(lines: list[_Line], body: list[int]) -> bool:
    """Row labels set flush right: their right edges agree and their left edges do not."""
    labels = [lines[i].spans[0] for i in body if _is_data(lines[i]) and _has_letters(lines[i].spans[0].text)]
    if len(labels) < T.LABEL_EDGE_ROWS:
        return False
    edge = T.LABEL_EDGE_EMS * lines[body[0]].size
    ends, starts = [s.x1 for s in labels], [s.x0 for s in labels]
    return max(ends) - min(ends) <= edge < max(starts) - min(starts)


def _unit_below(lines: list[_Line], last: int) -> str:
    """The unit stated on its own just under a table, or under a chart's axis ticks ("mld euro's")."""
    for line in lines[last + 1:last + 3]:
        if len(line.spans) == 1:
            return find_unit(line.text)
        if not _bare_figures(line):
            break
    return ""


def _reads_as_table(lines: list[_Line], body: list[int], title: str, unit: str) -> bool:
    """Rows of figures mostly, with labels; figures without labels only under a table title or a money unit
    (a chart's axis ticks have neither)."""
    data = [i for i in body if _is_data(lines[i])]
    wrapped = [i for i in body if i > body[0] and _continues_label(lines[i], lines[i - 1])]
    if len(data) <= 0.6 * (len(body) - len(wrapped)):
        return False
    if not any(re.search(r"\d", s.text) for i in data for s in lines[i].spans[1:]):
        return False  # marks only ("Overheidsfinanciën: -"): a score list, where a dash is no nil
    labelled = [i for i in data if _has_letters(lines[i].spans[0].text)]
    money = bool(unit) and "%" not in unit
    return len(labelled) == len(data) or money or bool(_TITLE.match(title))


def _page_numbers(lines: list[_Line], body: list[int]) -> bool:
    """A table of contents: one column of whole numbers that only go up."""
    numbers = [lines[i].spans[-1].text for i in body if _is_data(lines[i]) and len(lines[i].spans) == 2]
    if len(numbers) < 5 or len(numbers) < len(body) - 2 or not all(n.isdigit() for n in numbers):
        return False
    return all(int(a) <= int(b) for a, b in zip(numbers, numbers[1:]))


def _columns(header: list[Span], lines: list[_Line], body: list[int]) -> list[Column]:
    """Header cells stacked over one column ('mutatie' / '2022-2025' / 'in %') joined; without a header,
    the columns the figures themselves line up in."""
    values = [s for i in body if _is_data(lines[i]) for s in lines[i].spans if is_value(s.text) and (
        s is not lines[i].spans[0] or not _has_letters(s.text))]
    order = {id(s): k for k, s in enumerate(header)}  # header lines top to bottom
    groups: list[list[Span]] = []
    for span in sorted(header or values, key=lambda s: s.x0):
        group = next((g for g in groups if _overlap(g, span) > 0), None)
        if group is None:
            groups.append([span])
        else:
            group.append(span)
    columns = []
    for group in groups:
        x0, x1 = min(s.x0 for s in group), max(s.x1 for s in group)
        text = " ".join(s.text for s in sorted(group, key=lambda s: order[id(s)])) if header else ""
        unit = find_unit(text)
        columns.append(Column(x0, x1, " ".join(text.split()), unit if "%" in unit else ""))
    return columns


def _overlap(group: list[Span], span: Span) -> float:
    x0, x1 = min(s.x0 for s in group), max(s.x1 for s in group)
    return min(x1, span.x1) - max(x0, span.x0)


def _rows(lines, body, columns, title, unit, label_x) -> list[TableRow]:
    rows: list[TableRow] = []
    group = ""
    for i in body:
        line = lines[i]
        label_span = line.spans[0] if _has_letters(line.spans[0].text) else None
        label = label_span.text.rstrip(":").strip() if label_span else (title or "")
        values = line.spans[1:] if label_span else line.spans
        if not _is_data(line):
            if rows and _continues_label(line, lines[i - 1]) and i - 1 in body:
                last = rows[-1]
                merged = f"{last.label} {line.text}"
                rows[-1] = TableRow(merged, tuple(Cell(merged, c.column, c.raw, c.unit, c.group) for c in last.cells),
                                    title, last.rows + tuple(line.rows))
                continue
            group = label.rstrip(":")
            rows.append(TableRow(label, tuple(Cell(label, c.header, "", c.unit or unit) for c in columns), title,
                                 tuple(line.rows)))
            continue
        indented = label_span is not None and label_span.x0 > label_x + INDENT * line.size
        if not indented:
            group = ""
        raw = _assign(values, columns)
        cells = tuple(Cell(label, c.header, cell_note(r)[0] if r else "", c.unit or unit, group if indented else "")
                      for c, r in zip(columns, raw))
        rows.append(TableRow(label, cells, title, tuple(line.rows)))
        if not indented and label_span is not None:
            group = label
    return rows


def _assign(values: list[Span], columns: list[Column]) -> list[str]:
    """Each figure in the column it overlaps most (or stands nearest); columns without one stay empty."""
    raw = [""] * len(columns)
    for span in values:
        best = max(range(len(columns)), key=lambda k: (
            min(columns[k].x1, span.x1) - max(columns[k].x0, span.x0),
            -abs((columns[k].x0 + columns[k].x1) / 2 - (span.x0 + span.x1) / 2)))
        k = best if not raw[best] else next((j for j in range(best + 1, len(columns)) if not raw[j]), best)
        raw[k] = f"{raw[k]} {span.text}".strip() if raw[k] else span.text
    return raw
