"""What a question or a claim names in a table: the table (by its number), the share of a row label's words it
names (a word inside one of its compounds counting half), the figures it claims and whether a cell states them.
Pure functions over strings and cells."""

from __future__ import annotations

import re

from assistant.figures import compare as figures
from assistant.figures.amounts import names_a_thing
from assistant.figures.cells import cell_number, cell_value, read_unit
from assistant.text.tokens import tokenize
from assistant.types import Cell

COMPOUND_PART = 5  # a word of at least this length inside a compound of the other text is half named ...
COMPOUND_CREDIT = 0.5  # ... higher lets a claim about a whole ("overheidsvoertuigen") contradict one of its rows
# The least share of the question's words a row, its table and its document name together: lower lets a row answer
# a question about something else that shares a word with its label ("de rente op een lening" and a row "Rente").
MIN_ROW_SUBJECT = 0.2


def named_share(label: str, claim: str) -> float:
    """The share of a row label's words that the claim names. A word that opens a compound of the claim is named
    ("onderwijsuitgaven" names "onderwijs"); one that only ends it, or holds it, counts half ("overheidsvoertuigen"
    half names "voertuigen": the claim may mean all vehicles, the row some)."""
    words = [t for t in tokenize(label) if not t.startswith("#")]
    said = {t for t in tokenize(claim) if not t.startswith("#")}
    return sum(_named(w, said) for w in words) / len(words) if words else 0.0


def _named(word: str, said: set[str]) -> float:
    if word in said or any(inside(word, s) and s.startswith(word) for s in said) or _split(word, said):
        return 1.0
    return COMPOUND_CREDIT if any(inside(word, s) or inside(s, word) for s in said) else 0.0


def _split(word: str, said: set[str]) -> bool:
    """Is the word a compound of two words said ("vuurwerkbelast" of "belast" and "vuurwerk")?"""
    for head in said:
        if len(head) >= COMPOUND_PART - 1 and word.startswith(head) and len(word) > len(head) + 2:
            rest = word[len(head):]
            rest = rest[1:] if rest[0] in "se" and rest[1:] in said else rest  # a linking s or e: "overheidsvoertuigen"
            if rest in said:
                return True
    return False


def inside(part: str, word: str) -> bool:
    return len(part) >= COMPOUND_PART and len(word) > len(part) and (word.endswith(part) or word.startswith(part))


def claimed_values(claim: str, cell: Cell) -> list[tuple[float | None, float, str]]:
    """The claim's figures in the order it states them: (in euros when part of an amount, the number as written,
    as written). Years and references ("tabel 2.1") are no figures. An amount is compared with the cell in euros
    when the table states a money unit, else as printed; [] for a share claimed against a money cell or an
    amount against a percentage cell: not the same thing."""
    stated = figures.by_kind(claim)
    share_claimed = "amount" not in stated and ("percentage" in stated or re.search(r"procent|%", claim, re.I))
    if (share_claimed and read_unit(cell.unit).currency) or ("amount" in stated and "%" in cell.unit):
        return []
    amounts = stated.get("amount", []) + stated.get("percentage", [])
    found = []
    for match in re.finditer(r"(?<![\w.,])[-−]?\d[\d.,]*(?![\w])", claim):
        text = match.group().rstrip(".,")
        value = figures.parse_number(text)
        if value is None or (1900 <= value <= 2100 and "," not in text and "." not in text) or names_a_thing(claim, match.start()):
            continue
        around = next((a for a in amounts if a.start <= match.start() < a.end), None)
        if around is not None and any(a is around for a, *_ in found):
            continue  # one amount, one figure ("€ 1.234,5 miljoen")
        in_euros = around.value if around is not None and around in stated.get("amount", []) else None
        found.append((around, in_euros, value, around.raw if around is not None else text))
    return [(in_euros, value, raw) for _, in_euros, value, raw in found]


# A table the question names by its number: "volgens tabel 2.1", "in figuur 3.2".
_NAMED_TABLE = re.compile(r"\b(tabel|figuur|grafiek)\s+(\d+(?:\.\d+)*)(?![\d.]*\d)", re.I)
_FIGURE_WORDS = set(tokenize("euro miljoen miljard mln mld procent procentpunt"))


def names_table(question: str, title: str) -> bool:
    """Is the table titled `title` the one the question names ("Figuur 3.2: Uitgaven ..." for "figuur 3.2"), or does
    the question, or the title, name no number?"""
    named = _NAMED_TABLE.search(question)
    numbered = re.search(rf"\b{named.group(1)}\s+(\d+(?:\.\d+)*)", title, re.I) if named else None
    return numbered is None or numbered.group(1) == named.group(2)


def holds_subject(question: str, ignored: set[str], table: str) -> bool:
    """Do a row, its table and its document (`table`, their words together) name enough of the question's own
    words, figures, years and columns (`ignored`) left out? "De rente op de Qredits-lening" shares only "rente" with
    a row "Rente" of the collective expenditure."""
    asked = " ".join(w for w in re.findall(r"[^\W\d_][\w-]*", question) if not set(tokenize(w)) <= ignored | _FIGURE_WORDS)
    return named_share(asked, table) >= MIN_ROW_SUBJECT


def _signed(claimed: tuple[float | None, float, str], cell: Cell, falls: bool) -> tuple[float | None, float, str]:
    """A fall claimed of a column of changes ("mutatie", "groei") is a negative change; a level keeps its sign."""
    if not (falls and _CHANGE_COLUMN.search(cell.column)) or claimed[1] < 0:
        return claimed
    in_euros, bare, raw = claimed
    return (-in_euros if in_euros is not None else None), -bare, raw


_CHANGE_COLUMN = re.compile(r"mutatie|verschil|groei|toename|afname|verandering|ontwikkeling", re.I)


def agrees(cell: Cell, claimed: tuple[float | None, float, str], falls: bool = False) -> bool:
    """Does the cell state the claimed figure (in euros when the table states money, else as printed)? With `falls`
    the claim says the thing falls: a change column then holds its figure negative."""
    in_euros, bare, _ = _signed(claimed, cell, falls)
    stated, said = (cell_value(cell), in_euros) if read_unit(cell.unit).currency and in_euros is not None else (cell_number(cell), bare)
    return abs(said - stated) <= 1e-6 * max(abs(stated), 1.0)


_SHARE = re.compile(r"%|\bprocent|\baandeel\b|\bbbp\b", re.I)


def claims_share(claim: str) -> bool:
    """Does the claim state a share ("49,4%", "als aandeel van het bbp") rather than an amount or a count?"""
    return bool(_SHARE.search(claim))
