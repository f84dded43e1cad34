"""Checks a generated draft against its sources: only sentences that cite an existing source, and whose
figures stand in what they cite, are kept. Pure: the draft may come from any model; text inside a
document cannot loosen these rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.figures.compare import unsupported_figures
from assistant.text.sentences import sentence_spans
from assistant.types import Hit

@dataclass(frozen=True)
class DraftSentence:
    """One generated sentence that passed the checks; `text` is without its [n] markers."""

    text: str
    markers: tuple[int, ...]  # the [n] markers it carries, in order, 1-based into the hits

    @property
    def rendered(self) -> str:
        """The sentence with its markers before the closing punctuation: 'Zin [1][2].'"""
        body, end = (self.text[:-1], self.text[-1]) if self.text[-1:] in ".!?" else (self.text, "")
        return f"{body} {''.join(f'[{n}]' for n in self.markers)}{end}"


@dataclass(frozen=True)
class CheckedDraft:
    """What is left of a generated answer after the citation and figure checks."""

    sentences: tuple[DraftSentence, ...]  # only sentences that passed
    dropped: tuple[str, ...]  # removed sentences, each as "reason: sentence"

    @property
    def cited(self) -> tuple[int, ...]:
        """Every marker the surviving sentences use, in order of first use."""
        return tuple(dict.fromkeys(n for s in self.sentences for n in s.markers))


_MARKER = re.compile(r"\[\s*(?:bron\s*)?(\d+(?:\s*[,;–-]\s*\d+)*)\s*\]", re.I)
_MARKERS_AFTER_END = re.compile(r"([.!?])((?:\s*" + _MARKER.pattern + r")+)", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a generated answer, markers kept with the sentence they follow ('zin. [1]' -> 'zin [1].')."""
    text = _MARKERS_AFTER_END.sub(lambda m: m.group(2) + m.group(1), text.replace("**", ""))
    sentences: list[str] = []
    for line in text.splitlines():  # a line break always ends a sentence (lists, paragraphs)
        line = _BULLET.sub("", line).strip()
        sentences.extend(line[a:b].strip() for a, b in sentence_spans(line))
    return [s for s in sentences if _has_words(s)]


def _has_words(sentence: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", _MARKER.sub("", sentence)))


def markers_in(sentence: str) -> tuple[int, ...]:
    """The source numbers a sentence cites, in order, without repeats: '[1][3, 4]' -> (1, 3, 4)."""
    numbers: list[int] = []
    for group in _MARKER.findall(sentence):
        for part in re.split(r"\s*[,;]\s*", group):
            ends = [int(x) for x in re.split(r"\s*[–-]\s*", part)]
            if len(ends) == 2 and 0 <= ends[1] - ends[0] < 20:  # "[2-4]"
                numbers.extend(range(ends[0], ends[1] + 1))
            else:
                numbers.extend(ends)
    return tuple(dict.fromkeys(numbers))


def without_markers(sentence: str) -> str:
    """The sentence text with its [n] markers removed and spacing repaired."""
    text = re.sub(r"\s+", " ", _MARKER.sub("", sentence)).strip()
    return re.sub(r"\s+([.,;:!?])", r"\1", text)


def check_draft(text: str, hits: list[Hit], allowed: frozenset[str] = frozenset()) -> CheckedDraft:
    """Keep the sentences that cite existing sources and whose figures stand in a cited paragraph."""
    kept: list[DraftSentence] = []
    dropped: list[str] = []
    for sentence in split_sentences(text):
        markers, clean = markers_in(sentence), without_markers(sentence)
        reason = _rejection(clean, markers, hits, allowed)
        if reason:
            dropped.append(f"{reason}: {clean}")
        else:
            kept.append(DraftSentence(text=clean, markers=markers))
    return CheckedDraft(sentences=tuple(kept), dropped=tuple(dropped))


def _rejection(sentence: str, markers: tuple[int, ...], hits: list[Hit], allowed: frozenset[str]) -> str | None:
    """Why a sentence may not stand (Dutch, short), or None when it passes."""
    if is_refusal(sentence):
        return "weigering"  # a cited refusal is no answer; the caller decides how to refuse
    if not markers:
        return "geen bron"
    missing = [n for n in markers if not 1 <= n <= len(hits)]
    if missing:
        return f"bron {_cite(missing)} bestaat niet"
    cited = [hits[n - 1].paragraph.text for n in markers]
    per_source = [unsupported_figures(sentence, paragraph, set(allowed)) for paragraph in cited]
    unsupported = [f for f in per_source[0] if all(f in others for others in per_source[1:])]
    if unsupported:
        return f"{', '.join(unsupported)} niet in bron {_cite(markers)}"
    return None


def _cite(numbers) -> str:
    return "".join(f"[{n}]" for n in numbers)


def is_refusal(text: str) -> bool:
    """Whether the model said the sources do not answer the question."""
    return "staat niet in de documenten" in text.lower()
