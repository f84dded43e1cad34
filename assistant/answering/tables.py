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
from assistant.answering.question import ASKS_RATE, CHANGE, Intent
from assistant.answering.table_naming import agrees, claimed_values as _claimed_values, claims_share, holds_subject, names_table
from assistant.answering.table_naming import named_share as _named_share
from assistant.answering.table_sums import cell_quote as _quote, column_total, like_cell, row_change, row_extreme, row_remainder, row_share
from assistant.figures import compare as figures
from assistant.figures.cells import cell_number, read_unit, shown
from assistant.parsing.blocks import topic_heading
from assistant.text.direction import direction
from assistant.text.tokens import tokenize
from assistant.types import Answer, Cell, Hit, Paragraph

ROWS_READ = 6  # retrieved paragraphs searched for the asked row
LABEL_WEIGHT = 1.0  # the row label names what is asked ...
TABLE_WEIGHT = 0.5  # ... the table title and the headings above it narrow it down
MIN_ROW_MATCH = 0.3  # below this (label share + half the table's), no row is about the question
NAMED_WEIGHT = 0.6  # a row label's words named in the question ("vuurwerkbelasting" names "Belasting op vuurwerk")
MIN_TABLE_MATCH = 0.5  # a table (title, headings, document) holding this share of the question is the one asked ...
TABLE_ROWS_RETRIEVED = 3  # ... or one with this many rows among the retrieved paragraphs read
RANK_PENALTY = 0.02  # per place a row stands lower in the retrieval
# A "Nee" needs this share of the row label's words named in the claim: lower contradicts a claim with the figure
# of a neighbouring row ("teruggaaf voor rolstoelgebruikers" for "teruggaaf voor overheidsvoertuigen"), higher
# leaves a row named in other words unchecked. A "Ja" needs the claimed figure in the cell, evidence enough.
CONTRADICT_LABEL_SHARE = 0.6
ROW_CELLS_SHOWN = 6  # a row named without a column: up to this many of its figures
_STRUCTURAL = re.compile(r"\bstruc(?:tureel|\.)?|\bstructurele?\b", re.I)
_TOTAL = re.compile(r"\b(?:totaal|cumulatie\w*|cum\.?)(?!\w)", re.I)
_OVER_TIME = re.compile(r"\bhoe\s+(?:loopt|lopen|ontwikkel\w*|verloop\w*)|\bverloop\b|\bontwikkeling\b|\bper\s+jaar\b"
                        r"|\bloopt\b.*\bop\b|\b(?:in|over)\s+de\s+jaren\b|\bjaarlijks\w*\s+(?:reeks|bedragen)", re.I)
_SUM = re.compile(r"\b(?:samen|opgeteld|bij\s+elkaar|in\s+totaal|totaal\s+over|som)\b", re.I)
_WHICH = re.compile(r"\bwelke?\b", re.I)
_TOTAL_OVER = re.compile(r"\btota(?:al|le)\b", re.I)
_EXTREME = re.compile(r"\b(?:hoogste?|grootste?|meeste?|sterkst\w*|snelst\w*|laagste?|kleinste?|minste|zwakst\w*)\b", re.I)
# the lowest figure: "de laagste", or "het sterkst" of a fall ("daalt het sterkst": the most negative change)
_LOWEST = re.compile(r"\b(?:laagste?|kleinste?|minste)\b|\b(?:daal\w*|dal(?:en|ing)|krimp\w*|afn\w*|neemt\b.*\baf)\b", re.I)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|t/m|tot\s+en\s+met|tot)\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<!\d)(?<!\d[.,])((?:19|20)\d\d)(?!\d)(?![.,]\d)")  # "in 2023, en" is a year; "1.2023" not


@dataclass(frozen=True)
class _Match:
    paragraph: Paragraph
    score: float
    table_only: bool = False  # the question names the table ("de teruggaven uit de tabel"), no row of it


