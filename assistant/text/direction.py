"""Which way a Dutch text says something moves: up ("stijgt", "neemt toe", "verhoogd"), down ("daalt",
"nemen af", "verlaging") or neither.

A claim that something falls by 0,3 is not confirmed by a source that says it rises by 0,3: the figure
agrees, the direction does not.
"""

from __future__ import annotations

import re

# A separable verb with its particle up to twelve words on ("nemen de uitgaven aan zorg toe"), the particle closing
# the clause or followed by what the change is ("loopt op tot 5 miljoen"): "loopt op 1 januari af" and "nemen het op in
# de wet" say nothing of a change.
_GAP = r"(?:\s+[\w%,.-]+){0,12}?\s+"
_CLOSE = r"(?=\s*(?:$|[.,;:?!)]|\s(?:met|tot|naar|van|tussen|in\s+20\d\d|als)\b))"


def _separable(verbs: str, particles: str) -> str:
    return rf"(?:{verbs}){_GAP}(?:{particles}){_CLOSE}"


_TAKE, _GO, _RUN = r"neem\w*|nem\w*|nam\w*", r"gaat|gaan|ging\w*", r"loopt|lopen|liep\w*"
_UP = re.compile(
    r"\b(?:stijg\w*|steeg|stegen|gestegen|toename\w*|toene\w*|toegenomen|toenam\w*|groei\w*|gegroeid|verho(?:og|g)\w*"
    r"|omhoog|oplo\w*|opgelopen|" + "|".join((_separable(_TAKE, "toe"), _separable(_GO, "omhoog"), _separable(_RUN, "op"))) + r")\b",
    re.I,
)
_DOWN = re.compile(
    r"\b(?:daal\w*|dal(?:en|ende|ing\w*)|gedaald|afname\w*|afne\w*|afgenomen|afnam\w*|krimp\w*|kromp\w*|gekrompen"
    r"|verla(?:ag|g)\w*|omlaag|zak(?:t|ken|te|ten)|gezakt|verminder\w*|teruglo\w*|teruggelopen|"
    + "|".join((_separable(_TAKE, "af"), _separable(_GO, "omlaag"), _separable(_RUN, "terug"))) + r")\b",
    re.I,
)


# An attributive participle names a thing, it does not move it: "het verlaagde btw-tarief", "de stijgende kosten".
_ATTRIBUTIVE = re.compile(r"\b(?:de|het|een|dit|deze|dat|die)\s+$", re.I)


def direction(text: str) -> int:
    """+1 when the text only says something rises, -1 when it only says something falls, 0 otherwise."""
    up, down = _moves(_UP, text), _moves(_DOWN, text)
    return int(up) - int(down)


def _moves(pattern: re.Pattern, text: str) -> bool:
    return any(
        not (m.group().lower().endswith(("de", "te")) and _ATTRIBUTIVE.search(text, max(0, m.start() - 8), m.start()))
        for m in pattern.finditer(text)
    )


def opposite(claim: str, source: str) -> bool:
    """Does the source move the other way than the claim ("neemt af" against "toenemen")?"""
    said, stated = direction(claim), direction(source)
    return said != 0 and stated != 0 and said != stated
