"""Claim checks: 'Klopt het dat ...' gets Ja or Nee with the source's own figure, or is not confirmed.

A claim with figures is judged on the clause whose words best match it, against the
figures of the same kind (and, for counts, of the same thing) stated there. A claim
without figures is confirmed only by a sentence holding nearly all its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.answering import tuning as T
from assistant.figures import compare as figures
from assistant.answering.answer import REFUSAL, CitationBook, clean
from assistant.answering.evidence import Query, Sentence, paragraph_scale
from assistant.figures.amounts import names_a_thing
from assistant.figures.compare import Quantity
from assistant.text.direction import direction, opposite
from assistant.text.tokens import tokenize
from assistant.answering.question import Intent
from assistant.types import Answer

NOT_THIS_FIGURE = "Dat kan ik niet bevestigen: de documenten noemen dit cijfer niet bij dit onderwerp. " + REFUSAL


def check_claim(intent: Intent, scored: list[Sentence], query: Query, book: CitationBook) -> Answer:
    """Ja/Nee/niet te bevestigen for a claim; a verdict resting on a figure OCR read unsurely is withheld."""
    return _unless_misread(_judge_claim(intent, scored, query, book), scored)


def _unless_misread(answer: Answer, scored: list[Sentence]) -> Answer:
    """A Ja/Nee whose cited sentence holds a figure read by OCR below T.OCR_FIGURE_MIN_CONFIDENCE: shown, not asserted."""
    if answer.verdict is None:
        return answer
    paragraphs = {s.paragraph.id: s.paragraph for s in scored}
    for citation in answer.citations:
        figures_read = paragraphs[citation.paragraph_id].ocr_figures if citation.paragraph_id in paragraphs else ()
        for word, confidence in figures_read:
            core = word.strip(".,;:()'\"‘’“”")
            if core and confidence < T.OCR_FIGURE_MIN_CONFIDENCE and re.search(rf"(?<![\d.,]){re.escape(core)}(?![\d]|[.,]\d)", citation.quote):
                return Answer(
                    text=f"Dat kan ik niet met zekerheid zeggen: de bron is een scan en het cijfer {core} is onzeker "
                    f"gelezen (tekst uit OCR, woordzekerheid {confidence:.0%}). Controleer het in de bron: "
                    f"{clean(citation.quote)} [1]",
                    citations=[replace(citation, marker=1)],
                )
    return answer


def _judge_claim(intent: Intent, scored: list[Sentence], query: Query, book: CitationBook) -> Answer:
    """Ja/Nee/niet te bevestigen for a claim, judged on the clause that best matches its subject.

    Clauses matter in lists ("in 2040 ... 30% ...; in 2030 ... 50% ..."): the figure next to
    the claim's words is the one to compare, not any figure in the sentence.
    """
    claimed = _claimed_figures(intent.claim or "")
    if not claimed:
        return _check_statement(intent.claim or "", scored, query, book)
    # the best sentences stating a figure of a claimed kind: sentences without one cannot bear on the claim
    read = [found for s in scored if (found := _clause_readings(s, claimed, query))][: T.CLAIM_READ]
    readings = [r for found in read for r in found]
    # "9 jaar" about the btw-tarief does not speak of a claim about verliesverrekening: counting the same thing
    # ("jaar") picks a reading, the claim's own words must say it is about the claim
    readings = [r for r in readings if max(r.sentence.context, r.subject) >= T.CLAIM_MIN_MATCH]
    if not readings:
        return Answer(text=NOT_THIS_FIGURE, refused=True)
    best = max(readings, key=lambda r: r.weight)
    if not _contradictions(claimed, best.stated) and not _supports(claimed, best.stated):
        # the clause that states another of the claim's figures as claimed is about the claim: "bij een tarief van 5%
        # ... circa € 8 miljoen" answers "5% ... 12 miljoen", not "nu 7%"
        best = max((r for r in readings if _contradictions(claimed, r.stated)), key=lambda r: (_agreeing(claimed, r.stated), r.weight),
                   default=best)
    supporting = [
        r for r in readings
        if r.weight >= T.CLAIM_CLOSE * best.weight and _supports(claimed, r.stated) and (r is best or not claimed.bounds)
    ]  # a bound ("meer dan 5 miljoen") is met by many figures: only the best-matching clause may confirm it
    if not supporting and not _contradictions(claimed, best.stated):
        return Answer(text=NOT_THIS_FIGURE, refused=True)
    if supporting and set(claimed) == {"date"} and _denies(intent.claim or "") != _denies(supporting[0].sentence.text):
        # only its date agrees: "over 2021 krijgt ze nog niks" is not confirmed by what she gets from 2021
        return Answer(text="Dat kan ik niet bevestigen. " + REFUSAL, refused=True)
    if supporting:
        chosen = supporting[0]
        marker = book.cite(chosen.sentence.paragraph, chosen.sentence.text)
        if opposite(intent.claim or "", chosen.sentence.text):
            # the figure agrees but moves the other way: "neemt af met 0,3" against "met 0,3 procentpunt toenemen"
            stated = "een stijging" if direction(chosen.sentence.text) > 0 else "een daling"
            return Answer(
                text=f"Nee. Volgens de documenten gaat het om {stated}, niet andersom [{marker}]. "
                f"{clean(chosen.sentence.text)} [{marker}]",
                citations=book.citations(),
                verdict="nee",
            )
        stated_dates = chosen.stated.get("date", [])
        # "per 1 januari" supports "per 1 januari 2030" only as far as it goes
        yearless = stated_dates and not any(d.has_year for d in stated_dates) and any(d.has_year for d in claimed.get("date", []))
        note = " De bron noemt daarbij geen jaartal." if yearless else ""
        return Answer(text=f"Ja, dat klopt. {clean(chosen.sentence.text)} [{marker}]{note}", citations=book.citations(), verdict="ja")
    # Contradicted in its figure rather than only in its year: "2019: 28.914" answers a claim about 2019.
    best = max(
        # a clause stating one of several claimed figures as claimed is about the claim, however its words match
        (r for r in readings if (r.weight >= T.CLAIM_CLOSE * best.weight or _agreeing(claimed, r.stated))
         and _contradictions(claimed, r.stated)),
        key=lambda r: (not _dated_contradiction(claimed, r.stated), _agreeing(claimed, r.stated), r.weight),
        default=best,
    )
    kind, claim_figure = sorted(_contradictions(claimed, best.stated), key=lambda c: c[0] == "date")[0]
    said = (_bound(claimed, claim_figure) or ("", claim_figure.raw))[1]  # "niet meer dan 5 miljoen"
    source = figures.closest(kind, claim_figure, _comparable(kind, claim_figure, best.stated[kind]))
    marker = book.cite(best.sentence.paragraph, best.sentence.text)
    elsewhere = next((s for s in best.stated[kind] if s is not source and figures.same_figure(kind, claim_figure, s)), None)
    # "7.600 private partners" when the source says 8.500 partners and 7.600 employees: say what 7.600 counts
    aside = f"; {figures.number_of(elsewhere)} slaat in de bron op {elsewhere.unit}" if elsewhere is not None and kind == "count" else ""
    return Answer(
        text=f"Nee. Volgens de documenten is het {figures.shown(source)}, niet {said} [{marker}]{aside}. "
        f"{clean(best.sentence.text)} [{marker}]",
        citations=book.citations(),
        verdict="nee",
    )


_NEGATION = re.compile(r"\b(?:niet|geen|nooit|niets|niks|nergens|noch)\b", re.I)


def _denies(text: str) -> bool:
    return bool(_NEGATION.search(text))


_NAME = re.compile(r"(?<=\s)[A-Z][\w-]*")  # a capitalised word after the first: a name or an acronym
_BARE_NUMBER = re.compile(r"(?<![\w.,\-–])(?:\d[\d.,]*\d|\d)(?![\w\-–]|[.,]\d)")


class _Claimed(dict):
    """The claim's figures by kind, with the bound a figure is claimed as ("meer dan 5 miljoen") by its span."""

    bounds: dict[tuple[int, int], tuple[str, str]]


