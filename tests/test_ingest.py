"""Ingestion on the real corpus: golden paragraphs, furniture-free text, stable ids, refused bad files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.parsing.footnotes import MARKER_CLOSE, MARKER_OPEN
from assistant.parsing.ingest import format_inspection, iter_source_files, load_document
from assistant.parsing.letter import letter_facts

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.json"))
SCAN = CORPUS / "15_bijlage_blg-1007826_beslisnota_nitraat_SCAN_GEEN_TEKSTLAAG.pdf"
# A word with lowercase letters directly followed by 1-3 digits: a footnote marker left glued ("jaar2").
# All-caps codes (CO2, H2, Q1) and hyphenated tokens (COVID-19) do not match.
GLUED_MARKER = re.compile(r"\b[^\W\d_][a-zà-ÿ]{2,}\d{1,3}\b(?!\.\w)")  # not a domain like 'ukcop26.org'
# A footnote number glued to a year: 'Kamerbrief van 3 maart 20208' (footnote 8 after 2020).
GLUED_ON_YEAR = re.compile(r"\b(?:19|20)[0-3]\d\d{1,2}\b(?![.,]\d)")
PAGE_LABEL = re.compile(r"P\s?agina\s+\d+\s+van\s+\d+", re.IGNORECASE)
ADDRESS = re.compile(r"\bPostbus\s+\d{3,5}\b|\b\d{4}\s?[A-Z]{2}\s+(?:Den Haag|DEN HAAG|'s-Gravenhage)")


def _documents():
    return [p for p in iter_source_files([CORPUS]) if p != SCAN]  # the scan is read by OCR: tests/test_ocr.py


@pytest.fixture(scope="module")
def corpus_docs():
    return {p.name: load_document(p) for p in _documents()}


@pytest.mark.parametrize("golden_path", GOLDEN, ids=[g.stem for g in GOLDEN])
def test_golden_paragraphs(golden_path):
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    doc = load_document(CORPUS / golden["file"])
    assert (doc.title, doc.date, doc.doc_type) == (golden["title"], golden["date"], golden["doc_type"])
    assert doc.metadata == golden["metadata"]
    assert len(doc.paragraphs) == golden["paragraph_count"]
    by_id = {p.id: p for p in doc.paragraphs}
    for expected in golden["paragraphs"]:
        p = by_id[expected["id"]]
        assert p.text == expected["text"]
        assert (p.kind, list(p.pages), list(p.section)) == (expected["kind"], expected["pages"], expected["section"])
        assert (list(p.footnotes), p.refers_to) == (expected["footnotes"], expected["refers_to"])


def test_iter_source_files_skips_metadata_and_sorts():
    files = iter_source_files([CORPUS])
    assert files == sorted(files)
    assert all(f.suffix in (".pdf", ".txt", ".md") for f in files)
    assert not any(f.name in ("SOURCES.tsv", "manifest.json") or f.name.endswith(".xml") for f in files)


def test_no_page_furniture_anywhere(corpus_docs):
    for name, doc in corpus_docs.items():
        kenmerk = doc.metadata.get("Kenmerk")
        letter_head = doc.identity.header_id if doc.identity and doc.identity.kind == "kamerbrief" else None
        for p in doc.paragraphs:
            if p.id == letter_head:  # the letter head, kept as one citable paragraph after the body
                assert p.section == ("Briefhoofd",) and kenmerk in p.text, (name, p.id)
                continue
            assert not PAGE_LABEL.search(p.text), (name, p.id, p.text[:80])
            assert "Retouradres" not in p.text, (name, p.id)
            assert not ADDRESS.search(p.text), (name, p.id, p.text[:80])
            assert not kenmerk or kenmerk not in p.text, (name, p.id, kenmerk)


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name[:3])
def test_no_glued_footnote_digits(path):
    doc = load_document(path)
    glued = [m.group(0) for p in doc.paragraphs for m in GLUED_MARKER.finditer(p.text)]
    glued += [m.group(0) for p in doc.paragraphs if p.kind != "footnote" for m in GLUED_ON_YEAR.finditer(p.text)]
    assert glued == []
    assert not any(MARKER in p.text for p in doc.paragraphs for MARKER in (MARKER_OPEN, MARKER_CLOSE))


def test_real_numbers_survive_footnote_stripping():
    doc = load_document(CORPUS / "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt")
    text = doc.text
    for figure in ("€351,6 miljoen", "57 aanvragen", "13 juni", "8.500 private partners", "€3.8 miljoen",
                   "voor 2025 en 2026.", "subsidieregeling binnen", "NGF-voorstel", "vmbo-scholen"):
        assert figure in text, figure
    assert "202612" not in text and "subsidieregeling1" not in text


def test_ids_stable_and_offsets_consistent(corpus_docs):
    seen = set()
    for name, doc in corpus_docs.items():
        again = load_document(CORPUS / name)
        assert [p.id for p in doc.paragraphs] == [p.id for p in again.paragraphs]
        for p in doc.paragraphs:
            assert doc.text[p.start : p.end] == p.text
            assert len(p.id) <= 24 and p.id not in seen
            seen.add(p.id)


def test_footnotes_link_both_ways(corpus_docs):
    for doc in corpus_docs.values():
        by_id = {p.id: p for p in doc.paragraphs}
        for p in doc.paragraphs:
            for note_id in p.footnotes:
                assert by_id[note_id].kind == "footnote"
            if p.kind == "footnote" and p.refers_to:
                assert p.id in by_id[p.refers_to].footnotes


def test_paragraph_size_is_focused(corpus_docs):
    words = sorted(len(p.text.split()) for d in corpus_docs.values() for p in d.paragraphs)
    assert words[len(words) // 2] < 120


def test_sentence_crossing_a_page_gets_both_pages(corpus_docs):
    doc = corpus_docs["01_kamerbrief_ezk_2023-05-30_herijkte_missies_innovatiebeleid.pdf"]
    assert any(p.pages == (1, 2) for p in doc.paragraphs)


def test_sidecar_metadata_xml():
    doc = load_document(CORPUS / "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente.pdf")
    assert doc.metadata["dossiernummer"] == "32545"
    assert doc.metadata["ondernummer"] == "143"


def test_metadata_from_letter_without_manifest(tmp_path):
    source = CORPUS / "16_kamerbrief_venj_2011-03-01_draagmoederschap.pdf"
    copy = tmp_path / "brief.pdf"
    copy.write_bytes(source.read_bytes())
    doc = load_document(copy)
    assert (doc.title, doc.date) == ("Draagmoederschap", "2011-03-01")
    assert doc.metadata["Kenmerk"] == "5687928/11"


@pytest.mark.parametrize(("datum", "iso"), [
    ("1 maart 2011", "2011-03-01"), ("Den Haag, 30 mei 2023", "2023-05-30"), ("15-11-2024", "2024-11-15"),
    ("1 jan. 2025", "2025-01-01"), ("13 juni", None), ("mei 2023", None),
])
def test_a_letters_date_is_the_first_day_with_a_year_in_its_datum_label(datum, iso):
    facts = letter_facts({"Datum": datum, "Ons kenmerk": "X/1"})
    assert (facts.get("date"), facts["Kenmerk"]) == (iso, "X/1")




def test_inspection_lists_every_paragraph(corpus_docs):
    doc = corpus_docs["17_begroting_kst-35000-I-2_p12_uitsnede_tabellen_euro.pdf"]
    lines = format_inspection(doc).splitlines()
    assert sum(1 for line in lines if line.startswith(doc.paragraphs[0].id[:8])) == len(doc.paragraphs)


def test_footnote_block_at_page_bottom_is_recognised(corpus_docs):
    doc = corpus_docs["04_kamerbrief_ienw_2022-12-22_emissies_luchtvaart.pdf"]
    notes = [p for p in doc.paragraphs if p.kind == "footnote"]
    assert len(notes) >= 10 and all(p.refers_to for p in notes)
    zwavel = next(p for p in doc.paragraphs if "mondiale zwavelnorm" in p.text)
    assert "Zoals aangegeven in de Kamerbrief van 3 maart 2020 ligt de mondiale zwavelnorm" in zwavel.text
    assert zwavel.footnotes and "2019/20" in next(p.text for p in notes if p.id == zwavel.footnotes[0])


def test_body_lines_near_the_page_bottom_are_kept(corpus_docs):
    text = corpus_docs["16_kamerbrief_venj_2011-03-01_draagmoederschap.pdf"].text
    assert "De Raad voor de Kinderbescherming meldt per jaar in ongeveer tien gevallen in aanraking" in text
    assert "In Nederland wordt slechts HTDM toegestaan (protocol)" in text


def test_character_spacing_in_justified_letters_does_not_split_words(corpus_docs):
    npce = corpus_docs["02_kamerbrief_ienw_2023-02-03_nationaal_programma_circulaire_economie.pdf"].text
    assert ("langs de vier aangrijpingspunten: 1. Vermindering gebruik grondstoffen; 2. Substitutie; "
            "3. Levensduurverlenging en 4. Hoogwaardige verwerking.") in npce
    assert "Met de inzet op de vier aangrijpingspunten, zorgen we" in npce
    luchtvaart = corpus_docs["04_kamerbrief_ienw_2022-12-22_emissies_luchtvaart.pdf"].text
    assert "emissies boven 3.000 voet" in luchtvaart and "bove n" not in luchtvaart
    assert "Zoals aangegeven in de Kamerbrief van 3 maart 2020 ligt" in luchtvaart  # a word break after a marker stays


def test_a_heading_wrapped_after_en_keeps_its_last_words(corpus_docs):
    doc = corpus_docs["04_kamerbrief_ienw_2022-12-22_emissies_luchtvaart.pdf"]
    headings = [p.text for p in doc.paragraphs if p.kind == "heading"]
    assert "1.2 Blootstelling van platformmedewerkers aan ultrafijn stof en andere stoffen" in headings
    opening = next(p for p in doc.paragraphs if "Verkenning haalbaarheid gezondheidsonderzoek" in p.text)
    assert opening.text.startswith("Op 1 oktober 2021 heeft de Kamer")
    # a wrap in the heading's own style, without a joining word, goes on too
    assert "1.1 Blootstelling van de omgeving van luchthavens aan ultrafijn stof van de luchtvaart" in headings
    fiche = corpus_docs["08_bnc-fiche_fin_2022-12_fiche1_instant_payments.pdf"]
    assert any(p.text.endswith("concurrentiekracht en geopolitieke aspecten") for p in fiche.paragraphs if p.kind == "heading")
    assert any(p.text.startswith("a) Consequenties EU-begroting Het voorstel heeft geen gevolgen") for p in fiche.paragraphs)


def test_a_short_heading_does_not_swallow_the_first_line_of_its_paragraph():
    from assistant.parsing import blocks
    lines = [
        blocks.Line(text="Niet alles kan", page=1, gap_before=True, width_ratio=0.2, style_rank=1),
        blocks.Line(text="Deze agenda bevat grote ambities die", page=1, gap_before=False, width_ratio=0.5),
        blocks.Line(text="de dienst niet alleen kan waarmaken.", page=1, gap_before=False),
    ]
    built = blocks.build_blocks(lines)
    assert [b.kind for b in built][:1] == ["heading"] and len(built[0].lines) == 1
