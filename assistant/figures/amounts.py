"""Numbers in Dutch text: money amounts ("€ 3.8 miljoen", "900 en 1.650 miljoen euro", table cells
"x € 1.000") and quantities ("8.500 private partners", "62%").

Precision over recall: a number is only money when a currency stands next to it, or a scale word
in a sentence about money; footnote digits glued to words ("jaar2", "euro6.") are no numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from assistant.figures.periods import find_periods
from assistant.text.sentences import sentence_at


@dataclass(frozen=True)
class Amount:
    """A money amount, with its exact span in the text and its value in units of currency."""

    raw: str
    start: int
    end: int
    value: float  # scale applied: "€351,6 miljoen" -> 351_600_000.0
    currency: str | None  # "EUR", "USD", or None when the text names no currency
    per: str | None = None  # "jaar" for "per jaar"/"jaarlijks" stated right there


@dataclass(frozen=True)
class Quantity:
    """A number with its unit word: "8.500 private partners", "62%" (unit "%"), "2 jaar"."""

    raw: str
    start: int
    end: int
    value: float
    unit: str


# A number as Dutch texts write it: "8.500", "351,6", "3.8", "1.234.567", "450.000,-", "-5".
# Not glued to a word, quote or punctuation before it (footnote markers such as "jaar2",
# "euro6.", "Onderwijs,6", "Work’’14"), not part of a name ("COVID-19") and not glued to a
# word after it ("1e", "3D").
_NUMBER = re.compile(
    r"""(?<![\w’'"”.,/])(?<![^\W\d_]-)
        (?:(?<![\w)])[-−](?=\d))?      # a minus sign attached to the digits
        \d+(?:[.,]\d+)*
        (?:,[-–—]{1,2}(?!\d))?         # "450.000,-"
        (?!\w)""",
    re.X,
)
_DUTCH_NUMBER = re.compile(r"(-?)(\d+(?:[.,]\d+)*)")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # "1.234.567": dots group thousands

# Scale words after a number: "miljoen", "mln." (the dot belongs to the abbreviation).
_SCALE = re.compile(r"\s*(?:(miljard|miljoen|biljoen|duizend)|(mld|mrd|mln|mio)\.?)(?!\w)", re.I)
_FULL_SCALE_WORD = {"mld": "miljard", "mrd": "miljard", "mln": "miljoen", "mio": "miljoen"}
SCALE_WORDS = frozenset({"duizend", "miljoen", "miljard", "biljoen"})  # a Quantity's unit when no noun follows
_SCALES = {"miljard": 1e9, "mld": 1e9, "mrd": 1e9, "miljoen": 1e6, "mln": 1e6, "mio": 1e6,
           "biljoen": 1e12, "duizend": 1e3}
# A currency before the number ("€", "EUR 2,5 mld", "-€ 5") or after it ("1,8 miljard euro",
# "€80,9 miljoen euro" where the currency is doubled).
_CURRENCY_BEFORE = re.compile(r"(?:([-−])\s?)?(€|\bEUR|\bUSD|US\$|\$)\s{0,2}$")
_CURRENCY_AFTER = re.compile(r"\s*(euro|eur|dollar|us-dollar|usd)(?!\w)", re.I)
_CURRENCIES = {"€": "EUR", "eur": "EUR", "euro": "EUR", "$": "USD", "us$": "USD", "usd": "USD",
               "dollar": "USD", "us-dollar": "USD"}
# "per jaar"/"jaarlijks" right after the amount (perhaps after "extra"), or "jaarlijks" before it.
_PER_AFTER = re.compile(r"\s+(?:extra\s+)?(?:per\s+(jaar|maand)|(jaar)lijks|op\s+(jaar)basis)(?![a-z])", re.I)
_PER_BEFORE = re.compile(
    r"\b(?:(jaar)lijks|per\s+(jaar))\s+(?:(?:is|wordt|er|een|ca\.|circa|ruim|bijna|ongeveer|extra)\s+)*$", re.I)
# Between two numbers that share the scale and currency of the second: "900 en 1.650 miljoen",
# "tussen de 5 en 10 miljoen", "€5 tot €10 miljoen", "5-10 mln".
_SHARED = re.compile(r"\s*(?:en|tot(?:\s+en\s+met)?|t/m|à|[-–—])\s*(?:€\s*)?", re.I)
# A sentence that talks about money: a number with only a scale word counts as an amount there.
_MONEY_CONTEXT = re.compile(
    r"€|\beuro|\bEUR\b|dollar|budget|bedrag|subsidi|invest|financi|middelen|\bkost|begro|uitgave|uitgegeven"
    r"|beschikbaar|fonds|bijdrage|toegekend|toekenn|gereserveerd|betaal|\bgeld\b|steekt|bedraagt|bezuinig"
    r"|bespar|opbreng|oplever|opgeleverd|\blever(?:t|en)\b|inkomsten|lening|krediet|heffing|belasting|vergoeding|uitkering"
    r"|omzet|\bwinst|boete", re.I)
# Non-money units after a scale word: "8 miljoen mensen", "10 miljoen ton".
_THING_UNITS = {"ton", "tonnen", "kg", "kilo", "liter", "m2", "m3", "km", "ha", "hectare", "megaton",
                "mt", "kwh", "gwh", "twh", "mw", "gw", "vierkante", "kubieke", "keer"}
# Verbs, not things counted, after "12 miljoen": auxiliaries, and the verbs that say what money does ("opleveren").
_VERBS = {"worden", "zijn", "gaan", "komen", "blijven", "hebben", "kunnen", "moeten", "zullen",
          "opleveren", "opbrengen", "kosten", "bedragen", "besparen", "uitgeven", "investeren"}
_PERCENT = re.compile(r"\s?(%|procentpunten|procentpunt|procent|pct\.?)(?!\w)", re.I)
# The next word as a unit: lowercase ("aanvragen") or an acronym ("HIP"), never a sentence start.
# Measures written in mixed case count too: "2,8 Mton", "45 dB", "3 TWh".
_UNIT_WORD = re.compile(
    r"[ \t\u00a0]+([a-zà-ÿ][a-zà-ÿ’'-]*(?!\w)|[A-Z]{2,}(?![a-z\d])|(?:Mton|kton|Mt|[kMGT]Wh|dB)(?!\w))"
)
_NOT_UNITS = {"en", "of", "tot", "van", "in", "op", "aan", "voor", "met", "is", "zijn", "de", "het",
              "een", "te", "die", "dat", "na", "per", "uit", "bij", "om", "als", "door", "wordt",
              "worden", "was", "waren", "naar", "over", "onder", "tegen", "t", "à", "a", "x", "jl",
              "heeft", "hebben", "kan", "zal", "zou", "dan", "maar", "nog", "ook", "tussen", "nr",
              "https", "http", "www", "staan", "staat", "ligt", "liggen", "bedraagt", "komt", "komen", "gaat"}
# A number right after these words identifies a thing ("pijler 1", "nr. 292", "artikelen 12,
# 13 en 14 AVG"): never a quantity.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:pijler|artikel(?:en)?|art\.|hoofdstuk|paragraaf|par\.|bijlage|grafiek|tabel|figuur|fase|nr\.?"
    r"|nummer|leden|lid|kamerstuk|pagina|p\.|blz\.?|versie|stap|niveau|onderdeel|actie|motie|vraag)"
    r"\s*(?:\d+[a-z]?\s*(?:,|en|tot\s+en\s+met|t/m|-)\s*)*$", re.I)
# Other numbers that are no count: a postcode ("2500 EK"), a Kamerstuk volume ("35 000 XVII").
_POSTCODE_OR_VOLUME = re.compile(r"\d{4} [A-Z]{2}|.* [IVXLC]+")
# A footnote or list marker: a small number at the start of a line ("26 DPIA, p. 13.").
_LINE_START_MARKER = re.compile(r"(?:^|\n)[ \t]*\d{1,2}$")
# A table cell: the number ends the line or is followed by another cell (a number or a dash).
_NEXT_CELL = re.compile(r"[ \t]*(?:$|\n|[-–—\d])")
# Table headings that scale every bare number below them: "bedragen x € 1.000", "(x € 1 mln)".
_TABLE_SCALE = re.compile(
    r"(?:\bx|×)\s*(?:€|EUR|euro)?\s*(?P<base>1(?:\.?000)*)(?![\d.,]\d)"
    r"(?:\s*(?P<word>miljard|miljoen|mld|mln|mrd|duizend)\.?)?"
    r"|\bin\s+(?:€\s*)?(?P<plural>duizenden|miljoenen|miljarden|mln|mld|miljoen|miljard)(?!\w)",
    re.I)
_PLURAL_SCALES = {"duizenden": 1e3, "miljoenen": 1e6, "miljarden": 1e9}


def parse_number(token: str) -> float | None:
    """Read one number in Dutch notation: "1.234,5", "3,8", "3.8", "8.500", "450.000,-", "-5"."""
    value = _parse_decimal(token)
    return None if value is None else float(value)


def _parse_decimal(token: str) -> Decimal | None:
    """Exact value of a Dutch number; a dot followed by exactly 3 digits groups thousands."""
    text = re.sub(r",[-–—]{1,2}$", "", token.strip().replace("−", "-"))
    match = _DUTCH_NUMBER.fullmatch(text)
    if not match:
        return None
    sign, body = match.groups()
    if "," in body:
        whole, _, fraction = body.rpartition(",")
        if not fraction.isdigit() or not (whole.isdigit() or _THOUSANDS.fullmatch(whole)):
            return None
        body = whole.replace(".", "") + "." + fraction
    elif "." in body and _THOUSANDS.fullmatch(body):
        body = body.replace(".", "")
    elif body.count(".") > 1:
        return None  # "3.1.2": a section number, not a figure
    return Decimal(sign + body)


@dataclass(frozen=True)
class _Reading:
    """One number token with what surrounds it: currency, scale and where the phrase ends."""

    start: int  # includes a currency sign before the number
    digits_end: int
    end: int  # includes a scale word and a currency word after the number
    number: Decimal
    currency: str | None
    scale: float | None
    negative: bool  # "-€ 5 miljoen": the sign stands before the currency
    phrase_end: int | None = None  # for "140" in "USD 140-300 miljard per jaar": where the range ends

    @property
    def value(self) -> Decimal:
        value = self.number * Decimal(str(self.scale or 1))
        return -value if self.negative else value


def _read(text: str, match: re.Match) -> _Reading | None:
    number = _parse_decimal(match.group())
    if number is None:
        return None
    return _read_at(text, match.start(), match.end(), number)


def _read_at(text: str, start: int, end: int, number: Decimal) -> _Reading:
    digits_end = end
    currency, negative = None, False
    before = _CURRENCY_BEFORE.search(text, max(0, start - 8), start)
    if before:
        currency, negative, start = _CURRENCIES[before.group(2).lower()], bool(before.group(1)), before.start()
    scale = None
    if scaled := _SCALE.match(text, end):
        scale, end = _SCALES[(scaled.group(1) or scaled.group(2)).lower()], scaled.end()
    if after := _CURRENCY_AFTER.match(text, end):
        currency, end = currency or _CURRENCIES[after.group(1).lower()], after.end()
    return _Reading(start, digits_end, end, number, currency, scale, negative)


def _share_scales(readings: list[_Reading], text: str) -> list[_Reading]:
    """Give "900" in "900 en 1.650 miljoen euro" the scale and currency of its partner."""
    shared = list(readings)
    for i in range(len(shared) - 1):
        left, right = shared[i], shared[i + 1]
        if not _SHARED.fullmatch(text, left.end, right.start) or _is_year_like(left):
            continue
        if left.end == left.digits_end and left.number < right.value:  # "500.000 tot 1 miljoen euro"
            scale = right.scale if left.number < right.number else None
            shared[i] = replace(left, scale=scale, currency=left.currency or right.currency, phrase_end=right.end)
        if left.currency and not right.currency:
            shared[i + 1] = replace(right, currency=left.currency)
    return shared


def _is_year_like(reading: _Reading) -> bool:
    number = reading.number
    return reading.currency is None and number == number.to_integral() and 1900 <= number <= 2100


@lru_cache(maxsize=2048)
def _readings(text: str) -> tuple[_Reading, ...]:
    """Every number token outside dates and table-scale headings, with its money context."""
    blocked = [(p.start, p.end) for p in find_periods(text)]
    blocked += [(m.start(), m.end()) for m in _TABLE_SCALE.finditer(text)]
    tokens = [m for m in _NUMBER.finditer(text)
              if not any(s < m.end() and m.start() < e for s, e in blocked)]
    readings = [r for m in tokens if (r := _read(text, m))]
    # "twee miljard euro", "anderhalf miljoen", "vier miljoen mensen": a written number with a scale word is a figure too.
    readings += [_read_at(text, m.start(), m.end(), _written_value(m.group(1))) for m in _WRITTEN_SCALED.finditer(text)]
    return tuple(_share_scales(sorted(readings, key=lambda r: r.start), text))


def _names_things(word: str) -> bool:
    """Whether the word after "8 miljoen" counts things rather than money ("mensen", "ton")."""
    lower = word.lower()
    plural = len(lower) > 3 and lower.endswith(("en", "s")) and lower not in _VERBS | _NOT_UNITS
    return lower in _THING_UNITS or plural


def _is_money(reading: _Reading, text: str) -> bool:
    """A currency makes money; a bare scale word only in a sentence about money."""
    if reading.currency:
        return True
    if reading.scale is None:
        return False
    next_word = _UNIT_WORD.match(text, reading.end)
    if next_word and _names_things(next_word.group(1)):
        return False
    start, end = sentence_at(text, reading.start)
    return bool(_MONEY_CONTEXT.search(text[start:end]))


def _per(text: str, reading: _Reading) -> str | None:
    match = (_PER_AFTER.match(text, reading.phrase_end or reading.end)
             or _PER_BEFORE.search(text, max(0, reading.start - 40), reading.start))
    return next(g for g in match.groups() if g).lower() if match else None


def _is_table_cell(text: str, reading: _Reading) -> bool:
    if reading.scale is not None or _is_year_like(reading):
        return False
    if names_a_thing(text, reading.start):
        return False  # "Kamerstuk 35 000, nr. 2"
    return bool(_NEXT_CELL.match(text, reading.end))


def find_amounts(text: str, scale: float = 1.0) -> list[Amount]:
    """Money amounts in text; with a table scale (x € 1.000) bare table cells count, multiplied."""
    amounts = []
    for reading in _readings(text):
        value = reading.value
        if not _is_money(reading, text):
            if not scale or scale == 1.0 or not _is_table_cell(text, reading):
                continue
            value *= Decimal(str(scale))
        amounts.append(Amount(text[reading.start:reading.end], reading.start, reading.end,
                              float(value), reading.currency, _per(text, reading)))
    return amounts


def find_quantities(text: str) -> list[Quantity]:
    """Numbers with a unit word, and percentages, that are not amounts, years or dates."""
    quantities = []
    for reading in _readings(text):
        if _is_money(reading, text):
            continue
        percent = _PERCENT.match(text, reading.end)
        if percent and reading.scale is None:
            unit, end = ("procentpunt" if "punt" in percent.group(1).lower() else "%"), percent.end()
        elif _is_identifier(text, reading):
            continue
        else:
            end, unit = _unit(text, reading)
        if unit and not _POSTCODE_OR_VOLUME.fullmatch(text[reading.start:end]):
            quantities.append(Quantity(text[reading.start:end], reading.start, end, float(reading.value), unit))
    shares = _shares_in_words(text)
    others = [q for q in quantities + _written_quantities(text) if not any(w.start <= q.start < w.end for w in shares)]
    return sorted(others + shares, key=lambda q: q.start)


# Counts written as words, as letters do below twenty-one: "acht landen", "twintig verzoeken".
# "een" is left out: it is far more often the article than the number.
WRITTEN_NUMBERS = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
    "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
    "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
    "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100, "duizend": 1000, "één": 1,
}
_WRITTEN_WORD = r"(?<![\w-])(" + "|".join(sorted(WRITTEN_NUMBERS, key=len, reverse=True)) + ")"
_WRITTEN_NUMBER = re.compile(_WRITTEN_WORD + r"(?=\s+[^\W\d_])", re.I)
# Before a scale word "een" is the number, and halves are written out: "een miljard", "anderhalf miljoen".
_SCALED_ONLY = {"een half": Decimal("0.5"), "anderhalf": Decimal("1.5"), "een": Decimal(1), "half": Decimal("0.5")}
_WRITTEN_SCALED = re.compile(
    r"(?<![\w-])(een\s+half|anderhalf|een|half|" + "|".join(sorted(WRITTEN_NUMBERS, key=len, reverse=True)) + r")"
    r"(?=\s+(?:miljard|miljoen|biljoen)\b)",
    re.I,
)


def _written_value(word: str) -> Decimal:
    word = " ".join(word.lower().split())
    return _SCALED_ONLY[word] if word in _SCALED_ONLY else Decimal(WRITTEN_NUMBERS[word])


def _written_quantities(text: str) -> list[Quantity]:
    found = []
    for match in _WRITTEN_NUMBER.finditer(text):
        first = _UNIT_WORD.match(text, match.end())
        if not first or first.group(1).lower() in _NOT_UNITS or _SCALE.match(text, match.end()):
            continue
        second = _UNIT_WORD.match(text, first.end())
        unit, end = (f"{first.group(1)} {second.group(1)}", second.end()) if _modifies(first.group(1)) and second else (first.group(1), first.end())
        value = float(WRITTEN_NUMBERS[match.group(1).lower()])
        found.append(Quantity(text[match.start():end], match.start(), end, value, unit))
    return found


# Shares written as words, a percentage each: "de helft van", "twee derde van de PSP's", "een op de vijf".
# Only before "van"/"deel" or a clause's end: "een derde land" and "de eerste helft van 2023" are no shares.
_PARTS = {"helft": 2, "derde": 3, "kwart": 4, "vierde": 4, "vijfde": 5, "zesde": 6, "tiende": 10}
_SHARE_WORDS = re.compile(
    rf"(?<![\w-])(?:(?P<whole>driekwart)|(?P<count>de|een|één|twee|drie|vier)\s+(?P<part>{'|'.join(_PARTS)}))"
    r"(?=\s+(?:van|deel|daarvan|ervan|hiervan)\b|\s*[.,;:)]|\s*$)"
    r"|(?<![\w-])(?P<of>een|één|twee|drie|vier|vijf|\d{1,2})\s+op\s+de\s+(?P<in>twee|drie|vier|vijf|zes|tien|twintig|honderd|\d{1,3})\b",
    re.I,
)
_SHARE_HINTS = (*_PARTS, " op de ")  # a cheap test before the pattern: most text holds no share word


def _shares_in_words(text: str) -> list[Quantity]:
    lower = text.lower()
    if not any(hint in lower for hint in _SHARE_HINTS):
        return []
    found = []
    for match in _SHARE_WORDS.finditer(text):
        if match.group("whole"):
            value = 75.0
        elif match.group("part"):
            part, count = match.group("part").lower(), match.group("count").lower()
            if (part == "helft") != (count == "de"):
                continue  # "de helft", but "twee helft" or "de derde" (an ordinal) are no shares
            value = 100.0 * (1 if count == "de" else float(_written_value(count))) / _PARTS[part]
        else:
            of, whole = (int(n) if n.isdigit() else float(_written_value(n)) for n in (match.group("of"), match.group("in")))
            if not 0 < of < whole:
                continue
            value = 100.0 * of / whole
        found.append(Quantity(match.group(0), match.start(), match.end(), value, "%"))
    return found


def _modifies(word: str) -> bool:
    """An adjective before the counted noun: inflected ("nieuwe", "private") or one that never is ("extra")."""
    return word.islower() and (word.endswith("e") or word == "extra")


def names_a_thing(text: str, start: int) -> bool:
    """Does the number at `start` identify a thing ("tabel 2.1", "artikel 5", "nr. 292") rather than state a figure?"""
    return bool(_REFERENCE_BEFORE.search(text, max(0, start - 40), start))


def _is_identifier(text: str, reading: _Reading) -> bool:
    """A number that names rather than counts: "pijler 1", "artikelen 12 en 14", a footnote marker."""
    if re.fullmatch(r"(?:19|20)\d{3,4}", text[reading.start:reading.digits_end]):
        return True  # "20208 ligt": a year with a footnote digit glued to it
    return bool(names_a_thing(text, reading.start)
                or _LINE_START_MARKER.search(text, max(0, reading.start - 20), reading.digits_end))


def _unit(text: str, reading: _Reading) -> tuple[int, str]:
    """The unit word(s) after a number: "aanvragen", "private partners"; "" when there is none."""
    first = _UNIT_WORD.match(text, reading.end)
    if not first or first.group(1).lower() in _NOT_UNITS:
        scale_word = text[reading.digits_end:reading.end].strip().lower().rstrip(".")
        return reading.end, _FULL_SCALE_WORD.get(scale_word, scale_word)  # "8 mln" -> "miljoen"
    second = _UNIT_WORD.match(text, first.end())
    if _modifies(first.group(1)) and second and second.group(1).lower() not in _NOT_UNITS:
        return second.end(), f"{first.group(1)} {second.group(1)}"
    return first.end(), first.group(1)


def table_scale(text: str) -> float | None:
    """The unit a table heading declares: "bedragen x € 1.000" -> 1000.0, "(x € 1 mln)" -> 1e6."""
    match = _TABLE_SCALE.search(text)
    if not match:
        return None
    if match["plural"]:
        word = match["plural"].lower()
        return _PLURAL_SCALES.get(word) or _SCALES[word]
    base = float(match["base"].replace(".", ""))
    return base * _SCALES[match["word"].lower()] if match["word"] else base


def bare_numbers(text: str) -> list[Decimal]:
    """Values of the numbers in text that carry no currency (scale words applied)."""
    return [r.value for r in _readings(text) if not r.currency]
