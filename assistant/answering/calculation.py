"""Calculations over cited figures: a total over years, a remainder, a share, a ratio, a difference, and the
change of one series between two years. Each answer shows the calculation with every term cited.

Figures are related only when they are of one kind and unit (euros with euros, percentages with
percentages, months with months, a table's cells with cells in its unit); otherwise nothing is computed
and the question is answered as a lookup, or refused by the lookup's own rules.
"""

from __future__ import annotations

import re

from assistant.answering import tuning as T
from assistant.answering.answer import CitationBook, clean, total
from assistant.answering.operations import is_year_only
from assistant.answering.evidence import Query, Sentence, paragraph_scale, score_sentences
from assistant.answering.question import Intent
from assistant.answering.selection import answers_kind
from assistant.answering.shares import complement, states_share
from assistant.figures import compare as figures
from assistant.figures.cells import cell_number, cell_value, read_unit
from assistant.figures.notation import dutch_number
from assistant.text.tokens import tokenize
from assistant.types import Answer

_TABLE_UNIT = re.compile(r"€|\bx\b|\bin\b", re.I)
_SCALED = re.compile(r"\b(?:miljoen|miljard|mln|mld|mrd|duizend)\b|\d\s*[kKmM]\b", re.I)
_POINTS_BACK = re.compile(r"(?:dat|dit|die|deze|het|dat\s+bedrag|dit\s+bedrag)", re.I)
_HOEVEEL_UNIT = re.compile(r"\bhoeveel\s+([^\W\d_]{3,})\b", re.I)
# Words after "hoeveel" that are no counted noun: money and rates, comparatives, and verbs in the plural.
_NOT_UNITS = {"geld", "euro", "procent", "procentpunt", "procentpunten", "keer", "meer", "minder", "hoger", "lager", "van",
              "zijn", "worden", "hebben", "kunnen", "moeten", "zullen", "gaan", "komen", "kosten", "bedragen", "liggen"}


def points_back(term: str) -> bool:
    """A term that only points back ("dat", "dit bedrag"): what it names, an earlier answer says (follow_ups.py)."""
    return bool(_POINTS_BACK.fullmatch(term.strip()))


def asked_kind(intent: Intent) -> tuple[str, str | None]:
    """The kind of figure a calculation relates, and a count's unit: 'hoeveel maanden' -> ("count", "maanden")."""
    asks_percent = intent.percentages or re.search(r"\bprocent", intent.question, re.I)
    if asks_percent and intent.operation != "ratio":  # a share in percent is made of amounts or counts
        return "percentage", None
    if "amount" in intent.strict or "amount" in intent.wants:
        return "amount", None
    unit = _HOEVEEL_UNIT.search(intent.question)
    # a counted noun is plural ("maanden", "scholen", "PSP's"); "hoeveel groeit" names no unit
    if unit and unit.group(1).lower() not in _NOT_UNITS and re.search(r"(?:en|s)$", unit.group(1), re.I):
        return "count", unit.group(1).lower()
    return "amount", None


def figures_of(sentence: Sentence, kind: str, unit: str | None = None) -> list:
    """The sentence's figures of one kind (a count only in the asked unit: 'maand' for 'maanden')."""
    found = figures.by_kind(sentence.text, paragraph_scale(sentence.paragraph)).get(kind, [])
    return [f for f in found if unit is None or same_unit(getattr(f, "unit", ""), unit)]


def same_unit(a: str, b: str) -> bool:
    """'maanden' and 'maand', 'jaar' and 'jaren': one unit when they share a stem of four letters."""
    a, b = a.lower(), b.lower()
    return a == b or (min(len(a), len(b)) >= 4 and a[:4] == b[:4])


def comparable(x, y, part_of: bool = False) -> bool:
    """Two figures of one kind and unit: no euros with dollars, no months with years, and no yearly amount with a
    one-off one, except for a part of a whole ("jaarlijks 30 miljoen ... Hiervan is 14 miljoen")."""
    if type(x) is not type(y):
        return False
    if isinstance(x, figures.Amount):
        return (x.currency or "EUR") == (y.currency or "EUR") and (part_of or x.per == y.per)
    return same_unit(x.unit, y.unit)


def shown_computed(kind: str, value: float, like) -> str:
    """A computed figure in the notation of the figures it comes from: "€ 1.454.000" from "€ 1.559.000"."""
    if kind == "count" and _TABLE_UNIT.search(like.unit):  # a cell counted in its table's unit: "27.671 (x € 1.000)"
        return f"{figures.format_computed('count', value)} ({like.unit})"
    if kind == "count":
        return f"{figures.format_computed('count', value)} {like.unit}".strip()
    if kind == "amount" and like.currency and not _SCALED.search(like.raw) and value == int(value):
        return f"{'€' if (like.currency or 'EUR') == 'EUR' and '€' in like.raw else ''}{dutch_number(value)}".strip()
    return figures.format_computed(kind, value, like)


