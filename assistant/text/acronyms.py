"""Acronyms the documents define ("een consolidated tape (CT)"), so a question may use either form.

Letters name their programmes once in full and then only by acronym: a question about "de
consolidated tape" must find the paragraph about "de CT", and one about "het NPCE" the paragraph
that says "Nationaal Programma Circulaire Economie".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Up to eight words, then the acronym in brackets: "Nationaal Programma Circulaire Economie (NPCE)", also as the
# name used from then on: "Human Capital Agenda ICT (hierna: HCA ICT)", "(hierna te noemen: HIP)".
_DEFINITION = re.compile(
    r"((?:[^\W\d_][\w’'&-]*\s+){1,8})\(\s*(?:(?:hierna|verder)(?:\s+te\s+noemen)?\s*:?\s*)?"
    r"([A-Z][A-Za-z]{1,7}(?:\s[A-Z]{2,7})?)(?:[’']?s)?\s*\)"
)
# Or inside the brackets after the long form: "(consolidated tape, CT)".
_BRACKETED = re.compile(r"\(\s*((?:[^\W\d_][\w’'&-]*\s+){0,7}[^\W\d_][\w’'&-]*)\s*,\s*([A-Z][A-Za-z]{1,7})\s*\)")
_PLURAL = re.compile(r"[’'](?:s|en)$")
# Words an acronym usually skips: "Raad voor de Kinderbescherming (RvdK)" keeps them, "Wet op het ... (Wft)" not.
_SMALL = frozenset("van de het der den voor en op in of met aan tot bij &".split())


def find_definitions(texts: Iterable[str]) -> dict[str, str]:
    """Acronym -> its long form, for every "long form (ACRONYM)" whose initials spell the acronym."""
    found: dict[str, str] = {}
    for text in texts:
        for match in [*_DEFINITION.finditer(text), *_BRACKETED.finditer(text)]:
            acronym = match.group(2)
            long_form = _spelled_by(match.group(1).split(), acronym)
            if long_form and acronym not in found:
                found[acronym] = long_form
    return found


def _spelled_by(words: list[str], acronym: str) -> str | None:
    """The shortest tail of `words` whose initials give `acronym` (an all-caps word gives all its letters)."""
    target = acronym.lower().replace(" ", "")
    for size in range(1, len(words) + 1):
        tail = words[-size:]
        for skip_small in (True, False):
            for whole_caps in (True, False):
                if "".join(_initials(w, skip_small, whole_caps) for w in tail) == target:
                    return " ".join(tail)
        if len("".join(_initials(w, False, False) for w in tail)) > len(target):
            break
    return None


def _initials(word: str, skip_small: bool, whole_caps: bool) -> str:
    """"Sociaal-Economische" gives "se"; an all-caps part gives all its letters when `whole_caps`
    ("AI Impact Assessment (AIIA)", "CT-provider (CTP)") and its first otherwise ("SEPA Credit Transfer (SCT)")."""
    if skip_small and word.lower() in _SMALL:
        return ""
    word = _PLURAL.sub("", word)  # "Pps’en", "PSP's": the acronym spells the singular
    parts = [part for part in re.split(r"[-’']", word) if part and part[0].isalpha()]
    return "".join(part.lower() if whole_caps and part.isupper() and part.isalpha() else part[0].lower() for part in parts)


class Acronyms:
    """Expands a question with the other form of each acronym it uses."""

    def __init__(self, definitions: dict[str, str]):
        self.definitions = definitions

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Acronyms":
        return cls(find_definitions(texts))

    @classmethod
    def merged(cls, per_document: Iterable[dict[str, str]]) -> "Acronyms":
        """Definitions found per document, in index order: the same as `from_texts` over all their paragraphs."""
        definitions: dict[str, str] = {}
        for found in per_document:
            for acronym, long_form in found.items():
                definitions.setdefault(acronym, long_form)
        return cls(definitions)

    def pairs_in(self, question: str) -> list[tuple[str, str]]:
        """(long form, acronym) for each defined acronym the question uses in either form."""
        lower, words = _plain(question), _words(question)
        return [(long_form, acronym) for acronym, long_form in self.definitions.items()
                if _uses(acronym, words, question) or _plain(long_form) in lower]

    def expand(self, question: str) -> str:
        """`question` plus the long form of each defined acronym in it, and the acronym of each long form."""
        lower, words = _plain(question), _words(question)
        extra = [long_form if _uses(acronym, words, question) else acronym for long_form, acronym in self.pairs_in(question)
                 if not (_uses(acronym, words, question) and _plain(long_form) in lower)]
        return " ".join([question, *extra]) if extra else question


def _uses(acronym: str, words: set[str], text: str) -> bool:
    """The text uses the acronym as a word, or as its words in a row ("HCA ICT")."""
    if " " not in acronym:
        return acronym in words
    return bool(re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text))


def _plain(text: str) -> str:
    """Lower case with one apostrophe: "Pps’en" and "pps'en" are one word."""
    return text.lower().replace("’", "'")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w’'-]+", text))
