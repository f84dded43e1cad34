"""Follow-ups that calculate over what the conversation already answered (invented answers and questions)."""

from __future__ import annotations

from assistant.answering.answer import CitationBook
from assistant.answering.follow_ups import from_history
from assistant.answering.question import analyse
from assistant.types import Answer, Paragraph

_PARAGRAPHS = {
    "d#1": Paragraph("d#1", "d", "Het programma bereikt in 2028 ruim drie miljoen extra leerlingen met schoolfruit.", (2,)),
    "d#2": Paragraph("d#2", "d", "Daarnaast krijgen vijf miljoen leerlingen gratis zwemles. Dat kost € 40 miljoen.", (3,)),
    "d#3": Paragraph("d#3", "d", "De brief is verzonden op 4 maart 2024 en de reactie volgde op 2 april 2024.", (1,)),
    "d#4": Paragraph("d#4", "d", "Het sportfonds omvat in totaal € 200 miljoen.", (4,)),
    "d#5": Paragraph("d#5", "d", "Daarvan gaat € 50 miljoen naar de sportclubs.", (4,)),
    "d#6": Paragraph("d#6", "e", "Den Haag, 12 januari 2024. Het advies van 3 december 2023 is bijgevoegd.", (1,)),
}


def _answered(*paragraph_ids: str) -> Answer:
    book = CitationBook(lambda doc: doc)
    for pid in paragraph_ids:
        book.cite(_PARAGRAPHS[pid], _PARAGRAPHS[pid].text)
    return Answer(text="...", citations=book.citations())


def _follow_up(question: str, *earlier: Answer) -> Answer | None:
    return from_history(analyse(question, has_history=True), list(earlier), _PARAGRAPHS.get, CitationBook(lambda doc: doc))


def test_opgeteld_adds_the_counts_the_earlier_answers_cite():
    answer = _follow_up("en opgeteld, hoeveel leerlingen is dat?", _answered("d#1"), _answered("d#2"))
    assert answer.text == "Samen is dat 8 miljoen leerlingen: drie miljoen extra leerlingen [1] plus vijf miljoen leerlingen [2]."
    assert [c.paragraph_id for c in answer.citations] == ["d#1", "d#2"]


def test_the_days_between_two_answered_dates():
    answer = _follow_up("hoeveel dagen zit daartussen?", _answered("d#3"))
    assert answer.text == "Daartussen zitten 29 dagen: van 4 maart 2024 [1] tot 2 april 2024 [1]."
    assert _follow_up("hoeveel weken zit daartussen?", _answered("d#3")).text.startswith("Daartussen zitten 4,1 weken")
    assert _follow_up("hoeveel maanden zit daartussen?", _answered("d#3")) is None  # not one whole month: no "0 maanden"


def test_the_two_dates_of_one_passage_when_the_answer_cites_more():
    answer = _follow_up("hoeveel dagen zit daartussen?", _answered("d#3", "d#6"))
    assert answer.text.startswith("Daartussen zitten 29 dagen: van 4 maart 2024 [1] tot 2 april 2024 [1].")


def test_no_calculation_without_history_or_for_a_question_that_asks_none():
    assert _follow_up("hoeveel dagen zit daartussen?") is None
    assert _follow_up("en hoeveel leerlingen krijgen zwemles?", _answered("d#1"), _answered("d#2")) is None
    assert _follow_up("opgeteld hoeveel leerlingen is dat?", _answered("d#1")) is None  # one figure: nothing to add


def test_a_share_of_a_whole_takes_the_figure_the_last_answer_cites():
    from assistant.answering.evidence import Sentence
    from assistant.figures import compare as figures

    asked = []

    def find_term(term, kind, unit, exclude, context, years, doc_id):
        asked.append((term, doc_id))
        whole = _PARAGRAPHS["d#4"]
        sentence = Sentence(whole, 0, 0, len(whole.text), 1.0, 1.0, 1.0, frozenset())
        return sentence, figures.by_kind(whole.text)["amount"][0]

    earlier = _answered("d#5")
    earlier.question = "Hoeveel gaat er naar de sportclubs?"
    intent = analyse("welk deel van het totale fonds is dat?", has_history=True)
    answer = from_history(intent, [earlier], _PARAGRAPHS.get, CitationBook(lambda doc: doc), find_term)
    assert answer.text.startswith("Dat is 25%: € 50 miljoen [2] van € 200 miljoen [1].")
    assert asked == [("het totale fonds", "d")]  # the whole is looked for in the part's document
    refused = Answer(text="Dat staat niet in de documenten.", citations=earlier.citations, refused=True)
    assert from_history(intent, [refused], _PARAGRAPHS.get, CitationBook(lambda doc: doc), find_term) is None
