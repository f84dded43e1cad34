"""How a figure is written in an answer: Dutch digits ("1.234,5"), amounts in miljoen and miljard
("€111,5 miljoen"), computed counts and percentage points, the source's own figure, and dates with
Dutch month names ("30 mei 2023").

The one place to change how the product writes a figure; reading figures lives in `amounts` and
`periods`, comparing them in `compare`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant.figures.periods import MONTHS


def dutch_number(value: float | Decimal, decimals: int | None = None) -> str:
    """1234.5 -> "1.234,5": dots group thousands, a comma before the decimals (rounded half up to
    `decimals` when given, 2 for cents; otherwise as many as the value has)."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    if decimals is not None:
        exact = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if exact < 0 else ""
    whole, _, fraction = f"{abs(exact):f}".partition(".")
    fraction = fraction if decimals is not None else fraction.rstrip("0")
    grouped = f"{sign}{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


def format_amount(value: float, currency: str | None = "EUR") -> str:
    """Dutch notation: 111_500_000 -> "€111,5 miljoen", 450_000 -> "€450.000"."""
    symbol = {"EUR": "€", "USD": "$", None: ""}.get(currency, f"{currency} ")
    exact = Decimal(repr(abs(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if exact >= 10**9 and exact % 10**6 == 0:
        body = dutch_number(exact / 10**9) + " miljard"
    elif exact >= 10**6 and exact % 10**3 == 0:
        body = dutch_number(exact / 10**6) + " miljoen"
    else:
        body = dutch_number(exact, 2 if exact % 1 else None)
    return f"{'-' if value < 0 and exact else ''}{symbol}{body}"


def format_computed(kind: str, value: float, like=None) -> str:
    """A figure the answer computes (a sum, a difference), in the notation of the stated figure `like`:
    an amount in its currency, a percentage in procentpunt, a count with at most one decimal."""
    if kind == "amount":
        return format_amount(value, getattr(like, "currency", None) or "EUR")
    number = dutch_number(value, _decimals(value))
    return f"{number} procentpunt" if kind == "percentage" else number


def _decimals(value: float) -> int:
    """As many decimals as two written figures can give their sum or difference (5,75 - 2 = 3,75), else one."""
    if value == int(value):
        return 0
    exact = abs(value * 100 - round(value * 100)) < 1e-6
    return 1 if not exact or abs(value * 10 - round(value * 10)) < 1e-6 else 2


def shown(figure) -> str:
    """The source's figure as written, with the % sign added to "8 procent" so either notation is recognised."""
    raw = figure.raw
    if getattr(figure, "unit", None) == "%" and "%" not in raw:
        return f"{raw} ({dutch_number(figure.value)}%)"
    return raw


def number_of(quantity) -> str:
    """The number as the source writes it, without its unit: "drie" of "drie kinderen"."""
    return quantity.raw[: len(quantity.raw) - len(quantity.unit)].strip() if quantity.unit else quantity.raw


def dutch_date(iso: str) -> str:
    """'2023-05-30' -> '30 mei 2023'; partial dates stay partial ('2023-05' -> 'mei 2023'); '' -> 'onbekend'."""
    parts = [p for p in (iso or "").split("-") if p.isdigit()]
    if not parts:
        return "onbekend"
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1] if 1 <= int(parts[1]) <= 12 else parts[1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) > 2 else f"{month} {parts[0]}"
