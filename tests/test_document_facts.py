"""Who signed, which ministry, when, and documents asked for by handle: answered over the real corpus index
(real PDFs, real Chroma, real embedding model)."""

from __future__ import annotations

import pytest

from assistant.answering.confidence import confidence_label
from assistant.answering.references import reference
from assistant.cli import _answer_json
from assistant.types import Answer, Filters

LETTERS = {  # file prefix -> the document's id as ingested
    "16": "16_kamerbrief_venj_2011-03-01_draagmoederschap",
    "04": "04_kamerbrief_ienw_2022-12-22_emissies_luchtvaart",
    "01": "01_kamerbrief_ezk_2023-05-30_herijkte_missies_innovatiebeleid",
    "02": "02_kamerbrief_ienw_2023-02-03_nationaal_programma_circulaire_economie",
}
MOTIE = "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente"


def _identity(bot, doc_id):
    return bot.retriever.documents[doc_id].identity


def _only_citation(answer: Answer):
    assert not answer.refused, answer.text
    assert len(answer.citations) == 1, answer.citations
    return answer.citations[0]


@pytest.mark.parametrize("question, prefix, name", [
    ("Wie heeft de brief over draagmoederschap ondertekend?", "16", "F. Teeven"),
    ("Door wie is de Kamerbrief over de emissies door de luchtvaart getekend?", "04", "Mark Harbers"),
    ("Welke bewindspersoon ondertekende de brief over de herijkte missies van het innovatiebeleid?", "01", "M.A.M. Adriaansens"),
    ("Wie staat er onder de brief over het Nationaal Programma Circulaire Economie?", "02", "drs. V.L.W.A. Heijnen"),
])
def test_who_signed_a_letter(corpus_assistant, question, prefix, name):
    answer = corpus_assistant.ask(question)
    signature = _identity(corpus_assistant, LETTERS[prefix]).signatories[0]
    citation = _only_citation(answer)
    assert name in answer.text
    assert (citation.doc, citation.paragraph_id) == (LETTERS[prefix], signature.paragraph_id)
    assert name in citation.quote


def test_the_draagmoederschap_signatory_is_not_the_earlier_minister(corpus_assistant):
    """The letter mentions 'de toenmalige minister van Justitie' and his earlier letter; the signer is Teeven."""
    answer = corpus_assistant.ask("Wie heeft de brief over draagmoederschap ondertekend?")
    assert "Teeven" in answer.text and "toenmalige" not in answer.text
    assert confidence_label(answer.confidence) == "Hoog"


def test_which_ministry_and_when(corpus_assistant):
    ministry = corpus_assistant.ask("Van welk ministerie komt de brief over draagmoederschap?")
    assert "Veiligheid en Justitie" in ministry.text
    assert _only_citation(ministry).paragraph_id == _identity(corpus_assistant, LETTERS["16"]).signatories[0].paragraph_id
    sent = corpus_assistant.ask("Wanneer is de brief over de emissies door de luchtvaart verstuurd?")
    head = _identity(corpus_assistant, LETTERS["04"]).header_id
    assert "22 december 2022" in sent.text and _only_citation(sent).paragraph_id == head
    kenmerk = corpus_assistant.ask("Wat is het kenmerk van de brief over het Nationaal Programma Circulaire Economie?")
    assert "IENW/BSK-2023/33017" in kenmerk.text
    assert _only_citation(kenmerk).paragraph_id == _identity(corpus_assistant, LETTERS["02"]).header_id


def test_when_questions_were_sent_in_and_answered(corpus_assistant):
    answer = corpus_assistant.ask("Wanneer zijn de vragen over de rente van de Tozo-lening ingediend?")
    assert "ingezonden op 3 juni 2021" in answer.text and "ontvangen op 21 juni 2021" in answer.text
    header = _identity(corpus_assistant, "13_aanhangsel_ah-tk-20202021-3235_kamervragen_tozo_szw").header_id
    assert _only_citation(answer).paragraph_id == header


def test_who_submitted_a_motion(corpus_assistant):
    answer = corpus_assistant.ask("Wie hebben de motie over de negatieve spaarrente ingediend?")
    assert "ingediend door Inge van Dijk en P.A. Grinwis [1]" in answer.text  # metadata 'I. (Inge) van Dijk' as printed
    assert _only_citation(answer).paragraph_id == _identity(corpus_assistant, MOTIE).header_id


def test_the_number_of_a_motion(corpus_assistant):
    answer = corpus_assistant.ask("Welk nummer heeft de motie over de negatieve spaarrente?")
    assert "is Kamerstuk 32 545, nr. 143 (kst-32545-143)" in answer.text
    assert _only_citation(answer).paragraph_id == _identity(corpus_assistant, MOTIE).header_id


def test_a_letter_the_corpus_lacks_is_not_answered_with_confidence(corpus_assistant):
    answer = corpus_assistant.ask("Wie heeft de brief over de verlenging van de dienstplicht voor militairen ondertekend?")
    assert answer.refused or confidence_label(answer.confidence) != "Hoog", answer.text


@pytest.mark.parametrize("question", [
    "Wat verzoekt kst-32545-143 de regering?",
    "Wat verzoekt 32545-143 de regering?",
    "Wat verzoekt Kamerstuk 32 545, nr. 143 de regering?",
    "Wat verzoekt Kamerstuk 32545 nr 143 de regering?",
])
def test_a_kamerstuk_named_by_its_number_is_the_only_source(corpus_assistant, question):
    answer = corpus_assistant.ask(question)
    assert answer.retrieved and {h.paragraph.doc_id for h in answer.retrieved} == {MOTIE}
    assert all(c.doc == MOTIE for c in answer.citations)


def test_a_letter_head_is_cited_for_its_facts_but_not_searched(corpus_assistant):
    head = _identity(corpus_assistant, LETTERS["02"]).header_id
    hits = corpus_assistant.retriever.search("Nationaal Programma Circulaire Economie kabinetsreactie ICER SER-verkenning", k=20)
    assert hits and head not in {h.paragraph.id for h in hits}
    assert head in corpus_assistant.retriever.paragraphs


def test_a_handle_filter(corpus_assistant):
    retriever = corpus_assistant.retriever
    hits = retriever.search("negatieve spaarrente", k=5, filters=Filters(handle="Kamerstuk 32 545, nr. 143"))
    assert hits and {h.paragraph.doc_id for h in hits} == {MOTIE}
    assert retriever.search("negatieve spaarrente", k=5, filters=Filters(handle="kst-99999-1")) == []
    other = Filters(doc_ids=(LETTERS["16"],), handle="32545-143")  # the handle names a document not chosen
    assert retriever.search("negatieve spaarrente", k=5, filters=other) == []


def test_citations_carry_the_kamer_reference(corpus_assistant):
    answer = corpus_assistant.ask("Wie heeft de brief over draagmoederschap ondertekend?")
    record = _answer_json(answer)
    assert record["citations"][0]["reference"] == "Kamerbrief VenJ, 1 maart 2011, p. 3"
    assert reference(answer.citations[0], formal=True) == "Kamerbrief VenJ van 1 maart 2011, kenmerk 5687928/11, p. 3"
