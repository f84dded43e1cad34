"""Tables read as data from real pages of corpus/ 17, 18 and the 19_ fiches: every cell with its row,
column, value and unit, empty cells included (golden: tests/golden/tables/tables.json, checked by eye
against the page images)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from assistant.figures.catalog import cells as catalog_cells
from assistant.figures.cells import cell_value, find_unit, is_value, read_unit, shown
from assistant.parsing.ingest import load_document
from assistant.parsing.tables import read_tables
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
    assert {"17_", "18_", "19_"} <= files and len(GOLDEN) >= 14


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


REPORT = "18_studiegroep-begrotingsruimte_fin_2020-10_16e_koers_bepalen.pdf"


def test_a_table_of_words_keeps_each_regeling_with_its_department():
    doc = _document(REPORT)
    rows = [p for p in doc.paragraphs if p.kind == "table_row" and p.pages == (74,)]
    assert [(p.cells[0].row, p.cells[0].column, p.cells[0].raw) for p in rows] == [
        ("EZ", "Regeling", "Afdrachtvermindering speur- en ontwikkelingswerk WBSO"),
        ("EZ", "Regeling", "Uitzonderingen energiebelasting"),
        ("EZ", "Regeling", "Energie-investeringsaftrek (EIA)"),
        ("I&M", "Regeling", "Milieu-investeringsaftrek (MIA)"),
        ("I&M", "Regeling", "VAMIL"),
        ("I&M", "Regeling", "Vrijstellingen en uitzonderingen autobelastingen"),
        ("BZK", "Regeling", "Verhuurderheffing")]
    assert rows[2].text == "EZ: Regeling: Energie-investeringsaftrek (EIA)" and rows[2].table.startswith("Tabel 4.4")
    # no figures: every cell reads as its words, and the catalog of cells takes them without a value
    assert all(cell_value(c) is None and shown(c) == c.raw for p in rows for c in p.cells)
    entries = [e for e in catalog_cells([doc]) if e.table.startswith("Tabel 4.4")]
    assert len(entries) == 7 and all(e.value is None and e.currency is None for e in entries)


def test_a_bar_charts_value_labels_read_as_a_table_whichever_side_the_figure_stands():
    doc = _document(REPORT)
    rows = [p for p in doc.paragraphs if p.kind == "table_row" and p.pages == (13,)]
    assert [(p.cells[0].row, p.cells[0].raw, p.cells[0].unit) for p in rows] == [
        ("Zorg", "13,2", "mld euro"), ("Sociale zekerheid", "9,9", "mld euro"), ("Openbaar bestuur", "4,7", "mld euro"),
        ("Onderwijs", "3,6", "mld euro"), ("Overig (o.a. aflopen crisismaatregelen)", "-16,1", "mld euro")]
    assert all(p.table == "Figuur 3: Uitgavenontwikkeling 2021-2025" and len(p.cells) == 1 for p in rows)
    assert cell_value(rows[-1].cells[0]) == pytest.approx(-16.1e9)
    axis = [p for p in doc.paragraphs if p.pages == (13,) and "-15" in p.text]
    assert axis == []  # the ticks -15 ... 15 are neither rows nor text


def test_the_shown_strings_of_a_table_stand_where_poppler_places_them():
    """Tabel 4.4 set with a no-break space in its empty cells and ligatures ('a\x14rek' is 'aftrek'): each
    regeling starts at its column (x 292.3 pt, as `pdftotext -bbox` has it), each department at 165.6 pt."""
    import pypdf
    from assistant.parsing.pdf import _page_rows
    rows, _ = _page_rows(pypdf.PdfReader(CORPUS / REPORT).pages[73], 74)
    starts = {p[2]: round(p[0], 1) for r in rows for p in r.pieces}
    assert starts["Energie-investeringsaftrek (EIA)"] == starts["Verhuurderheffing"] == starts["VAMIL"] == 292.3
    assert starts["I&M"] == starts["BZK"] == 165.6
    assert starts["Nader te onderzoeken regelingen"] > 195  # shown right after the bold "Tabel 4.4: "


class _Row:
    """A page row as the table reader takes it: a baseline, a size and positioned pieces."""

    def __init__(self, y: float, *pieces: tuple[float, str], size: float = 8.0, bold: bool = False):
        self.page, self.y, self.size, self.bold = 1, y, size, bold
        self.pieces = [(x, x + 4.5 * len(text), text) for x, text in pieces]


def test_a_figure_left_of_its_label_pairs_with_it_but_not_across_the_chart():
    rows = [_Row(300, (170, "Figuur 9: Groei"), size=9), _Row(280, (100, "Wonen"), (130, "2,5")),
            _Row(270, (100, "Zorg"), (130, "1,5")), _Row(260, (120, "-0,5"), (140, "Overig")),
            _Row(250, (20, "-1"), (120, "0"), (220, "1")), _Row(240, (200, "mld euro"))]
    tables, _ = read_tables(rows)
    assert [(r.label, [(c.raw, c.unit) for c in r.cells]) for r in tables[0].rows] == [
        ("Wonen", [("2,5", "mld euro")]), ("Zorg", [("1,5", "mld euro")]), ("Overig", [("-0,5", "mld euro")])]
    legend = [_Row(280, (100, "Wonen"), (130, "2,5")), _Row(270, (100, "Zorg"), (130, "1,5")),
              _Row(260, (20, "4"), (300, "Werkloosheid"))]  # a tick far left of a legend entry: no pair
    assert [r.label for t in read_tables(legend)[0] for r in t.rows] == ["Wonen", "Zorg"]


def _groups(*labels: tuple[float, str]) -> list[tuple[str, str]]:
    """Each row's label and group, for a table of two years whose labels start where given."""
    rows = [_Row(300, (190, "2020"), (250, "2021"))] + [
        _Row(288 - 12 * k, (x, label), (190, "1,0"), (250, "2,0")) for k, (x, label) in enumerate(labels)]
    tables, _ = read_tables(rows)
    return [(r.label, r.cells[0].group) for r in tables[0].rows]