def table_answer(intent: Intent, hits: list[Hit], query: Query, book: CitationBook, rows_of=None) -> Answer | None:
    """An answer from the best-matching table row (or, for a total down a column, from its table's rows, which
    `rows_of(row)` gives), or None when no row is about the question (the prose answerer then goes on) or
    the question asks no figure."""
    question = intent.claim or intent.question
    years = _asked_years(question)
    # "welk deel van A gaat naar B", "hoeveel van A is niet voor B": two rows of one table, or prose
    if intent.operation in ("ratio", "remainder") and len(intent.terms) == 2:
        row = _best_row(hits, query, book.title, question)
        if row is None or rows_of is None:
            return None
        rows = rows_of(row.paragraph)
        if intent.operation == "ratio":
            return row_share(rows, lambda label: _named_share(label, question), years, book)
        whole, part = intent.terms
        return row_remainder(rows, lambda label: _named_share(label, whole), lambda label: _named_share(label, part),
                             years, book)
    if not _asks_figure(intent, question):
        return None
    row = _best_row(hits, query, book.title, question)
    if row is None or _other_kind(intent, question, row.paragraph):
        return None
    p = row.paragraph
    cells = [c for c in p.cells if c.column or c.raw]
    if row.table_only:  # the table asked as a whole: its total, or its top row
        if rows_of is None or intent.claim:
            return None
        if _EXTREME.search(question):
            return _top_row(rows_of(p), question, years, book)
        if not (_SUM.search(question) and len(years) <= 1):
            return None
        return column_total(rows_of(p), years, bool(_STRUCTURAL.search(question)), book)
    if intent.claim:
        return _check(intent, p, cells, years, book)
    named = _labelled(p) and _named_share(cells[0].row, question) >= CONTRADICT_LABEL_SHARE
    if _EXTREME.search(question) and _WHICH.search(question) and rows_of is not None and (
            extreme := _top_row(rows_of(p), question, years, book)):
        return extreme  # "bij welke post van de cultuuruitgaven zijn de uitgaven het grootst": a row of the table, not the one named
    # "met hoeveel neemt X af tussen 2021 en 2025", "daling X 2022-2025": a row's change between two years
    asks_change = intent.change or (intent.operation == "difference" and bool(intent.terms) and is_year_only(intent.terms[-1])) or (
        bool(CHANGE.search(question)) and not _OVER_TIME.search(question))
    if asks_change and len(years) >= 2 and (changed := row_change(p, cells, sorted(years), book)):
        return changed
    if _EXTREME.search(question) and not named and rows_of is not None and (extreme := _top_row(rows_of(p), question, years, book)):
        return extreme  # "welke categorie groeit het sterkst": the row with the top figure in the asked column
    if _SUM.search(question) and len(years) <= 1 and not named and rows_of is not None and (
            total := column_total(rows_of(p), years, bool(_STRUCTURAL.search(question)), book)):
        return total  # "wat kosten de teruggaven uit de tabel samen": down the column, over the rows
    if _OVER_TIME.search(question) or (_sums(question, years) and len(years) != 1):
        return _series(question, p, cells, years, book)
    chosen = _asked_cells(question, cells, years)
    if chosen is None and named:
        chosen = [c for c in cells if c.raw][:ROW_CELLS_SHOWN]  # the row named, no column: all it states
    if chosen is None:
        return None
    if not chosen:
        return _not_in_table(p, years)
    return _cells(p, chosen, book)


def _top_row(rows: list[Paragraph], question: str, years: list[str], book: CitationBook) -> Answer | None:
    """'Welke post is het hoogst / daalt het sterkst': the row with the top (or bottom) figure the question asks."""
    return row_extreme(rows, question, years, bool(_LOWEST.search(question)), book)


def _sums(question: str, years: list[str]) -> bool:
    """'samen', 'in totaal', or 'totaal'/'totale' over a span of years ("totale opbrengst X 2022 t/m 2025")."""
    return bool(_SUM.search(question) or (len(years) >= 2 and _TOTAL_OVER.search(question)))


def _other_kind(intent: Intent, question: str, row: Paragraph) -> bool:
    """Does the question ask for a rate ("hoe hoog is het tarief") while the row holds money ("de budgettaire opbrengst
    (x € miljard)")? A table of euros does not state a rate."""
    if "amount" in intent.strict or not ASKS_RATE.search(question):
        return False
    units = [read_unit(c.unit) for c in row.cells if cell_number(c) is not None]
    return bool(units) and all(u.currency and not u.percent for u in units)


def _asks_figure(intent: Intent, question: str) -> bool:
    """A claim, an amount, a level or a count, a year or 'structureel': what a table cell answers."""
    if intent.premise or (intent.operation and intent.terms and not is_year_only(intent.terms[-1])):
        return False  # a wrong premise or the sum of two named terms is the prose answerer's
    asked = intent.strict | intent.wants
    return bool(intent.claim or asked & {"amount", "level", "quantity"} or _YEAR.search(question)
                or _STRUCTURAL.search(question))


