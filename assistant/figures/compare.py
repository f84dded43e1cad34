"""Dutch figures in text, found and compared: amounts, quantities, percentages, dates and periods.

The answerer uses these to find the figure a question asks for and to check that every figure in
an answer stands in the cited paragraph: "€ 3.8 miljoen", "3,8 mln" and "€ 3.800.000" are one
amount; "13 juni 2025" and "13-06-2025" one day. Reading lives in `amounts` and `periods`, writing
in `notation` (re-exported here for the answerer).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from assistant.figures.amounts import (
    SCALE_WORDS,
    Amount,
    Quantity,
    bare_numbers,
    find_amounts,
    find_quantities,
    parse_number,
    table_scale,
)
from assistant.figures.notation import format_amount, format_computed, number_of, shown
from assistant.figures.periods import Period, find_periods

# Quantities that state a level (of a fine, a rate, a share) rather than a count: "10%", "5 mln".
LEVEL_UNITS = frozenset({"%", "procent", "procentpunt", *SCALE_WORDS})

__all__ = ["Amount", "Quantity", "Period", "Figure", "parse_number", "find_amounts", "find_quantities",
           "find_periods", "table_scale", "same_amount", "format_amount", "format_computed", "all_figures",
           "figure_key", "by_kind", "shown", "same_figure", "closest", "number_of",
           "figures_in", "unsupported_figures"]


def same_amount(a: float, b: float) -> bool:
    """Equal, or a full figure that rounds to a written one: 3_812_000 ~ 3,8 miljoen; 1,4 != 1 miljoen."""
    if a == b:
        return True
    if (a < 0) != (b < 0) or a == 0 or b == 0:
        return False
    coarse, fine = sorted((abs(a), abs(b)), key=lambda v: _decimals(_in_words(v)))
    if fine < 1e6 or _decimals(_in_words(fine)) < 3:
        return False  # two rounded figures, or two exact small ones: only equal values match
    written = _in_words(coarse)
    fine_in_unit = Decimal(repr(fine)) / (Decimal(repr(coarse)) / written)  # in coarse's miljoen/miljard
    return fine_in_unit.quantize(Decimal(1).scaleb(-_decimals(written)), ROUND_HALF_UP) == written


def _in_words(value: float) -> Decimal:
    """The value as written with "miljard"/"miljoen": 3_800_000 -> Decimal("3.8")."""
    exact = Decimal(repr(abs(value)))
    unit = Decimal(10**9) if exact >= 10**9 else Decimal(10**6) if exact >= 10**6 else Decimal(1)
    return (exact / unit).normalize()


def _decimals(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


Figure = Amount | Quantity | Period


def all_figures(text: str, default_year: int | None = None) -> list[Figure]:
    """Every amount, quantity and period in text, in reading order."""
    found: list[Figure] = [*find_amounts(text), *find_quantities(text), *find_periods(text, default_year)]
    return sorted(found, key=lambda f: f.start)


def _canonical(value: float) -> str:
    exact = Decimal(repr(round(value, 6))).normalize()
    return f"{exact:f}"


def figure_key(figure: Figure) -> str:
    """A notation-free key: "€3.8 miljoen", "3,8 mln" and "€ 3.800.000" all give "eur:3800000".

    A bare "3,8 mln" (no currency, no counted noun) keys as euros: in these texts it is money.
    """
    if isinstance(figure, Quantity) and figure.unit in SCALE_WORDS:
        return f"eur:{_canonical(figure.value)}"
    if isinstance(figure, Amount):
        return f"{'usd' if figure.currency == 'USD' else 'eur'}:{_canonical(figure.value)}"
    if isinstance(figure, Quantity):
        kind = {"%": "pct", "procentpunt": "pp"}.get(figure.unit, "num")
        return f"{kind}:{_canonical(figure.value)}"
    if not figure.has_year:
        return f"{figure.precision}:--{figure.first:%m-%d}/--{figure.last:%m-%d}"
    if figure.first == figure.last:
        return f"day:{figure.first.isoformat()}"
    return f"period:{figure.first.isoformat()}/{figure.last.isoformat()}"


def figures_in(text: str, default_year: int | None = None) -> set[str]:
    """Keys of every figure in text, to ask "does this figure appear in that paragraph"."""
    return {figure_key(f) for f in all_figures(text, default_year)}


def unsupported_figures(sentence: str, paragraph: str, allowed: set[str] = frozenset(),
                        default_year: int | None = None, scale: float | None = None) -> list[str]:
    """Figures in an answer sentence that the paragraph does not state, as written in the sentence.

    `allowed` holds figures computed from the sources (a total), as keys or as text; `scale` is
    the table unit for a table row ("bedragen x € 1.000"), read from the paragraph when not given;
    `default_year` dates "eind dit jaar" in the paragraph.
    """
    allowed_keys = set()
    for item in allowed:
        allowed_keys |= {item} if re.fullmatch(r"[a-z]+:\S+", item) else figures_in(item)
    source = all_figures(paragraph, default_year)
    bare = bare_numbers(paragraph)
    scale = scale or table_scale(paragraph)
    numbers = bare + [v * Decimal(str(scale)) for v in bare] if scale else bare
    return [f.raw for f in all_figures(sentence)
            if figure_key(f) not in allowed_keys and not _supported(f, source, numbers)]


def _supported(figure: Figure, source: list[Figure], bare_numbers: list[Decimal]) -> bool:
    """Whether the source states the figure: the same period or a finer one inside it, the same value."""
    if isinstance(figure, Period):
        return any(within(p, figure) for p in source if isinstance(p, Period))
    if isinstance(figure, Quantity) and figure.unit in ("%", "procentpunt"):
        return any(isinstance(q, Quantity) and q.unit == figure.unit and q.value == figure.value for q in source)
    currencies = {"EUR", "USD", None}
    if isinstance(figure, Amount) and figure.currency:
        currencies = {figure.currency, None}  # "$80 miljoen" is not supported by "€80 miljoen"
    stated = [a.value for a in source if isinstance(a, Amount) and a.currency in currencies]
    if isinstance(figure, Quantity):  # counts, also written as words ("zes branches")
        stated += [q.value for q in source if isinstance(q, Quantity) and q.unit not in ("%", "procentpunt")]
    return any(same_amount(figure.value, float(v)) for v in [*stated, *bare_numbers])


def within(source: Period, claimed: Period) -> bool:
    """Whether the source's span lies inside the claimed one ("2025" covers "13 juni 2025")."""
    if claimed.has_year:
        return source.has_year and claimed.first <= source.first and source.last <= claimed.last
    try:
        first, last = (d.replace(year=d.year - source.first.year + claimed.first.year)
                       for d in (source.first, source.last))
    except ValueError:  # 29 februari in another year
        return False
    return claimed.first <= first and last <= claimed.last