# Words before a claimed figure that make it a bound: (relation, pattern). A cap ("maximaal 12.000 euro",
# "minimaal 5 jaar") is no such word: it is the thing claimed, and the source states its own cap. Nor is an estimate
# ("circa", "ongeveer"): it is compared as the figure it names, rounded (a false claim is often a figure moved a little).
_BOUNDS = (
    ("above", r"(?:meer|hoger|groter|langer)\s+dan|boven\s+(?:de\s+)?"),
    ("below", r"(?:minder|lager|kleiner|korter)\s+dan|onder\s+(?:de\s+)?|nog\s+geen"),
    ("just_above", r"ruim"),
    ("just_below", r"bijna|nagenoeg"),
)
_BOUND_BEFORE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _BOUNDS) + r")\s*(?:de\s+|het\s+)?(?:€\s*)?$", re.I
)


def _bound_of(claim: str, figure) -> tuple[str, str] | None:
    """("above", "meer dan 5 miljoen") when the claim states the figure as a bound."""
    match = _BOUND_BEFORE.search(claim, max(0, figure.start - 30), figure.start)
    return (match.lastgroup, claim[match.start():figure.end]) if match else None


def _within(relation: str, claimed: float, stated: float) -> bool:
    """Does the stated value satisfy the claimed bound? "ruim 13 miljard" holds for 13 to 13 x T.CLAIM_ROUGHLY_OVER."""
    return {
        "above": stated >= claimed, "below": stated <= claimed,  # the source often states the bound itself: "meer dan 50 jaar"
        "just_above": claimed <= stated <= claimed * T.CLAIM_ROUGHLY_OVER,
        "just_below": claimed * (2 - T.CLAIM_ROUGHLY_OVER) <= stated <= claimed,
    }[relation]


