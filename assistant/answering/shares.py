"""Shares the source states outright, and the rest of one: "welk deel ... biedt nog géén instant payments aan"
when the source says "door twee derde van de PSP's aangeboden" is answered "een derde", with the stated share cited.

A share is a percentage or a share in words ("de helft", "twee derde", "drie op de tien"; figures/amounts.py).
Pure functions over scored sentences.
"""

from __future__ import annotations

import re

from assistant.answering import tuning as T
from assistant.answering.answer import CitationBook, clean
from assistant.answering.evidence import Sentence, on_subject
from assistant.text.tokens import tokenize
from assistant.figures import compare as figures
from assistant.figures.notation import dutch_number
from assistant.types import Answer

_CLAUSE_END = re.compile(r"[;:]|,\s|\s(?:en|maar|terwijl)\s")
_OF_WINDOW = 40  # characters after a share that name what it is a share of: "van de Europese PSP's"
# A clause that denies what it states: its share is already the part that does not ("30% biedt geen ...").
_DENIES = re.compile(r"\b(?:niet|geen|géén|nooit)\b", re.I)
# Shares said in words when the rest is one of them: 100 - 66,67 is "een derde".
_IN_WORDS = {50.0: "de helft", 33.33: "een derde", 66.67: "twee derde", 25.0: "een kwart", 75.0: "driekwart",
             20.0: "een vijfde", 80.0: "vier vijfde"}


def _shares(sentence: Sentence) -> list:
    return figures.by_kind(sentence.text).get("percentage", [])


def states_share(scored: list[Sentence]) -> bool:
    """Does a sentence on the question's subject state a share outright ("rond de 90%", "twee derde")?"""
    return any(_shares(s) for s in on_subject(scored, T.SHARE_READ))


def complement(scored: list[Sentence], whole: str, book: CitationBook) -> Answer | None:
    """The rest of the share the best sentence on the subject states, when its clause states what does hold (not
    what does not): 'twee derde biedt het aan' answers 'welk deel biedt het niet aan' with 'een derde'."""
    for sentence in on_subject(scored, T.SHARE_READ):
        shares = _shares(sentence)
        if not shares:
            continue
        stated = _share_of(sentence.text, shares, whole)
        if stated is None or _DENIES.search(_clause(sentence.text, stated)) or not 0 < stated.value < 100:
            return None
        rest = 100.0 - stated.value
        said = _IN_WORDS.get(round(rest, 2)) if "%" not in stated.raw else None
        shown = said or f"{dutch_number(round(rest, 1), 0 if round(rest, 1) == int(round(rest, 1)) else 1)}%"
        marker = book.cite(sentence.paragraph, sentence.text)
        text = f"Dat is {shown}: het deel naast {stated.raw} [{marker}]. {clean(sentence.text)} [{marker}]"
        return Answer(text=text, citations=book.citations())
    return None


def _clause(text: str, figure) -> str:
    """The clause a figure stands in: from the last break before it to the first after it."""
    breaks = [m for m in _CLAUSE_END.finditer(text)]
    start = max((m.end() for m in breaks if m.end() <= figure.start), default=0)
    end = min((m.start() for m in breaks if m.start() >= figure.end), default=len(text))
    return text[start:end]


def _share_of(text: str, shares: list, whole: str):
    """The one share said to be of the question's whole ("twee derde van de Europese PSP's" for "welk deel van de
    PSP's"): the share whose next words hold most of the whole's words; None when none or two hold as much."""
    asked = set(tokenize(whole, compounds=False))
    held = sorted(((len(asked & set(tokenize(text[f.end : f.end + _OF_WINDOW], compounds=False))), n) for n, f in enumerate(shares)), reverse=True)
    if not held[0][0] or (len(held) > 1 and held[0][0] == held[1][0]):
        return None
    return shares[held[0][1]]
