"""The judging rules of evals/README.md as pure functions: one gold item and one answer in, a verdict out.

Tokenising (for evidence coverage): lowercase, then every maximal run of
Unicode letters (accented letters included, digits and punctuation not) is a
word; words shorter than 2 letters are dropped. So "jaar2" gives "jaar", and
"re- integratie" gives "re", "integratie". Coverage counts the quote's
distinct words that also occur anywhere in the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from assistant.answering.confidence import confidence_label
from assistant.types import Answer

COVERAGE_THRESHOLD = (4, 5)  # a paragraph covers a quote when >= 4/5 of its words occur in it
REFUSAL_PHRASE = "staat niet in de documenten"
TOP_K = 5  # the k of recall@5 and all-evidence@5
MRR_DEPTH = 10  # reciprocal rank counts hits up to this rank, so every pipeline is judged alike

_WORD = re.compile(r"[^\W\d_]+")
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_MLN = re.compile(r"\bmln\b")
_MLD = re.compile(r"\bmld\b")
_EURO = re.compile(r"€|\beuro\b")
_SPACE = re.compile(r"\s+")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class GoldItem:
    """One line of a gold JSONL file."""

    id: str
    question: str
    category: str
    answer: str
    must_contain: tuple[str, ...]
    evidence: tuple[str, ...]
    difficulty: str
    doc: str
    variant_of: str = ""  # a paraphrase variant: the id of the item whose gold answer it shares
    conversation: str = ""  # a conversation turn: the conversation's id ...
    turn: int = 0  # ... and its place in it (1 = the first question)

    @property
    def answerable(self) -> bool:
        return self.category != "unanswerable"

    @classmethod
    def from_dict(cls, d: dict) -> "GoldItem":
        return cls(
            id=str(d["id"]),
            question=d["question"],
            category=d["category"],
            answer=d.get("answer", ""),
            must_contain=tuple(d.get("must_contain", ())),
            evidence=tuple(d.get("evidence", ())),
            difficulty=d.get("difficulty", ""),
            doc=d.get("doc", ""),
            variant_of=d.get("variant_of", ""),
            conversation=d.get("conversation", ""),
            turn=int(d.get("turn", 0)),
        )


@dataclass(frozen=True)
class RetrievalJudgement:
    """Where the evidence turned up in one ranked list of paragraphs (None: item has no evidence)."""

    first_rank: int | None  # 1-based rank of the first paragraph covering any quote; None when none does
    all_evidence_at_k: bool | None  # every quote covered within the top TOP_K (judged for multi_hop only)
    judged: bool = True  # False for items without evidence (unanswerable): excluded from retrieval metrics
    words_at_k: int = 0  # words in the top TOP_K texts: how much reading a recall@5 hit costs

    @property
    def recall_at_1(self) -> float:
        return float(self.first_rank == 1)

    @property
    def recall_at_k(self) -> float:
        return float(self.first_rank is not None and self.first_rank <= TOP_K)

    @property
    def reciprocal_rank(self) -> float:
        return 1.0 / self.first_rank if self.first_rank and self.first_rank <= MRR_DEPTH else 0.0


@dataclass(frozen=True)
class Judgement:
    """Everything judged about one answer; None where a rule does not apply to the item."""

    id: str
    category: str
    difficulty: str
    answerable: bool
    refused: bool
    correct: bool  # answerable: right content (and verdict); unanswerable: refused
    missing: tuple[str, ...]  # must_contain strings not found in the answer
    verdict_expected: str | None
    verdict_got: str | None
    verdict_ok: bool | None  # figure_check only
    retrieval: RetrievalJudgement
    citation_precision: float | None  # None without evidence or without citations
    citation_recall: float | None  # None without evidence
    fully_supported: bool | None  # None without evidence
    latency_ms: float | None
    why: tuple[str, ...] = field(default=())
    confidence_label: str = ""  # Hoog / Middel / Laag, as the chat shows it
    found: "Ceiling | None" = None  # answerable only: where the gold answer's strings stand

    def to_json(self) -> dict:
        r = self.retrieval
        return {
            "correct": self.correct,
            "refused": self.refused,
            "missing": list(self.missing),
            "verdict_expected": self.verdict_expected,
            "verdict_got": self.verdict_got,
            "verdict_ok": self.verdict_ok,
            "first_evidence_rank": r.first_rank if r.judged else None,
            "all_evidence_at_5": r.all_evidence_at_k,
            "citation_precision": self.citation_precision,
            "citation_recall": self.citation_recall,
            "fully_supported": self.fully_supported,
            "latency_ms": self.latency_ms,
            "confidence_label": self.confidence_label,
            "found": None if self.found is None else self.found.__dict__,
            "why": list(self.why),
        }


@dataclass(frozen=True)
class Ceiling:
    """Whether every must_contain string stands in the composed answer, the top retrieved paragraph, the top 3."""

    answer: bool
    top1: bool
    top3: bool


def words(text: str) -> list[str]:
    """Lowercased letter-only words of 2+ letters, in order."""
    return [w for w in _WORD.findall(text.lower()) if len(w) >= 2]


def coverage(paragraph: str, quote: str) -> float:
    """Share of the quote's distinct words that occur in the paragraph."""
    quote_words = set(words(quote))
    if not quote_words:
        return 0.0
    return len(quote_words & set(words(paragraph))) / len(quote_words)


