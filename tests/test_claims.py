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


def test_a_claimed_year_holds_for_a_date_inside_it():
    answer = _check("Is het nieuwe loket echt in 2024 opengegaan?", "Het nieuwe loket is in maart 2024 opengegaan in het stadhuis.")
    assert answer.verdict == "ja"
    short = _check("Is het nieuwe loket echt in okt. 2024 opengegaan?", "Het nieuwe loket is in oktober 2024 opengegaan in het stadhuis.")
    assert short.verdict == "ja"


def test_a_clause_with_only_another_date_does_not_bear_on_a_claimed_figure():
    answer = _check(
        "Moet het afval in 2035 toch 40% minder zijn?",
        "Tijdens het debat van 3 mei 2023 is toegezegd dat de raad wordt geïnformeerd over het afval.",
    )
    assert answer.verdict is None


def test_a_claim_of_only_a_date_is_not_confirmed_when_it_denies_what_the_source_states():
    answer = _check("Dus in 2025 krijgt de stichting nog niks, klopt dat?", "De stichting krijgt vanaf 2025 een jaarlijkse bijdrage.")
    assert answer.verdict is None
    agreed = _check("Dus in 2025 krijgt de stichting een bijdrage, klopt dat?", "De stichting krijgt vanaf 2025 een jaarlijkse bijdrage.")
    assert agreed.verdict == "ja"
