"""Questions answered from table cells: one cell ("wat is er in 2024 begroot voor X", "wat levert X
structureel op"), a row over time ("hoe loopt X op tot 2025"), a sum along a row ("X in 2022-2025 samen"),
and a figure check against a cell ("Klopt het dat X in 2023 € 2,5 mld. oplevert?").

Each answer states the figure with its unit and its column, and cites the row; the citation's quote is the
asked cell ("2019: 28.914"), so it can be marked. Pure functions over the retrieved hits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.answer import REFUSAL, CitationBook
from assistant.answering.evidence import Query
from assistant.answering.operations import is_year_only
from assistant.answering.question import Intent
from assistant.figures import compare as figures
from assistant.figures.cells import cell_number, cell_value, read_unit, shown
from assistant.text.tokens import tokenize
from assistant.types import Answer, Cell, Hit, Paragraph, following_id

ROWS_READ = 6  # retrieved paragraphs searched for the asked row
LABEL_WEIGHT = 1.0  # the row label names what is asked ...
TABLE_WEIGHT = 0.5  # ... the table title and the headings above it narrow it down
MIN_ROW_MATCH = 0.3  # below this (label share + half the table's), no row is about the question
RANK_PENALTY = 0.02  # per place a row stands lower in the retrieval
MAX_TABLE_ROWS = 60  # rows of one table read for a column total: more reads longer tables, slower
_STRUCTURAL = re.compile(r"\bstruc(?:tureel|\.)?|\bstructurele?\b", re.I)
_TOTAL = re.compile(r"\b(?:totaal|cumulatief|cum\.?)\b", re.I)
_OVER_TIME = re.compile(r"\bhoe\s+(?:loopt|lopen|ontwikkel\w*|verloop\w*)|\bverloop\b|\bontwikkeling\b|\bper\s+jaar\b"
                        r"|\bloopt\b.*\bop\b|\b(?:in|over)\s+de\s+jaren\b|\bjaarlijks\w*\s+(?:reeks|bedragen)", re.I)
_SUM = re.compile(r"\b(?:samen|opgeteld|bij\s+elkaar|in\s+totaal|totaal|totale|som)\b", re.I)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|t/m|tot\s+en\s+met|tot)\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,])")


@dataclass(frozen=True)
class _Match:
    paragraph: Paragraph
    score: float


def table_answer(intent: Intent, hits: list[Hit], query: Query, book: CitationBook, rows_of=None) -> Answer | None:
    """An answer from the best-matching table row, or None when no row is about the question (the prose
    answerer then goes on) or the question asks no figure. `rows_of(row)` gives every row of a row's table."""
    question = intent.claim or intent.question
    if not _asks_figure(intent, question):
        return None
    row = _best_row(hits, query)
    if row is None:
        return None
    cells = [c for c in row.paragraph.cells if c.column or c.raw]
    years = _asked_years(question)
    if intent.claim:
        return _check(intent, row.paragraph, cells, years, book)
    if _asks_change(intent) and len(years) >= 2:  # "met hoeveel nemen X af tussen 2021 en 2025"
        return _row_change(row.paragraph, cells, years, book)
    if _SUM.search(question) and rows_of is not None and not years[1:]:
        column_total = _column_total(row.paragraph, rows_of(row.paragraph), query, years, book)
        if column_total is not None:  # "wat kosten de teruggaven uit de tabel samen": a column over its rows
            return column_total
    if _OVER_TIME.search(question) or (_SUM.search(question) and len(years) != 1):
        return _series(question, row.paragraph, cells, years, book)
    chosen = _asked_cells(question, cells, years)
    if chosen is None:
        return None
    if not chosen:
        return _not_in_table(row.paragraph, years)
    return _cells(row.paragraph, chosen, book)


