"""Questions in several parts ("Welke rente geldt voor A, en welke voor B?"): each part the whole answer does not
yet answer is retrieved on its own across the corpus and answered with its own cited sentences; a part nothing
answers is said to be not found, never silently dropped.

Takes the question's intent, the answer to the whole question and a function answering one part; returns the
answer with the parts added. Pure except for that function.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answering import tuning as T
from assistant.answering.answer import CitationBook
from assistant.answering.evidence import Query, kinds_of
from assistant.answering.question import FACTS, Intent
from assistant.answering.parts import part_intent
from assistant.text.tokens import tokenize
from assistant.types import Answer, Citation

_MARKER = re.compile(r"\s*\[\d+\]")
_PIECE = re.compile(r"(?<=\])\.?\s+")  # an answer's statements each end in their marker


def not_found(part: str) -> str:
    return f"Over ‘{part.strip(' ?')}’ vond ik niets in de documenten."


# answer_part(part intent, search text, query text) -> the part's answer, composed with a citation book of its own
PartAnswerer = Callable[[Intent, str, str], Answer]
# recite(citation of a part's answer, the quote kept or None for all of it) -> its marker in the whole's book
Reciter = Callable[[Citation, "str | None"], int]
# Answers kept whole when they answer a part: a calculation or a table cell is one statement with its sources.
_WHOLE = ("Samen is dat", "Het verschil is", "Er blijft", "Dat is", "Volgens de documenten", "Ja", "Nee")


def with_parts(intent: Intent, whole: Answer, book: CitationBook, answer_part: PartAnswerer, own_query,
               recite: Reciter) -> Answer:
    """The whole question's answer, followed by an answer for each part it leaves open.

    `own_query(text)` weighs a part's own words (evidence.make_query over the corpus vocabulary)."""
    if len(intent.parts) < 2 or intent.claim or intent.operation or intent.document_fact or intent.follow_up:
        return whole  # a follow-up's parts lean on the turn before: searched alone, they lose their subject
    text = "" if whole.refused else whole.text
    added = False
    for part in intent.parts:
        asked = replace(part_intent(part, intent), parts=(), follow_up=False)
        own = own_query(part)
        if text and _answered(own, asked, text):
            continue
        search = part if _names_subject(own) else f"{part} {intent.question}"
        found = answer_part(asked, search, part)
        body = "" if found.refused else _kept(found, own, recite)
        if body and not all(s in text for s in _statements(body)):
            text, added = f"{text} {body}".strip(), True
        elif not body:
            text, added = f"{text} {not_found(part)}".strip(), True
    if not added or not _MARKER.search(text):
        return whole
    return replace(whole, text=text, citations=book.citations(), refused=False)


def _kept(found: Answer, own: Query, recite: Reciter) -> str:
    """What a part's answer adds: a calculation or table answer whole, else its one statement holding most of the
    part's words (a passage's further sentences answer the whole question, not the part), cited in the whole's book."""
    pieces = [p for p in _PIECE.split(found.text) if _MARKER.search(p)]
    if not pieces:
        return ""
    if not found.text.startswith(_WHOLE):
        pieces = [max(pieces, key=lambda p: own.share(set(tokenize(_MARKER.sub(" ", p)))))]
    by_marker = {c.marker: c for c in found.citations}
    kept = []
    for piece in pieces:
        quote = None if found.text.startswith(_WHOLE) else _MARKER.sub("", piece).strip()
        renumber = lambda m: f"[{recite(by_marker[int(m.group(1))], quote)}]" if int(m.group(1)) in by_marker else m.group()  # noqa: E731
        kept.append(re.sub(r"\[(\d+)\]", renumber, piece))
    return " ".join(kept)


def _answered(own: Query, asked: Intent, text: str, share: float = T.PART_ANSWERED) -> bool:
    """Does one statement of the text hold `share` of the part's own words, and the kind of fact it asks for?"""
    wanted = set(asked.strict & FACTS)
    if "quantity" in wanted:
        wanted.add("amount")
    return any(
        own.share(set(tokenize(statement))) >= share and (not wanted or bool(wanted & kinds_of(statement)))
        for statement in _statements(text)
    )


def _names_subject(own: Query) -> bool:
    """Does a part name a subject of its own ("welke voor het Bbz-krediet" does; "wat moet het opleveren" not)?"""
    named = [t for t, weight in own.weights.items() if not t.startswith("#") and weight >= T.PART_SUBJECT_IDF]
    return len(named) >= T.PART_SUBJECT_WORDS


def _statements(body: str) -> list[str]:
    """The quoted statements of an answer, without their markers."""
    return [s.strip() for s in _MARKER.split(body) if len(s.strip()) > 2]
