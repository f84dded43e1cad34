"""Calculations over a table's cells, each term cited to its row: the change along a row between two years
("met hoeveel nemen X af tussen 2021 en 2025") and the total down a column over the table's rows ("wat kosten
de teruggaven uit de tabel samen"). Pure functions over table-row paragraphs.
"""

from __future__ import annotations

import re

from assistant.answering.answer import CitationBook
from assistant.figures.cells import cell_number, shown
from assistant.text.tokens import tokenize
from assistant.types import Answer, Cell, Paragraph

MAX_ROWS_SUMMED = 25  # a longer table is a list to browse, not a sum to state in one answer
_TOTAL_ROW = re.compile(r"^\s*(?:totaal|subtotaal|saldo|generaal\s+totaal)\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")


def row_change(p: Paragraph, cells: list[Cell], years: list[str], book: CitationBook) -> Answer | None:
    """From the first asked year's cell to the last's, with the difference in the row's unit."""
    dated = {c.column: c for c in cells if _YEAR.fullmatch(c.column)}
    ends = [dated.get(years[0]), dated.get(years[-1])] if len(years) >= 2 else []
    if len(ends) != 2 or not all(ends):
        return None
    first, last = ends
    a, b = cell_number(first), cell_number(last)
    if a is None or b is None or a == b:
        return None
    marker = book.cite(p, p.text)
    delta = like_cell(first, abs(b - a))
    direction = "neemt toe" if b > a else "neemt af"
    text = (f"‘{first.row}’ {direction} met {shown(delta)}: van {shown(first)} in {first.column} "
            f"naar {shown(last)} in {last.column} [{marker}]. De hele rij: {p.text} [{marker}]")
    return Answer(text=text, citations=book.citations())


def column_total(rows: list[Paragraph], years: list[str], structural: bool, book: CitationBook) -> Answer | None:
    """The total of one column over a table's rows: the table's own total row when it has one, else the sum of
    its top-level rows (sub-rows are part of their parent). None when the column is not clear."""
    if not rows or len(rows) > MAX_ROWS_SUMMED:
        return None
    column = _column(rows, years, structural)
    if column is None:
        return None
    picked = [(p, c) for p in rows for c in p.cells if c.column == column and cell_number(c) is not None]
    totals = [(p, c) for p, c in picked if _TOTAL_ROW.match(c.row)]
    if totals:
        p, c = totals[-1]
        marker = book.cite(p, cell_quote(p, c))
        return Answer(text=f"Volgens de tabel is het totaal {shown(c)} ({column}) [{marker}]. De hele rij: {p.text} [{marker}]",
                      citations=book.citations())
    terms = [(p, c) for p, c in picked if not c.group]
    if len(terms) < 2:
        return None
    total = like_cell(terms[0][1], sum(cell_number(c) for _, c in terms))
    said = [f"{c.row} {c.raw} [{book.cite(p, cell_quote(p, c))}]" for p, c in terms]
    text = f"Samen is dat {shown(total)} ({column}): {', '.join(said[:-1])} en {said[-1]}."
    return Answer(text=text, citations=book.citations())


def _column(rows: list[Paragraph], years: list[str], structural: bool) -> str | None:
    """The asked column: the one year named, 'structureel', or the table's only column of figures."""
    columns = list(dict.fromkeys(c.column for p in rows for c in p.cells if c.column and cell_number(c) is not None))
    if structural:
        found = [c for c in columns if re.search(r"\bstruc", c, re.I)]
        return found[0] if found else None
    if len(years) == 1:
        found = [c for c in columns if years[0] in _YEAR.findall(c) and not re.search(r"\d{4}\s*[-–]\s*\d{4}", c)]
        return found[0] if len(found) == 1 else None
    return columns[0] if len(columns) == 1 else None


def cell_quote(p: Paragraph, cell: Cell) -> str:
    """The cell as the row's text writes it ("2019: 28.914"), so the citation marks it; else the whole row."""
    segment = f"{cell.column}: {cell.raw}" if cell.column else cell.raw
    return segment if segment and segment in p.text else p.text


def like_cell(cell: Cell, number: float) -> Cell:
    """A computed figure printed as the cell prints its own (decimals, thousands dots) in the cell's unit."""
    decimals = len(cell.raw.rsplit(",", 1)[1]) if "," in cell.raw else 0
    digits = f"{number:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return Cell(cell.row, "", digits, cell.unit)


def row_share(rows: list[Paragraph], named, years: list[str], book: CitationBook) -> Answer | None:
    """'Welk deel van X gaat naar Y': the two rows the question names most, the smaller as a share of the
    larger in the asked column, both cited. `named(label)` is the share of a label's words the question names."""
    column = _column(rows, years, structural=False)
    if column is None:
        return None
    cells = [(p, c) for p in rows for c in p.cells if c.column == column and cell_number(c) is not None]
    ranked = sorted(cells, key=lambda pc: -named(pc[1].row))
    if len(ranked) < 2 or named(ranked[1][1].row) < MIN_NAMED_FOR_SHARE:
        return None
    (p1, c1), (p2, c2) = sorted(ranked[:2], key=lambda pc: cell_number(pc[1]))
    part, whole = cell_number(c1), cell_number(c2)
    if part is None or not whole or part < 0 or c1.unit != c2.unit:
        return None
    m1, m2 = book.cite(p1, cell_quote(p1, c1)), book.cite(p2, cell_quote(p2, c2))
    percent = f"{100 * part / whole:.1f}".replace(".", ",")
    text = (f"Ongeveer {percent}%: ‘{c1.row}’ is {shown(c1)} [{m1}] van ‘{c2.row}’ {shown(c2)} [{m2}] ({column}).")
    return Answer(text=text, citations=book.citations())


