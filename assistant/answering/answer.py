"""The extractive answerer: short Dutch answers built only from cited source sentences.

Every sentence it writes carries a marker; every figure in it is copied from the
cited paragraph, except a computed total (shown as the calculation) and the
question's own figure when it is being corrected.
"""

from __future__ import annotations

import re

from assistant.answering import tuning as T
from assistant.figures import compare as figures
from assistant.figures.amounts import WRITTEN_NUMBERS
from assistant.answering.evidence import Query, Sentence, paragraph_scale
from assistant.answering.selection import answers_kind, select
from assistant.answering.question import Intent
from assistant.types import Answer, Citation, Paragraph

REFUSAL = "Dat staat niet in de documenten."


class CitationBook:
    """Hands out one marker per paragraph and collects the quoted sentences behind it."""

    def __init__(self, title_of, identity_of=lambda doc_id: None):
        self._title_of = title_of
        self._identity_of = identity_of
        self._by_paragraph: dict[str, Citation] = {}

    def title(self, doc_id: str) -> str:
        return self._title_of(doc_id)

    def cite(self, paragraph: Paragraph, quote: str) -> int:
        existing = self._by_paragraph.get(paragraph.id)
        if existing is None:
            existing = Citation(
                marker=len(self._by_paragraph) + 1,
                doc=paragraph.doc_id,
                title=self._title_of(paragraph.doc_id),
                pages=paragraph.pages,
                paragraph_id=paragraph.id,
                text=paragraph.text,
                quote=quote,
                identity=self._identity_of(paragraph.doc_id),
                ocr_confidence=paragraph.ocr_confidence,
            )
        elif quote not in existing.quote:
            existing = Citation(**{**existing.__dict__, "quote": _joined(paragraph.text, existing.quote, quote)})
        self._by_paragraph[paragraph.id] = existing
        return existing.marker

    def citations(self) -> list[Citation]:
        return sorted(self._by_paragraph.values(), key=lambda c: c.marker)


def _joined(text: str, first: str, second: str) -> str:
    """Two quotes of one paragraph as one: the stretch of its text from the first to the last, so the quote stays a
    part of the paragraph that can be marked in it (two sentences apart bring the one between them)."""
    at = [(text.find(q), text.find(q) + len(q)) for q in (first, second)]
    if any(start < 0 for start, _ in at):
        return f"{first} {second}"
    return text[min(start for start, _ in at) : max(end for _, end in at)]


def quote_sentences(chosen: list[Sentence], book: CitationBook) -> str:
    return " ".join(f"{clean(s.text)} [{book.cite(s.paragraph, s.text)}]" for s in chosen)


def clean(text: str) -> str:
    """A quote on one line, ending like a sentence."""
    text = " ".join(text.split())
    return text if text[-1:] in ".!?:;" else text + "."


def lookup(
    intent: Intent, scored: list[Sentence], query: Query, book: CitationBook, part_answers: list[Sentence] | None = None
) -> Answer:
    """Answer an amount/date/actor/open question with the sentences that state it (one more per extra part asked)."""
    candidates = [s for s in scored if answers_kind(s, intent)]
    chosen = select(candidates, intent, query)
    for part_best in part_answers or []:
        if part_best.paragraph.doc_id == chosen[0].paragraph.doc_id and all(
            (part_best.paragraph.id, part_best.start) != (c.paragraph.id, c.start) for c in chosen
        ):
            chosen.append(part_best)
    if intent.premise:
        correcting = _correcting_sentence(intent, chosen, scored)
        if correcting is not None:
            chosen = [correcting]  # the sentence that corrects the premise is the answer
    chosen.sort(key=lambda s: (s.rank, s.start))
    body = quote_sentences(chosen, book)
    correction = _premise_correction(intent, chosen, book) if intent.premise else ""
    return Answer(text=f"{correction}{body}", citations=book.citations())


def _correcting_sentence(intent: Intent, chosen: list[Sentence], scored: list[Sentence]) -> Sentence | None:
    """For 'Waarom pas in 2029 ...?': the sentence stating a different date in the same role ("in 2027", not
    "tot 2031"), when none of the chosen sentences has one. A date's preposition tells its role."""
    asked = [(d, d.preposition) for d in figures.by_kind(intent.question).get("date", []) if d.preposition]

    def corrects(sentence: Sentence) -> bool:
        stated = figures.by_kind(sentence.text).get("date", [])
        return any(
            role == s.preposition and not figures.same_figure("date", d, s) for d, role in asked for s in stated
        )

    if not asked or any(corrects(s) for s in chosen):
        return None
    read = scored[: T.PREMISE_READ]
    subject = max((s.context for s in read), default=0.0)  # the correction must be on the question's subject
    return next((s for s in read if corrects(s) and s.context >= T.PREMISE_SUBJECT * subject), None)