def _best_row(hits: list[Hit], query: Query, title_of, question: str) -> _Match | None:
    """The retrieved table row whose label (and table, its headings and its document) hold most of the
    question's subject words (its years and column names left out). A row without a label of its own (a
    one-row table: "De budgettaire opbrengst bedraagt") is about what its document is about. When the
    question names a table but none of its rows, the best table's first retrieved row, marked table_only."""
    best: _Match | None = None
    table: _Match | None = None
    asked_columns = {t for t in tokenize(question) if _YEAR.fullmatch(t) or _STRUCTURAL.match(t)}
    top_document = hits[0].paragraph.doc_id if hits else ""
    for rank, hit in enumerate(hits[:ROWS_READ]):
        p = hit.paragraph
        if p.kind != "table_row" or not p.cells:
            continue
        titles = " ".join(_context(p))
        if not names_table(question, titles):
            continue  # "volgens figuur 3.2": not the rows of figuur 3
        label = {c.row for c in p.cells} | {c.group for c in p.cells if c.group}
        words = set(tokenize(" ".join(label)))
        topic = topic_heading(p.section, p.table_header)  # the measure a table stands under names it, as a title does
        context = set(tokenize(" ".join(t for t in _context(p) if t != topic)))
        document = set(tokenize(f"{title_of(p.doc_id)} {topic}"))
        ignored = (asked_columns | set(tokenize(" ".join(c.column for c in p.cells)))) - words
        around = _subject_share(query, context | document, ignored)
        if _labelled(p):  # words the whole table shares ("Collectieve uitgaven" over every row) single out no row
            own = max(_subject_share(query, words - context, ignored),
                      NAMED_WEIGHT * _named_share(" ".join(sorted(label)), question))
        else:  # a row without a label is about its document, when that is the document retrieval puts first
            own = _subject_share(query, document - context, ignored) if p.doc_id == top_document else 0.0
        score = LABEL_WEIGHT * own + TABLE_WEIGHT * around - RANK_PENALTY * rank
        table_text = " ".join([*sorted(label), titles, title_of(p.doc_id)])
        if own > 0 and (best is None or score > best.score) and holds_subject(question, ignored, table_text):

            best = _Match(p, score)
        if table is None and (around >= MIN_TABLE_MATCH or _retrieved_rows(hits, p) >= TABLE_ROWS_RETRIEVED):
            table = _Match(p, around, table_only=True)
    if best is not None and best.score >= MIN_ROW_MATCH:
        return best
    return table


def _retrieved_rows(hits: list[Hit], row: Paragraph) -> int:
    """How many of the first retrieved paragraphs are rows of `row`'s table."""
    key = (row.doc_id, row.table, row.section)
    return sum(1 for h in hits[:ROWS_READ] if h.paragraph.kind == "table_row"
               and (h.paragraph.doc_id, h.paragraph.table, h.paragraph.section) == key)


def _subject_share(query: Query, tokens: set[str], ignored: set[str]) -> float:
    """The share of the question's weight that `tokens` hold, leaving out what `ignored` holds (the asked
    years and columns say which cell, not which row)."""
    left_out = query.share(ignored)
    if left_out >= 1.0:
        return 0.0
    return max(0.0, query.share(tokens | ignored) - left_out) / (1.0 - left_out)


def _context(p: Paragraph) -> list[str]:
    """A row's table title and the headings above it, without its column header line."""
    return [t for t in dict.fromkeys([p.table, *p.section]) if t and t != p.table_header]


def _labelled(p: Paragraph) -> bool:
    """Has the row a label of its own (and so rows beside it), not just its table's title?"""
    return any(c.row and c.row not in {p.table, *p.section} for c in p.cells)


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
    named: list[Cell] = []
    if _STRUCTURAL.search(question):
        named += [c for c in cells if _STRUCTURAL.search(c.column)][:1]
    if _TOTAL.search(question):
        named += [c for c in cells if _TOTAL.search(c.column)][:1]
    dated = [c for c in cells if re.search(r"(?:19|20)\d\d", c.column)]
    if years and dated:
        in_years = [c for year in years for c in cells if _in_column(c, year) and c not in named][:3]
        return named + in_years  # a named column ("cumulatief 2022-2025") first: a claim is checked against it
    if named:
        return named
    # a column named by its header, as written ("zonder plan" is not "met plan") or by its words ("regeerakkoord")
    written = [c for c in cells if c.raw and c.column and re.search(rf"(?<!\w){re.escape(c.column)}(?!\w)", question, re.I)]
    headed = written or [c for c in cells if c.raw and c.column and _named_share(c.column, question) >= CONTRADICT_LABEL_SHARE]
    if len(headed) == 1:
        return headed
    filled = [c for c in cells if c.raw]
    if len({c.raw for c in filled}) == 1 and all(c.column.lower() not in ("", "totaal") for c in filled[1:]):
        return filled[:1]  # one figure, or the same in every year ("3,1; 3,1; 3,1; structureel 3,1")
    return None


def _where(p: Paragraph) -> str:
    title = p.table or next(iter(_context(p)[-1:]), "")
    return f" in de tabel ‘{title}’" if title else ""


def _said(cell: Cell) -> str:
    where = f" in {cell.column}" if re.fullmatch(r"(?:19|20)\d\d", cell.column) else (f" ({cell.column})" if cell.column else "")
    return f"{shown(cell)}{where}"


