"""The extractive answerer: short Dutch answers built only from cited source sentences.

Every sentence it writes carries a marker; every figure in it is copied from the
cited paragraph, except a computed total (shown as the calculation) and the
question's own figure when it is being corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant import figures
from assistant.amounts import WRITTEN_NUMBERS
from assistant.figures import Quantity
from assistant.evidence import Query, Sentence, answers_kind, paragraph_scale, select
from assistant.question import Intent
from assistant.types import Citation, Paragraph

REFUSAL = "Dat staat niet in de documenten."


@dataclass
class Composed:
    text: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    verdict: str | None = None


class CitationBook:
    """Hands out one marker per paragraph and collects the quoted sentences behind it."""

    def __init__(self, title_of):
        self._title_of = title_of
        self._by_paragraph: dict[str, Citation] = {}

    def cite(self, paragraph: Paragraph, quote: str) -> int:
        existing = self._by_paragraph.get(paragraph.id)
        if existing is None:
            existing = Citation(
                marker=len(self._by_paragraph) + 1,
                doc=paragraph.doc_id,
                title=self._title_of(paragraph.doc_id),
                pages=paragraph.pages,
                paragraph_id=paragraph.id,
                text=paragraph.text,
                quote=quote,
            )
        elif quote not in existing.quote:
            existing = Citation(**{**existing.__dict__, "quote": f"{existing.quote} {quote}"})
        self._by_paragraph[paragraph.id] = existing
        return existing.marker

    def citations(self) -> list[Citation]:
        return sorted(self._by_paragraph.values(), key=lambda c: c.marker)


def quote_sentences(chosen: list[Sentence], book: CitationBook) -> str:
    return " ".join(f"{_clean(s.text)} [{book.cite(s.paragraph, s.text)}]" for s in chosen)


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text if text[-1:] in ".!?:;" else text + "."


def lookup(
    intent: Intent, scored: list[Sentence], query: Query, book: CitationBook, part_answers: list[Sentence] | None = None
) -> Composed:
    """Answer an amount/date/actor/open question with the sentences that state it (one more per extra part asked)."""
    candidates = [s for s in scored if answers_kind(s, intent)]
    chosen = select(candidates, intent, query)
    for part_best in part_answers or []:
        if part_best.paragraph.doc_id == chosen[0].paragraph.doc_id and all(
            (part_best.paragraph.id, part_best.start) != (c.paragraph.id, c.start) for c in chosen
        ):
            chosen.append(part_best)
    if intent.premise:
        correcting = _correcting_sentence(intent, chosen, scored)
        if correcting is not None:
            chosen = [correcting]  # the sentence that corrects the premise is the answer
    chosen.sort(key=lambda s: (s.rank, s.start))
    body = quote_sentences(chosen, book)
    correction = _premise_correction(intent, chosen, book) if intent.premise else ""
    return Composed(f"{correction}{body}", book.citations())


def _correcting_sentence(intent: Intent, chosen: list[Sentence], scored: list[Sentence]) -> Sentence | None:
    """For 'Waarom pas in 2029 ...?': the sentence stating a different date in the same role ("in 2027", not
    "tot 2031"), when none of the chosen sentences has one. A date's preposition tells its role."""
    asked = [(d, _preposition(intent.question, d.start)) for d in _figures_of(intent.question).get("date", [])]
    asked = [(d, role) for d, role in asked if role]

    def corrects(sentence: Sentence) -> bool:
        stated = _figures_of(sentence.text).get("date", [])
        return any(
            role == _preposition(sentence.text, s.start) and not _equal("date", d, s) for d, role in asked for s in stated
        )

    if not asked or any(corrects(s) for s in chosen):
        return None
    read = scored[:PREMISE_READ]
    subject = max((s.context for s in read), default=0.0)  # the correction must be on the question's subject
    return next((s for s in read if corrects(s) and s.context >= PREMISE_SUBJECT * subject), None)


