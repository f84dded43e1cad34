"""Footnote markers in body text: explicit ones set by the PDF reader, and digits glued to a word or year.

A PDF marker is recognised by its layout (a smaller, raised number) and written as MARKER_OPEN + digits +
MARKER_CLOSE; plain text only has glued digits ('jaar2', '20263'), kept when they follow the numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER_OPEN, MARKER_CLOSE = "\ue000", "\ue001"  # private-use characters: never in real text
EXPLICIT = re.compile(MARKER_OPEN + r"([\d,\s-]*)" + MARKER_CLOSE)
FOOTNOTE_GLUED = re.compile(r"(?<=[^\W\d_])([.,;:)’”'\"]{0,2})(\d{1,3})(?=[\s.,;:?!)’”]|$)")
FOOTNOTE_ON_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(\d{1,2})(?=[\s.,;:)]|$)")
SHORT_CAPS = re.compile(r"[A-Z]{1,3}$")  # CO2, H2, Q1: letters+digit that is no footnote marker


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    numbers: tuple[int, ...]
    kind: str  # explicit | glued | year


def explicit_marker(digits: str) -> str:
    """The text a PDF reader emits for a raised footnote number."""
    return f"{MARKER_OPEN}{digits}{MARKER_CLOSE}"


def strip_footnote_markers(text: str, defined: set[int], expected: int) -> tuple[str, list[tuple[int, int]], int]:
    """Remove footnote markers (explicit, or glued and following the numbering); return text, (offset, n), next n."""
    removed: list[_Candidate] = []
    for c in sorted(_candidates(text), key=lambda c: c.start):
        number = c.numbers[0]
        unused = number in defined and (number not in {n for r in removed for n in r.numbers} or number + 3 >= expected)
        if c.kind == "explicit" or number == expected or (unused and c.kind == "glued"):
            removed.append(c)
            expected = max(expected, max(c.numbers) + 1)
    clean, markers, last, shift = [], [], 0, 0
    for c in removed:
        clean.append(text[last : c.start])
        markers.extend((c.start - shift, n) for n in c.numbers)
        shift += c.end - c.start
        last = c.end
    clean.append(text[last:])
    return "".join(clean), markers, expected


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for m in EXPLICIT.finditer(text):
        numbers = tuple(int(n) for n in re.findall(r"\d+", m.group(1)))
        found.append(_Candidate(m.start(), m.end(), numbers or (0,), "explicit"))
    if found:  # a document that marks its footnotes by layout has no glued markers to guess
        return found
    for m in FOOTNOTE_GLUED.finditer(text):
        word = re.findall(r"[^\W\d_]+$", text[: m.start()])
        if m.group(1) == "" and word and SHORT_CAPS.fullmatch(word[0]):
            continue
        found.append(_Candidate(m.start(2), m.end(2), (int(m.group(2)),), "glued"))
    for m in FOOTNOTE_ON_YEAR.finditer(text):
        found.append(_Candidate(m.start(2), m.end(2), (int(m.group(2)),), "year"))
    return found