def relate(intent: Intent, terms: list[tuple[Sentence, object]], book: CitationBook) -> Answer | None:
    """The asked operation on two cited figures, shown as the calculation; None when they cannot be related."""
    (s1, f1), (s2, f2) = terms
    if not comparable(f1, f2, part_of=intent.operation in ("remainder", "ratio")):
        return None
    same = (s1.paragraph.id, s1.start) == (s2.paragraph.id, s2.start)
    if intent.operation in ("remainder", "ratio") and same and f2.value > f1.value:
        (s1, f1), (s2, f2) = (s2, f2), (s1, f1)  # one sentence states a whole and its part: the larger is the whole
    kind = "amount" if isinstance(f1, figures.Amount) else ("percentage" if f1.unit == "%" else "count")
    m1, m2 = book.cite(s1.paragraph, s1.text), book.cite(s2.paragraph, s2.text)
    if intent.operation == "remainder":
        if not 0 < f2.value < f1.value:
            return None  # a part larger than its whole is not its part
        text = f"Er blijft {shown_computed(kind, f1.value - f2.value, f1)} over: {f1.raw} [{m1}] min {f2.raw} [{m2}]."
    elif intent.operation == "ratio":
        if not 0 < f2.value <= f1.value or kind == "percentage":
            return None
        text = f"Dat is {_about(100 * f2.value / f1.value)}%: {f2.raw} [{m2}] van {f1.raw} [{m1}]."
    elif intent.operation == "times":
        if not f2.value:
            return None
        text = f"Dat is {_about(f1.value / f2.value)} keer zoveel: {f1.raw} [{m1}] gedeeld door {f2.raw} [{m2}]."
    elif intent.operation == "difference":
        (big, mb), (small, ms) = sorted([(f1, m1), (f2, m2)], key=lambda t: -t[0].value)
        text = f"Het verschil is {shown_computed(kind, big.value - small.value, big)}: {big.raw} [{mb}] min {small.raw} [{ms}]."
    else:
        text = f"Samen is dat {shown_computed(kind, f1.value + f2.value, f1)}: {f1.raw} [{m1}] plus {f2.raw} [{m2}]."
    quotes = f" {clean(s1.text)} [{m1}]" + ("" if s2.text == s1.text else f" {clean(s2.text)} [{m2}]")
    return Answer(text=text + quotes, citations=book.citations())


def _about(value: float) -> str:
    """A share or ratio to one decimal, said to be rounded when it is: "25", "ongeveer 41,5"."""
    rounded = round(value, 1)
    number = dutch_number(rounded, 0 if rounded == int(rounded) else 1)
    return number if abs(rounded - value) < 1e-9 else f"ongeveer {number}"


def over_years(intent: Intent, scored: list[Sentence], book: CitationBook) -> Answer | None:
    """'Hoeveel in totaal?' of an amount stated per year over a span: '€ 5 miljoen per jaar van 2023 tot en met
    2026' is 4 x € 5 miljoen. The span is the sentence's own, else the years the question names ('over 2023, 2024
    en 2025'), when the amount runs from then ('vanaf 2023')."""
    asked = (min(intent.years), max(intent.years)) if len(intent.years) >= 2 else None
    for sentence in [s for s in scored[: T.SUM_READ] if answers_kind(s, intent)][: T.SPAN_READ]:
        yearly = [a for a in figures_of(sentence, "amount") if a.per == "jaar"]
        dates = [p for p in figures_of(sentence, "date") if p.has_year]
        spans = [(p.first.year, p.last.year, f"{p.raw} [{{marker}}]") for p in dates if p.first.year < p.last.year]
        if not spans and asked and all(p.first.year <= asked[0] for p in dates):
            spans = [(*asked, f"{asked[0]} tot en met {asked[1]}, de gevraagde jaren")]
        if len(yearly) != 1 or len(spans) != 1:
            continue
        (first, last, said), amount = spans[0], yearly[0]
        years = last - first + 1
        marker = book.cite(sentence.paragraph, sentence.text)
        text = (
            f"Samen is dat {figures.format_computed('amount', years * amount.value, amount)}: {years} jaar "
            f"({said.format(marker=marker)}) maal {amount.raw} per jaar [{marker}]. {clean(sentence.text)} [{marker}]"
        )
        return Answer(text=text, citations=book.citations())
    return None