def _preposition(text: str, start: int) -> str:
    words = [w.lower() for w in text[:start].split()]
    while words and words[-1] in ("het", "de", "een"):  # "in het derde kwartaal van 2023"
        words.pop()
    return words[-1] if words and words[-1] in _ROLES else ""


_ROLES = frozenset({"in", "tot", "vanaf", "per", "sinds", "voor", "vóór", "na", "uiterlijk", "op"})
PREMISE_READ = 10  # sentences read for one correcting a premise's date
PREMISE_SUBJECT = 0.8  # ... from a paragraph matching the question nearly as well as the best one


def _premise_correction(intent: Intent, chosen: list[Sentence], book: CitationBook) -> str:
    """'Waarom pas in 2029 ...?' when the source says 2027: say so before anything else."""
    asked = _figures_of(intent.question)
    for kind, asked_values in asked.items():
        for s in chosen:
            stated = _figures_of(s.text, paragraph_scale(s.paragraph)).get(kind, [])
            if stated and not any(_equal(kind, a, b) for a in asked_values for b in stated):
                marker = book.cite(s.paragraph, s.text)
                return (
                    f"Let op: dat klopt niet. Volgens de documenten gaat het om {_shown(stated[0])}, "
                    f"niet om {asked_values[0].raw} [{marker}]. "
                )
    return ""


def check_claim(intent: Intent, scored: list[Sentence], query: Query, book: CitationBook) -> Composed:
    """Ja/Nee/niet te bevestigen for a claim, judged on the clause that best matches its subject.

    Clauses matter in lists ("in 2040 ... 30% ...; in 2030 ... 50% ..."): the figure next to
    the claim's words is the one to compare, not any figure in the sentence.
    """
    claimed = _claimed_figures(intent.claim or "")
    if not claimed:
        return _check_statement(intent.claim or "", scored, query, book)
    readings = [r for s in scored[:15] for r in _clause_readings(s, claimed, query)]
    if not readings or max(max(r.sentence.context, r.match) for r in readings) < 0.3:
        return Composed(
            "Dat kan ik niet bevestigen: de documenten noemen dit cijfer niet bij dit onderwerp. " + REFUSAL,
            refused=True,
        )
    best = max(readings, key=lambda r: r.weight)
    if not _contradictions(claimed, best.stated) and not _supports(claimed, best.stated):
        best = max((r for r in readings if _contradictions(claimed, r.stated)), key=lambda r: r.weight, default=best)
    supporting = [
        r for r in readings
        if r.weight >= 0.8 * best.weight and _supports(claimed, r.stated)
    ]
    if not supporting and not _contradictions(claimed, best.stated):
        return Composed("Dat kan ik niet bevestigen: de documenten noemen dit cijfer niet bij dit onderwerp. " + REFUSAL, refused=True)
    if supporting:
        chosen = supporting[0]
        marker = book.cite(chosen.sentence.paragraph, chosen.sentence.text)
        stated_dates = chosen.stated.get("date", [])
        # "per 1 januari" supports "per 1 januari 2030" only as far as it goes
        yearless = stated_dates and not any(d.has_year for d in stated_dates) and any(d.has_year for d in claimed.get("date", []))
        note = " De bron noemt daarbij geen jaartal." if yearless else ""
        return Composed(f"Ja, dat klopt. {_clean(chosen.sentence.text)} [{marker}]{note}", book.citations(), verdict="ja")
    # Contradicted in its figure rather than only in its year: "2019: 28.914" answers a claim about 2019.
    best = max(
        (r for r in readings if r.weight >= 0.8 * best.weight and _contradictions(claimed, r.stated)),
        key=lambda r: (not _dated_contradiction(claimed, r.stated), r.weight),
        default=best,
    )
    kind, claim_figure = sorted(_contradictions(claimed, best.stated), key=lambda c: c[0] == "date")[0]
    source = _closest(kind, claim_figure, _comparable(kind, claim_figure, best.stated[kind]))
    marker = book.cite(best.sentence.paragraph, best.sentence.text)
    elsewhere = next((s for s in best.stated[kind] if s is not source and _equal(kind, claim_figure, s)), None)
    # "7.600 private partners" when the source says 8.500 partners and 7.600 employees: say what 7.600 counts
    aside = f"; {_number_of(elsewhere)} slaat in de bron op {elsewhere.unit}" if elsewhere is not None and kind == "count" else ""
    return Composed(
        f"Nee. Volgens de documenten is het {_shown(source)}, niet {claim_figure.raw} [{marker}]{aside}. "
        f"{_clean(best.sentence.text)} [{marker}]",
        book.citations(),
        verdict="nee",
    )


