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


# A share stated of something: "2,2% van het budget", "een kwart van de middelen".
_OF_SOMETHING = re.compile(r"^\s*(?:\w+\s+)?van\b", re.I)


def share_of_amount(question: str, scored: list[Sentence], book: CitationBook) -> Answer | None:
    """'Hoeveel uitvoeringskosten vraagt de verhoging met € 30 mln?' when a sentence on the subject states the asked
    thing as a share of something ("de uitvoeringskosten bedragen 2,2% van het budget") and another states the
    question's amount: the share of that amount, both terms cited. None when the question names no one amount, no
    sentence states a share of what the question names (of a whole the amount is part of), or the amount stands in no
    sentence."""
    named = figures.by_kind(question)
    amounts, percents = named.get("amount", []), named.get("percentage", [])
    if len(amounts) != 1 or len(percents) > 1:
        return None
    amount = amounts[0]
    asked = _words(question[: amount.start] + " " + question[amount.end :])
    for sentence in on_subject(scored, T.SHARE_OF_AMOUNT_READ):
        for share in _shares(sentence):
            if not _OF_SOMETHING.match(sentence.text[share.end :]) or (percents and percents[0].value != share.value):
                continue
            subject = _words(_clause(sentence.text, share)[: max(0, share.start - _clause_start(sentence.text, share))])
            if not _shares_stem(subject, asked):
                continue  # a share of something the question does not ask about
            stated = _stating(amount, scored)
            if stated is None:
                return None
            source, figure = stated
            base = _words(sentence.text[share.end : share.end + _OF_WINDOW].split(",")[0])
            if not _shares_stem(base, asked | _words(source.text)):
                continue  # "2,2% van het bbp" is no share of the budget the amount raises
            m1, m2 = book.cite(sentence.paragraph, sentence.text), book.cite(source.paragraph, source.text)
            value = share.value / 100 * figure.value
            quotes = f"{clean(sentence.text)} [{m1}]" + ("" if source.text == sentence.text else f" {clean(source.text)} [{m2}]")
            text = f"Dat is {_in_scale_of(value, figure)}: {share.raw} [{m1}] van {figure.raw.rstrip('.')} [{m2}]. {quotes}"
            return Answer(text=text, citations=book.citations())
    return None


_STEM = 6  # letters two words share when they name one thing: "uitvoeringskosten" and "uitvoeringsbudget"


def _words(text: str) -> set[str]:
    return {w for w in tokenize(text, compounds=False) if len(w) >= _STEM}


def _shares_stem(these: set[str], those: set[str]) -> bool:
    stems = {w[:_STEM] for w in those}
    return any(w[:_STEM] in stems for w in these)


def _clause_start(text: str, figure) -> int:
    return max((m.end() for m in _CLAUSE_END.finditer(text) if m.end() <= figure.start), default=0)


def _stating(amount, scored: list[Sentence]):
    """The best sentence stating an amount equal to the question's, and that amount as the source writes it."""
    for sentence in scored[: T.SHARE_READ * 2]:
        for figure in figures.by_kind(sentence.text).get("amount", []):
            if figure.value == amount.value and (figure.currency or "EUR") == (amount.currency or "EUR"):
                return sentence, figure
    return None


def _in_scale_of(value: float, like) -> str:
    """An amount in the scale the source writes the amount it comes from: 0,66 mln of "€ 30 mln"."""
    for word, scale in (("miljard", 1e9), ("mld", 1e9), ("miljoen", 1e6), ("mln", 1e6)):
        if re.search(rf"\b{word}\b", like.raw, re.I):
            scaled = value / scale
            return f"€ {dutch_number(round(scaled, 2), 0 if round(scaled, 2) == int(round(scaled, 2)) else None)} {word}"
    return figures.format_computed("amount", value, like)