def _premise_correction(intent: Intent, chosen: list[Sentence], book: CitationBook) -> str:
    """'Waarom pas in 2029 ...?' when the source says 2027: say so before anything else."""
    asked = figures.by_kind(intent.question)
    for kind, asked_values in asked.items():
        for s in chosen:
            stated = figures.by_kind(s.text, paragraph_scale(s.paragraph)).get(kind, [])
            if stated and not any(figures.same_figure(kind, a, b) for a in asked_values for b in stated):
                marker = book.cite(s.paragraph, s.text)
                return (
                    f"Let op: dat klopt niet. Volgens de documenten gaat het om {figures.shown(stated[0])}, "
                    f"niet om {asked_values[0].raw} [{marker}]. "
                )
    return ""


def total(intent: Intent, scored: list[Sentence], book: CitationBook) -> Answer | None:
    """'Hoeveel ... bij elkaar?' answered by adding the figures one sentence states ("drie kinderen geboren
    en nog twee verwacht"), shown as the sum, in words when the source writes them in words."""
    for sentence in scored[: T.SUM_READ]:
        if not answers_kind(sentence, intent) or _PART_OF_TOTAL.search(sentence.text):
            continue  # "€351,6 miljoen, waarvan €145,8 miljoen": the figures overlap, adding them is wrong
        stated = figures.by_kind(sentence.text, paragraph_scale(sentence.paragraph))
        kind = "amount" if "amount" in stated else "count"
        values = stated.get(kind, [])
        if not 2 <= len(values) <= T.MAX_TERMS or len({getattr(v, "per", None) for v in values}) > 1:
            continue  # "incidenteel €450 miljoen en structureel €80 miljoen per jaar" is no sum
        if any(_LIMIT_BEFORE.search(sentence.text, max(0, v.start - 30), v.start) for v in values):
            continue  # "een krediet tot maximaal 8.000 euro, voor wie minder dan 150.000 euro heeft": limits, not parts
        value = sum(v.value for v in values)
        numbers = [figures.number_of(v) if kind == "count" else v.raw for v in values]
        in_words = kind == "count" and all(n.lower() in WRITTEN_NUMBERS for n in numbers)
        shown = figures.format_computed(kind, value, values[0])
        if in_words and value == int(value):
            shown = _WORDS_FOR.get(int(value), shown)
        marker = book.cite(sentence.paragraph, sentence.text)
        text = f"Samen is dat {shown}: {' plus '.join(numbers)} [{marker}]. {clean(sentence.text)} [{marker}]"
        return Answer(text=text, citations=book.citations())
    return None


# Words before a figure that make it a limit: limits of different things do not add up.
_LIMIT_BEFORE = re.compile(
    r"\b(?:maximaal|minimaal|ten\s+(?:hoogste|minste)|hoogstens|minstens|tot\s+(?:een\s+maximum\s+van\s+)?|(?:meer|minder|hoger|lager)\s+dan"
    r"|boven|onder)\s*(?:de\s+|het\s+)?(?:€\s*|EUR\s*)?$",
    re.I,
)
_PART_OF_TOTAL = re.compile(r"\b(?:waarvan|totaal|inclusief|exclusief|oplopend)\b", re.I)
_WORDS_FOR = {value: word for word, value in WRITTEN_NUMBERS.items() if value <= 20}


_FROM_TO = re.compile(r"\bvan\s+(?:€\s?)?(\d[\d.,]*)\s+(?:\w+\s+)?(?:naar|tot)\s+(?:€\s?)?(\d[\d.,]*)")


def change(sentence: Sentence, book: CitationBook) -> Answer | None:
    """'Met hoeveel stijgt ...?' answered from a sentence that states the value before and after."""
    stated = figures.by_kind(sentence.text, paragraph_scale(sentence.paragraph))
    match = _FROM_TO.search(sentence.text)
    if match and "amount" not in stated:
        before, after = (figures.parse_number(g.rstrip(".,")) for g in match.groups())
        if before is not None and after is not None and not all(1900 <= v <= 2100 for v in (before, after)):
            marker = book.cite(sentence.paragraph, sentence.text)
            delta = figures.format_computed("count", abs(after - before), None)
            return Answer(
                text=f"Het verschil is {delta}: van {match.group(1)} naar {match.group(2).rstrip('.,')} [{marker}]. "
                f"{clean(sentence.text)} [{marker}]",
                citations=book.citations(),
            )
    for kind in ("amount", "percentage", "count"):
        values = stated.get(kind, [])
        if len(values) == 2 and values[0].value != values[1].value:
            first, second = values
            marker = book.cite(sentence.paragraph, sentence.text)
            delta = abs(second.value - first.value)
            text = (
                f"Het verschil is {figures.format_computed(kind, delta, first)}: van {first.raw} naar {second.raw} [{marker}]. "
                f"{clean(sentence.text)} [{marker}]"
            )
            return Answer(text=text, citations=book.citations())
    return None


def refusal(nearest: list[Sentence]) -> Answer:
    return Answer(text=REFUSAL + " Hieronder staan de passages die er het dichtst bij komen.", refused=True)


_MARKER = re.compile(r"\[(\d+)\]")


def markers_in(text: str) -> set[int]:
    return {int(m) for m in _MARKER.findall(text)}