_NEGATION = re.compile(r"\b(?:niet|geen|nooit|niets|nergens|noch)\b", re.I)
_NAME = re.compile(r"(?<=\s)[A-Z][\w-]*")  # a capitalised word after the first: a name or an acronym
_BARE_NUMBER = re.compile(r"(?<![\w.,\-–])(?:\d[\d.,]*\d|\d)(?![\w\-–]|[.,]\d)")


def _claimed_figures(claim: str) -> dict[str, list]:
    """The claim's figures; a number without a unit ("staan op 28.500") is claimed too, as a count."""
    claimed = _figures_of(claim)
    if set(claimed) - {"date"}:
        return claimed
    spans = [(f.start, f.end) for values in claimed.values() for f in values]
    for match in _BARE_NUMBER.finditer(claim):
        value = figures.parse_number(match.group().rstrip(".,"))
        if value is None or any(a <= match.start() < b for a, b in spans) or 1900 <= value <= 2100:
            continue
        claimed.setdefault("count", []).append(Quantity(match.group(), match.start(), match.end(), value, ""))
    return claimed


@dataclass(frozen=True)
class _Reading:
    sentence: Sentence
    stated: dict
    match: float  # share of the claim's words in the clause

    @property
    def weight(self) -> float:
        return self.sentence.score * (0.5 + self.match)


SAME_THING = 0.3  # added to a clause's match with a claim when both count the same thing
_CLAUSE = re.compile(r";|\s[•▪●◦-]\s|\n|(?<=[.:])\s+(?=[-•])")


def _clause_readings(sentence: Sentence, claimed: dict, query: Query) -> list[_Reading]:
    from assistant.lexical import tokenize

    readings = []
    scale = paragraph_scale(sentence.paragraph)
    label = sentence.text.split(":", 1)[0] if sentence.paragraph.kind == "table_row" else ""
    for clause in _CLAUSE.split(sentence.text):
        if label and clause.startswith(label + ":"):
            clause = clause[len(label) + 1 :]  # "Stand 2019: 2018: 28.913": the cell is "2018: 28.913"
        stated = _figures_of(clause, scale)
        if scale != 1.0 and "amount" in stated and "count" in claimed and "amount" not in claimed:
            # "staat op 28.914" about a table in thousands of euros: compare with the cell as printed.
            cells = [Quantity(a.raw, a.start, a.end, a.value / scale, "") for a in stated["amount"]]
            stated = {**stated, "count": stated.get("count", []) + cells}
        if set(stated) & set(claimed):
            words = set(tokenize(clause))
            if label:
                words |= set(tokenize(label))  # a cell is read with its row's label
            # "zes andere landen" against "acht landen": figures counting the same thing speak of the claim
            same_thing = SAME_THING if _counts_same_thing(claimed, stated) else 0.0
            readings.append(_Reading(sentence, stated, query.share(words) + same_thing))
    return readings


def _counts_same_thing(claimed: dict, stated: dict) -> bool:
    """Do a claimed and a stated count name the same thing ("zes andere landen", "acht landen")?"""
    heads = {_head(q) for q in claimed.get("count", [])} - {""}
    return any(_head(q) in heads for q in stated.get("count", []))