def covers(paragraph: str, quote: str) -> bool:
    """True when at least 80% of the quote's words occur in the paragraph (integer test: no float edge)."""
    quote_words = set(words(quote))
    found = len(quote_words & set(words(paragraph)))
    num, den = COVERAGE_THRESHOLD
    return bool(quote_words) and found * den >= num * len(quote_words)


def normalise_answer(text: str) -> str:
    """Lowercase; 3.8 -> 3,8; mln -> miljoen; mld -> miljard; drop € and 'euro'; collapse spaces."""
    text = _DECIMAL_POINT.sub(",", text.lower())
    text = _MLD.sub("miljard", _MLN.sub("miljoen", text))
    return _SPACE.sub(" ", _EURO.sub(" ", text)).strip()


def missing_strings(answer_text: str, must_contain: Sequence[str]) -> tuple[str, ...]:
    """The must_contain strings that do not occur in the answer after normalisation."""
    normal = normalise_answer(answer_text)
    return tuple(s for s in must_contain if normalise_answer(s) not in normal)


def leading_verdict(text: str) -> str | None:
    """'ja' or 'nee' when the text's first word is one of them."""
    match = _FIRST_WORD.search(text)
    first = match.group(0).lower() if match else ""
    return first if first in ("ja", "nee") else None


def answer_verdict(answer: Answer) -> str | None:
    """The answer's verdict field, or else a leading Ja/Nee in its text."""
    return answer.verdict or leading_verdict(answer.text)


def is_refusal(answer: Answer) -> bool:
    """Refused when the answer says so, or its text carries the refusal phrase."""
    return answer.refused or REFUSAL_PHRASE in answer.text.lower()


def judge_retrieval(evidence: Sequence[str], ranked_texts: Sequence[str], multi_hop: bool) -> RetrievalJudgement:
    """Rank of the first paragraph covering any evidence quote; all quotes in the top 5 for multi-hop."""
    if not evidence:
        return RetrievalJudgement(first_rank=None, all_evidence_at_k=None, judged=False)
    first = next((i for i, t in enumerate(ranked_texts, 1) if any(covers(t, q) for q in evidence)), None)
    all_k = None
    if multi_hop:
        top = ranked_texts[:TOP_K]
        all_k = all(any(covers(t, q) for t in top) for q in evidence)
    size = sum(len(words(t)) for t in ranked_texts[:TOP_K])
    return RetrievalJudgement(first_rank=first, all_evidence_at_k=all_k, words_at_k=size)