def _asks_figure(intent: Intent, question: str) -> bool:
    """A claim, an amount, a level or a count, a year or 'structureel': what a table cell answers."""
    if intent.premise or (intent.operation and intent.terms and not is_year_only(intent.terms[-1])):
        return False  # a wrong premise or the sum of two named terms is the prose answerer's
    asked = intent.strict | intent.wants
    return bool(intent.claim or asked & {"amount", "level", "quantity"} or _YEAR.search(question)
                or _STRUCTURAL.search(question))


def _best_row(hits: list[Hit], query: Query) -> _Match | None:
    """The retrieved table row whose label (and table) hold most of the question's words."""
    best: _Match | None = None
    for rank, hit in enumerate(hits[:ROWS_READ]):
        p = hit.paragraph
        if p.kind != "table_row" or not p.cells:
            continue
        label = {c.row for c in p.cells} | {c.group for c in p.cells if c.group}
        own = query.share(set(tokenize(" ".join(label))))
        around = query.share(set(tokenize(" ".join([p.table, *p.section]))))
        score = LABEL_WEIGHT * own + TABLE_WEIGHT * around - RANK_PENALTY * rank
        if own > 0 and (best is None or score > best.score):
            best = _Match(p, score)
    return best if best is not None and best.score >= MIN_ROW_MATCH else None


def _asked_years(question: str) -> list[str]:
    """'2022-2025', 'tussen 2021 en 2024' -> every year in the span; else the years named."""
    span = _YEAR_RANGE.search(question) or re.search(r"\btussen\s+((?:19|20)\d\d)\s+en\s+((?:19|20)\d\d)\b", question)
    if span:
        first, last = sorted(int(y) for y in span.groups())
        return [str(y) for y in range(first, last + 1)]
    return list(dict.fromkeys(_YEAR.findall(question)))


def _in_column(cell: Cell, year: str) -> bool:
    return year in re.findall(r"(?:19|20)\d\d", cell.column) and not re.search(r"\d{4}\s*[-–]\s*\d{4}", cell.column)


def _asked_cells(question: str, cells: list[Cell], years: list[str]) -> list[Cell] | None:
    """The cells a question asks for: its years' columns, 'struc.', 'totaal'; a row of one figure is that figure.
    [] when the asked column is not in the table; None when the question names no column of it."""
    if _STRUCTURAL.search(question):
        structural = [c for c in cells if _STRUCTURAL.search(c.column)]
        if structural:
            return structural[:1]
    if _TOTAL.search(question):
        total = [c for c in cells if _TOTAL.search(c.column)]
        if total:
            return total[:1]
    dated = [c for c in cells if re.search(r"(?:19|20)\d\d", c.column)]
    if years and dated:
        return [c for year in years for c in cells if _in_column(c, year)][:3]
    filled = [c for c in cells if c.raw]
    return filled if len(filled) == 1 else None


def _where(p: Paragraph) -> str:
    title = p.table or (p.section[-1] if p.section else "")
    return f" in de tabel ‘{title}’" if title else ""


def _quote(p: Paragraph, cell: Cell) -> str:
    """The cell as the row's text writes it ("2019: 28.914"), so the citation marks it."""
    segment = f"{cell.column}: {cell.raw}" if cell.column else cell.raw
    return segment if segment and segment in p.text else p.text


def _said(cell: Cell) -> str:
    where = f" in {cell.column}" if re.fullmatch(r"(?:19|20)\d\d", cell.column) else (f" ({cell.column})" if cell.column else "")
    return f"{shown(cell)}{where}"


def _cells(p: Paragraph, chosen: list[Cell], book: CitationBook) -> Answer:
    marker = book.cite(p, _quote(p, chosen[0]))
    for cell in chosen[1:]:
        book.cite(p, _quote(p, cell))
    figures_said = " en ".join(_said(c) for c in chosen)
    text = f"Volgens de documenten is ‘{chosen[0].row}’{_where(p)}: {figures_said} [{marker}]. Rij: {p.text} [{marker}]"
    return Answer(text=text, citations=book.citations())