def test_right_aligned_labels_make_no_sub_rows_but_an_indented_label_does():
    # flush right: all end at x 150, so the shorter ones start further right without being parts of the row above
    assert _groups((132, "Zorg"), (78, "Openbaar bestuur"), (109.5, "Onderwijs"), (123, "Overig")) == [
        ("Zorg", ""), ("Openbaar bestuur", ""), ("Onderwijs", ""), ("Overig", "")]
    # flush left, one label indented under the one above
    assert _groups((100, "Zorg"), (110, "waarvan cure"), (100, "Onderwijs"), (100, "Overig")) == [
        ("Zorg", ""), ("waarvan cure", "Zorg"), ("Onderwijs", ""), ("Overig", "")]


def test_a_table_of_words_carries_its_label_down_and_joins_a_wrapped_cell():
    rows = [_Row(300, (100, "Tabel 1: Regelingen"), size=9), _Row(288, (100, "Wie"), (200, "Wat"), bold=True),
            _Row(276, (100, "EZ"), (200, "Innovatiekrediet")), _Row(264, (200, "Energiebelasting")),
            _Row(252, (200, "(alleen zakelijk)")), _Row(240, (100, "BZK"), (200, "Huurtoeslag")),
            _Row(210, (100, "Hierna volgt gewone tekst die over de kolommen heen loopt."))]
    tables, _ = read_tables(rows)
    assert [(r.label, [(c.column, c.raw) for c in r.cells]) for r in tables[0].rows] == [
        ("EZ", [("Wat", "Innovatiekrediet")]), ("EZ", [("Wat", "Energiebelasting (alleen zakelijk)")]),
        ("BZK", [("Wat", "Huurtoeslag")])]
    assert tables[0].header == "Wat" and not any(r.text.startswith("Hierna") for r in tables[0].rows)


@pytest.mark.parametrize("question", ["Welke regelingen van EZ worden nader onderzocht?",
                                      "Klopt het dat de verhuurderheffing onder BZK valt?",
                                      "Wat is het totaal van de regelingen?", "Welke regeling staat het hoogst?"])
def test_table_answers_pass_over_a_table_of_words(question):
    """Cells without figures: the table answers leave them to the sentence answers, and nothing fails on them."""
    from assistant.answering.answer import CitationBook
    from assistant.answering.evidence import Query
    from assistant.answering.question import analyse
    from assistant.answering.tables import table_answer
    from assistant.text.tokens import tokenize
    from assistant.types import Hit
    rows = [p for p in _document(REPORT).paragraphs if p.kind == "table_row" and p.pages == (74,)]
    intent = analyse(question)
    query = Query({t: 1.0 for t in tokenize(intent.claim or intent.question)})
    hits = [Hit(p, 1.0 - 0.05 * i) for i, p in enumerate(rows)]
    assert table_answer(intent, hits, query, CitationBook(lambda doc: "Studiegroep")) is None
