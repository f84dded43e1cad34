"""How a Dutch question asks for a calculation, read from its construction: one entry per kind.

Each entry names the operation and the pattern that splits the question into the two things it
relates: the whole and its part ("hoeveel van A gaat niet naar B"), the two sides of a comparison
("hoeveel procentpunt hoger is A dan B"), the numerator and denominator of a share ("welk deel van A
gaat naar B"). Sums and differences of named terms, and totals, are read in question.py.
Pure functions over the question text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs that link a whole to where part of it goes: "gaat naar", "is bestemd voor", "wordt besteed aan".
_GOES = (
    r"(?:gaat|gaan|is|zijn|wordt|worden|komt|komen|blijft|blijven)\s+(?:er\s+)?(?:niet\s+)?"
    r"(?:\w+\s+)?(?:naar|voor|aan|bij|in|op)"
)
_GOES_NOT = _GOES.replace(r"(?:niet\s+)?", r"niet\s+")  # "gaat niet naar": what is left of the whole
_COMPARATIVE = r"(?:hoger|lager|meer|minder|groter|kleiner|later|eerder|langer|korter|duurder|goedkoper)"
_VERB = r"(?:moet|moeten|kan|kunnen|zal|zullen|gaat|gaan|krijgt|krijgen|heeft|hebben|is|zijn|ligt|liggen|wordt|worden)"
_COPULA = r"(?:is|zijn|ligt|liggen|was|waren|wordt|worden|valt|vallen|komt|komen|bedraagt|bedragen)"


@dataclass(frozen=True)
class OperationKind:
    """A kind of calculation: its name and the constructions that name its two terms (groups a and b)."""

    name: str  # "remainder" (a minus its part b) | "ratio" (b as a share of a) | "times" (a / b) | "difference"
    # | "complement" (the share of a that is not b: 100% minus the share stated for b)
    constructions: tuple[re.Pattern, ...]


_NOT = r"(?:niet|geen|géén|nog\s+niet|nog\s+geen)"
KINDS = (
    # "welk deel van de PSP's biedt nog geen instant payments aan": the rest of a stated share (b holds the "not")
    OperationKind("complement", (
        re.compile(rf"\b(?:welk|hoe\s+groot\s+is\s+het)\s+(?:deel|aandeel|percentage)\s+van\s+(?P<a>.+)\s+(?P<b>\S+\s+(?:\S+\s+){{0,2}}?{_NOT}(?![\w-]).+?)[?.!]*$", re.I),
        re.compile(rf"\bhoeveel\s+procent\s+van\s+(?P<a>.+)\s+(?P<b>\S+\s+(?:\S+\s+){{0,2}}?{_NOT}(?![\w-]).+?)[?.!]*$", re.I),
    )),
    OperationKind("remainder", (
        re.compile(rf"\bhoeveel\s+(?:geld\s+|euro\s+)?van\s+(?P<a>.+?)\s+{_GOES_NOT}\s+(?P<b>.+?)[?.!]*$", re.I),
        # the whole put first: "Van de 30 miljoen voor A, hoeveel gaat er niet naar B?"
        re.compile(rf"^\s*van\s+(?P<a>.+?),\s+hoeveel\s+(?:\w+\s+)?(?:{_GOES_NOT}|{_COPULA}\s+(?:er\s+)?niet\s+(?:voor|naar|aan|bij|in|op)?)\s+(?P<b>.+?)[?.!]*$", re.I),
        # "hoeveel van A is niet B": B a state of part of A ("onvoorwaardelijk", "toegekend")
        re.compile(rf"\bhoeveel\s+(?:geld\s+|euro\s+)?van\s+(?P<a>.+?)\s+{_COPULA}\s+(?:nog\s+)?niet\s+(?P<b>.+?)[?.!]*$", re.I),
        re.compile(r"\bhoeveel\s+(?:\w+\s+){0,3}?(?:blijft|resteert)\s+(?:er\s+)?(?:van\s+)?(?P<a>.+?)\s+over\s+(?:na|naast|buiten)\s+(?P<b>.+?)[?.!]*$", re.I),
        # "hoeveel (van) A blijft (er) over als je B eraf haalt / aftrekt"
        re.compile(r"\bhoeveel\s+(?:blijft\s+(?:er\s+)?)?(?:van\s+)?(?P<a>.+?)\s+(?:blijft\s+(?:er\s+)?)?over\s+(?:als|wanneer|na)\s+"
                   r"(?:je|u|men|we)?\s*(?P<b>.+?)\s+(?:eraf\s+haalt|eraf\s+trekt|ervan\s+aftrekt|aftrekt|afhaalt|afgetrokken)\b", re.I),
    )),
    OperationKind("ratio", (
        re.compile(rf"\b(?:welk|hoe\s+groot\s+(?:is\s+)?(?:het|de))\s+(?:deel|aandeel|percentage|fractie)\s+van\s+(?P<a>.+?)\s+(?:{_GOES}|{_COPULA})\s+(?P<b>.+?)[?.!]*$", re.I),
        re.compile(rf"\bhoeveel\s+procent\s+van\s+(?P<a>.+?)\s+{_GOES}\s+(?P<b>.+?)[?.!]*$", re.I),
        # "hoe groot is B als percentage van A", "B als aandeel van A"
        re.compile(rf"\b(?:hoe\s+groot|wat|hoeveel)\s+{_COPULA}\s+(?P<b>.+?)\s+als\s+(?:percentage|aandeel|deel)\s+van\s+(?P<a>.+?)[?.!]*$", re.I),
        # "het aandeel van B in A", "aandeel B in A 2025"
        re.compile(r"\baandeel\s+(?:van\s+)?(?P<b>(?!\w+\s+van\b).+?)\s+in\s+(?P<a>(?:de|het)\s+.+?|[^\W\d_]{3,}.*?)[?.!]*$", re.I),
    )),
    OperationKind("times", (
        re.compile(rf"\bhoeveel\s+keer\s+(?:zo\s+)?(?:groot|hoog|veel|meer|duur)\s+(?:als|dan)?\s*{_COPULA}?\s*(?P<a>.+?)\s+(?:als|dan)\s+(?P<b>.+?)[?.!]*$", re.I),
    )),
    OperationKind("difference", (
        # "Hoeveel procentpunt hoger is A dan B", "hoeveel maanden later moeten A ... dan B"
        re.compile(rf"\bhoeveel\s+(?:[^\W\d_]+\s+){{0,2}}?{_COMPARATIVE}\s+(?:{_COPULA}\s+)?(?P<a>.+?)\s+dan\s+(?P<b>.+?)[?.!]*$", re.I),
        # "hoeveel maanden later dan B moeten A ...": the verb after B opens A
        re.compile(rf"\bhoeveel\s+(?:[^\W\d_]+\s+){{0,2}}?{_COMPARATIVE}\s+dan\s+(?P<b>.+?)\s+{_VERB}\s+(?P<a>.+?)[?.!]*$", re.I),
        # "verschil Bbz-rente en Tozo-rente", "het verschil in A en B"
        re.compile(r"\bverschil\s+(?:in\s+|van\s+)?(?P<a>(?!tussen\b).+?)\s+(?:en|met|vs\.?|versus|t\.?o\.?v\.?)\s+(?P<b>.+?)[?.!]*$", re.I),
    )),
)
# A term that only points back to the other's head noun: "die van de Tozo-lening", "dat voor 2025".
_POINTS_BACK = re.compile(r"^(?:die|dat|diegene|datgene)\s+(?=(?:van|voor|in|bij|uit|op)\b)", re.I)
# The unit a question asks the answer in, said after a term: "... in procentpunt", "(in euro's)".
_IN_UNIT = re.compile(r"\s*\(?\bin\s+(?:procent\w*|euro'?s?|miljoen\w*|miljard\w*|maanden|jaren|dagen)\)?\s*$", re.I)
_LEADING_YEAR = re.compile(r"^(?:in\s+)?(?:19|20)\d\d\s+")
_LEADING_PREPOSITION = re.compile(r"^(?:naar|voor|aan|bij|in|op|van)\s+", re.I)
_ARTICLE = re.compile(r"^(?:de|het|een)\s+", re.I)


_YEAR_ONLY = re.compile(r"^(?:(?:in|voor|van|over|tot)\s+)?(?:het\s+jaar\s+)?(?:19|20)\d\d$", re.I)


def is_year_only(term: str) -> bool:
    """A term that only names a year ("in 2025"): the question compares one series in two years."""
    return bool(_YEAR_ONLY.match(term.strip()))


def read_operation(text: str) -> tuple[str, tuple[str, str]] | None:
    """The calculation a question asks for by its construction, with its two terms; None when none."""
    for kind in KINDS:
        for construction in kind.constructions:
            match = construction.search(text)
            if match:
                a, b = (_clean_term(match.group(n)) for n in ("a", "b"))
                if a and b:
                    return kind.name, (a, _with_head(b, a))
    return None


def _clean_term(term: str) -> str:
    """A term without the unit asked and, when it names more than a year, without a year it opens with (the
    question's years are read apart) and the preposition left after it: "2025 naar zorg" -> "zorg"."""
    term = _IN_UNIT.sub("", term.strip(" ,?")).strip(" ,")
    if is_year_only(term):
        return term
    term = _LEADING_YEAR.sub("", term)
    return _LEADING_PREPOSITION.sub("", term).strip(" ,") or term


def _with_head(term: str, other: str) -> str:
    """'die van de Tozo-lening' after 'de rente van het Bbz' is 'rente van de Tozo-lening'."""
    if not _POINTS_BACK.match(term):
        return term
    head = _ARTICLE.sub("", other).split()[0] if other.split() else ""
    return _POINTS_BACK.sub(f"{head} ", term)


# Asks to add or subtract figures it names ("tel A op bij B", "A en B samen", "het verschil tussen A en B").
SUM = re.compile(r"\b(?:tel\w*\b.*\bop|opgeteld|bij\s+elkaar|samen(?:genomen)?|in\s+totaal\s+samen|som\s+van)\b", re.I)
DIFFERENCE = re.compile(
    r"\b(?:verschil|hoeveel\s+(?:meer|minder|nog)|min\b|afgetrokken|trek\w*\b.*\baf"
    r"|hoeveel\s+procentpunt\w*\b.*\b(?:boven|onder|hoger|lager))\b",
    re.I,
)


# Splits the two terms of a sum or difference: "tel A op bij B", "verschil tussen A en B", "A plus B".
TERMS = (
    re.compile(r"\btel\w*\s+(?P<a>.+?)\s+op\s+bij\s+(?P<b>.+?)(?:[.?!]|$)", re.I),
    re.compile(r"\bverschil\s+tussen\s+(?P<a>.+?)\s+en\s+(?P<b>.+?)(?:[.?!]|$)", re.I),
    re.compile(r"(?P<a>.+?)\s+(?:plus|\+|opgeteld\s+bij|min)\s+(?P<b>.+?)(?:[.?!]|$)", re.I),
    re.compile(r"(?P<a>.+?)\s+(?:boven|onder|hoger\s+dan|lager\s+dan)\s+(?P<b>.+?)(?:[.?!]|$)", re.I),
    re.compile(r"\b(?:van|voor)\s+(?P<a>.+?)\s+en\s+(?:van\s+|voor\s+)?(?P<b>.+?)\s+(?:samen|bij\s+elkaar|opgeteld)", re.I),
)
# The question's own frame before a term: "Hoeveel procentpunt ligt [de Bbz-rente]", "Wat is [het bedrag voor X]".
_TERM_FRAME = re.compile(
    r"^\s*(?:hoeveel|wat|welk\w*|hoe\s+\w+)\s+(?:[^\W\d_]+\s+){0,2}?"
    r"(?:ligt|liggen|is|zijn|was|waren|bedraagt|bedragen|scheelt|verschilt|verschillen|kost|kosten)\s+",
    re.I,
)


def split_terms(text: str) -> tuple[str, ...]:
    for pattern in TERMS:
        match = pattern.search(text)
        if match:
            return tuple(_clean_term(_TERM_FRAME.sub("", match.group(name))) for name in ("a", "b"))
    return ()