def across_sentences(intent: Intent, scored: list[Sentence], book: CitationBook) -> Answer | None:
    """'Hoeveel in totaal / bij elkaar?' when the best paragraph states the figures in sentences of their own
    ("€ 7 miljoen in 2025-2026 ... de resterende € 15 miljoen ..."): each sentence's one figure, added."""
    kind, _ = asked_kind(intent)
    typed = [s for s in scored[: T.SUM_READ] if answers_kind(s, intent)]
    if not typed:
        return None
    best = typed[0]
    same = sorted((s for s in typed if s.paragraph.id == best.paragraph.id), key=lambda s: s.start)
    terms = [(s, figures_of(s, kind)) for s in same]
    if len(terms) < 2 or any(len(found) != 1 for _, found in terms) or len(terms) > T.MAX_TERMS:
        return None
    stated = [found[0] for _, found in terms]
    if not all(comparable(stated[0], f) for f in stated[1:]):
        return None
    markers = [book.cite(s.paragraph, s.text) for s, _ in terms]
    value = sum(f.value for f in stated)
    said = " plus ".join(f"{f.raw} [{m}]" for f, m in zip(stated, markers))
    quotes = " ".join(f"{clean(s.text)} [{m}]" for (s, _), m in zip(terms, markers))
    return Answer(text=f"Samen is dat {shown_computed(kind, value, stated[0])}: {said}. {quotes}", citations=book.citations())


def series_change(years: tuple[int, ...], kind: str, scored: list[Sentence], book: CitationBook) -> Answer | None:
    """'Hoeveel procentpunt hoger in 2030 dan in 2025?': the figure the subject has in each year, each cited,
    from one sentence ('55 procent in 2025 en 60 procent in 2030') or two."""
    first, last = sorted(years[:2])
    found = [_figure_in_year(year, kind, scored) for year in (first, last)]
    if not all(found):
        return None
    (s1, a1), (s2, a2) = found
    if not comparable(a1, a2) or a1.value == a2.value:
        return None
    m1, m2 = book.cite(s1.paragraph, s1.text), book.cite(s2.paragraph, s2.text)
    delta = shown_computed(kind, abs(a2.value - a1.value), a2)
    quotes = f" {clean(s1.text)} [{m1}]" + ("" if (s1.paragraph.id, s1.start) == (s2.paragraph.id, s2.start) else f" {clean(s2.text)} [{m2}]")
    text = f"Het verschil is {delta}: van {a1.raw} in {first} [{m1}] naar {a2.raw} in {last} [{m2}].{quotes}"
    return Answer(text=text, citations=book.citations())


def _figure_in_year(year: int, kind: str, scored: list[Sentence]):
    """The best sentence on the subject stating a figure of `kind` for `year`: its only figure when it names only
    that year, else the figure standing nearest that year's mention."""
    subject = max((s.context for s in scored), default=0.0)
    for sentence in scored[: T.YEAR_AMOUNT_READ]:
        if sentence.context < T.YEAR_AMOUNT_SUBJECT * subject:
            continue
        stated = figures_of(sentence, kind)
        dates = [p for p in figures_of(sentence, "date") if p.has_year]
        named = [p for p in dates if p.first.year == year == p.last.year]
        if not stated or not named:
            continue
        if {p.first.year for p in dates} == {year} and all(p.first.year == p.last.year for p in dates):
            if len(stated) == 1:
                return sentence, stated[0]
            continue
        paired = [f for f in stated if _year_of(f, stated, dates) == year]
        if len(paired) == 1:  # "55 procent in 2025 en 60 procent in 2030": each figure with the year beside it
            return sentence, paired[0]
    return None


def _year_of(figure, stated: list, dates: list) -> int | None:
    """The year a figure is stated for: the one year written between it and the next figure ("55 procent in
    2025 en 60 procent in 2030"), else the one between the figure before it and itself ("in 2025 EUR 1,8 miljard")."""
    starts = sorted(f.start for f in stated)
    following = next((s for s in starts if s > figure.start), 10**9)
    preceding = max((f.end for f in stated if f.end <= figure.start), default=0)
    for low, high in ((figure.end, following), (preceding, figure.start)):
        years = {p.first.year for p in dates if low <= p.start < high and p.first.year == p.last.year}
        if years:
            return years.pop() if len(years) == 1 else None
    return None


