"""How sure an answer is: signals read from the question, the retrieved text and the composed answer, one
estimate in [0, 1] of the chance that the answer is right, and the label it is shown with (Hoog / Middel / Laag).

The evaluation reports, per label, the share of answers that were right (calibration), so that
"Hoog" can be held to a floor.
"""

from __future__ import annotations

import math

from assistant.answering import tuning as T
from assistant.answering.evidence import Query, Sentence
from assistant.answering.question import FACTS, Intent
from assistant.text.tokens import tokenize
from assistant.types import Answer, Hit

# Thresholds on Answer.confidence, the estimated chance of being right. Raising HIGH makes "Hoog" rarer and more
# often right: cross-validated on the tuned sets' answers (their other wordings included), >= 0.9 held 0.07 of them,
# 0.93 right, and >= 0.85 0.13 of them, 0.87 right (evals/fit_confidence.py). Unseen documents score lower than the
# tuned sets, so "Hoog" is kept to the top band.
HIGH = 0.9
# Below this an answer is "Laag": cross-validated, >= 0.6 held 0.63 of the answers, 0.76 right.
MIDDLE = 0.6
LABELS = ("Hoog", "Middel", "Laag")
TOP_HITS_READ = 5  # hits read for 'same_document'
# An answer read from the document's identity (who signed, when) carries its own estimate under this name:
# how far the top hits agree on the document (document_facts.py).
IDENTITY_SIGNAL = "identity"
# How an answer was composed; "refusal" has no confidence, and "terms" (a calculation of two figures each found by a
# search of its own, calculation.py) no weight of its own: less sure than a calculation from the answer's sentences.
ROUTES = ("table", "claim", "calculation", "lookup")


def confidence_label(confidence: float) -> str:
    """Hoog / Middel / Laag from the estimate in [0, 1]."""
    if confidence >= HIGH:
        return "Hoog"
    if confidence >= MIDDLE:
        return "Middel"
    return "Laag"


def answer_signals(route: str, intent: Intent, query: Query, scored: list[Sentence], hits: list[Hit],
                   answer: Answer) -> dict[str, float]:
    """What an answer's confidence is read from, each in [0, 1]: how well the retrieved text and the quoted
    sentences match the question, whether the quotes state the kind of fact asked, and how it was composed."""
    best = scored[0] if scored else None
    cited = {c.paragraph_id for c in answer.citations}
    ranks = [rank for rank, hit in enumerate(hits) if hit.paragraph.id in cited]
    quoted = set(tokenize(" ".join(c.quote for c in answer.citations)))
    signals = {
        "context": best.context if best else 0.0,
        "coverage": best.coverage if best else 0.0,
        "dense": hits[0].dense if hits else 0.0,
        "margin": max(0.0, hits[0].score - hits[1].score) if len(hits) > 1 else 0.0,
        "sentence_margin": _sentence_margin(scored),
        "same_document": _same_document(hits),
        "quoted": query.share(quoted) if quoted else 0.0,
        "cited_rank": 1.0 / (1 + ranks[0]) if ranks else 0.0,
        "citations": min(1.0, (len(answer.citations) - 1) / 2) if answer.citations else 0.0,
        "strict": 1.0 if intent.strict & FACTS else 0.0,
        "parts": min(1.0, max(0, len(intent.parts) - 1) / 2),
        "verdict": 1.0 if answer.verdict else 0.0,
    }
    signals.update({f"route_{name}": float(route == name) for name in ROUTES})
    return signals


def calibrated(signals: dict[str, float]) -> float:
    """The estimated chance in [0, 1] that the answer is right: a logistic model of the signals (tuning.py)."""
    if IDENTITY_SIGNAL in signals:
        return signals[IDENTITY_SIGNAL]
    z = T.CONFIDENCE_BIAS + sum(weight * signals.get(name, 0.0) for name, weight in T.CONFIDENCE_WEIGHTS.items())
    return round(1 / (1 + math.exp(-z)), 3)


def _sentence_margin(scored: list[Sentence]) -> float:
    """How far the best sentence stands above the next one, relative to its score: a clear winner is surer."""
    if len(scored) < 2 or scored[0].score <= 0:
        return 1.0 if scored else 0.0
    return max(0.0, (scored[0].score - scored[1].score) / scored[0].score)


def _same_document(hits: list[Hit]) -> float:
    """Share of the top hits from the best hit's document: one source agreeing with itself, not several competing."""
    top = hits[:TOP_HITS_READ]
    return sum(h.paragraph.doc_id == top[0].paragraph.doc_id for h in top) / len(top) if top else 0.0