@dataclass(frozen=True)
class CitationJudgement:
    """Citation precision, recall and full support for one answer."""

    precision: float | None
    recall: float | None
    fully_supported: bool | None


def judge_citations(evidence: Sequence[str], cited_texts: Sequence[str]) -> CitationJudgement:
    """Precision over distinct cited paragraphs, recall over evidence quotes."""
    if not evidence:
        return CitationJudgement(None, None, None)
    cited = list(dict.fromkeys(cited_texts))
    precision = sum(any(covers(t, q) for q in evidence) for t in cited) / len(cited) if cited else None
    covered = sum(any(covers(t, q) for t in cited) for q in evidence)
    return CitationJudgement(precision, covered / len(evidence), covered == len(evidence))


CEILING_DEPTH = 3  # "top 3 paragraphs together": what a reader of the three best passages would find


def ceiling(item: GoldItem, answer: Answer) -> Ceiling | None:
    """Where the gold answer stands: in the answer, the top paragraph, the top 3 (None for unanswerable items)."""
    if not item.answerable:
        return None
    texts = [h.paragraph.text for h in answer.retrieved]
    return Ceiling(
        answer=not missing_strings(answer.text, item.must_contain),
        top1=bool(texts) and not missing_strings(texts[0], item.must_contain),
        top3=bool(texts) and not missing_strings(" \n".join(texts[:CEILING_DEPTH]), item.must_contain),
    )


def judge_answer(item: GoldItem, answer: Answer) -> Judgement:
    """Apply every rule to one answer; `why` lists each way it falls short, in words for the report."""
    refused = is_refusal(answer)
    missing = missing_strings(answer.text, item.must_contain) if item.answerable else ()
    expected = leading_verdict(item.answer) if item.category == "figure_check" else None
    got = answer_verdict(answer) if item.category == "figure_check" else None
    verdict_ok = (expected == got) if item.category == "figure_check" else None
    correct = (not refused and not missing and verdict_ok is not False) if item.answerable else refused
    retrieval = judge_retrieval(
        item.evidence, [h.paragraph.text for h in answer.retrieved], item.difficulty == "multi_hop"
    )
    cites = judge_citations(item.evidence, [c.text for c in answer.citations])
    return Judgement(
        id=item.id,
        category=item.category,
        difficulty=item.difficulty,
        answerable=item.answerable,
        refused=refused,
        correct=correct,
        missing=missing,
        verdict_expected=expected,
        verdict_got=got,
        verdict_ok=verdict_ok,
        retrieval=retrieval,
        citation_precision=cites.precision,
        citation_recall=cites.recall,
        fully_supported=cites.fully_supported,
        latency_ms=answer.timings_ms.get("total"),
        why=_reasons(item, refused, missing, expected, got, retrieval, cites),
        confidence_label=confidence_label(answer.confidence),
        found=ceiling(item, answer),
    )


def _reasons(item, refused, missing, expected, got, retrieval, cites) -> tuple[str, ...]:
    """Each shortfall of one answer as a short English phrase."""
    why = []
    if item.answerable and refused:
        why.append("refused an answerable question")
    if not item.answerable and not refused:
        why.append("answered instead of refusing")
    if missing:
        why.append("missing " + ", ".join(repr(s) for s in missing))
    if expected != got:
        why.append(f"verdict {got or 'none'}, expected {expected}")
    if retrieval.judged and not retrieval.recall_at_k:
        why.append("no evidence in the top 5 retrieved" if retrieval.first_rank is None
                   else f"first evidence at rank {retrieval.first_rank}")
    if retrieval.all_evidence_at_k is False:
        why.append("not all evidence in the top 5")
    if cites.fully_supported is False:
        why.append(f"citations cover {round(cites.recall * len(item.evidence))}/{len(item.evidence)} evidence quotes")
    if cites.precision is not None and cites.precision < 1:
        why.append(f"citation precision {cites.precision:.2f}")
    return tuple(why)