def _not_in_table(p: Paragraph, years: list[str]) -> Answer:
    asked = ", ".join(years) if years else "het gevraagde"
    columns = ", ".join(c.column for c in p.cells if c.column)
    return Answer(text=f"{REFUSAL} De tabel{_where(p)} noemt geen cijfer voor {asked} (kolommen: {columns}).", refused=True)


def _series(question: str, p: Paragraph, cells: list[Cell], years: list[str], book: CitationBook) -> Answer | None:
    """A row over time, and its sum when asked ('in totaal', 'samen'): each year's figure with the unit."""
    dated = [c for c in cells if re.fullmatch(r"(?:19|20)\d\d", c.column)]
    if years:
        last = max(years)
        dated = [c for c in dated if (c.column in years) or (len(years) == 1 and c.column <= last)]
    if not dated:
        return None
    marker = book.cite(p, p.text)
    listed = "; ".join(f"{c.column}: {shown(c)}" for c in dated)
    text = f"Volgens de documenten{_where(p)} loopt ‘{dated[0].row}’ als volgt: {listed} [{marker}]."
    numbers = [cell_number(c) for c in dated]
    if _SUM.search(question) and all(n is not None for n in numbers):
        total = _sum_cell(dated[0], sum(numbers))
        text += f" Samen ({dated[0].column}-{dated[-1].column}) is dat {shown(total)} [{marker}]."
    return Answer(text=text + f" Rij: {p.text} [{marker}]", citations=book.citations())


def _sum_cell(like: Cell, total: float) -> Cell:
    digits = f"{total:,.{_decimals(like.raw)}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return Cell(like.row, "", digits, like.unit)


def _decimals(raw: str) -> int:
    return len(raw.rsplit(",", 1)[1]) if "," in raw else 0


def _check(intent: Intent, p: Paragraph, cells: list[Cell], years: list[str], book: CitationBook) -> Answer | None:
    """Ja/Nee for a claimed figure against the asked cell (amounts compared in euros, bare numbers as printed)."""
    claim = intent.claim or ""
    chosen = _asked_cells(claim, cells, years)
    if not chosen:
        return None
    cell = chosen[0]
    if cell_number(cell) is None:
        return None
    claimed = _claimed_value(claim, cell)
    if claimed is None:
        return None
    marker = book.cite(p, _quote(p, cell))
    in_euros, bare, _ = claimed
    stated, said = (cell_value(cell), in_euros) if read_unit(cell.unit).currency and in_euros is not None else (cell_number(cell), bare)
    agrees = abs(said - stated) <= 1e-6 * max(abs(stated), 1.0)
    where = f"{_where(p)} staat bij ‘{cell.row}’{' in ' + cell.column if cell.column else ''}: {shown(cell)}"
    if agrees:
        return Answer(text=f"Ja, dat klopt. Volgens de documenten{where} [{marker}]. Rij: {p.text} [{marker}]",
                      citations=book.citations(), verdict="ja")
    return Answer(text=f"Nee. Volgens de documenten{where}, niet {claimed[2]} [{marker}]. Rij: {p.text} [{marker}]",
                  citations=book.citations(), verdict="nee")


def _claimed_value(claim: str, cell: Cell) -> tuple[float | None, float, str] | None:
    """The claim's figure: (in euros when it is an amount, the number as written, as written); years are no
    figures. An amount is compared with the cell in euros when the table states a money unit, else as printed."""
    stated = figures.by_kind(claim)
    for kind in ("amount", "percentage"):
        if kind in stated:
            figure = stated[kind][0]
            number = re.search(r"[-−]?\d[\d.,]*\d|\d", figure.raw)
            bare = figures.parse_number(number.group()) if number else None
            return (figure.value if kind == "amount" else None), (bare if bare is not None else figure.value), figure.raw
    for match in re.finditer(r"(?<![\w.,])[-−]?\d[\d.,]*(?![\w])", claim):
        text = match.group().rstrip(".,")
        value = figures.parse_number(text)
        if value is not None and not (1900 <= value <= 2100 and "," not in text and "." not in text):
            return None, value, text
    return None


