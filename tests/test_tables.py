"""Tables read as data from real pages of corpus/ 17, 18 and the 19_ fiches: every cell with its row,
column, value and unit, empty cells included (golden: tests/golden/tables/tables.json, checked by eye
against the page images)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from assistant.figures.cells import cell_value, find_unit, is_value, read_unit, shown
from assistant.parsing.ingest import load_document
from assistant.types import Cell

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOLDEN = json.loads((Path(__file__).parent / "golden" / "tables" / "tables.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _document(name: str):
    return load_document(CORPUS / name)


def _tables(doc) -> list[list]:
    """Table rows of a document grouped by table (title and header), as [label, [[column, raw, unit, group]]]."""
    found, key = [], None
    for p in doc.paragraphs:
        if p.kind != "table_row":
            key = None
            continue
        if (p.table, p.section[-1:]) != key:
            key = (p.table, p.section[-1:])
            found.append((p.table, list(p.pages), []))
        found[-1][2].append([p.cells[0].row, [[c.column, c.raw, c.unit, c.group] for c in p.cells]])
    return found


def test_golden_holds_tables_from_each_source():
    files = {t["file"][:3] for t in GOLDEN}
    assert {"17_", "18_", "19_"} <= files and len(GOLDEN) >= 12


@pytest.mark.parametrize("table", GOLDEN, ids=[f"{t['file'][:12]}-p{t['pages'][0]}-{t['title'][:20]}" for t in GOLDEN])
def test_golden_table_cells(table):
    read = [t for t in _tables(_document(table["file"])) if t[0] == table["title"] and t[1] == table["pages"]]
    expected = [[r["label"], r["cells"]] for r in table["rows"]]
    assert any(rows == expected for _, _, rows in read), f"cells differ for {table['title']!r}"


def test_a_begroting_table_keeps_empty_nil_and_unit():
    doc = _document("17_begroting_kst-35000-I-2_p12_uitsnede_tabellen_euro.pdf")
    row = next(p for p in doc.paragraphs if p.kind == "table_row" and p.text.startswith("Stand ontwerpbegroting 2019"))
    cell = next(c for c in row.cells if c.column == "2019")
    assert (cell.row, cell.raw, cell.unit) == ("Stand ontwerpbegroting 2019", "28.914", "x € 1.000")
    assert cell_value(cell) == 28_914_000
    first = next(p for p in doc.paragraphs if p.kind == "table_row" and p.text.startswith("Stand ontwerpbegroting 2018"))
    assert [c.raw for c in first.cells][-1] == "–"  # nil, kept as printed
    assert "Artikel 2 Functionele uitgaven van de Koning" in row.section


def test_headers_over_two_lines_and_empty_cells():
    doc = _document("19_bouwstenen-belastingstelsel_fin_2020-05_fiche080_belasting-consumentenvuurwerk.pdf")
    row = next(p for p in doc.paragraphs if p.kind == "table_row" and p.text.startswith("Uitvoeringskosten"))
    assert [(c.column, c.raw) for c in row.cells] == [("2020", ""), ("2021", "ntb"), ("2022", "ntb"), ("Struc.", "ntb"), ("Struc in", "")]


def test_a_table_running_on_to_the_next_page_keeps_its_header():
    doc = _document("19_bouwstenen-belastingstelsel_fin_2020-05_fiche040_teruggaaf-bpm-mrb-overheidsvoertuigen.pdf")
    row = next(p for p in doc.paragraphs if p.kind == "table_row" and p.text.startswith("Vrijstelling taxi"))
    assert row.pages == (2,) and row.table.startswith("Motorrijtuigenbelasting")
    assert [(c.column, c.raw, c.unit) for c in row.cells] == [("Budgettair beslag in 2020 € mln", "45", "€ mln")]


def test_prose_around_a_table_stays_in_paragraphs_and_charts_are_no_tables():
    doc = _document("18_studiegroep-begrotingsruimte_fin_2020-10_16e_koers_bepalen.pdf")
    assert not any(p.kind == "table_row" and p.pages[0] in (18, 19, 30, 32, 42, 52, 75) for p in doc.paragraphs)
    assert any(p.kind == "paragraph" and "Tabel 4.1 toont de huidige vormgeving" in p.text for p in doc.paragraphs)
    assert doc.metadata.get("rotated_pages") == "92"  # a sideways infographic is reported, not read


@pytest.mark.parametrize("caption, unit, scale, currency", [
    ("Uitgaven (bedragen x € 1.000)", "x € 1.000", 1e3, "EUR"),
    ("Tabel 3: effecten (€ mld., structureel)", "€ mld.", 1e9, "EUR"),
    ("De opbrengst bedraagt (x € miljard)", "x € miljard", 1e9, "EUR"),
    ("Kosten (in mln. euro)", "in mln. euro", 1e6, "EUR"),
    ("groei in %", "in %", 1.0, None),
])
def test_units_read_from_captions(caption, unit, scale, currency):
    found = find_unit(caption)
    assert found == unit
    assert (read_unit(found).scale, read_unit(found).currency) == (scale, currency)


def test_cells_shown_with_their_unit():
    assert shown(Cell("r", "2019", "28.914", "x € 1.000")) == "28.914 (x € 1.000) = €28,914 miljoen"
    assert shown(Cell("r", "2023", "-0,2", "€ mld.")) == "€ -0,2 miljard"
    assert shown(Cell("r", "2023", "", "€ mld.")) == "leeg"
    assert shown(Cell("r", "2023", "‒", "€ mld.")) == "‒ (nihil)"
    assert cell_value(Cell("r", "2023", "1.234¹", "x € 1.000")) == 1_234_000  # a footnote marker is no digit
    assert all(is_value(v) for v in ("‒", "-", "ntb", "p.m.", "-0,7", "1.234", "12%"))
    assert not any(is_value(v) for v in ("Totaal", "2022-2025", "1.000)"))


class _Font(dict):
    def get_object(self):
        return self


def _shown(operations: list[tuple], text: str, glyphs: dict[int, str] | None = None) -> list:
    """Pieces of `text` after the content-stream operators given, each glyph 5 pt wide (font size 10), the text
    matrix standing where pypdf keeps it: at the start of the line, not moved on by the strings shown."""
    from assistant.parsing.runs import ShownRuns
    font = _Font({"/Widths": [500] * 256, "/FirstChar": 0})
    decode = (lambda f: lambda codes: [(glyphs or {}).get(b, chr(b)) for b in codes])
    shown = ShownRuns({"/F1": font}, decode)
    tm = [1, 0, 0, 1, 100.0, 700.0]
    shown.before(b"Tf", ["/F1", 10], [1, 0, 0, 1, 0, 0], tm)
    for operator, operands in operations:
        if operator == b"Td":
            tm = [1, 0, 0, 1, tm[4] + operands[0], tm[5] + operands[1]]
        shown.before(operator, operands, [1, 0, 0, 1, 0, 0], tm)
    return [(round(a, 1), round(b, 1), t) for a, b, t in shown.pieces(text, tm[4], 0.0)]


def test_a_string_shown_after_another_starts_where_it_ended():
    assert _shown([(b"Tj", [b"Tabel: "]), (b"Tf", ["/F1", 10]), (b"Tj", [b"Nader"])], "Tabel: Nader") == [
        (100.0, 130.0, "Tabel:"), (135.0, 160.0, "Nader")]


def test_a_ligature_glyph_counts_its_letters_and_a_no_break_space_is_no_text():
    ligature = _shown([(b"Tj", [b"a\x14rek"]), (b"Td", [100, 0]), (b"Tj", [b"(EIA)"])], "aftrek (EIA)", {0x14: "ft"})
    assert ligature == [(100.0, 125.0, "aftrek"), (200.0, 225.0, "(EIA)")]
    filler = _shown([(b"Tj", [b"\x05"]), (b"Td", [100, 0]), (b"Tj", [b"VAMIL"])], "\xa0 VAMIL", {5: "\xa0"})
    assert filler == [(200.0, 225.0, "VAMIL")]


def test_character_spacing_is_restored_by_Q_and_sets_spaced_glyphs_apart():
    restored = _shown([(b"q", []), (b"Tc", [13]), (b"Q", []), (b"Tj", [b"-10"])], "-10")
    assert restored == [(100.0, 115.0, "-10")]
    spaced = _shown([(b"Tc", [40]), (b"Tj", [b"01"])], "01")  # an axis's ticks 0 and 10 drawn as one string
    assert spaced == [(100.0, 105.0, "0"), (145.0, 150.0, "1")]
    backwards = _shown([(b"Tj", [b"5"]), (b"Td", [-60, 0]), (b"Tj", [b"-15"])], "5-15")
    assert backwards == [(100.0, 105.0, "5"), (40.0, 55.0, "-15")]
