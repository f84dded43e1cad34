"""Claim checks on invented sentences: which clause a claim of several figures is judged on."""

from __future__ import annotations

from assistant.answering.answer import CitationBook
from assistant.answering.claims import check_claim
from assistant.answering.evidence import Query, Sentence, kinds_of
from assistant.answering.question import analyse
from assistant.text.tokens import tokenize
from assistant.types import Paragraph


def _scored(*texts: str) -> list[Sentence]:
    sentences = []
    for i, text in enumerate(texts):
        paragraph = Paragraph(f"doc#{i}", "doc", text, (1,))
        score = 1.0 - 0.2 * i
        sentences.append(Sentence(paragraph, i, 0, len(text), score, 0.5, 0.5, kinds_of(text)))
    return sentences


def _check(question: str, *texts: str):
    intent = analyse(question)
    query = Query({t: 1.0 for t in tokenize(intent.claim)})
    return check_claim(intent, _scored(*texts), query, CitationBook(lambda doc: doc))


def test_a_claim_of_two_figures_is_judged_on_the_clause_that_states_one_of_them_as_claimed():
    answer = _check(
        "Een toeristenbelasting van 5% zou zo'n 12 miljoen opleveren, klopt dat?",
        "Toeristenbelasting: de gemeente heft nu 7% op de overnachtingsprijs in hotels en pensions.",
        "De opbrengst bedraagt bij een tarief van 5% circa € 8 miljoen per jaar.",
    )
    assert answer.verdict == "nee" and "€ 8 miljoen, niet 12 miljoen" in answer.text


def test_a_bare_scale_word_before_a_money_verb_is_an_amount():
    from assistant.figures import compare as figures

    assert "amount" in figures.by_kind("de heffing zou 12 miljoen opleveren")
    assert "amount" in figures.by_kind("het plan kan 2 miljoen kosten")
    assert "amount" not in figures.by_kind("het plan levert 2 miljoen banen op")


def test_a_claim_is_read_in_the_best_sentences_that_state_a_figure_of_its_kind():
    districts = "Noord Zuid Oost West Centrum Haven Dorp Veld Bos Heide Duin Polder Kade Markt Brink Singel Gracht".split()
    wordy = [f"De wachttijd voor een parkeervergunning is onderwerp van gesprek in de wijk {d}." for d in districts]
    answer = _check("Klopt het dat de wachttijd voor een parkeervergunning negen weken is?", *wordy,
                    "De wachttijd voor een parkeervergunning is zes weken.")
    assert answer.verdict == "nee" and "zes weken, niet negen weken" in answer.text