def _claimed_figures(claim: str) -> dict[str, list]:
    """The claim's figures, with their bounds; a number without a unit ("staan op 28.500") is claimed too, as a count."""
    claimed = _Claimed(figures.by_kind(claim))
    claimed.bounds = {}
    if set(claimed) - {"date"}:
        _read_bounds(claim, claimed)
        return claimed
    spans = [(f.start, f.end) for values in claimed.values() for f in values]
    for match in _BARE_NUMBER.finditer(claim):
        value = figures.parse_number(match.group().rstrip(".,"))
        if value is None or any(a <= match.start() < b for a, b in spans) or 1900 <= value <= 2100:
            continue
        if names_a_thing(claim, match.start()):  # "volgens tabel 2.1": a reference, not a claimed figure
            continue
        claimed.setdefault("count", []).append(Quantity(match.group(), match.start(), match.end(), value, ""))
    _read_bounds(claim, claimed)
    return claimed


def _read_bounds(claim: str, claimed: _Claimed) -> None:
    for kind, values in claimed.items():
        for figure in values:
            if kind != "date" and (bound := _bound_of(claim, figure)):
                claimed.bounds[(figure.start, figure.end)] = bound


@dataclass(frozen=True)
class _Reading:
    sentence: Sentence
    stated: dict
    match: float  # share of the claim's words in the clause, and the bonus for counting the same thing
    subject: float = 0.0  # the share of the claim's words alone: what says the clause is about the claim

    @property
    def weight(self) -> float:
        return self.sentence.score * (T.CLAIM_MATCH_BASE + self.match)


_CLAUSE = re.compile(r";|\s[•▪●◦-]\s|\n|(?<=[.:])\s+(?=[-•])")


def _clause_readings(sentence: Sentence, claimed: dict, query: Query) -> list[_Reading]:
    readings = []
    scale = paragraph_scale(sentence.paragraph)
    label = sentence.text.split(":", 1)[0] if sentence.paragraph.kind == "table_row" else ""
    for clause in _CLAUSE.split(sentence.text):
        if label and clause.startswith(label + ":"):
            clause = clause[len(label) + 1 :]  # "Stand 2019: 2018: 28.913": the cell is "2018: 28.913"
        stated = figures.by_kind(clause, scale)
        if scale != 1.0 and "amount" in stated and "count" in claimed and "amount" not in claimed:
            # "staat op 28.914" about a table in thousands of euros: compare with the cell as printed.
            cells = [Quantity(a.raw, a.start, a.end, a.value / scale, "") for a in stated["amount"]]
            stated = {**stated, "count": stated.get("count", []) + cells}
        # a claim's date dates its figure: a clause stating only another date does not bear on "55% lager in 2030"
        if set(stated) & (set(claimed) - {"date"} or {"date"}):
            words = set(tokenize(clause))
            if label:
                words |= set(tokenize(label))  # a cell is read with its row's label
            # "zes andere landen" against "acht landen": figures counting the same thing speak of the claim
            same_thing = T.SAME_THING if _counts_same_thing(claimed, stated) else 0.0
            subject = query.share(words)
            readings.append(_Reading(sentence, stated, subject + same_thing + _figures_held(claimed, stated), subject))
    return readings


def _figures_held(claimed: dict, stated: dict) -> float:
    """A claim of several figures ("5% ... 12 miljoen") is about the clause that states them, or states one of
    them as claimed ("bij een tarief van 5% ... circa € 8 miljoen"): a bonus for the share of its figures (dates
    aside) the clause states of the same kind, and for the share it states as claimed. None for a single figure."""
    kinds = set(claimed) - {"date"}
    count = sum(len(claimed[k]) for k in kinds)
    if count < 2:
        return 0.0
    return T.CLAIM_ALL_KINDS * (len(kinds & set(stated)) / len(kinds) + _agreeing(claimed, stated, kinds) / count) / 2


