"""How sentences are weighed as evidence (invented paragraphs): what a sentence is read with."""

from __future__ import annotations

from assistant.answering.evidence import Query, score_sentences
from assistant.answering.question import analyse
from assistant.text.tokens import tokenize
from assistant.types import Hit, Paragraph


def _query(text: str) -> Query:
    return Query({t: 1.0 for t in tokenize(text) if not t.startswith("#")})


def test_a_documents_title_names_what_its_paragraphs_are_about():
    paragraph = Paragraph("fiche#3", "fiche", "In de eerste jaren een opbrengst van € 40 miljoen, daarna € 10 miljoen.", (2,),
                          section=("Budgettaire aspecten",))
    question = "Wat levert het afschaffen van de parkeervergunning op?"
    untitled = score_sentences([Hit(paragraph, 1.0)], _query(question), analyse(question))[0]
    titled = score_sentences([Hit(paragraph, 1.0, doc_title="Fiche 7. Afschaffen parkeervergunning")], _query(question),
                             analyse(question))[0]
    assert titled.context > untitled.context


def test_which_things_is_answered_with_the_sentence_that_names_them():
    from assistant.answering.selection import select

    text = ("De gemeente zet in op meer groen in de wijken. Doel hiervan is een koelere stad. "
            "We beginnen met de Schilderswijk (via het wijkfonds), Transvaal, en de Binckhorst. Daarna volgt de rest.")
    question = "In welke wijken begint de gemeente met meer groen?"
    scored = score_sentences([Hit(Paragraph("doc#1", "doc", text, (1,)), 1.0)], _query(question), analyse(question))
    chosen = select(scored, analyse(question), _query(question))
    assert any("Schilderswijk" in s.text and "Binckhorst" in s.text for s in chosen)


def test_who_prefers_a_sentence_that_names_the_actor():
    text = ("De gemeente berekent de geluidsbelasting rond het vliegveld. "
            "De geluidsbelasting rond het vliegveld berekent ook het KNMI.")
    question = "Wie berekent de geluidsbelasting rond het vliegveld?"
    scored = score_sentences([Hit(Paragraph("doc#1", "doc", text, (1,)), 1.0)], _query(question), analyse(question))
    assert "KNMI" in scored[0].text


def test_two_quotes_of_one_paragraph_stay_a_part_of_it():
    from assistant.answering.answer import CitationBook

    text = "De brug opent in 2027. De kosten zijn gestegen. Het budget is € 12 miljoen."
    book = CitationBook(lambda doc: doc)
    paragraph = Paragraph("doc#1", "doc", text, (1,))
    book.cite(paragraph, "De brug opent in 2027.")
    book.cite(paragraph, "Het budget is € 12 miljoen.")
    quote = book.citations()[0].quote
    assert quote in text and quote.startswith("De brug") and quote.endswith("12 miljoen.")