def calculate(intent: Intent, scored: list[Sentence], book: CitationBook, find_term) -> tuple[Answer, str] | None:
    """The asked calculation and its route ("calculation", or "terms" for two terms found apart); None when there is
    nothing to calculate from (a lookup answers, or refuses) or the source states the result itself (a total, a share).

    `find_term(term, kind, unit, exclude, context, years, doc_id)` returns (sentence, figure) for one term, searched
    in one document when `doc_id` is given, or None.
    """
    if intent.operation == "complement":  # "welk deel ... niet": the rest of the share the source states
        made = complement(scored, intent.terms[0], book)
        return (made, "calculation") if made else None
    kind, unit = asked_kind(intent)
    if not intent.terms:
        typed = [s for s in scored if answers_kind(s, intent)]
        read = scored if intent.operation == "sum" else typed[:1]  # "in totaal": only when the best states no total
        made = over_years(intent, scored, book)
        if made is None and intent.strict & {"amount", "quantity"}:  # figures to add must be of the asked kind
            made = total(intent, read, book) or across_sentences(intent, scored, book)
        return (made, "calculation") if made else None
    a, b = intent.terms
    if points_back(a) or points_back(b):
        return None  # "welk deel van het totaal is dat": a term only an earlier answer names (follow_ups.py)
    if is_year_only(b) and len(intent.years) >= 2:  # "hoger in 2030 dan in 2025": one series
        changed = series_change(intent.years, kind, scored, book)
        return (changed, "calculation") if changed else None
    if intent.operation == "ratio" and states_share(scored):
        return None  # "welk deel ... wordt tijdens het taxiën uitgestoten": the source says it, a lookup quotes it
    # the second term is looked for where the first was stated: a figure of another document is about another
    # subject ("het bedrag op jaarbasis" of the uitkering, not any amount per year); a part is read with its whole.
    # When the first names no subject of its own ("als percentage van het totaal"), the second is looked for first.
    part_of = intent.operation in ("remainder", "ratio", "times")
    whole = part = None
    for first, second in ((a, b), (b, a)):
        found = find_term(first, kind, unit, [], "", intent.years, None)
        other = found and find_term(second, kind, unit, [found[1]], first if part_of else "", intent.years, found[0].paragraph.doc_id)
        if other:
            whole, part = (found, other) if first is a else (other, found)
            break
    made = relate(intent, [whole, part], book) if whole and part else None
    # terms found by searches of their own are less sure than figures read from the answer's own sentences: the
    # route has no weight of its own in the confidence model (tuning.CONFIDENCE_WEIGHTS)
    return (made, "terms") if made else None  # no figures to relate: a lookup, or its refusal


def term_figure(term: str, hits, query: Query, kind: str, unit: str | None, exclude: list, years=()):
    """The best sentence about one term and its figure of the asked kind standing nearest the term's words; in a
    table row, the cell of the asked year."""
    want = "amount" if kind == "amount" else "quantity"
    intent = Intent(question=term, wants=frozenset({want}), strict=frozenset({want}))
    for sentence in score_sentences(hits, query, intent)[: T.TERM_READ]:
        if sentence.coverage < T.TERM_COVERAGE and sentence.context < T.TERM_CONTEXT:
            continue
        cells = sentence.paragraph.cells if sentence.paragraph.kind == "table_row" else ()
        found = (cell_figures(cells, years) if cells else []) or figures_of(sentence, kind, unit)
        found = [f for f in found if not any(f.raw == e.raw and f.start == e.start for e in exclude)]
        found = [f for f in found if not exclude or comparable(exclude[0], f, part_of=True)]  # the other term's kind
        if found:
            return sentence, max(found, key=lambda f: _nearness(sentence, f, query))
    return None


def cell_figures(cells, years) -> list:
    """A table row's cell for the asked year (or its only figure) as a figure: an amount when the table states a
    currency, else a number in the table's own unit, comparable only with cells printed in that unit."""
    asked = [str(y) for y in years]
    filled = [c for c in cells if cell_number(c) is not None]
    chosen = filled if len(filled) == 1 else [c for c in filled if c.column in asked]
    if len(chosen) != 1:
        return []
    cell, unit = chosen[0], read_unit(chosen[0].unit)
    start = cells.index(cell)
    if unit.currency and unit.scale == 1.0:
        return [figures.Amount(cell.raw, start, start, cell_value(cell), unit.currency)]
    return [figures.Quantity(cell.raw, start, start, cell_number(cell), "%" if unit.percent else cell.unit)]


def _nearness(sentence: Sentence, figure, query: Query) -> float:
    """How much of the term's words stand around a figure: which of a sentence's figures is the term's."""
    text = sentence.text
    before = text[max(0, figure.start - T.FIGURE_WINDOW_BEFORE) : figure.start]
    after = text[figure.end : figure.end + T.FIGURE_WINDOW_AFTER]
    # an enumeration's item ends at ";": the words of the item before or after belong to another figure
    window = before.rsplit(";", 1)[-1] + " " + figure.raw + " " + after.split(";", 1)[0]
    return query.share(set(tokenize(window)))