def _counts_same_thing(claimed: dict, stated: dict) -> bool:
    """Do a claimed and a stated count name the same thing ("zes andere landen", "acht landen")?"""
    heads = {_head(q) for q in claimed.get("count", [])} - {""}
    return any(_head(q) in heads for q in stated.get("count", []))


def _comparable(kind: str, claimed, stated: list) -> list:
    """The stated figures a claimed one is compared with: for a count that names what it counts, only those
    counting the same thing ("7.600 private partners" is compared with "8.500 private partners", never with
    "7.600 medewerkers" or "vier regio's")."""
    if kind != "count" or not _head(claimed):
        return stated
    return [s for s in stated if _head(s) == _head(claimed)]


def _matched(kind: str, figure, stated: dict, bound: tuple[str, str] | None = None) -> bool:
    """The source states this figure for the same thing; for a bound ("meer dan 5 miljoen"), a figure within it."""
    comparable = _comparable(kind, figure, stated.get(kind, []))
    if bound is not None:  # judged on the stated figure nearest the claimed one: "minder dan 400" is not met by any small figure
        return bool(comparable) and _within(bound[0], figure.value, figures.closest(kind, figure, comparable).value)
    if kind == "date":  # "in 2022" holds for "in september 2022": the source is only more precise
        return any(figures.same_figure(kind, figure, s) or figures.within(s, figure) for s in comparable)
    return any(figures.same_figure(kind, figure, s) for s in comparable)


def _bound(claimed: _Claimed, figure) -> tuple[str, str] | None:
    return claimed.bounds.get((figure.start, figure.end))


def _head(quantity) -> str:
    words = tokenize(quantity.unit.split()[-1], compounds=False) if quantity.unit.strip() else []
    return words[-1] if words else ""


def _supports(claimed: dict, stated: dict) -> bool:
    """Every figure the claim states (dates aside) stands for the same thing in the source, and nothing differs."""
    primary = next(kind for kind in ("amount", "percentage", "count", "date") if kind in claimed)
    every = all(_matched(kind, f, stated, _bound(claimed, f)) for kind, values in claimed.items() if kind != "date" for f in values)
    return primary in stated and every and not _contradictions(claimed, stated)


def _agreeing(claimed: dict, stated: dict, kinds=None) -> int:
    """How many of the claim's figures (of `kinds`, or of every kind) the clause states as claimed."""
    return sum(_matched(kind, f, stated, _bound(claimed, f)) for kind, values in claimed.items() if kinds is None or kind in kinds
               for f in values)


def _dated_contradiction(claimed: dict, stated: dict) -> bool:
    return any(kind == "date" for kind, _ in _contradictions(claimed, stated))


def _contradictions(claimed: dict, stated: dict) -> list[tuple[str, object]]:
    """Claimed figures the source states otherwise for the same thing (a count of something else is no contradiction)."""
    return [
        (kind, figure)
        for kind, values in claimed.items()
        for figure in values
        if _comparable(kind, figure, stated.get(kind, [])) and not _matched(kind, figure, stated, _bound(claimed, figure))
    ]


def _check_statement(claim: str, scored: list[Sentence], query: Query, book: CitationBook) -> Answer:
    """A claim without figures: confirmed only when one sentence holds nearly all its words, every name
    and acronym in it ("alleen HTDM is toegestaan" is not confirmed by "slechts LTDM"), and its negation."""
    if (
        scored and scored[0].coverage >= T.STATEMENT_COVERAGE and _names_held(claim, scored[0], query)
        and _denies(claim) == _denies(scored[0].text)  # "niet toegestaan" is not "toegestaan"
    ):
        best = scored[0]
        return Answer(
            text=f"Ja, dat staat in de documenten. {clean(best.text)} [{book.cite(best.paragraph, best.text)}]",
            citations=book.citations(),
            verdict="ja",
        )
    return Answer(text="Dat kan ik niet bevestigen. " + REFUSAL, refused=True)


def _names_held(claim: str, sentence: Sentence, query: Query) -> bool:
    held = set(tokenize(sentence.text, compounds=False))
    named = [t for match in _NAME.finditer(claim) for t in tokenize(match.group(), compounds=False)]
    return all(query.holds(t, held) for t in named)
