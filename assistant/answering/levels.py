"""The level a figure had before a stated change: "het afbouwpunt wordt verhoogd met € 5.000 tot circa € 26.700"
answers "waar ligt het afbouwpunt nu?" with € 21.700, the new level minus the step, both cited.

A sentence states a change as a step and the level it leads to ("met A tot B", "met A omhoog naar B") and says
which way it goes (text/direction.py). The level before is B minus A for a rise and B plus A for a fall. Asked
"nu" or "huidige", only a change still to come is taken back: after "is gestegen met A tot B" the level now is B,
which the sentence states itself. Pure functions over scored sentences.
"""

from __future__ import annotations

import re

from assistant.answering import tuning as T
from assistant.answering.answer import CitationBook, clean
from assistant.answering.calculation import shown_computed
from assistant.answering.evidence import Sentence, on_subject, paragraph_scale
from assistant.answering.question import Intent
from assistant.figures import compare as figures
from assistant.figures.notation import dutch_number
from assistant.text.direction import direction
from assistant.types import Answer

_STEP_OPENS = re.compile(r"\bmet\s+$", re.I)  # "verhoogd met [€ 5.000]"
# between the step and the level: at most a few words ("omhoog", "per jaar") and "tot" or "naar"
_STEP_TO_LEVEL = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:tot|naar)\s+(?P<about>(?:circa|ca\.|ongeveer|ruim|bijna|zo'n)\s+)?$", re.I)
# a change already made: "is gestegen", "werd verhoogd", "steeg"; the level it reached is the level now
_PAST = re.compile(
    r"\b(?:is|zijn|was|waren|werd|werden)\s+(?:[\w-]+\s+){0,8}?(?:ge\w+|verhoogd|verlaagd|toegenomen|afgenomen|opgelopen|teruggelopen)\b"
    r"|\b(?:steeg|stegen|daalde|daalden|groeide|groeiden|nam|namen|ging|gingen|liep|liepen)\b",
    re.I,
)
_VERB_WINDOW = 40  # characters before the step read for its verb ("wordt verhoogd met", "gaat met ... omhoog")
_WORD_BEFORE = {1: "verhoging", -1: "verlaging"}


def _kind(figure) -> str:
    if isinstance(figure, figures.Amount):
        return "amount"
    return "percentage" if figure.unit == "%" else "count"


def _steps_to(step, level) -> bool:
    """Is `step` a change in `level`'s unit: euros of euros, procentpunten of a percentage, a count of its noun?"""
    if isinstance(step, figures.Amount) or isinstance(level, figures.Amount):
        return isinstance(step, figures.Amount) and isinstance(level, figures.Amount) and step.currency == level.currency
    if level.unit == "%":
        return step.unit == "%" or step.unit.lower().startswith("procentpunt")
    return step.unit.lower()[:4] == level.unit.lower()[:4]


def stated_change(sentence: Sentence):
    """The step, the level it leads to, the way it goes (+1, -1) and the hedge before the level ("circa"), when the
    sentence states a change as "met A tot B" and says which way; else None."""
    text = sentence.text
    found = [f for kind in ("amount", "percentage", "count") for f in figures.by_kind(text, paragraph_scale(sentence.paragraph)).get(kind, [])]
    found.sort(key=lambda f: f.start)
    for step, level in zip(found, found[1:]):
        between = _STEP_TO_LEVEL.match(text[step.end : level.start])
        if not (between and _STEP_OPENS.search(text[max(0, step.start - 8) : step.start]) and _steps_to(step, level)):
            continue
        way = direction(text[max(0, step.start - _VERB_WINDOW) : level.end])  # the verb of this change, not another's
        if way:
            return step, level, way, (between.group("about") or "").strip()
    return None


def level_before(intent: Intent, scored: list[Sentence], book: CitationBook) -> Answer | None:
    """'Waar ligt het nu?' / 'hoe hoog was het vóór de verhoging?' from the best sentences stating a change as a step
    and its new level; None when none of them does (a lookup answers)."""
    for sentence in on_subject(scored, T.CHANGE_READ):
        change = stated_change(sentence)
        if change is None:
            continue
        if not intent.asks_prior and _PAST.search(sentence.text):
            return None  # "is gestegen met A tot B": the level now is B, as the sentence says
        step, level, way, about = change
        kind = _kind(level)
        value = level.value - way * step.value
        if value < 0:
            return None
        shown = f"{dutch_number(value)}%" if kind == "percentage" else shown_computed(kind, value, level)
        marker = book.cite(sentence.paragraph, sentence.text)
        when = "Vóór de wijziging" if intent.asks_prior else "Nu"
        hedge = "ongeveer " if about else ""
        sign = "min" if way > 0 else "plus"
        text = (f"{when} is dat {hedge}{shown}: {about + ' ' if about else ''}{level.raw} {sign} de {_WORD_BEFORE[way]} "
                f"van {step.raw} [{marker}]. {clean(sentence.text)} [{marker}]")
        return Answer(text=text, citations=book.citations())
    return None