def _cells(p: Paragraph, chosen: list[Cell], book: CitationBook) -> Answer:
    marker = book.cite(p, _quote(p, chosen[0]))
    for cell in chosen[1:]:
        book.cite(p, _quote(p, cell))
    figures_said = " en ".join(_said(c) for c in chosen)
    text = f"{_source(p, chosen[0])}: {figures_said} [{marker}]. De hele rij: {p.text} [{marker}]"
    return Answer(text=text, citations=book.citations())


def _source(p: Paragraph, cell: Cell) -> str:
    """'Volgens de tabel ‘Uitgaven …’ staat bij ‘Stand ontwerpbegroting 2019’': the row named unless it is the table."""
    title = p.table or next(iter(_context(p)[-1:]), "")
    source = f"Volgens de tabel ‘{title}’" if title else "Volgens de documenten"
    return source + (f" staat bij ‘{cell.row}’" if cell.row and cell.row != title else "")


def _not_in_table(p: Paragraph, years: list[str]) -> Answer:
    asked = ", ".join(years) if years else "het gevraagde"
    columns = ", ".join(c.column for c in p.cells if c.column)
    title = p.table or next(iter(_context(p)[-1:]), "")
    table = f"De tabel ‘{title}’" if title else "De tabel"
    return Answer(text=f"{REFUSAL} {table} noemt geen cijfer voor {asked} (kolommen: {columns}).", refused=True)


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
    if _sums(question, years) and all(n is not None for n in numbers):
        total = like_cell(dated[0], sum(numbers))
        text += f" Samen ({dated[0].column}-{dated[-1].column}) is dat {shown(total)} [{marker}]."
    return Answer(text=text + f" Rij: {p.text} [{marker}]", citations=book.citations())


# A claim of a row's course: "van 0,2 (in 2022) naar 0,5 mld": its two figures belong to its two years, in order.
_FROM_TO = re.compile(r"\bvan\s+(?:€\s*)?[-−]?\d[\d.,]*\b.{0,40}?\b(?:naar|tot)\s+(?:€\s*)?[-−]?\d", re.I)


def _check(intent: Intent, p: Paragraph, cells: list[Cell], years: list[str], book: CitationBook) -> Answer | None:
    """Ja/Nee for a claimed figure against the asked cell (amounts compared in euros, bare numbers as printed); a
    claim of one figure per asked year ("van 3,7 in 2021 naar 1,9 in 2025") is checked year by year."""
    claim = intent.claim or ""
    chosen = _asked_cells(claim, cells, years)
    shares = [c for c in cells if c.raw and "%" in c.column + c.unit]
    if shares and claims_share(claim) and "amount" not in figures.by_kind(claim):
        # "daalt met 49,4%", "0,2 als aandeel van het bbp": a share is checked in a column of shares, the best named
        chosen = [max(shares, key=lambda c: _named_share(c.column, claim))]
    if not chosen:
        return None
    claimed = _claimed_values(claim, chosen[0])
    if not claimed:
        return None
    named = list(dict.fromkeys(_YEAR.findall(claim)))  # "tussen 2022 en 2025 van 0,2 naar 0,7": the years as named
    if _FROM_TO.search(claim) and len(claimed) == len(named) == 2 and all(any(_in_column(c, y) for c in cells) for y in named):
        chosen = [next(c for c in cells if _in_column(c, y)) for y in named]
        pairs = list(zip(chosen, claimed))
    else:  # one figure: the amount or share the claim states, before a bare number
        pairs = [(chosen[0], next((c for c in claimed if c[0] is not None or claims_share(c[2])), claimed[0]))]
    if any(cell_number(cell) is None for cell, _ in pairs):
        return None
    falls = direction(claim) < 0  # "neemt af met 0,3" against a change column: the claimed change is -0,3
    wrong = next(((cell, said) for cell, said in pairs if not agrees(cell, said, falls)), None)
    if wrong and _labelled(p) and _named_share(wrong[0].row, claim) < CONTRADICT_LABEL_SHARE:
        return None  # another figure, but perhaps of another row: the prose checker says what it can
    cell = wrong[0] if wrong else pairs[0][0]
    marker = book.cite(p, _quote(p, cell))
    for other, _ in pairs:
        book.cite(p, _quote(p, other))
    if not wrong:
        where = f"{_source(p, cell)}: {' en '.join(_said(c) for c, _ in pairs)}"
        return Answer(text=f"Ja, dat klopt. {where} [{marker}]. De hele rij: {p.text} [{marker}]",
                      citations=book.citations(), verdict="ja")
    where = f"{_source(p, cell)}: {_said(cell)}"
    sign_only = falls and agrees(cell, wrong[1])  # the figure agrees, but the source has it rising
    said = f"{where}: een stijging, geen daling" if sign_only else f"{where}, niet {wrong[1][2]}"
    return Answer(text=f"Nee. {said} [{marker}]. De hele rij: {p.text} [{marker}]", citations=book.citations(), verdict="nee")
