"""What a Dutch question asks for: a claim to check (read in claim_reading.py), a sum, an amount, a date, an actor, a count,
or an open 'what'.

Pure functions over the question text. The answerer uses the intent to prefer
sentences that state the asked kind of fact and to refuse when none does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answering import tuning as T
from assistant.answering.asks import main_clause, parts_of, within_one_part
from assistant.answering.claim_reading import read_claim
from assistant.answering.operations import DIFFERENCE, SUM, read_operation, split_terms

# "level": an amount or a percentage; "next": what is planned; "use": where money goes; "target": a figure to reach;
# "stance": what someone thinks of a proposal
WANTS = ("amount", "level", "date", "actor", "quantity", "list", "next", "use", "target", "stance")
FACTS = frozenset({"amount", "level", "date", "quantity"})  # wants a sentence must state to answer outright
STATED_IN_HEADINGS = frozenset({"date", "actor"})  # asked facts a heading may state ("Voorgesteld 6 juli 2021")

# A short lead-in that opens a new subject: "Andere vraag:", "Iets anders:", "Los daarvan,". Never a follow-up.
_NEW_TOPIC = re.compile(
    r"^\s*(?:(?:een\s+)?(?:andere|nieuwe|volgende|laatste)\s+vraag|nog\s+een\s+vraag|iets\s+(?:heel\s+)?anders"
    r"|(?:een\s+)?ander\s+onderwerp|los\s+daarvan|(?:nog\s+)?iets\s+anders|tot\s+slot|verder)\s*[:,;.–-]\s*",
    re.I,
)
# Asks for a total without naming its terms: stated outright, or made from an amount per year or several figures.
_TOTAL = re.compile(r"\b(?:in\s+totaal|totaal|totale|cumulatief|over\s+de\s+(?:hele\s+|gehele\s+)?(?:periode|looptijd|jaren))\b", re.I)
_PERCENTAGE = re.compile(r"\b(?:procent\w*|percentage|rente)\b|%", re.I)
# Payments that are money by nature: "hoeveel uitkering", "welke boete".
_MONEY_NOUNS = ("uitkering", "vergoeding", "boete", "heffing", "salaris", "premie", "toelage")
_AMOUNT = re.compile(
    r"\b(?:hoeveel\s+(?:geld|euro|budget|middelen)|budget\w*|bedrag\w*|kost\w*|gekost|investe\w*|financi\w*"
    r"|subsidie\w*|middelen|geld|euro|begroot|begroting\w*|uitgave\w*|miljoen|miljard|mln|mld|" + "|".join(n + r"\w*" for n in _MONEY_NOUNS) + r")\b|€",
    re.I,
)
_DATE = re.compile(
    r"\b(?:wanneer|welke\s+datum|datum|per\s+wanneer|tot\s+wanneer|vanaf\s+wanneer|hoe\s+lang|looptijd"
    r"|deadline|uiterlijk|in\s+welk\s+jaar|welk\s+jaar|termijn|planning|tijdpad|vanaf\s+welk\w*)\b",
    re.I,
)
_ACTOR = re.compile(
    r"\b(?:wie|door\s+wie|namens\s+wie|welke?\s+(?:partij\w*|organisatie\w*|ministerie\w*|instantie\w*|instelling\w*"
    r"|bewindsperso\w*|minister\w*|bedrij\w*|gemeente\w*|regio\w*|landen|fonds\w*|kamerle\w*|leden|fractie\w*"
    r"|toezichthouder\w*|ziekenh\w*|universiteit\w*|hogescho\w*|bank\w*|werkgroep\w*|commissie\w*|onderzoeker\w*"
    r"|bureau\w*|adviseur\w*|persone\w*))\b",
    re.I,
)
# "Langs welke vier punten", "welke drie maatregelen": the answer names several things, best as a list.
COUNTED = re.compile(r"\bwelke\s+(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d{1,2})\s+([^\W\d_]{3,})", re.I)
# "Welke maatregelen", "welke nieuwe regelingen": a plural noun asked for, without a count; the answer names them.
WHICH_PLURAL = re.compile(r"\bwelke\s+(?:[^\W\d_]+e\s+)?([^\W\d_][\w&-]{2,}(?:en|'s|’s|s))\b", re.I)
# "Hoe gaat het verder", "wat is het vervolg": the answer says what is planned next.
_NEXT = re.compile(
    r"\bhoe\s+(?:gaat|gaan|moet)\s+(?:het|dit|dat|\w+)?\s*verder\b|\bhoe\s+verder\b|\bvervolg(?:stap\w*)?\b"
    r"|\bvolgende\s+stap\w*|\bwat\s+(?:gebeurt|komt)\s+er\s+(?:hierna|daarna|vervolgens|nu)\b"
    r"|\bwat\s+staat\s+er\s+(?:nog\s+)?(?:op\s+stapel|te\s+gebeuren)\b|\bwat\s+zijn\s+de\s+plannen\b",
    re.I,
)
# "Waar gaat het geld naartoe", "waaraan wordt het budget besteed": where money goes, not how much it is.
_USE = re.compile(r"\bwaar(?:aan|voor|heen|naartoe)\b|\bwaar\b.*\b(?:naartoe|heen|aan\s+besteed|voor\s+gebruikt)\b", re.I)
# "Hoe staat de gemeente tegenover ...", "wat vindt de wethouder van ...", "wat is het standpunt": a position taken.
_STANCE = re.compile(
    r"\bhoe\s+(?:staat|staan|kijkt|kijken)\b.*\b(?:tegenover|aan(?:\s+tegen)?)\b|\bwat\s+(?:vindt|vinden|denkt|denken)\b"
    r"|\b(?:standpunt|positie|appreciatie|oordeel|houding)\b",
    re.I,
)
# "Welk doel geldt er voor ...", "wat is de ambitie": a target to reach, best a figure by a year.
_TARGET = re.compile(r"\b(?:welk\w*|wat\s+is|wat\s+zijn)\s+(?:het\s+|de\s+)?(?:doel\w*|ambitie\w*|streef\w*)\b", re.I)
_QUANTITY = re.compile(r"\b(?:hoeveel|aantal|percentage|procent|hoe\s+groot|hoe\s+hoog|welk\s+deel)\b", re.I)
# "Hoe hoog is de boete", "welk aandeel": the answer is a sum of money or a percentage, not a duration or a count.
# "Welke rente geldt", "welk tarief", "wat is nu de rente", "tarief hondenbelasting": a rate is a level too,
# asked as the thing the question is about (as money nouns are in _STRICT["amount"]).
_RATE = r"[\w-]*(?:rente|tarief|percentage)"


def _asked_thing(nouns: str, modifiers: int) -> str:
    """'wat is (nu) het (totale) <noun>': the noun, after at most `modifiers` words, is what the question asks for."""
    return rf"\bwat\s+(?:is|zijn|was|waren|bedraagt|bedragen)\s+(?:\w+\s+){{0,2}}?(?:het|de)\s+(?:[\w-]+\s+){{0,{modifiers}}}?{nouns}\b"


# The rate is what is asked, not a word of the subject: "hoe hoog is het verlaagde btw-tarief", "welke rente", "wat is
# het tarief" (against "wat levert het verhogen van het btw-tarief op").
ASKS_RATE = re.compile(
    rf"\bhoe\s+(?:hoog|laag)\s+(?:is|zijn|wordt|worden|was|ligt)\s+(?:het|de)\s+(?:[\w-]+\s+)?{_RATE}\b"
    rf"|\bwelke?\s+{_RATE}\b|{_asked_thing(_RATE, 1)}",
    re.I,
)
_LEVEL = re.compile(
    r"\bhoe\s+(?:hoog|groot)\b|\bwelk\s+(?:percentage|aandeel|deel)\b|\baandeel\b|\bwelke?\s+\w*(?:rente|tarief|percentage)\b"
    rf"|{_asked_thing(_RATE, 1)}"
    rf"|^\s*{_RATE}\b(?!.*\?\s*$)",
    re.I,
)
# Questions that ask for the fact itself, not merely mention money or time ("uit welk fonds").
_STRICT = {
    "amount": re.compile(
        # a search-box question headed by a money noun ("totaal budget npce", "structurele kosten verhogen ...") or
        # asking the figure in euros ("uitgaven ontbossing vanaf 2025 in euro")
        r"^\s*(?:budget|bedrag|kosten)\b|^\s*(?:[^\W\d_]+\s+){0,2}?[\w-]*(?:budget|bedrag|kosten|opbrengst|bijdrage)\b(?!.*\?\s*$)"
        r"|\bin\s+euro(?:'?s)?\s*$"
        r"|\bhoeveel\b.*\b(?:geld|euro(?:'?s)?|budget|middelen|kost\w*|financiering|subsidie"
        r"|" + "|".join(_MONEY_NOUNS) + r")\b"  # singular: "hoeveel boetes" counts them
        r"|\bhoeveel\s+\w*(?:financiering|kosten|subsidie|budget|geld)\b|\bwelk\s+bedrag|\bwat\s+kost"
        # money verbs: "hoeveel trekt het kabinet uit", "hoeveel geeft de overheid uit", "hoeveel wordt er geïnvesteerd"
        r"|\bhoeveel\b(?!\s+[^\W\d_]+(?:en|s)\b(?<!\bgeld)).*\b(?:(?:trek\w*|trok\w*|geef\w*|geeft|geven|gaf|gaven)\b.*\buit"
        r"|uitgetrokken|uitgegeven|besteed\w*|gereserveerd|reserveer\w*|geïnvesteerd|investeer\w*|investeert)\b"
        r"|\bgekost|\bhoe\s+(?:hoog|groot)\s+is\s+(?:het|de)\s+(?:budget|bedrag|investering|bijdrage)"
        # the money noun is what the question asks: "wat is het totale budget", "welk budget", "wat zijn de kosten"
        r"|" + _asked_thing(r"(?:budget|bedrag|kosten|opbrengst|bijdrage|investering|financiering)", 2) +
        r"|\bwelk\s+(?:[\w-]+\s+)?budget\b|\bwelke\s+(?:[\w-]+\s+)?(?:bijdrage|investering|opbrengst)\b",
        re.I,
    ),
    "date": _DATE,
    "actor": _ACTOR,
    "quantity": re.compile(
        r"\bhoeveel\b|\bwelk\s+percentage|\bwat\s+is\s+(?:de|het)\s+(?:huidige|actuele)\b", re.I
    ),
}
# "met hoeveel stijgt ...", "hoeveel neemt ... af": the answer is the difference of two stated values.
CHANGE = re.compile(
    r"\b(?:stijg\w*|steg\w*|gestegen|daal\w*|dal(?:en|ende|ing)|gedaald|groei\w*|gegroeid|krimp\w*|kromp\w*|toename|afname|verander\w*|(?:toe|af)(?:ge)?n[eo]?[ea]?m\w*"
    r"|(?:neem\w*|nem\w*|nam\w*|gaat|gaan|ging\w*)(?:\s+[\w-]+){0,8}?\s+(?:toe|af|omhoog|omlaag))\b", re.I  # "nemen de uitgaven aan zorg toe"
)
_CURRENT = re.compile(r"\b(?:huidige?|nu|momenteel|inmiddels|op\s+dit\s+moment|tot\s+nu\s+toe|actuele?)\b", re.I)
# Asks the level before a change: "vóór de verhoging", "het oude tarief", "oorspronkelijk", "voorheen".
_PRIOR = re.compile(
    r"\b(?:vóór|voor|zonder)\s+(?:de|het|deze|die)\s+(?:[\w-]+\s+)?(?:verhoging|verlaging|stijging|daling|wijziging|aanpassing|verandering|uitbreiding|korting|verruiming|beperking)\b"
    r"|\b(?:oude|oorspronkelijke?|voorheen|vroeger|eerder\s+geldende?)\b",
    re.I,
)
_PREMISE = re.compile(r"^\s*(?:en\s+)?(?:waarom|hoe\s+komt\s+het|hoezo|sinds\s+wanneer|wat\s+is\s+de\s+reden)\b", re.I)
# A question that leans on the one before: it opens elliptically ("en in 2026?") or points back
# ("die regeling", "daarvoor", "ze"). Read only after a claim's own "dat" is stripped.
_FOLLOW_UP = re.compile(
    r"^\s*(?:en|maar|ook|dus|oké?|ok)\b|\b(?:dat|dit|die|deze|diezelfde|datzelfde|daar\w+|hier(?:van|voor|mee|over|bij|in|op|aan)"
    r"|hetzelfde|ervan|zij|ze|hij|hem|hun|het\s+programma)\b",
    re.I,
)
_WORDS = re.compile(r"\w+", re.U)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# Questions about the document itself, answered from its identity (who signed, which ministry, when, which
# kenmerk or number) rather than from its text. Each names the document: "de brief", "deze motie", "het kamerstuk".
_THE_DOCUMENT = (
    r"(?:de|deze|die|dit|het)\s+(?:kamer)?(?:brief|motie|kamerstuk|stuk|document|nota|antwoorden|beantwoording|vragen)\b"
)
_SIGNED = (
    r"(?:onder)?tekende|(?:onder)?tekent|(?:onder)?getekend|ondertekend|ondertekenden|(?:onder)?tekenden|ingediend|diende\w*"
    r"|beantwoord|beantwoordde"
)
_SENT = r"verstuurd|verzonden|gestuurd|gedateerd|ondertekend|ingediend|voorgesteld|gepubliceerd|uitgegeven"
DOCUMENT_FACTS = (
    ("signatory", re.compile(
        rf"\b(?:wie|door\s+wie|welke\s+(?:bewindspersoon|minister|staatssecretaris|kamerle\w*|leden))\b.*\b(?:{_SIGNED})\b"
        rf"|\bwie\s+(?:is|zijn|was|waren)\s+de\s+(?:ondertekenaar|indiener|afzender)s?\b"
        rf"|\bvan\s+(?:wie|welke\s+(?:kamerle\w*|leden|bewindspersoon|minister))\s+(?:is|zijn|komt|komen|kwam|kwamen)\s+{_THE_DOCUMENT}"
        rf"|\bwie\s+staa?t\s+(?:er\s+)?onder\s+{_THE_DOCUMENT}",
        re.I,
    )),
    ("ministry", re.compile(
        rf"\b(?:van|uit)\s+welk\s+ministerie\s+(?:komt|kwam|is|stamt)\b|\bwelk\s+ministerie\b.*\b(?:stuurde|verstuurde|schreef"
        rf"|afzender|heeft\b.*\b(?:gestuurd|verstuurd|geschreven|ondertekend))\b",
        re.I,
    )),
    ("date", re.compile(
        rf"\b(?:wanneer|op\s+welke\s+datum)\s+(?:is|werd|zijn|werden)\s+{_THE_DOCUMENT}.*\b(?:{_SENT})\b"
        rf"|\bvan\s+(?:wanneer|welke\s+datum)\s+(?:is|dateert)\s+{_THE_DOCUMENT}|\bwanneer\s+dateert\s+{_THE_DOCUMENT}"
        rf"|\b(?:welke|wat\s+is\s+de)\s+datum\s+(?:van|heeft|draagt|staat\s+(?:er\s+)?(?:op|boven))\s+{_THE_DOCUMENT}",
        re.I,
    )),
    ("kenmerk", re.compile(rf"\b(?:welk|wat\s+is\s+het)\s+(?:ons\s+)?kenmerk\b", re.I)),
    ("number", re.compile(
        rf"\b(?:welk|wat\s+is\s+het)\s+(?:kamerstuk)?(?:nummer|kamerstuknummer|ondernummer|dossiernummer)\s+(?:heeft|van|draagt)\s+{_THE_DOCUMENT}",
        re.I,
    )),
)
# What a question wants when these match (see also _STRICT: what it asks for outright).
_WANTED = (
    ("amount", _AMOUNT), ("date", _DATE), ("actor", _ACTOR), ("list", COUNTED), ("next", _NEXT), ("target", _TARGET),
    ("stance", _STANCE),
)


@dataclass(frozen=True)
class Intent:
    """The kind of answer a question wants."""

    question: str
    claim: str | None = None  # the statement to verify, without "Klopt het dat"
    operation: str | None = None  # "sum" | "difference" | "total" | "remainder" | "ratio" | "times" (operations.py)
    terms: tuple[str, ...] = ()  # the two things the operation relates
    wants: frozenset[str] = field(default_factory=frozenset)  # subset of WANTS
    strict: frozenset[str] = field(default_factory=frozenset)  # wants the question asks for outright
    asks_current: bool = False  # "huidige", "inmiddels": a future target does not answer it
    asks_prior: bool = False  # "vóór de verhoging", "het oude tarief": the level before a stated change
    premise: bool = False  # "Waarom ...": the question may assume a wrong figure
    follow_up: bool = False
    change: bool = False  # asks by how much something rises or falls
    parts: tuple[str, ...] = ()  # the question's separate asks, when it has more than one
    percentages: bool = False  # a sum or difference of percentages rather than amounts
    years: tuple[int, ...] = ()  # years the question names, in its order ("tussen 2021 en 2025")
    document_fact: str | None = None  # a fact about the document itself (DOCUMENT_FACTS): "signatory", "date", ...

    @property
    def kind(self) -> str:
        if self.claim:
            return "claim"
        if self.operation:
            return "computation"
        for want in WANTS:
            if want in self.wants:
                return want
        return "open"


def analyse(question: str, has_history: bool = False) -> Intent:
    """Read what `question` asks for."""
    text = " ".join(question.split())
    new_topic = _NEW_TOPIC.match(text)
    if new_topic and len(text) > new_topic.end() + T.MIN_CLAIM_CHARS:
        text = text[new_topic.end():]
    claim = read_claim(text)
    operation = None
    terms: tuple[str, ...] = ()
    constructed = read_operation(text) if not claim else None
    if constructed and not within_one_part(text, constructed[1]):
        constructed = None  # "het aandeel van A in B, en bij welk deel ...": the construction ran over into another ask
    if constructed:
        operation, terms = constructed
    elif not claim and (SUM.search(text) or DIFFERENCE.search(text)):
        terms = split_terms(text)
        if len(terms) == 2:
            operation = "difference" if DIFFERENCE.search(text) else "sum"
        elif SUM.search(text) and (_STRICT["quantity"].search(text) or _STRICT["amount"].search(text)):
            operation = "sum"  # "hoeveel ... bij elkaar?": the terms stand together in one sentence
    elif not claim and _TOTAL.search(text) and (_STRICT["quantity"].search(text) or _STRICT["amount"].search(text)):
        operation = "total"  # "hoeveel in totaal": a total the source states, or one made from its figures
    if not (claim or operation) and (_TOTAL.search(text) or SUM.search(text)) and len(_YEAR.findall(text)) >= 2:
        operation = "total"  # "wat levert het op over 2031 tot en met 2035 samen": an amount per year over the years
    wants = {name for name, rx in _WANTED if rx.search(text)}
    if _USE.search(text) and "amount" in wants:
        wants = (wants - {"amount"}) | {"use"}
    if _QUANTITY.search(text) and "amount" not in wants:
        wants.add("quantity")
    main = main_clause(text)  # "in welke wijken wordt onderzocht hoeveel ...": asks which, not how much
    strict = {name for name, rx in _STRICT.items() if rx.search(main)}
    if "stance" in wants:
        strict.add("stance")  # weighs as an asked kind, but is no fact whose absence refuses (not in FACTS)
    asks_level = bool(_LEVEL.search(text)) and not strict & {"amount", "quantity"}
    if asks_level and CHANGE.search(text) and not _AMOUNT.search(text):
        strict.add("quantity")  # "hoe groot is de daling": the size of a change, counted in whatever is counted
    elif asks_level:
        strict.add("level")
        wants.discard("quantity")
    if "amount" in strict:
        strict.discard("quantity")
    wants |= strict
    words = _WORDS.findall(text)
    return Intent(
        question=text,
        claim=claim,
        operation=operation,
        terms=terms,
        wants=frozenset(wants),
        strict=frozenset(strict),
        asks_current=bool(_CURRENT.search(text)),
        asks_prior=bool(_PRIOR.search(text)),
        premise=bool(_PREMISE.search(text)),
        follow_up=has_history and not new_topic and len(words) <= T.FOLLOW_UP_MAX_WORDS
        and bool(_FOLLOW_UP.search(claim if claim else text)),
        change=bool(CHANGE.search(text)) and bool(strict & {"amount", "quantity"}),
        parts=parts_of(text, objects=bool(strict & FACTS)) if not (claim or operation) else (),
        percentages=bool(_PERCENTAGE.search(text)) and not _AMOUNT.search(text),
        years=tuple(dict.fromkeys(int(y) for y in _YEAR.findall(text))),
        document_fact=_document_fact(text) if not claim else None,
    )


def _document_fact(text: str) -> str | None:
    """Which fact about the document itself the question asks, when it names the document ("de brief")."""
    if not re.search(rf"\b{_THE_DOCUMENT}", text, re.I):
        return None
    return next((name for name, rx in DOCUMENT_FACTS if rx.search(text)), None)