def _asks_change(intent: Intent) -> bool:
    """By how much a row changes between two years: 'met hoeveel daalt', 'hoeveel lager in 2025 dan in 2021'."""
    return intent.change or (intent.operation == "difference" and bool(intent.terms) and is_year_only(intent.terms[-1]))


def _row_change(p: Paragraph, cells: list[Cell], years: list[str], book: CitationBook) -> Answer | None:
    """The row's figure in the first and the last asked year, and the difference, each cited on the row."""
    dated = {c.column: c for c in cells if re.fullmatch(r"(?:19|20)\d\d", c.column)}
    first, last = min(years), max(years)
    if first not in dated or last not in dated:
        return None
    before, after = cell_number(dated[first]), cell_number(dated[last])
    if before is None or after is None or before == after:
        return None
    marker = book.cite(p, _quote(p, dated[first]))
    book.cite(p, _quote(p, dated[last]))
    delta = _computed(dated[last], abs(after - before), [dated[first], dated[last]])
    way = "stijging" if after > before else "daling"
    text = (f"Volgens de documenten{_where(p)} gaat ‘{dated[first].row}’ van {shown(dated[first])} in {first} naar "
            f"{shown(dated[last])} in {last}: een {way} van {shown(delta)} [{marker}]. Rij: {p.text} [{marker}]")
    return Answer(text=text, citations=book.citations())


def _column_total(p: Paragraph, rows: list[Paragraph], query: Query, years: list[str], book: CitationBook) -> Answer | None:
    """The sum of one column over the rows of a table that are of the same kind as the best row: rows whose label
    holds the question's words as well as the best row's label does ("Teruggaaf politievoertuigen", "Teruggaaf
    ambulances", ... for 'de teruggaven uit de tabel')."""
    if any(r.cells and _TOTAL.search(r.cells[0].row) for r in rows):
        return None  # the table states its own total: the cell answers
    label = lambda row: query.share(set(tokenize(row.cells[0].row))) if row.cells else 0.0  # noqa: E731
    best = label(p)
    alike = [r for r in rows if r.cells and label(r) >= best - 1e-9]
    chosen = [_asked_cells(" ".join(years), [c for c in r.cells if c.column or c.raw], years) for r in alike]
    if len(alike) < 2 or not all(c and len(c) == 1 and cell_number(c[0]) is not None for c in chosen):
        return None
    cells = [c[0] for c in chosen]
    if len({c.column for c in cells}) != 1 or len({c.unit for c in cells}) != 1:
        return None  # one column, one unit: never a total across columns or units
    markers = [book.cite(r, _quote(r, c)) for r, c in zip(alike, cells)]
    total = _computed(cells[0], sum(cell_number(c) for c in cells), cells)
    said = " plus ".join(f"{c.raw} ({c.row}) [{m}]" for c, m in zip(cells, markers))
    column = f" ({cells[0].column})" if cells[0].column else ""
    return Answer(text=f"Samen is dat {shown(total)}{column}: {said}{_where(p)}.", citations=book.citations())


def _computed(like: Cell, value: float, terms: list[Cell]) -> Cell:
    """A computed figure as a cell of the table, with as many decimals as its terms print."""
    decimals = max(_decimals(c.raw) for c in terms)
    digits = f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return Cell(like.row, "", digits, like.unit)


def table_rows(row: Paragraph, get) -> list[Paragraph]:
    """Every row of a row's table, in order: the table rows before and after it under the same title.
    `get(paragraph_id)` reads a paragraph of the index."""
    def same_table(p) -> bool:
        return p is not None and p.kind == "table_row" and p.doc_id == row.doc_id and p.table == row.table

    rows = [row]
    for step in (-1, 1):
        at = following_id(row.id, step)
        while len(rows) < MAX_TABLE_ROWS and same_table(get(at)):
            rows.insert(0, get(at)) if step < 0 else rows.append(get(at))
            at = following_id(at, step)
    return rows
