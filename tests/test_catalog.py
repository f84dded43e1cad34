"""The corpus catalogues behind the "Bedragen" and "Tijdlijn" pages, on real documents from corpus/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.figures.catalog import amounts, scaled_paragraphs, timeline
from assistant.parsing.ingest import load_document
from assistant.types import Document, Paragraph

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def annex() -> Document:
    return load_document(CORPUS / "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt")


@pytest.fixture(scope="module")
def budget() -> Document:
    return load_document(CORPUS / "17_begroting_kst-35000-I-2_p12_uitsnede_tabellen_euro.pdf")


def test_amounts_carry_purpose_period_and_source(annex):
    entries = amounts([annex])
    techkwadraat = next(e for e in entries if e.value == 351_600_000)
    assert techkwadraat.raw == "€351,6 miljoen" and techkwadraat.currency == "EUR"
    assert "Techkwadraat" in techkwadraat.sentence and "2031" in techkwadraat.period
    assert techkwadraat.label == "€351,6 miljoen"
    yearly = next(e for e in entries if e.value == 100_000_000)
    assert yearly.per == "jaar" and yearly.label.endswith("per jaar")
    paragraphs = {p.id: p for p in annex.paragraphs}
    for e in entries:
        assert e.sentence in paragraphs[e.source.paragraph_id].text
        assert e.raw in e.sentence
        assert e.source.doc_id == annex.id and e.source.pages


def test_table_rows_take_the_scale_of_their_table(budget):
    entries = amounts([budget])
    by_row = {e.sentence: e for e in entries}
    staff = next(e for s, e in by_row.items() if s.startswith("Personeel Dienst van het Koninklijk Huis"))
    assert staff.raw == "18.206" and staff.value == 18_206_000
    prose = next(e for e in entries if e.raw == "€ 105.000")
    assert prose.value == 105_000, "prose amounts are not scaled"


def test_scale_from_a_caption_paragraph_ends_with_the_table():
    rows = ["Uitgaven subsidieregeling (bedragen x € 1.000)", "Subsidies: 2.500", "Uitvoering: 300",
            "Het kabinet trekt daarnaast € 40 miljoen uit."]
    kinds = ["paragraph", "table_row", "table_row", "paragraph"]
    doc = Document("d", "d.txt", "", "Test", paragraphs=tuple(
        Paragraph(f"d-{n}", "d", text, (1,), kind=kind) for n, (text, kind) in enumerate(zip(rows, kinds))))
    assert [scale for _, scale in scaled_paragraphs(doc)] == [1.0, 1000.0, 1000.0, 1.0]


def test_timeline_is_dated_sorted_and_sourced(annex):
    entries = timeline([annex])
    assert entries == sorted(entries, key=lambda e: (e.first, e.last, e.source.doc_id))
    until = next(e for e in entries if e.relation == "tot en met")
    assert until.first == dt.date(2027, 1, 1) and until.last == dt.date(2027, 12, 31)
    assert "HCA ICT" in until.sentence
    medio = next(e for e in entries if "medio 2025" in e.raw)
    assert medio.precision == "season" and medio.first.year == 2025
    keys = [(e.source.paragraph_id, e.raw, e.first) for e in entries]
    assert len(keys) == len(set(keys)), "one entry per date per paragraph"
    paragraphs = {p.id: p for p in annex.paragraphs}
    assert all(e.sentence in paragraphs[e.source.paragraph_id].text for e in entries)


def test_an_entry_quotes_its_whole_sentence_and_a_table_row_whole():
    prose = ("De minister stuurt voor 1 juni 2025 een brief. Daarin staat o.a. € 3,8 mln. voor 2025, "
             "zie Kamerstukken II 2024/25, nr. 12 uit 2024! Klaar")
    rows = [(prose, "paragraph"), ("Stand ontwerpbegroting 2018: 2018: 28.287; 2019: 28.288", "table_row")]
    doc = Document("d", "d.txt", "", "Test", paragraphs=tuple(
        Paragraph(f"d-{n}", "d", text, (1,), kind=kind) for n, (text, kind) in enumerate(rows)))
    second = "Daarin staat o.a. € 3,8 mln. voor 2025, zie Kamerstukken II 2024/25, nr. 12 uit 2024!"
    assert [e.sentence for e in amounts([doc])] == [second]
    by_date = {(e.raw, e.source.paragraph_id): e.sentence for e in timeline([doc])}
    assert by_date[("1 juni 2025", "d-0")] == "De minister stuurt voor 1 juni 2025 een brief."
    assert by_date[("2024", "d-0")] == second
    assert by_date[("2019", "d-1")] == rows[1][0], "a cell is shown with its row's label"
