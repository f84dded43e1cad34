"""Language detection on short real-style questions, and rejection of binary garbage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.text.language import detect_language, function_word_vote, is_probably_text, words

# Terse, lowercase, typos: the way people type questions about Kamerbrieven.
DUTCH = [
    "begroting fietsfonds?",
    "einddatum fietsfonds?",
    "wie beheert het ABC fonds eigenlijk",
    "Waarom eindigt de OCW-bijdrage aan het NPO al in 2026?",
    "Met welk bedrag steunt BZK de Green Deal Wonen, en hoe lang nog?",
    "sinds wanneer is de KLIK-regeling ingetrokken?",
    "wat beoogt het proefproject building the skills of tomorrow",
    "hoeveel geld gaat naar microchip talent",
    "structureel geld microchips vanaf wanneer",
    "Wie betaalt CODAM?",
    "wat kost de monitor agdb",
    "klopt het dat er 85 miljoen naar het versterkingsplan gaat",
    "Hoeveel aanvragen kwamen er binnen voor techkwadraat",
    "wanneer horen aanvragers de uitslag",
    "doel van sterk techniekonderwijs?",
    "welke regio's doen mee aan het versterkingsplan",
    "cofinanciering asml hoeveel",
    "wat is de scholingsdeelname van volwassenen",
    "uitval en switch hoger onderwijs maatregelen",
    "welke ministeries zitten achter competentnl",
    "wanneer gaat de brief naar de kamer",
    "Is er een evaluatie gepland van de subsidieregeling?",
    "wat zijn de kpi's van techkwadraat",
    "hoeveel nieuwkomers vonden een baan via het taaltraject",
    "waar staat de HIP GreenTech campus",
    "wat doet het kabinet aan vrouwen in de techniek",
    "Welke doelen heeft de luchtvaartnota voor co2?",
    "hoe hoog is de emissieplafond schiphol",
    "circulaire economie doelen 2030",
    "wat zegt de brief over instant payments",
    "wie is verantwoordelijk voor de ai impact assessment",
    "Hoeveel rente op bbz leningen?",
    "tozo terugbetalen wanneer",
    "negatieve spaarrente motie wat vraagt de kamer",
    "budet klimaatfonds bbl",
    "waarom is de regeling afgeschaft",
    "tot wanneer loopt het programma",
    "komt er meer geld voor lerarenopleidingen",
    "wat gebeurt er in 2027 met het voorwaardelijke deel",
    "hoeveel mbo studenten techniek",
    "Welke maatregelen staan in het actieplan groene en digitale banen?",
    "subsidie sterk techniekonderwijs 2025-2029 hoeveel",
    "wie betaald het projcet eigenlijk",
    "Geef een overzicht van de pijlers",
    "stand van zaken innovatieagenda rijkswaterstaat",
    "doel nationaal programma circulaire economie",
    "bbz rente percentage",
]

ENGLISH = [
    "What does the bicycle fund cost in total?",
    "how long does techkwadraat run",
    "who runs the TTT programme",
    "When was the SLIM scheme abolished?",
    "how much money goes to microchip talent",
    "What does the cabinet do for women in tech?",
    "which regions take part in the strengthening plan",
    "What are the goals for aviation emissions?",
    "is there an evaluation of the subsidy scheme planned",
    "How many applications were received?",
    "what will happen in 2027",
    "Who pays for CODAM?",
    "Why did the EZ subsidy stop after 2025?",
    "how high is the interest on bbz loans",
    "what does the letter say about instant payments",
    "Which ministries are behind CompetentNL?",
    "give me an overview of the pillars",
]

GERMAN = [
    "Wie hoch ist das Budget von Techkwadraat?",
    "Wer führt das TTT Programm durch?",
    "Wann wurde die SLIM-Regelung abgeschafft?",
    "Wie viel Geld gibt es für Mikrochip-Talente?",
    "Welche Ministerien sind beteiligt?",
]


@pytest.mark.parametrize("question", DUTCH)
def test_short_dutch_questions_are_dutch(question):
    assert detect_language(question) == "nl"


@pytest.mark.parametrize("question", ENGLISH)
def test_english_questions_are_english(question):
    assert detect_language(question) == "en"


@pytest.mark.parametrize("question", GERMAN)
def test_german_questions_are_german(question):
    assert detect_language(question) == "de"


def test_sets_are_large_enough_to_mean_something():
    assert len(DUTCH) >= 40 and len(ENGLISH) >= 15 and len(GERMAN) >= 3


def test_every_gold_question_is_dutch():
    gold = sorted((Path(__file__).resolve().parent.parent / "evals").glob("*.jsonl"))
    questions = [json.loads(line)["question"] for path in gold for line in path.open() if line.strip()]
    assert len(questions) >= 40
    assert [q for q in questions if detect_language(q) != "nl"] == []


def test_longer_text_goes_to_langdetect():
    french = (
        "Quel est le montant total investi par le gouvernement néerlandais "
        "dans le programme pour les talents des puces électroniques?"
    )
    assert detect_language(french) == "fr"


def test_short_french_question_is_french():
    assert detect_language("Quel est le budget de Techkwadraat?") == "fr"


def test_keyword_queries_without_function_words_are_dutch():
    # langdetect calls these Italian, Spanish or Danish with high confidence
    for query in ("bbz rente percentage", "circulaire economie doelen 2030", "budet klimaatfonds bbl"):
        assert detect_language(query) == "nl"


def test_detection_is_deterministic():
    question = "Waarom eindigt de OCW-bijdrage aan het NPO al in 2026?"
    assert {detect_language(question) for _ in range(5)} == {"nl"}


def test_no_words_means_the_product_language():
    assert detect_language("2025?") == "nl"
    assert detect_language("") == "nl"


def test_function_word_vote_needs_a_clear_lead():
    assert function_word_vote(words("wat kost het")) == "nl"
    assert function_word_vote(words("begroting fietsfonds")) is None
    assert function_word_vote(words("wat the")) is None


@pytest.mark.parametrize(
    "text",
    [
        "begroting fietsfonds?",
        "Klopt het dat het kabinet €450 miljoen investeert?",
        "wat staat er in de brief van 30-05-2023 over missies\n en innovatie",
    ],
)
def test_questions_are_text(text):
    assert is_probably_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n ",
        "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "%PDF-1.7\n\x00\x01\x02\x03\x04\x05 stream \x06\x07\x08\x0b\x0e\x0f",
        "\ufffd\ufffd\ufffdH\ufffd\ufffd\ufffd\ufffd",
        "1234 5678 9012 ???",
        "QmFzZTY0IGVuY29kZWQgYmxvYiB0aGF0IGlzIG5vdCBhIHF1ZXN0aW9uIGF0IGFsbCBidXQgbG9va3MgbGlrZSBsZXR0ZXJz",
    ],
)
def test_binary_garbage_is_not_text(text):
    assert not is_probably_text(text)
