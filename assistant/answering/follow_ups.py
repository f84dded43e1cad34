"""Calculations a follow-up asks over what the conversation already answered: "opgeteld, hoeveel mensen is dat?"
after answers stating four and seven million people, "hoeveel dagen zat daartussen?" after an answer stating the
day questions were sent and the day they were answered.

The figures are read from the earlier answers' cited sentences (never from their wording) and cited again.
Pure functions over earlier answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering import tuning as T
from assistant.answering.answer import CitationBook
from assistant.answering.calculation import (
    asked_kind, cell_figures, comparable, figures_of, points_back, relate, same_unit, shown_computed,
)
from assistant.answering.evidence import Sentence
from assistant.answering.question import Intent, analyse
from assistant.figures import compare as figures
from assistant.figures.notation import dutch_date
from assistant.text.sentences import sentence_spans
from assistant.types import Answer, Citation, Paragraph

# "hoeveel dagen zat daartussen", "hoeveel weken zitten er tussen die data": the span between two answered dates.
_BETWEEN = re.compile(r"\b(?:daar|er|hier)\s*tussen\b|\btussen\s+(?:die|deze|beide|de\s+twee)\b", re.I)
_SPAN_UNIT = re.compile(r"\bhoeveel\s+(dagen|weken|maanden|jaren|jaar)\b", re.I)
_DAYS_IN = {"dagen": 1, "weken": 7}
_SCALES = (("miljard", 1e9), ("miljoen", 1e6))


def from_history(intent: Intent, earlier: list[Answer], paragraph_of: Callable[[str], Paragraph | None],
                 book: CitationBook, find_term=None) -> Answer | None:
    """The calculation a follow-up asks over the earlier answers' cited figures; None when it asks none.

    `find_term(term, kind, unit, exclude, context, years, doc_id)` finds the whole a share is asked of ("welk deel van
    het totaal is dat?"), as calculation.calculate's terms are found."""
    earlier = [a for a in earlier if not a.refused]  # a refusal's nearest passages are no answer to calculate on
    if not (intent.follow_up and earlier) or intent.claim:
        return None
    if intent.operation == "ratio" and find_term and points_back(intent.terms[1]):
        return _share_of_whole(intent, earlier[-1], paragraph_of, book, find_term)
    unit = _SPAN_UNIT.search(intent.question)
    if unit and _BETWEEN.search(intent.question):
        return _between(unit.group(1).lower(), earlier[-1], paragraph_of, book)
    if intent.operation in ("sum", "total") and not intent.terms:
        return _summed(intent, earlier[-T.FOLLOW_UP_ANSWERS :], paragraph_of, book)
    return None


def _stated(answers: list[Answer], kind: str) -> list[tuple[Citation, str, object]]:
    """Each distinct figure of `kind` in the answers' cited sentences, with its citation and sentence, oldest first."""
    found, seen = [], set()
    for answer in answers:
        for citation in answer.citations:
            for start, end in sentence_spans(citation.quote) or [(0, len(citation.quote))]:
                sentence = citation.quote[start:end]
                for figure in figures.by_kind(sentence).get(kind, []):
                    key = figures.figure_key(figure) + "|" + _head(figure)
                    if key not in seen:
                        seen.add(key)
                        found.append((citation, sentence, figure))
    return found


def _head(figure) -> str:
    unit = getattr(figure, "unit", "") or ""
    return unit.split()[-1].lower() if unit.split() else ""


def _alike(a, b) -> bool:
    """Figures to add: amounts in one currency, or counts of one thing ("vier miljoen extra mensen", "zeven miljoen mensen")."""
    if isinstance(a, figures.Quantity) and isinstance(b, figures.Quantity):
        return _head(a) == _head(b) and (a.unit == "%") == (b.unit == "%")
    return comparable(a, b)


def _summed(intent: Intent, answers: list[Answer], paragraph_of, book: CitationBook) -> Answer | None:
    """The figures the earlier answers state of the asked kind (and counted noun), added, each cited."""
    kind, unit = asked_kind(intent)
    terms = [(c, s, f) for c, s, f in _stated(answers, kind) if not unit or same_unit(_head(f), unit)]
    if not 2 <= len(terms) <= T.MAX_TERMS or not all(_alike(terms[0][2], f) for _, _, f in terms[1:]):
        return None
    markers = _cited(terms, paragraph_of, book)
    if markers is None:
        return None
    said = " plus ".join(f"{f.raw} [{m}]" for (_, _, f), m in zip(terms, markers))
    value = sum(f.value for _, _, f in terms)
    total = _count_shown(value, [f for _, _, f in terms]) if kind == "count" else shown_computed(kind, value, terms[0][2])
    return Answer(text=f"Samen is dat {total}: {said}.", citations=book.citations())


def _count_shown(value: float, counts: list) -> str:
    """A sum of counts as they were written: "vier miljoen ... plus zeven miljoen mensen" is "11 miljoen mensen"."""
    scale = next((size for word, size in _SCALES if all(word in f.raw.lower() for f in counts)), 1.0)
    number = figures.format_computed("count", value / scale)
    word = next((w for w, size in _SCALES if size == scale), "")
    return " ".join(part for part in (number, word, _head(counts[0])) if part)


def _between(unit: str, answer: Answer, paragraph_of, book: CitationBook) -> Answer | None:
    """The days, weeks, months or years between the two dates the last answer cites: in one cited passage when one
    holds two (the answer's other passages may date other things), else in the answer as a whole."""
    dates = [(c, s, d) for c, s, d in _stated([answer], "date") if d.has_year and d.precision == "day"]
    by_passage = [[t for t in dates if t[0] is c] for c in answer.citations]
    dates = next((found for found in by_passage if len(found) == 2), dates)
    if len(dates) != 2:
        return None
    (first, last) = sorted(dates, key=lambda t: t[2].first)
    start, end = first[2].first, last[2].first
    if unit in _DAYS_IN:
        value = (end - start).days / _DAYS_IN[unit]
    else:
        months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
        value = months if unit == "maanden" else months / 12
    markers = _cited([first, last], paragraph_of, book)
    if markers is None or value <= 0:
        return None
    number = figures.format_computed("count", value)
    return Answer(
        text=f"Daartussen zitten {number} {unit}: van {dutch_date(start.isoformat())} [{markers[0]}] tot {dutch_date(end.isoformat())} [{markers[1]}].",
        citations=book.citations(),
    )


def _share_of_whole(intent: Intent, answer: Answer, paragraph_of, book: CitationBook, find_term) -> Answer | None:
    """The one figure the last answer cites as a share of the whole the follow-up names, found in its document."""
    kind, unit = asked_kind(intent)
    years = intent.years or analyse(answer.question).years
    parts = []
    for citation in answer.citations:
        paragraph = paragraph_of(citation.paragraph_id)
        if paragraph is None:
            return None
        start = max(paragraph.text.find(citation.quote), 0)
        sentence = Sentence(paragraph, 0, start, start + len(citation.quote), 1.0, 1.0, 1.0, frozenset())
        found = (cell_figures(paragraph.cells, years) if paragraph.cells else []) or figures_of(sentence, kind, unit)
        parts += [(sentence, f) for f in found]
    if len(parts) != 1:
        return None  # which of several figures the follow-up means, the answer cannot tell
    (sentence, part), = parts
    whole = find_term(intent.terms[0], kind, unit, [part], "", years, sentence.paragraph.doc_id)  # in the part's document
    if not whole or whole[1].value <= part.value:
        return None  # no whole found, or one no larger than its part: not the whole of this part
    return relate(intent, [whole, (sentence, part)], book)


def _cited(terms, paragraph_of, book: CitationBook) -> list[int] | None:
    """A marker per term, citing the sentence it stands in; None when a cited paragraph is no longer indexed."""
    markers = []
    for citation, sentence, _ in terms:
        paragraph = paragraph_of(citation.paragraph_id)
        if paragraph is None:
            return None
        markers.append(book.cite(paragraph, sentence))
    return markers
