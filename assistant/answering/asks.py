"""How a question is cut: into the separate things it asks, and into its main clause and the clauses it embeds.

Pure functions over the question text, used by question.py.
"""

from __future__ import annotations

import re

from assistant.answering import tuning as T
from assistant.text.sentences import QUESTION_WORD

ANY_QUESTION_WORD = re.compile(rf"\b(?:{QUESTION_WORD}|waarom)\b", re.I)
_WORDS = re.compile(r"\w+", re.U)
# Where a question asks a second thing: ", en wat ...", " én ", "? Zo ja, hoeveel ..."
_PART_BREAK = re.compile(
    r"\?\s+(?:zo\s+ja,?\s*)?|,?\s+(?:en|én)\s+(?=(?:" + QUESTION_WORD + r"|vanaf|tot|per|sinds|om|te)\b)|"
    r",\s+(?:en|én)\s+(?=(?:via|door|met|bij|onder|uit|naar|op|aan|in|voor|van)\s+(?:welk\w*|wie|wat)\b)|\s+én\s+|,?\s+en\s+(?=(?:bij|voor|van|in|aan|over|met)\s)",
    re.I,
)
# A search-box query asks several things side by side: "geluidsnorm vliegveld en aantal nachtvluchten",
# "budget regeling + welke stichting". A "+" separates asks in any question.
_SEARCH_BOX_BREAK = re.compile(_PART_BREAK.pattern + r"|\s+\+\s+|\s+en\s+", re.I)
_PLUS = re.compile(r"\s\+\s")
_CONTENT_WORD = re.compile(r"[^\W\d_][\w-]{2,}")
# "Wanneer krijgt de Kamer de strategie en de sectoragenda": two things, each asked about.
_OBJECT_BREAK = re.compile(r",?\s+en\s+(?=(?:de|het)\s)", re.I)

# "hoeveel" or "wanneer" after the question's own question word, not coordinated with it ("..., en wanneer"), opens
# an embedded clause: "In welke wijken wordt onderzocht hoeveel fijnstof er vrijkomt?", "Wat doet de gemeente
# wanneer de bibliotheek sluit?"
_EMBEDDED = re.compile(r"(?<![,?;:]\s)(?<!\ben\s)(?<!\bén\s)(?<!\bof\s)\b(?:hoeveel|wanneer)\b", re.I)


def main_clause(text: str) -> str:
    """The question up to an embedded 'hoeveel'/'wanneer' clause: what it asks for outright is read there."""
    first = ANY_QUESTION_WORD.search(text)
    embedded = _EMBEDDED.search(text, first.end()) if first else None
    return text[: embedded.start()] if embedded else text


def within_one_part(text: str, terms: tuple[str, ...]) -> bool:
    """Do a calculation's terms stand in one of the question's asks (or is there only one)? Search words set side by
    side ("verschil heffing bier en heffing wijn") are the terms themselves, not two asks."""
    pieces = [p for p in _PART_BREAK.split(text) if len(_WORDS.findall(p)) >= T.MIN_PART_WORDS]
    return len(pieces) < 2 or any(all(term in piece for term in terms) for piece in pieces)


def _searched(text: str) -> bool:
    """Is the question typed as search words: no question word and no question mark (or a "+" between asks)?"""
    return bool(_PLUS.search(text)) or not (text.rstrip().endswith("?") or ANY_QUESTION_WORD.search(text))


def parts_of(text: str, objects: bool = False) -> tuple[str, ...]:
    """The question's separate asks. With `objects`, a date or figure asked of two things ("wanneer krijgt
    de Kamer de strategie en de sectoragenda") is asked of each."""
    if re.search(r"\bzowel\b", text, re.I):  # "zowel A als B" asks about A and about B
        text = re.sub(r"\s+als\s+", " en bij ", re.sub(r"\bzowel\s+", "", text, flags=re.I), count=1, flags=re.I)
    pieces = [p.strip(" ,?") for p in _PART_BREAK.split(text)]
    if _searched(text):
        searched = [p.strip(" ,?") for p in _SEARCH_BOX_BREAK.split(text)]
        if all(len(_CONTENT_WORD.findall(p)) >= T.MIN_PART_WORDS for p in searched):  # not "budget onderzoek en innovatie"
            pieces = searched
    if objects and len(pieces) == 1:
        pieces = [p.strip(" ,?") for p in _OBJECT_BREAK.split(text, maxsplit=1)]
    pieces = [p for p in pieces if len(_WORDS.findall(p)) >= T.MIN_PART_WORDS]
    return tuple(pieces) if len(pieces) > 1 else ()