def _comparable(kind: str, claimed, stated: list) -> list:
    """The stated figures a claimed one is compared with: for a count, those counting the same thing
    ("7.600 private partners" is compared with "8.500 private partners", not with "7.600 medewerkers")."""
    if kind != "count" or not _head(claimed):
        return stated
    return [s for s in stated if _head(s) == _head(claimed)] or stated


def _head(quantity) -> str:
    from assistant.lexical import tokenize

    words = tokenize(quantity.unit.split()[-1], compounds=False) if quantity.unit.strip() else []
    return words[-1] if words else ""


def _number_of(quantity) -> str:
    return quantity.raw[: len(quantity.raw) - len(quantity.unit)].strip() if quantity.unit else quantity.raw


def _supports(claimed: dict, stated: dict) -> bool:
    """The claim's main figure (an amount before a percentage before a count before a date) is stated, and nothing differs."""
    primary = next(kind for kind in ("amount", "percentage", "count", "date") if kind in claimed)
    return primary in stated and not _contradictions(claimed, stated)


def _dated_contradiction(claimed: dict, stated: dict) -> bool:
    return any(kind == "date" for kind, _ in _contradictions(claimed, stated))


def _contradictions(claimed: dict, stated: dict) -> list[tuple[str, object]]:
    return [
        (kind, figure)
        for kind, values in claimed.items()
        for figure in values
        if kind in stated and not any(_equal(kind, figure, s) for s in _comparable(kind, figure, stated[kind]))
    ]


def _check_statement(claim: str, scored: list[Sentence], query: Query, book: CitationBook) -> Composed:
    """A claim without figures: confirmed only when one sentence holds nearly all its words, every name
    and acronym in it ("alleen HTDM is toegestaan" is not confirmed by "slechts LTDM"), and its negation."""
    if (
        scored and scored[0].coverage >= 0.75 and _names_held(claim, scored[0], query)
        and bool(_NEGATION.search(claim)) == bool(_NEGATION.search(scored[0].text))  # "niet toegestaan" is not "toegestaan"
    ):
        best = scored[0]
        return Composed(
            f"Ja, dat staat in de documenten. {_clean(best.text)} [{book.cite(best.paragraph, best.text)}]",
            book.citations(),
            verdict="ja",
        )
    return Composed("Dat kan ik niet bevestigen. " + REFUSAL, refused=True)


def _names_held(claim: str, sentence: Sentence, query: Query) -> bool:
    from assistant.lexical import tokenize

    held = set(tokenize(sentence.text, compounds=False))
    named = [t for match in _NAME.finditer(claim) for t in tokenize(match.group(), compounds=False)]
    return all(query.holds(t, held) for t in named)


def compute(intent: Intent, terms: list[tuple[Sentence, object]], book: CitationBook) -> Composed:
    """A sum or difference of two cited figures (amounts, or percentages in procentpunt), shown as the calculation."""
    (s1, a1), (s2, a2) = terms
    m1, m2 = book.cite(s1.paragraph, s1.text), book.cite(s2.paragraph, s2.text)
    kind = "percentage" if intent.percentages else "amount"
    if intent.operation == "difference":
        big, small = sorted([(a1, m1), (a2, m2)], key=lambda t: -t[0].value)
        result = _format(kind, big[0].value - small[0].value, big[0])
        text = f"Het verschil is {result}: {big[0].raw} [{big[1]}] min {small[0].raw} [{small[1]}]."
    else:
        result = _format(kind, a1.value + a2.value, a1)
        text = f"Samen is dat {result}: {a1.raw} [{m1}] plus {a2.raw} [{m2}]."
    quotes = f" {_clean(s1.text)} [{m1}]" + ("" if s2.text == s1.text else f" {_clean(s2.text)} [{m2}]")
    return Composed(text + quotes, book.citations())


