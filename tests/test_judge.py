"""The judging rules of evals/README.md on hand-made answers to real gold items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation.judge import (
    GoldItem,
    coverage,
    covers,
    is_refusal,
    judge_answer,
    judge_citations,
    judge_retrieval,
    missing_strings,
    normalise_answer,
    words,
)
from assistant.types import Answer, Citation, Hit, Paragraph

DEV = Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl"
GOLD = {d["id"]: GoldItem.from_dict(d) for d in map(json.loads, DEV.read_text(encoding="utf-8").splitlines())}
FILLER = "Het kabinet zet in op regionale samenwerking tussen onderwijs en bedrijfsleven."


def _citation(marker: int, text: str) -> Citation:
    return Citation(marker, "doc", "Titel", (1,), f"p{marker}", text, text)


def _hit(i: int, text: str) -> Hit:
    return Hit(Paragraph(id=f"p{i}", doc_id="doc", text=text, pages=(1,)), score=1.0 / i)


def test_words_are_lowercase_letter_runs_of_two_or_more():
    assert words("Re- integratie: €80,9 miljoen in jaar2 voor één régio's (a) e5") == [
        "re", "integratie", "miljoen", "in", "jaar", "voor", "één", "régio",
    ]


def test_a_paragraph_covers_a_quote_at_exactly_80_percent_of_its_words():
    quote = GOLD["q061"].evidence[1]  # 10 distinct words
    assert quote == "Deze methodiek wordt komend jaar opgeschaald richting Installatietechniek en bouw."
    eight = "Komend jaar wordt deze methodiek opgeschaald richting de installatietechniek."
    seven = "Komend jaar wordt deze methodiek opgeschaald richting de installatiesector."
    assert coverage(eight, quote) == 0.8
    assert covers(eight, quote)
    assert coverage(seven, quote) == 0.7
    assert not covers(seven, quote)


def test_coverage_tolerates_cleaned_hyphenation_and_stripped_footnote_digits():
    quote = GOLD["q010"].evidence[1]  # ends in "2025 en 202612."
    cleaned = "Na goedkeuring zal aan deze plannen in totaal €30,6 miljoen worden toegekend voor 2025 en 2026."
    assert covers(cleaned, quote)
    assert coverage(cleaned, quote) == 1.0


def test_numbers_and_units_are_normalised_before_matching():
    assert normalise_answer("EZ geeft € 3.8 mln. Euro") == "ez geeft 3,8 miljoen."
    assert missing_strings("Tot en met 2027 met €3,8 mln [1].", GOLD["q016"].must_contain) == ()
    assert missing_strings("Een bedrag van 3.8 miljoen euro.", ["3.8 miljoen", "2027"]) == ("2027",)
    assert missing_strings("Het gaat om € 351.6 mln.", GOLD["q001"].must_contain) == ()
    assert missing_strings("Het gaat om 1,2 mld euro.", ["1.2 miljard"]) == ()
    assert missing_strings("Het gaat om 38 miljoen.", ["3.8 miljoen"]) == ("3.8 miljoen",)


def test_figure_check_needs_the_right_verdict_and_the_figure():
    item = GOLD["q103"]
    right = judge_answer(item, Answer(item.question, "Nee, de derde editie startte in april 2024 [1]."))
    assert (right.verdict_expected, right.verdict_got, right.verdict_ok, right.correct) == ("nee", "nee", True, True)
    wrong = judge_answer(item, Answer(item.question, "De derde editie startte in april 2024.", verdict="ja"))
    assert (wrong.verdict_got, wrong.verdict_ok, wrong.correct) == ("ja", False, False)
    assert "verdict ja, expected nee" in wrong.why
    no_figure = judge_answer(item, Answer(item.question, "Nee.", verdict="nee"))
    assert (no_figure.verdict_ok, no_figure.correct, no_figure.missing) == (True, False, ("april 2024",))


def test_false_premise_needs_the_correction():
    item = GOLD["q100"]
    corrected = judge_answer(item, Answer(item.question, "Dat klopt niet: de SLIM-regeling is juist verlengd."))
    echoed = judge_answer(item, Answer(item.question, "De SLIM-regeling is per 1 januari afgeschaft."))
    assert corrected.correct and corrected.verdict_ok is None
    assert not echoed.correct
    assert echoed.missing == ("verlengd",)


def test_refusals_count_by_flag_or_phrase():
    phrase_only = Answer("q", "Het bedrag staat niet in de documenten.")
    flag_only = Answer("q", "Geen antwoord gevonden.", refused=True)
    assert is_refusal(phrase_only) and is_refusal(flag_only)
    assert not is_refusal(Answer("q", "Het bedrag is 5 miljoen."))


def test_unanswerable_must_be_refused_and_answerable_must_not():
    unanswerable = GOLD["q082"]
    refusal = "Dat staat niet in de documenten."
    refused = judge_answer(unanswerable, Answer(unanswerable.question, refusal, refused=True))
    guessed = judge_answer(unanswerable, Answer(unanswerable.question, "Er is 20 miljoen beschikbaar."))
    assert refused.correct and not refused.answerable and not refused.retrieval.judged
    assert not guessed.correct and guessed.why == ("answered instead of refusing",)
    answerable = GOLD["q001"]
    false_refusal = judge_answer(answerable, Answer(answerable.question, refusal, refused=True))
    assert false_refusal.refused and not false_refusal.correct
    assert false_refusal.why[0] == "refused an answerable question"


def test_citation_precision_recall_and_full_support():
    evidence = GOLD["q058"].evidence  # three quotes
    cited = [f"{FILLER} {evidence[0]}.", evidence[1], FILLER, evidence[1]]  # the repeat counts once
    judged = judge_citations(evidence, cited)
    assert judged.precision == pytest.approx(2 / 3)
    assert judged.recall == pytest.approx(2 / 3)
    assert judged.fully_supported is False
    full = judge_citations(evidence, [evidence[0], evidence[1] + " " + evidence[2]])
    assert (full.precision, full.recall, full.fully_supported) == (1.0, 1.0, True)
    assert judge_citations(evidence, []) == type(judged)(None, 0.0, False)
    assert judge_citations((), [evidence[0]]) == type(judged)(None, None, None)


def test_retrieval_ranks_and_all_evidence_in_the_top_five():
    first, second = GOLD["q010"].evidence
    ranked = [FILLER, second, FILLER, first, FILLER, FILLER]
    judged = judge_retrieval(GOLD["q010"].evidence, ranked, multi_hop=True)
    assert (judged.first_rank, judged.recall_at_1, judged.recall_at_k, judged.reciprocal_rank) == (2, 0.0, 1.0, 0.5)
    assert judged.all_evidence_at_k is True
    assert judged.words_at_k == 3 * 11 + 13 + 25  # three fillers and both quotes
    late = judge_retrieval(GOLD["q010"].evidence, [second] + [FILLER] * 4 + [first], multi_hop=True)
    assert (late.first_rank, late.all_evidence_at_k) == (1, False)
    missed = judge_retrieval(GOLD["q010"].evidence, [FILLER] * 10, multi_hop=False)
    assert (missed.first_rank, missed.recall_at_k, missed.reciprocal_rank, missed.all_evidence_at_k) == (
        None, 0.0, 0.0, None,
    )


def test_judge_answer_reads_retrieved_hits_citations_and_latency():
    item = GOLD["q001"]
    quote = item.evidence[0]
    answer = Answer(
        item.question,
        "Techkwadraat omvat een totale investering van €351,6 miljoen [1].",
        citations=[_citation(1, quote), _citation(2, FILLER)],
        retrieved=[_hit(1, FILLER), _hit(2, FILLER), _hit(3, quote)],
        timings_ms={"retrieve": 30.0, "answer": 12.0, "total": 42.0},
    )
    judged = judge_answer(item, answer)
    assert judged.correct and judged.missing == ()
    assert (judged.retrieval.first_rank, judged.citation_precision, judged.citation_recall) == (3, 0.5, 1.0)
    assert judged.fully_supported is True and judged.latency_ms == 42.0
    assert judged.why == ("citation precision 0.50",)
