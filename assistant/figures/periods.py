"""Dutch dates and periods in text: "13 juni 2025", "medio 2025", "Q1 2025", "2025-2029", "voor de zomer".

Each is read as the span of days it denotes, so different notations compare equal and a
coarser statement ("in 2025") can be checked against a finer one ("13 juni 2025").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

NO_YEAR = 2000  # placeholder year when the text names none (a leap year, so 29 februari exists)


@dataclass(frozen=True)
class Period:
    """A date, month, season, quarter, half, year or range, as the span of days it denotes."""

    raw: str
    start: int
    end: int
    first: dt.date  # "medio 2025" -> 2025-05-01 .. 2025-08-31; "2027" -> 2027-01-01 .. 2027-12-31
    last: dt.date
    precision: str  # "day" | "month" | "season" | "quarter" | "half" | "year" | "range"
    relation: str | None = None  # how it bounds the event: "tot en met", "uiterlijk", "vanaf", "voor", "na", ...
    has_year: bool = True  # False for "13 juni": the year is default_year or NO_YEAR
    preposition: str | None = None  # the word before it, its role: a relation, or "in", "op" ("pas in 2029")


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
_MONTHS = {name: number for number, name in enumerate(MONTHS, start=1)} | {
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11,
    "dec": 12}
_MONTH = "|".join(MONTHS)
_MONTH_SHORT = r"(?:" + "|".join(sorted(set(_MONTHS) - set(MONTHS), key=lambda m: (-len(m), m))) + r")\.?"  # "sept" before "sep"
_ORDINALS = {"eerste": 1, "1e": 1, "tweede": 2, "2e": 2, "derde": 3, "3e": 3, "vierde": 4, "4e": 4,
             "laatste": 4}
# A year 1900-2100 standing alone: not glued to a word or footnote, not money ("€2025",
# "2025 miljoen"), not part of a larger number ("2.025", "202612").
_YEAR_DIGITS = r"(?<![\w.,’'\"”€$])(?:19\d\d|20\d\d|2100)"
_BARE_YEAR = _YEAR_DIGITS + r"(?![\w%€]|[.,]\d|\s*(?:miljoen|miljard|mln|mld|euro|procent)(?!\w))"
# A year with a footnote marker glued to it ("24 juni 20222", "voor 2025 en 202612."): only read
# where a date is expected, after a month name or a word such as "in" or "sinds".
_FOOTNOTED_YEAR = _YEAR_DIGITS + r"(?=\d{1,2}(?![\w%€]|[.,]\d))"
_DATE_WORD_BEFORE = "".join(rf"(?<=\b{word} )" + "|" for word in
                            ("in", "en", "tot", "vanaf", "sinds", "per", "na", "t/m", "uiterlijk"))[:-1]
_RELATIVE = {"vorig": -1, "dit": 0, "komend": 1, "volgend": 1}


def _year(name: str) -> str:
    """A year, or "dit/volgend/vorig jaar" resolved against default_year."""
    return (rf"(?:(?P<{name}>{_BARE_YEAR}|{_FOOTNOTED_YEAR})"
            rf"|(?P<{name}rel>dit|volgend|vorig|komend)\s+jaar(?!\w))")


_OPT_YEAR = rf"(?:\s+(?:van\s+)?{_year('y')})?"
_DASH = r"\s*[-–—/]\s*"


def _resolve_year(match: re.Match, default_year: int | None) -> tuple[int | None, bool]:
    """(year, whether the text gives it); year None when a relative year cannot be resolved."""
    groups = match.groupdict()
    if groups.get("y"):
        return int(groups["y"]), True
    if groups.get("yrel"):
        offset = _RELATIVE[groups["yrel"].lower()]
        return (default_year + offset if default_year else None), True
    return (default_year or NO_YEAR), False


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


Span = tuple[dt.date, dt.date, str]


def _day(m: re.Match, year: int) -> Span:
    month = int(m["m"]) if m["m"].isdigit() else _MONTHS[m["m"].lower().rstrip(".")]
    day = dt.date(year, month, int(m["d"]))
    return day, day, "day"


def _month(m: re.Match, year: int) -> Span:
    month = _MONTHS[m["m"].lower().rstrip(".")]
    return dt.date(year, month, 1), _month_end(year, month), "month"


def _part_of_year(m: re.Match, year: int) -> Span:
    """begin/medio/eind 2025: the first, middle or last third of the year."""
    first_month = {"begin": 1, "medio": 5, "midden": 5, "half": 5, "halverwege": 5}.get(m["part"].lower(), 9)
    return dt.date(year, first_month, 1), _month_end(year, first_month + 3), "season"


def _season(m: re.Match, year: int) -> Span:
    first_month = {"voorjaar": 3, "lente": 3, "zomer": 6, "najaar": 9, "herfst": 9}.get(m["season"].lower(), 12)
    last = first_month + 2
    return dt.date(year, first_month, 1), _month_end(year + (last > 12), (last - 1) % 12 + 1), "season"


def _quarter(m: re.Match, year: int) -> Span:
    quarter = _ORDINALS.get(m["q"].lower()) or int(m["q"])
    return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), "quarter"


def _half(m: re.Match, year: int) -> Span:
    half = _ORDINALS.get(m["h"].lower()) or int(m["h"])
    return dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half), "half"


def _whole_year(m: re.Match, year: int) -> Span:
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _range(m: re.Match, year: int) -> Span | None:
    """2025-2029, 2025/26, 2025 t/m 2029; studiejaar 2025-2026 runs September to August."""
    last_year = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
    if not year < last_year <= year + 50:
        return None
    if m["academic"]:
        return dt.date(year, 9, 1), dt.date(last_year, 8, 31), "range"
    return dt.date(year, 1, 1), dt.date(last_year, 12, 31), "range"


# Each notation with the function that turns it into a span; overlaps go to the longest match.
_NOTATIONS: list[tuple[re.Pattern, Callable[[re.Match, int], Span | None]]] = [
    # 2024-12-31 and 31-12-2024 / 31.12.2024 / 31/12/2024
    (rf"(?<![\w.,/-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])", _day),
    (rf"(?<![\w.,/-])(?P<d>\d{{1,2}})([-/.])(?P<m>\d{{1,2}})\2(?P<y>(?:19|20)\d\d)(?![\w-])", _day),
    # 13 juni, 13 juni 2025, 1 jan. 2025
    (rf"(?<![\w.,])(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH}|{_MONTH_SHORT})(?!\w){_OPT_YEAR}", _day),
    # mei 2024, eind juni 2025 (the month is as precise as the text gets)
    (rf"(?<!\w)(?:(?:begin|medio|half|halverwege|eind|einde|ultimo|midden)\s+)?(?P<m>{_MONTH})(?!\w){_OPT_YEAR}",
     _month),
    # sept. 2022, eind okt 2025: a short month only with its year ("jan" alone may be a name)
    (rf"(?<!\w)(?:(?:begin|medio|half|halverwege|eind|einde|ultimo|midden)\s+)?(?P<m>{_MONTH_SHORT})(?!\w)\s+{_year('y')}",
     _month),
    # medio 2025, begin 2026, eind 2024, eind dit jaar, aan het eind van 2025
    (rf"(?<!\w)(?P<part>begin|medio|midden|half|halverwege|eind|einde|ultimo)\s+(?:van\s+)?{_year('y')}",
     _part_of_year),
    # najaar 2025, het voorjaar van 2026, voor de zomer
    (rf"(?<!\w)(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)(?!\w){_OPT_YEAR}", _season),
    # Q1 2025, het eerste kwartaal van 2025, 3e kwartaal
    (rf"(?<!\w)Q(?P<q>[1-4])(?!\w){_OPT_YEAR}", _quarter),
    (rf"(?<!\w)(?P<q>eerste|tweede|derde|vierde|laatste|[1-4]e)\s+kwartaal(?!\w){_OPT_YEAR}", _quarter),
    # het tweede halfjaar van 2025, de eerste helft van 2026, H2 2025
    (rf"(?<!\w)(?P<h>eerste|tweede|[12]e)\s+(?:halfjaar|half\s+jaar)(?!\w){_OPT_YEAR}", _half),
    (rf"(?<!\w)(?P<h>eerste|tweede)\s+helft\s+(?:van\s+)?{_year('y')}", _half),
    (rf"(?<!\w)H(?P<h>[12])\s+{_year('y')}", _half),
    # 2025-2029, 2025–2029, 2025/2026, studiejaar 2025-2026, 2025 t/m 2029
    (rf"(?:(?P<academic>(?:studie|school|college)jaar|(?:studie|school|college)jaren)\s+)?"
     rf"(?P<y>{_BARE_YEAR})(?:{_DASH}|\s+(?:t/m|tot\s+en\s+met|tot)\s+)(?P<y2>\d{{4}}|\d\d)(?![\w%€]|[.,]\d)",
     _range),
    # 2027, dit jaar, volgend jaar
    (rf"(?P<y>{_BARE_YEAR}|(?:{_DATE_WORD_BEFORE}){_FOOTNOTED_YEAR})"
     rf"|(?P<yrel>dit|volgend|vorig|komend)\s+jaar(?!\w)", _whole_year),
]
_COMPILED = [(re.compile(pattern, re.I), build) for pattern, build in _NOTATIONS]

# The word just before a date that says its role: when it happens ("in 2027", "op 1 juli") or how it
# bounds the event ("tot 2031", "uiterlijk 13 juni", "vanaf het najaar").
_PREPOSITION = re.compile(
    r"(?<![\w/])(tot\s+en\s+met|t/m|tot\s+uiterlijk|uiterlijk|vanaf|sinds|vóór|voor|na|per|tot|in|op)"
    r"\s+(?:(?:de|het|een)\s+)?$", re.I)
_CANONICAL_PREPOSITION = {"t/m": "tot en met", "tot uiterlijk": "uiterlijk", "vóór": "voor"}
_NOT_BOUNDS = frozenset({"in", "op"})  # they place the date, they do not bound the event


def _preposition(text: str, start: int) -> str | None:
    match = _PREPOSITION.search(text, max(0, start - 25), start)
    if not match:
        return None
    word = " ".join(match.group(1).lower().split())
    return _CANONICAL_PREPOSITION.get(word, word)


def _relation(preposition: str | None, precision: str) -> str | None:
    if preposition in _NOT_BOUNDS or (preposition == "voor" and precision in ("year", "range")):
        return None  # "voor 2025 en 2026" usually means "for", not "before"
    return preposition


def _candidates(text: str, default_year: int | None) -> list[Period]:
    found = []
    for pattern, build in _COMPILED:
        for match in pattern.finditer(text):
            year, has_year = _resolve_year(match, default_year)
            if year is None or not 1 <= year <= 9998:
                continue
            try:
                span = build(match, year)
            except ValueError:  # 31 februari, month 13
                continue
            if span:
                found.append(Period(match.group(), match.start(), match.end(), *span, has_year=has_year))
    return found


def find_periods(text: str, default_year: int | None = None) -> list[Period]:
    """Dates and periods in text, in order; "dit jaar" needs default_year and is skipped without it."""
    chosen: list[Period] = []
    for period in sorted(_candidates(text, default_year), key=lambda p: (p.start, p.start - p.end)):
        if chosen and period.start < chosen[-1].end:
            continue
        preposition = _preposition(text, period.start)
        chosen.append(Period(period.raw, period.start, period.end, period.first, period.last,
                             period.precision, _relation(preposition, period.precision), period.has_year, preposition))
    return chosen