def total(intent: Intent, scored: list[Sentence], book: CitationBook) -> Composed | None:
    """'Hoeveel ... bij elkaar?' answered by adding the figures one sentence states ("drie kinderen geboren
    en nog twee verwacht"), shown as the sum, in words when the source writes them in words."""
    for sentence in scored[:5]:
        if not answers_kind(sentence, intent) or _PART_OF_TOTAL.search(sentence.text):
            continue  # "€351,6 miljoen, waarvan €145,8 miljoen": the figures overlap, adding them is wrong
        stated = _figures_of(sentence.text, paragraph_scale(sentence.paragraph))
        kind = "amount" if "amount" in stated else "count"
        values = stated.get(kind, [])
        if not 2 <= len(values) <= MAX_TERMS:
            continue
        value = sum(v.value for v in values)
        numbers = [_number_of(v) if kind == "count" else v.raw for v in values]
        in_words = kind == "count" and all(n.lower() in WRITTEN_NUMBERS for n in numbers)
        shown = _WORDS_FOR.get(int(value), _format(kind, value, values[0])) if in_words and value == int(value) else _format(kind, value, values[0])
        marker = book.cite(sentence.paragraph, sentence.text)
        return Composed(f"Samen is dat {shown}: {' plus '.join(numbers)} [{marker}]. {_clean(sentence.text)} [{marker}]", book.citations())
    return None


_PART_OF_TOTAL = re.compile(r"\b(?:waarvan|totaal|inclusief|exclusief|oplopend)\b", re.I)
MAX_TERMS = 4
_WORDS_FOR = {value: word for word, value in WRITTEN_NUMBERS.items() if value <= 20}


_FROM_TO = re.compile(r"\bvan\s+(?:€\s?)?(\d[\d.,]*)\s+(?:\w+\s+)?(?:naar|tot)\s+(?:€\s?)?(\d[\d.,]*)")


def change(sentence: Sentence, book: CitationBook) -> Composed | None:
    """'Met hoeveel stijgt ...?' answered from a sentence that states the value before and after."""
    stated = _figures_of(sentence.text, paragraph_scale(sentence.paragraph))
    match = _FROM_TO.search(sentence.text)
    if match and "amount" not in stated:
        before, after = (figures.parse_number(g.rstrip(".,")) for g in match.groups())
        if before is not None and after is not None and not all(1900 <= v <= 2100 for v in (before, after)):
            marker = book.cite(sentence.paragraph, sentence.text)
            delta = _format("count", abs(after - before), None)
            return Composed(
                f"Het verschil is {delta}: van {match.group(1)} naar {match.group(2).rstrip('.,')} [{marker}]. "
                f"{_clean(sentence.text)} [{marker}]",
                book.citations(),
            )
    for kind in ("amount", "percentage", "count"):
        values = stated.get(kind, [])
        if len(values) == 2 and values[0].value != values[1].value:
            first, second = values
            marker = book.cite(sentence.paragraph, sentence.text)
            delta = abs(second.value - first.value)
            text = (
                f"Het verschil is {_format(kind, delta, first)}: van {first.raw} naar {second.raw} [{marker}]. "
                f"{_clean(sentence.text)} [{marker}]"
            )
            return Composed(text, book.citations())
    return None


def change_between(years: tuple[int, int], scored: list[Sentence], book: CitationBook) -> Composed | None:
    """'Met hoeveel stijgt X tussen 2021 en 2025?' from the amount stated for each year, each cited."""
    found = [_amount_in_year(year, scored) for year in years]
    if not all(found):
        return None
    (s1, a1), (s2, a2) = found
    if (s1.paragraph.id, s1.start) == (s2.paragraph.id, s2.start) or a1.value == a2.value:
        return None
    m1, m2 = book.cite(s1.paragraph, s1.text), book.cite(s2.paragraph, s2.text)
    delta = _format("amount", abs(a2.value - a1.value), a2)
    text = (
        f"Het verschil is {delta}: van {a1.raw} in {years[0]} [{m1}] naar {a2.raw} in {years[1]} [{m2}]."
        f" {_clean(s1.text)} [{m1}] {_clean(s2.text)} [{m2}]"
    )
    return Composed(text, book.citations())


