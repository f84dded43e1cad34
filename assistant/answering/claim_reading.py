"""Where a question asks to check a claim, and the claim it states: "Klopt het dat ...", "..., klopt dat?", a yes/no
question stating a figure ("Kost de fusie echt 6 miljoen?"), or search words ending on the figure to check.

Pure functions over the question text; question.py reads the rest of what a question asks.
"""

from __future__ import annotations

import re

from assistant.answering import tuning as T
from assistant.answering.asks import ANY_QUESTION_WORD
from assistant.answering.operations import DIFFERENCE, SUM, read_operation
from assistant.figures import compare as figures
from assistant.figures.amounts import names_a_thing
from assistant.text.sentences import QUESTION_WORD

# A claim put first: "Klopt het dat ...", "Kunt u bevestigen dat ...", "Het is toch zo dat ...", "Ik las dat ...".
_CLAIM = re.compile(
    r"^\s*(?:(?:en|maar|dus)\s+)?(?:klopt\s+(?:het|dit|dat)(?:\s+dat)?|is\s+het\s+(?:juist|waar|correct|zo)(?:\s+dat)?"
    r"|(?:het\s+)?is\s+(?:het\s+)?toch\s+(?:zo|waar|juist)\s+dat|klopt\s+de\s+(?:bewering|stelling|uitspraak)(?:\s+dat)?"
    r"|(?:kun|kan|kunt)\s+(?:je|u|jij)\s+(?:bevestigen|nagaan|checken|controleren)(?:\s+(?:dat|of))?"
    r"|(?:ik\s+(?:heb\s+)?)(?:las|lees|hoorde|hoor|gelezen|gehoord)\s+dat"
    r"|(?:controleer|check)(?:\s*:)?(?:\s+of)?|klopt\s+het\s+bedrag|bevestig(?:\s+dat)?)\b[\s,:]*",
    re.I,
)
# A claim put last, as a tag: "Er doen 300 scholen mee, klopt dat?", "... is dat juist?", "..., toch?", "... klopt".
_CLAIM_TAG = re.compile(
    r"[\s,;:–-]+(?:(?:en\s+)?klopt(?:\s+(?:dat|dit|het))?(?:\s+(?:wel|echt|nou))?|is\s+dat\s+(?:zo|juist|waar|correct)"
    r"|(?:ja\s+)?toch|of\s+niet|klopt\s+dat\s+(?:wel|echt))\s*[?!.]*\s*$",
    re.I,
)
# A yes/no question (no question word anywhere: Dutch puts the verb first) that asks to confirm: it states a figure,
# or carries a particle of doubt ("Kost het echt 6 miljoen?", "Is het inderdaad verwaarloosbaar?").
_DOUBT = re.compile(r"\s+(?:inderdaad|echt|werkelijk|daadwerkelijk|nou)\b", re.I)
_TOCH = re.compile(r"\s+toch\s+", re.I)  # the particle that asks for agreement: "dat is toch 5 miljoen?"
_OPENS_WITH_QUESTION_WORD = re.compile(rf"^\s*(?:en\s+)?(?:{QUESTION_WORD}|hoe\w*|waarom|sinds|vanaf|tot)\b", re.I)


def read_claim(text: str) -> str | None:
    """The statement a question asks to confirm, wherever the question puts the asking; None for other questions."""
    lead = _CLAIM.match(text)
    if lead and len(text) > lead.end() + T.MIN_CLAIM_CHARS:
        return text[lead.end():].rstrip(" ?")
    if _OPENS_WITH_QUESTION_WORD.match(text):
        return None
    tag = _CLAIM_TAG.search(text)
    if tag and tag.start() > T.MIN_CLAIM_CHARS:
        return text[: tag.start()].rstrip(" ,;:?")
    if text.rstrip().endswith("?") and _TOCH.search(text):  # "De uitstoot moet toch 55% lager?"
        return _TOCH.sub(" ", text).strip(" ?")
    if (text.rstrip().endswith("?") and not ANY_QUESTION_WORD.search(text) and not _computes(text)
            and (_DOUBT.search(text) or _states_figure(text))):
        return _DOUBT.sub("", text).strip(" ?")
    if not text.rstrip().endswith("?") and not ANY_QUESTION_WORD.search(text) and not _computes(text) and _ends_on_figure(text):
        return text.strip(" .!")  # search words ending on the figure to check: "termijn verliesverrekening negen jaar"
    return None


# A number closing the text, not a year: "... 8 miljoen", "... 0,3", "... negen jaar".
_LAST_NUMBER = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d\b)\d[\d.,]*\s*(?:%|procent\w*|[^\W\d_]+)?\s*[.!]?\s*$", re.I)
# A condition the asked thing is read under, put after it: "X als Y", "X indien Y".
_CONDITION = re.compile(r"(?<=\w)\s+(?:als|indien|wanneer)\s+", re.I)


def _ends_on_figure(text: str) -> bool:
    """Search words or a statement ending on a figure ask to check it ("bpm teruggaaf politievoertuigen 8 miljoen")."""
    stated = [f for kind, found in figures.by_kind(text).items() if kind != "date" for f in found]
    end = len(text.rstrip(" .!"))
    last = _LAST_NUMBER.search(text)
    if last and names_a_thing(text, last.start()):
        return False  # "... figuur 3", "... tabel 2.1": a reference, not a figure to check
    condition = _CONDITION.search(text)
    if condition and stated and all(f.start > condition.start() for f in stated):
        return False  # "huidig afbouwpunt als verhoging € 5.000 tot € 26.700": the figures are given, not claimed
    return any(f.end >= end for f in stated) or bool(last)


def _computes(text: str) -> bool:
    """A yes/no question over a calculation ("Is A samen met B meer dan 3 miljard?") asks for the calculation."""
    return bool(read_operation(text) or SUM.search(text) or DIFFERENCE.search(text) or _COMPARES.search(text))


# Two things set against each other: "levert A meer op dan B", "is A hoger dan in 2023".
_COMPARES = re.compile(r"\b(?:meer|minder|hoger|lager|groter|kleiner)\b(?:\s+\S+){0,6}?\s+dan\s+(?!\S*\d)", re.I)


def _states_figure(text: str) -> bool:
    """Does the text state an amount, percentage or count (a year or date alone is when, not what is claimed)?"""
    return bool(set(figures.by_kind(text)) - {"date"})
