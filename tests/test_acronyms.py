"""Acronyms the documents define, found and used to match either form of a question."""

from __future__ import annotations

from assistant.text.acronyms import Acronyms, find_definitions


def test_definitions_are_found_when_the_initials_spell_the_acronym():
    found = find_definitions([
        "in het Nationaal Programma Circulaire Economie (NPCE) staan",
        "het AI Impact Assessment (AIIA) wordt gebruikt",
        "een verplichte CT (consolidated tape, CT) en de Sociaal-Economische Raad (SER)",
        "de SEPA Credit Transfer (SCT) regels",
        "de Raad van State (RvS) adviseert",
        "zie de bijlage (pdf) en het rapport (2021)",
        "een mooie gelegenheid (MG) die niet bestaat",
    ])
    assert found["NPCE"] == "Nationaal Programma Circulaire Economie"
    assert found["AIIA"] == "AI Impact Assessment"
    assert found["CT"] == "consolidated tape"
    assert found["SER"] == "Sociaal-Economische Raad"
    assert found["SCT"] == "SEPA Credit Transfer"
    assert found["RvS"] == "Raad van State"
    assert found["MG"] == "mooie gelegenheid"  # spelled out, so it counts
    assert "pdf" not in found and len(found) == 7


def test_a_question_gets_the_other_form_of_its_acronyms():
    acronyms = Acronyms({"CT": "consolidated tape", "AFM": "Autoriteit Financiële Markten"})
    assert acronyms.expand("Wat kost een consolidated tape?") == "Wat kost een consolidated tape? CT"
    assert acronyms.expand("Wat doet de AFM?") == "Wat doet de AFM? Autoriteit Financiële Markten"
    assert acronyms.expand("Wat doet de ACT?") == "Wat doet de ACT?"  # whole words only
    assert acronyms.pairs_in("kosten van de CT") == [("consolidated tape", "CT")]


def test_a_question_in_long_form_finds_the_paragraph_that_uses_the_acronym(corpus_assistant):
    answer = corpus_assistant.ask("Wat kost een consolidated tape per jaar?")
    assert not answer.refused
    assert "2,2 tot 7,8 miljoen euro" in answer.text


def test_definitions_found_per_document_merge_to_those_found_over_all_paragraphs():
    """Index segments store each document's definitions; merged in index order they equal one pass over everything."""
    from assistant.parsing.ingest import load_document
    from conftest import CORPUS

    names = ["08_bnc-fiche_fin_2022-12_fiche1_instant_payments.pdf", "09_bnc-fiche_fin_2022-01_fiche5_herziening_mifid.pdf",
             "02_kamerbrief_ienw_2023-02-03_nationaal_programma_circulaire_economie.pdf"]
    documents = sorted((load_document(CORPUS / n) for n in names), key=lambda d: d.id)
    whole = Acronyms.from_texts(p.text for d in documents for p in d.paragraphs)
    merged = Acronyms.merged(find_definitions(p.text for p in d.paragraphs) for d in documents)
    assert list(merged.definitions.items()) == list(whole.definitions.items()) and len(whole.definitions) >= 3


def test_a_name_used_from_then_on_is_a_definition_too():
    found = find_definitions([
        "de impact van 12 Regionale Leer Centra (hierna: RLC) tussen scholen",
        "Het Landelijk Data Platform ICT (hierna te noemen: LDP ICT) ondersteunt",
        "samen met de Wijk Ontwikkel Teams’s (hierna: WOT) van de gemeente",
    ])
    assert found == {"RLC": "Regionale Leer Centra", "LDP ICT": "Landelijk Data Platform ICT", "WOT": "Wijk Ontwikkel Teams’s"}
    acronyms = Acronyms(found)
    assert acronyms.expand("Wat doet het LDP ICT?") == "Wat doet het LDP ICT? Landelijk Data Platform ICT"
    assert acronyms.pairs_in("hoeveel wijk ontwikkel teams's zijn er") == [("Wijk Ontwikkel Teams’s", "WOT")]