def _amount_in_year(year: int, scored: list[Sentence]):
    """The best-scored sentence on the subject that states one amount for `year` (and no other year)."""
    subject = max((s.context for s in scored), default=0.0)
    for sentence in scored[:10]:
        if sentence.context < 0.75 * subject:
            continue
        stated = _figures_of(sentence.text, paragraph_scale(sentence.paragraph))
        years = {y for p in stated.get("date", []) for y in range(p.first.year, p.last.year + 1)}
        if years == {year} and len(stated.get("amount", [])) == 1:
            return sentence, stated["amount"][0]
    return None


def _format(kind: str, value: float, like) -> str:
    if kind == "amount":
        return figures.format_amount(value, like.currency or "EUR")
    number = f"{value:,.{0 if value == int(value) else 1}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{number} procentpunt" if kind == "percentage" else number


def best_figure(sentence: Sentence, query: Query, percentages: bool = False):
    """The amount (or percentage) in a sentence that stands nearest the words of the term being looked up."""
    from assistant.lexical import tokenize

    found = _figures_of(sentence.text, paragraph_scale(sentence.paragraph)).get("percentage" if percentages else "amount", [])
    if len(found) <= 1:
        return found[0] if found else None

    def nearness(figure) -> float:
        window = sentence.text[max(0, figure.start - 90) : figure.end + 40]
        return query.share(set(tokenize(window)))

    return max(found, key=nearness)


# --- figures of one kind, compared ------------------------------------------------

def _figures_of(text: str, scale: float = 1.0) -> dict[str, list]:
    found: dict[str, list] = {}
    amounts = figures.find_amounts(text, scale)
    if amounts:
        found["amount"] = amounts
    quantities = [q for q in figures.find_quantities(text) if not _inside(q, amounts)]
    percentages = [q for q in quantities if q.unit == "%"]
    counts = [q for q in quantities if q.unit != "%"]
    if percentages:
        found["percentage"] = percentages
    if counts:
        found["count"] = counts
    periods = figures.find_periods(text)
    if periods:
        found["date"] = periods
    return found


def _shown(figure) -> str:
    """The source's figure as written, with the % sign added to "8 procent" so either notation is recognised."""
    raw = figure.raw
    if getattr(figure, "unit", None) == "%" and "%" not in raw:
        value = f"{figure.value:g}".replace(".", ",")
        return f"{raw} ({value}%)"
    return raw


def _inside(q, amounts) -> bool:
    return any(a.start <= q.start < a.end for a in amounts)


def _equal(kind: str, a, b) -> bool:
    if kind == "date":
        if not (a.has_year and b.has_year):  # "1 januari" neither confirms nor contradicts "1 januari 2030"'s year
            return (a.first.month, a.first.day, a.last.month, a.last.day) == (b.first.month, b.first.day, b.last.month, b.last.day)
        return a.first == b.first and a.last == b.last
    return abs(a.value - b.value) <= 1e-6 * max(abs(a.value), abs(b.value), 1.0)


def _closest(kind: str, claimed, stated: list):
    if kind == "date":
        return min(stated, key=lambda s: abs((s.first - claimed.first).days))
    return min(stated, key=lambda s: abs(s.value - claimed.value))


def refusal(nearest: list[Sentence]) -> Composed:
    return Composed(REFUSAL + " Hieronder staan de passages die er het dichtst bij komen.", refused=True)


_MARKER = re.compile(r"\[(\d+)\]")


def markers_in(text: str) -> set[int]:
    return {int(m) for m in _MARKER.findall(text)}
