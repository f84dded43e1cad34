"""Dutch sentences: where one ends (not after abbreviations, initials, decimals or list numbers),
whether a text asks rather than states, and whether it uses a question word."""

from __future__ import annotations

import re

# Where a sentence ends: '.', '!', '?' or '…', perhaps followed by a closing quote or bracket.
_END = r"[.!?…][\"'’”)\]]*"
_ENDS = re.compile(_END + r"$")

# Dutch question words (welk, welke; waar, waarom, waarvoor, ...): one pattern the question tests build on.
QUESTION_WORD = r"(?:wat|wie|wiens|hoe|wanneer|welk\w*|waar\w*|hoeveel)"
_QUESTION_WORD = re.compile(rf"\b{QUESTION_WORD}\b", re.I)

ABBREVIATIONS = frozenset(
    "o.a a.s bijv d.w.z e.d e.a jl nr nrs art mln mld mrd blz p pag resp i.c i.p.v m.b.t t.a.v t.o.v ca "
    "incl excl vgl zgn z.g.a.n etc dhr mevr mr dr drs ir ing prof min stas st no d.d n.a.v m.u.v i.s.m "
    "enz o.b.v m.i.v c.q e.v vs lid sub bv".split()
)


def _is_list_number(text: str, sentence_start: int, at: int) -> bool:
    """Is the number at `at` (followed by '.') a list marker: first in the text, after ':', ';', ',' or a sentence
    end, or after 'en'/'of' in a sentence that already counted ('3. Levensduur en 4. Verwerking')?"""
    before = text[max(0, at - 8) : at]
    if at == 0 or re.search(r"[:;,.!?]\s*$", before):
        return True
    return bool(re.search(r"\s(?:en|of)\s*$", before) and re.search(r"(?:^|\s)\d{1,2}\.\s", text[sentence_start:at]))


def ends_sentence(text: str) -> bool:
    """True when text ends like a finished sentence (., !, ? possibly followed by a quote)."""
    return bool(_ENDS.search(text.rstrip()))


def is_question(text: str) -> bool:
    """Does the text ask rather than state (a Kamervraag, "... of dit klopt?")?"""
    return text.rstrip(" )”’\"'").endswith("?")


def has_question_word(text: str) -> bool:
    """Does the text use a question word ("Wanneer ... X en over Y?" does; "en over Y" does not)?"""
    return bool(_QUESTION_WORD.search(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; no break after Dutch abbreviations, initials or inside decimals."""
    spans, start = [], 0
    for m in re.finditer(_END + r"\s+(?=[\"'‘“(]?[A-Z0-9€À-Ý])", text):
        word = text[start : m.start() + 1].split()[-1].lower().rstrip(".")
        word = word.lstrip("(\"'‘“")
        if word in ABBREVIATIONS or re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", word):
            continue
        if re.fullmatch(r"\d{1,2}", word) and _is_list_number(text, start, m.start() - len(word)):
            continue  # "langs vier punten: 1. Vermindering ...; 2. Substitutie": a list number, not a sentence end
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_at(text: str, position: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding the character at `position`; the whole text when none does."""
    return next(((a, b) for a, b in sentence_spans(text) if a <= position < b), (0, len(text)))
