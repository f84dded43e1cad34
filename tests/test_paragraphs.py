"""Pure paragraph functions on strings: unwrapping, hyphens, sentences, splitting, footnote markers, ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.parsing.ingest import load_document
from assistant.parsing.footnotes import explicit_marker, strip_footnote_markers
from assistant.parsing.paragraphs import hyphen_vocabulary, join_lines, split_long
from assistant.types import paragraph_id
from assistant.text.sentences import has_question_word, sentence_at, sentence_spans

ROOT = Path(__file__).resolve().parents[1]


def test_join_lines_hyphenation():
    assert join_lines(["het aantal aanvra-", "gen steeg"]) == "het aantal aanvragen steeg"
    assert join_lines(["het NGF-", "voorstel"]) == "het NGF-voorstel"
    assert join_lines(["in de taal- ", "en cultuurverschillen"]) == "in de taal- en cultuurverschillen"
    assert join_lines(["subsidieregeling 2025-", "2029 loopt"]) == "subsidieregeling 2025-2029 loopt"
    vocabulary = hyphen_vocabulary(["de vmbo-scholen in de regio"])
    assert join_lines(["samen met vmbo-", "scholen"], vocabulary) == "samen met vmbo-scholen"


@pytest.mark.parametrize(
    "sentences",
    [
        pytest.param(
            ["Dit geldt o.a. voor scholen, bijv. in het mbo.", "Het bedrag is € 3.8 miljoen en 351,6 mln. euro.",
             "Zie art. 5 en nr. 12 d.w.z. het besluit.", "Daarna volgt e.d. meer."],
            id="abbreviations-and-decimals",
        ),
        pytest.param(
            ["De maatregelen volgen vier punten: 1. Minder grondstoffen; 2. Substitutie; 3. Levensduur en 4. Verwerking.",
             "Het budget is 3.", "1. Eerste stap.", "2. Tweede stap."],
            id="numbered-list-items",
        ),
    ],
)
def test_sentence_spans_break_only_where_a_sentence_ends(sentences):
    text = " ".join(sentences)
    assert [text[s:e].strip() for s, e in sentence_spans(text)] == sentences


def test_sentence_at_gives_the_sentence_holding_a_position():
    text = "Eerste zin o.a. met € 5 mln. erin. Tweede zin."
    start, end = sentence_at(text, text.index("mln"))
    assert text[start:end].strip() == "Eerste zin o.a. met € 5 mln. erin."
    assert text[slice(*sentence_at(text, len(text) - 1))] == "Tweede zin."
    assert sentence_at("", 0) == (0, 0)


@pytest.mark.parametrize("text, asks", [
    ("Wanneer krijgt de Kamer de strategie", True), ("en waarvoor is het bedoeld", True), ("welke drie maatregelen", True),
    ("Hoeveel geld", True), ("en over de sectoragenda", False), ("de wateren en het watt-getal", False),
])
def test_has_question_word(text, asks):
    assert has_question_word(text) is asks


def test_split_long_gives_balanced_sentence_aligned_parts():
    text = " ".join(f"Zin {i} heeft precies tien woorden in deze korte test." for i in range(30))
    parts = [text[s:e].strip() for s, e in split_long(text)]
    counts = [len(p.split()) for p in parts]
    assert len(parts) == 3 and max(counts) <= 120 and max(counts) - min(counts) <= 10
    assert all(p.endswith(".") for p in parts)
    assert split_long("Kort. Heel kort.") == [(0, 16)]


def test_footnote_markers_follow_the_numbering_sequence():
    text = "Het jaar2 begon. In 2025 kwamen 57 aanvragen, €351,6 miljoen, voor 2025 en 20263. CO2 en H2 blijven."
    clean, markers, expected = strip_footnote_markers(text, set(), 2)
    assert clean == "Het jaar begon. In 2025 kwamen 57 aanvragen, €351,6 miljoen, voor 2025 en 2026. CO2 en H2 blijven."
    assert [n for _, n in markers] == [2, 3] and expected == 4


def test_paragraph_ids_are_short_and_stable():
    assert paragraph_id("doc", 7) == paragraph_id("doc", 7)
    assert re.fullmatch(r"[0-9a-f]{8}-0007", paragraph_id("doc", 7))
    assert paragraph_id("doc", 7) != paragraph_id("doc2", 7)


def _letters(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) >= 2]


def test_dev_evidence_quotes_are_each_covered_by_one_annex_paragraph():
    doc = load_document(ROOT / "corpus" / "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt")
    paragraphs = [set(_letters(p.text)) for p in doc.paragraphs]
    quotes = [q for line in ((ROOT / "evals" / "dev.jsonl").read_text(encoding="utf-8").splitlines())
              if line.strip() for q in json.loads(line).get("evidence", [])]
    uncovered = []
    for quote in quotes:
        words = _letters(quote)
        if max(sum(w in p for w in words) / len(words) for p in paragraphs) < 0.8:
            uncovered.append(quote)
    assert quotes and uncovered == []


def _bound_fiches(tmp_path, numbers: tuple[str, ...]):
    """Corpus fiches bound into one PDF, in order, as a list of measures arrives; parsed."""
    import pypdf

    writer = pypdf.PdfWriter()
    for number in numbers:
        (fiche,) = (ROOT / "corpus").glob(f"19_*fiche{number}_*.pdf")
        for page in pypdf.PdfReader(fiche).pages:
            writer.add_page(page)
    bound = tmp_path / "maatregelen.pdf"
    writer.write(bound)
    return load_document(bound)


def test_a_list_of_measures_keeps_each_measure_above_its_recurring_headings(tmp_path):
    """The fiches bound into one PDF, as a list of measures arrives: 'Budgettaire aspecten' recurs under every
    measure, and a paragraph or table row under it is indexed with the measure it belongs to."""
    from assistant.index.indexer import passage_text
    from assistant.parsing.blocks import numbered_depth, topic_heading

    doc = _bound_fiches(tmp_path, ("040", "062", "080"))
    budget = next(p for p in doc.paragraphs if "Het verhogen van het budget van de MIA met 30 mln" in p.text)
    assert "62. Verruiming MIA en Vamil" in budget.section and budget.section[-1] == "Budgettaire aspecten"
    assert passage_text(budget, doc).startswith("62. Verruiming MIA en Vamil\nBudgettaire aspecten\n")
    bpm = next(p for p in doc.paragraphs if p.text.startswith("Hieronder is het budgettair beslag"))
    assert passage_text(bpm, doc).startswith("40. Afschaffen teruggaaf BPM")
    # a table inside a measure is that measure's table
    police = next(p for p in doc.paragraphs if p.kind == "table_row" and p.text.startswith("Teruggaaf politievoertuigen"))
    assert "40. Afschaffen teruggaaf BPM en vrijstelling MRB voor overheidsvoertuigen" in passage_text(police, doc)
    fireworks = next(p for p in doc.paragraphs if p.kind == "table_row" and p.text.startswith("Belasting op vuurwerk"))
    assert "80. Belasting op (consumenten)vuurwerk" in passage_text(fireworks, doc)
    # in a list of measures every paragraph belongs to one, whatever font its heading is set in
    loose = [p.text for p in doc.paragraphs if p.kind in ("paragraph", "table_row") and not topic_heading(p.section)
             and not (p.section and numbered_depth(p.section[-1]))]
    assert loose == []


def test_a_styled_heading_broken_at_a_hyphen_is_one_heading(tmp_path):
    from assistant.parsing.blocks import topic_heading

    doc = _bound_fiches(tmp_path, ("040", "062", "080", "120", "141"))
    budget = next(p for p in doc.paragraphs if "opbrengst van € 470 miljoen" in p.text)
    assert topic_heading(budget.section).endswith("te verrekenen in de Vpb (carry-back)")


def test_a_symbol_fonts_bullets_are_read_as_bullets():
    """pypdf gives a bullet set in the Symbol font as a private-use code point, which a reader sees as a box."""
    doc = load_document(next((ROOT / "corpus").glob("19_*fiche062_*.pdf")))
    assert not [c for p in doc.paragraphs for c in p.text if 0xE000 <= ord(c) <= 0xF8FF]
    assert any(p.text.lstrip().startswith("• Het verhogen van het budget van de MIA") for p in doc.paragraphs)
