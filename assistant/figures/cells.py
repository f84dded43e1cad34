"""Table cells as figures: the unit a table states ("bedragen x € 1.000", "(€ mld.)", "in %") and what each
cell then means ("1.234" under "x € 1.000" is € 1.234.000; "–" is nil; "" is empty).

Pure functions over strings and `Cell`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.figures.amounts import parse_number
from assistant.figures.compare import format_amount
from assistant.types import Cell

# The unit phrases tables print above or beside their figures, as printed. Order matters: the longest first.
_UNIT = re.compile(
    r"(?:\bx|×)\s*(?:€|EUR\b|euro\b)?\s*1(?:\.000)+(?![\d,])"  # "x € 1.000", "x 1.000.000"
    r"|(?:\bx|×)\s*(?:€\s*|EUR\s+|euro\s+)?1?\s*(?:miljard|miljoen|mld|mln|mrd)\b\.?(?:\s*euro\b)?"  # "x € 1 mln", "x € miljard"
    r"|(?:€|EUR\b|euro\b)\s*(?:miljard|miljoen|mld|mln|mrd)\b\.?"  # "€ mld.", "€ mln"
    r"|\bin\s+(?:€\s*)?(?:miljoenen|miljarden|duizenden|miljard|miljoen|mld|mln|mrd)\b\.?(?:\s*(?:euro|€))?"  # "in mln."
    r"|\b(?:miljard|miljoen|mld|mln|mrd)\.?\s*(?:euro|€)"  # "mld. euro"
    r"|\bin\s+%(?:\s*bbp)?|%\s*bbp|\bin\s+procenten\b",  # "in %", "in %bbp"
    re.I,
)
_SCALES = (("1.000.000.000", 1e9), ("1.000.000", 1e6), ("1.000", 1e3), ("miljard", 1e9), ("miljarden", 1e9),
           ("mld", 1e9), ("mrd", 1e9), ("miljoen", 1e6), ("miljoenen", 1e6), ("mln", 1e6), ("duizenden", 1e3))
NIL = frozenset("– - ‒ — −".split())  # a dash in a cell: nil, nothing
NOT_GIVEN = frozenset({"ntb", "n.t.b.", "p.m.", "pm", "n.v.t.", "nvt", "n.b.", "nb", "*", "x"})
_FOOTNOTE = re.compile(r"\s*(?:\ue000[\d,\s-]*\ue001|\*+)$|(?<=\d)\s?[¹²³⁴⁵⁶⁷⁸⁹]+$")
_VALUE = re.compile(r"[-−–‒]?\s?[€$]?\s?\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|[-−–‒]?\s?[€$]?\s?\d+(?:,\d+)?%?")


@dataclass(frozen=True)
class Unit:
    """What a table's figures are counted in."""

    scale: float  # 1000.0 for "x € 1.000"
    currency: str | None  # "EUR" or None ("in %", a count)
    percent: bool = False


def find_unit(text: str) -> str:
    """The unit phrase a caption or header states, as printed ("x € 1.000", "€ mld."); "" when none."""
    match = _UNIT.search(text)
    return " ".join(match.group().split()).strip(" (") if match else ""


def read_unit(unit: str) -> Unit:
    """'x € 1.000' -> Unit(1000, 'EUR'); '€ mld.' -> Unit(1e9, 'EUR'); 'in %' -> a percentage."""
    lower = unit.lower()
    if "%" in lower or "procent" in lower:
        return Unit(1.0, None, percent=True)
    scale = next((value for word, value in _SCALES if word in lower), 1.0)
    money = bool(re.search(r"€|eur|mld|mln|mrd|miljard|miljoen", lower))
    return Unit(scale, "EUR" if money else None)


def cell_note(raw: str) -> tuple[str, str]:
    """A cell without its footnote marker ("1.234¹" -> "1.234", "¹"), so the figure reads as a number."""
    match = _FOOTNOTE.search(raw)
    if not match or not raw[: match.start()].strip():
        return raw, ""
    return raw[: match.start()].strip(), match.group().strip()


def is_value(text: str) -> bool:
    """Whether text can fill a figure cell: a number, a dash for nil, or 'ntb'/'p.m.' (not yet known)."""
    bare, _ = cell_note(text.strip())
    return bare in NIL or bare.lower() in NOT_GIVEN or bool(_VALUE.fullmatch(bare))


def cell_number(cell: Cell) -> float | None:
    """The number printed in a cell, before the unit; None for an empty, nil or 'ntb' cell."""
    bare, _ = cell_note(cell.raw)
    bare = re.sub(r"^[-−–‒]\s?", "-", bare.replace("€", "").replace("%", "").strip())
    return parse_number(bare.replace(" ", "")) if bare and bare not in NIL else None


def cell_value(cell: Cell) -> float | None:
    """The cell's figure in units of currency (or percent, or count): "1.234" under "x € 1.000" -> 1_234_000."""
    number = cell_number(cell)
    return None if number is None else number * read_unit(cell.unit).scale


def shown(cell: Cell) -> str:
    """A cell for a reader: its figure as printed with the unit, and in euros when the unit scales it.

    "28.914" under "x € 1.000" -> "28.914 (x € 1.000) = €28,9 miljoen"; "3,1" under "x € miljard" -> "€ 3,1 miljard".
    """
    bare, _ = cell_note(cell.raw)
    if not bare:
        return "leeg"
    if bare in NIL:
        return f"{bare} (nihil)"
    unit = read_unit(cell.unit)
    value = cell_value(cell)
    if value is None:
        return bare
    if unit.percent:
        return bare if bare.endswith("%") else f"{bare}%"
    if unit.currency is None:
        return bare
    word = {1e9: "miljard", 1e6: "miljoen"}.get(unit.scale)
    if word:
        return f"€ {bare} {word}"
    if unit.scale == 1.0:
        return f"€ {bare}"
    return f"{bare} ({cell.unit}) = {format_amount(value, unit.currency)}"