MIN_NAMED_FOR_SHARE = 0.5  # both rows must be named this well: a share of an unnamed row is a guess


def row_remainder(rows: list[Paragraph], whole_named, part_named, years: list[str], book: CitationBook) -> Answer | None:
    """'Van de raming 2019, hoeveel is niet voor personeel?': the whole (the row the whole's words name, else the table's
    total row) minus the row the part's words name, in the asked column, both cited. `whole_named(label)` and
    `part_named(label)` are the shares of a label's words each term names."""
    columns = {c.column for p in rows for c in p.cells if cell_number(c) is not None}
    column = _column(rows, years, structural=False) if len(columns) > 1 else next(iter(columns), None)
    if column is None:
        return None
    cells = [(p, c) for p in rows for c in p.cells if c.column == column and cell_number(c) is not None]
    part = max(cells, key=lambda pc: part_named(pc[1].row), default=None)
    if part is None or part_named(part[1].row) < MIN_NAMED_FOR_SHARE:
        return None
    larger = [pc for pc in cells if pc is not part and cell_number(pc[1]) > cell_number(part[1]) > 0]  # a whole holds its part
    named = max(larger, key=lambda pc: whole_named(pc[1].row), default=None)
    totals = [pc for pc in larger if _TOTAL_ROW.match(pc[1].row)]
    whole = named if named and whole_named(named[1].row) >= MIN_NAMED_FOR_SHARE else (totals[-1] if totals else None)
    if whole is None or whole[1].unit != part[1].unit:
        return None
    (p1, c1), (p2, c2) = whole, part
    m1, m2 = book.cite(p1, cell_quote(p1, c1)), book.cite(p2, cell_quote(p2, c2))
    rest = like_cell(c1, cell_number(c1) - cell_number(c2))
    at = f" ({column})" if column else ""
    text = f"Er blijft {shown(rest)} over{at}: ‘{c1.row}’ {shown(c1)} [{m1}] min ‘{c2.row}’ {shown(c2)} [{m2}]."
    return Answer(text=text, citations=book.citations())


def row_extreme(rows: list[Paragraph], question: str, years: list[str], lowest: bool, book: CitationBook) -> Answer | None:
    """'Welke categorie groeit het sterkst': the row with the highest (or lowest) figure in the asked column."""
    column = _column(rows, years, structural=False) or _column_named(rows, question)
    if column is None:
        return None
    cells = [(p, c) for p in rows for c in p.cells if c.column == column and cell_number(c) is not None
             and not _TOTAL_ROW.match(c.row) and not c.group]
    if len(cells) < 2:
        return None
    cells = [pc for pc in cells if not _sums_the_others(pc, cells)] or cells  # a total not labelled as one
    p, c = (min if lowest else max)(cells, key=lambda pc: cell_number(pc[1]))
    marker = book.cite(p, cell_quote(p, c))
    word = "laagst" if lowest else "hoogst"
    text = f"Het {word} in ‘{column}’ is ‘{c.row}’ met {shown(c)} [{marker}]. De hele rij: {p.text} [{marker}]"
    return Answer(text=text, citations=book.citations())


def _sums_the_others(cell: tuple[Paragraph, Cell], cells: list[tuple[Paragraph, Cell]]) -> bool:
    """Is this row's figure the sum of the other rows' ("Bruto collectieve uitgaven" over its categories)?"""
    others = [cell_number(other[1]) for other in cells if other is not cell]
    value = cell_number(cell[1])
    return len(others) >= 2 and abs(sum(others) - value) <= TOTAL_TOLERANCE * abs(value)


TOTAL_TOLERANCE = 0.01  # rounded cells add up to their total within a percent


def _column_named(rows: list[Paragraph], question: str) -> str | None:
    """The one column whose header the question names best ('procentueel' names a column 'in %')."""
    asked = {t for t in tokenize(question) if not t.startswith("#")}
    percent = bool(re.search(r"\bprocent\w*|%", question, re.I))
    columns = list(dict.fromkeys(c.column for p in rows for c in p.cells if c.column and cell_number(c) is not None))
    scored = []
    for column in columns:
        words = {t for t in tokenize(column) if not t.startswith("#") and not _YEAR.fullmatch(t)}
        named = len(words & asked) + (1 if percent and "%" in column else 0)
        scored.append((named, -columns.index(column), column))
    best = max(scored, default=(0, 0, None))
    return best[2] if best[0] > 0 else None