# --- figures of one kind, compared ------------------------------------------------

def by_kind(text: str, scale: float = 1.0) -> dict[str, list]:
    """The figures a text states, by kind: amount, percentage, count, date (amounts scaled by a table's unit)."""
    found: dict[str, list] = {}
    amounts = find_amounts(text, scale)
    if amounts:
        found["amount"] = amounts
    quantities = [q for q in find_quantities(text) if not _inside(q, amounts)]
    percentages = [q for q in quantities if q.unit == "%"]
    counts = [q for q in quantities if q.unit != "%"]
    if percentages:
        found["percentage"] = percentages
    if counts:
        found["count"] = counts
    periods = find_periods(text)
    if periods:
        found["date"] = periods
    return found


def _inside(q, amounts) -> bool:
    return any(a.start <= q.start < a.end for a in amounts)


def same_figure(kind: str, a, b) -> bool:
    """Equal values of one kind, across notations ("€ 3.8 miljoen" = "3,8 mln"; dates by their span)."""
    if kind == "date":
        if not (a.has_year and b.has_year):  # "1 januari" neither confirms nor contradicts "1 januari 2030"'s year
            return (a.first.month, a.first.day, a.last.month, a.last.day) == (b.first.month, b.first.day, b.last.month, b.last.day)
        return a.first == b.first and a.last == b.last
    return abs(a.value - b.value) <= 1e-6 * max(abs(a.value), abs(b.value), 1.0)


def closest(kind: str, claimed, stated: list):
    """Of the stated figures, the one nearest a claimed figure."""
    if kind == "date":
        return min(stated, key=lambda s: abs((s.first - claimed.first).days))
    return min(stated, key=lambda s: abs(s.value - claimed.value))
