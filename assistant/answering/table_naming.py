"""What a question or a claim names in a table: the share of a row label's words it names (a word inside one of
its compounds counting half), and the figure it claims. Pure functions over strings and cells."""

from __future__ import annotations

import re

from assistant.figures import compare as figures
from assistant.text.tokens import tokenize
from assistant.figures.cells import read_unit
from assistant.types import Cell

COMPOUND_PART = 5  # a word of at least this length inside a compound of the other text is half named ...
COMPOUND_CREDIT = 0.5  # ... higher lets a claim about a whole ("overheidsvoertuigen") contradict one of its rows


def named_share(label: str, claim: str) -> float:
    """The share of a row label's words that the claim names; a word only inside a compound of the claim counts
    half ("overheidsvoertuigen" half names "voertuigen": the claim may mean all vehicles, the row some)."""
    words = [t for t in tokenize(label) if not t.startswith("#")]
    said = {t for t in tokenize(claim) if not t.startswith("#")}
    named = sum(1.0 if w in said else COMPOUND_CREDIT if any(inside(w, s) or inside(s, w) for s in said) else 0.0
                for w in words)
    return named / len(words) if words else 0.0


def inside(part: str, word: str) -> bool:
    return len(part) >= COMPOUND_PART and len(word) > len(part) and (word.endswith(part) or word.startswith(part))


def claimed_value(claim: str, cell: Cell) -> tuple[float | None, float, str] | None:
    """The claim's figure: (in euros when it is an amount, the number as written, as written); years are no
    figures. An amount is compared with the cell in euros when the table states a money unit, else as printed."""
    stated = figures.by_kind(claim)
    share_claimed = "amount" not in stated and ("percentage" in stated or re.search(r"procent|%", claim, re.I))
    if (share_claimed and read_unit(cell.unit).currency) or ("amount" in stated and "%" in cell.unit):
        return None  # a share claimed against a money cell, or an amount against a percentage: not the same thing
    for kind in ("amount", "percentage"):
        if kind in stated:
            figure = stated[kind][0]
            number = re.search(r"[-−]?\d[\d.,]*\d|\d", figure.raw)
            bare = figures.parse_number(number.group()) if number else None
            return (figure.value if kind == "amount" else None), (bare if bare is not None else figure.value), figure.raw
    for match in re.finditer(r"(?<![\w.,])[-−]?\d[\d.,]*(?![\w])", claim):
        text = match.group().rstrip(".,")
        value = figures.parse_number(text)
        if value is not None and not (1900 <= value <= 2100 and "," not in text and "." not in text):
            return None, value, text
    return None
