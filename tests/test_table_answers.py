"""Questions on table cells: a cell by year or 'structureel', a row over time, a sum along a row, a figure
check against a cell; each answer states figure, unit and column and cites the row with the cell marked."""

from __future__ import annotations

from assistant.answering.answer import CitationBook
from assistant.answering.evidence import Query
from assistant.answering.question import analyse
from assistant.answering.tables import table_answer
from assistant.text.tokens import tokenize
from assistant.types import Cell, Hit, Paragraph

COLUMNS = ("2022", "2023", "2024", "2025", "struc.")


def _row(label: str, raws: tuple[str, ...], unit: str = "€ mld.", title: str = "Tabel 9: Opbrengst maatregelen") -> Paragraph:
    cells = tuple(Cell(label, column, raw, unit) for column, raw in zip(COLUMNS, raws))
    text = f"{label}: " + "; ".join(f"{c.column}: {c.raw}" for c in cells if c.raw)
    return Paragraph(id=f"abcd1234-{len(label):04d}", doc_id="doc", text=text, pages=(4,), kind="table_row",
                     section=("Budgettaire effecten", title), table=title, cells=cells)


ROWS = [_row("Verhogen tarief tabaksaccijns", ("0,2", "0,4", "0,5", "0,5", "0,6")),
        _row("Afschaffen vrijstelling kerosine", ("", "1,1", "‒", "1,2", "1,3"))]


def _ask(question: str):
    intent = analyse(question)
    query = Query({t: 1.0 for t in tokenize(intent.claim or intent.question)})
    hits = [Hit(p, 1.0 - 0.1 * i) for i, p in enumerate(ROWS)]
    return table_answer(intent, hits, query, CitationBook(lambda doc: "Fiches"))


def test_a_cell_by_year_states_figure_unit_and_cites_the_cell():
    answer = _ask("Wat levert het afschaffen van de vrijstelling voor kerosine in 2023 op?")
    assert "€ 1,1 miljard in 2023" in answer.text
    assert answer.citations[0].paragraph_id == ROWS[1].id and answer.citations[0].quote == "2023: 1,1"


def test_a_structural_cell():
    answer = _ask("wat levert verhogen tabaksaccijns structureel op")
    assert "€ 0,6 miljard" in answer.text and answer.citations[0].quote == "struc.: 0,6"


def test_a_row_over_time_and_its_sum():
    answer = _ask("Hoe loopt de opbrengst van de tabaksaccijns op tot 2025?")
    assert "2022: € 0,2 miljard; 2023: € 0,4 miljard; 2024: € 0,5 miljard; 2025: € 0,5 miljard" in answer.text
    for question in ("Wat levert de tabaksaccijns in 2022-2025 samen op?", "totale opbrengst tabaksaccijns 2022 t/m 2025"):
        assert "Samen (2022-2025) is dat € 1,6 miljard" in _ask(question).text


def test_figure_checks_against_a_cell():
    right = _ask("Klopt het dat het afschaffen van de vrijstelling voor kerosine in 2025 € 1,2 mld. oplevert?")
    assert right.verdict == "ja"
    wrong = _ask("Klopt het dat het verhogen van de tabaksaccijns in 2023 € 2,5 mld. oplevert?")
    assert wrong.verdict == "nee" and "€ 0,4 miljard" in wrong.text


def test_a_year_the_table_has_no_column_for_is_refused():
    answer = _ask("Wat levert het verhogen van de tabaksaccijns in 2027 op?")
    assert answer.refused and "2027" in answer.text


def test_a_nil_cell_is_said_as_nil():
    answer = _ask("Wat levert de vrijstelling kerosine in 2024 op?")
    assert "‒ (nihil) in 2024" in answer.text


def test_questions_about_no_row_go_to_the_prose_answerer():
    assert _ask("Wie voert de maatregel uit?") is None
    assert _ask("Hoeveel kost de nieuwe brug in 2024?") is None


def test_the_koning_question_is_answered_from_the_begroting_table(corpus_assistant):
    answer = corpus_assistant.ask("Hoeveel krijgt de Koning in 2019 volgens de begroting?")
    assert not answer.refused and "28.914" in answer.text and "2019" in answer.text and "x € 1.000" in answer.text
    cited = answer.citations[0]
    assert cited.doc.startswith("17_") and cited.quote == "2019: 28.914" and cited.pages == (1,)


def test_a_cited_row_is_shown_as_a_table_with_the_asked_cell_marked():
    from ui.text import table_row

    shown = table_row(ROWS[1], "2023: 1,1")
    assert "Tabel 9\\: Opbrengst maatregelen" in shown and "(€ mld\\.)" in shown  # escaped markdown
    assert ":orange-background[**1\\,1**]" in shown and "| (leeg) |" in shown  # the empty 2022 cell stays visible


def _ask_table(question: str, rows: list[Paragraph], title_of=lambda doc: "Fiches"):
    intent = analyse(question)
    query = Query({t: 1.0 for t in tokenize(intent.claim or intent.question)})
    hits = [Hit(p, 1.0 - 0.1 * i) for i, p in enumerate(rows)]
    return table_answer(intent, hits, query, CitationBook(title_of), lambda row: list(rows))


COSTS = [_row("Korting voor bussen", ("", "", "", "", "4"), unit="€ mln", title="Kosten kortingen"),
         _row("Korting voor taxi's en busjes", ("", "", "", "", "12"), unit="€ mln", title="Kosten kortingen"),
         _row("Korting voor boten", ("", "", "", "", "3"), unit="€ mln", title="Kosten kortingen")]


def test_a_total_down_a_column_cites_every_term():
    answer = _ask_table("Wat kosten de kortingen uit de tabel structureel bij elkaar?", COSTS)
    assert "€ 19 miljoen" in answer.text
    assert [c.paragraph_id for c in answer.citations] == [p.id for p in COSTS]


def test_a_change_between_two_years_of_a_row():
    answer = _ask("Met hoeveel neemt de opbrengst van de tabaksaccijns toe tussen 2022 en 2025?")
    assert "neemt toe met € 0,3 miljard" in answer.text and "van € 0,2 miljard in 2022" in answer.text


def test_two_columns_asked_at_once():
    answer = _ask("Wat staat er voor de vrijstelling kerosine in 2023, en wat structureel?")
    assert "€ 1,1 miljard in 2023" in answer.text and "€ 1,3 miljard (struc.)" in answer.text


def test_no_nee_from_a_neighbouring_row_or_a_share_against_money():
    # the claim is about all kortingen (a whole), the row about one kind: another figure is no contradiction
    assert _ask_table("Klopt het dat de korting voor alle voertuigen structureel 30 miljoen kost?", COSTS) is None
    assert _ask("Klopt het dat het verhogen van het tarief tabaksaccijns in 2023 4 procent oplevert?") is None


def test_a_one_row_table_is_about_its_document():
    only = [_row("Opbrengst (x € miljard)", ("3,1", "3,1", "3,1", "3,1", "3,1"), unit="x € miljard",
                 title="Opbrengst (x € miljard)")]
    answer = _ask_table("Wat levert het hoger maken van de hondenbelasting structureel op?", only,
                        title_of=lambda doc: "Fiche 12. Hogere hondenbelasting")
    assert "€ 3,1 miljard" in answer.text
    assert _ask_table("Wat levert een lagere accijns op wijn structureel op?", only,
                      title_of=lambda doc: "Fiche 12. Hogere hondenbelasting") is None


def test_one_row_as_a_share_of_another():
    rows = [_row("Uitgaven aan musea", ("", "", "", "", "12,0"), title="Cultuuruitgaven"),
            _row("Uitgaven aan cultuur totaal", ("", "", "", "", "48,0"), title="Cultuuruitgaven"),
            _row("Uitgaven aan bibliotheken", ("", "", "", "", "9,0"), title="Cultuuruitgaven")]
    answer = _ask_table("Welk deel van de uitgaven aan cultuur totaal gaat naar musea?", rows)
    assert answer.text.startswith("Ongeveer 25,0%") and len(answer.citations) == 2


def test_the_row_with_the_highest_or_lowest_figure():
    rows = [_row("Uitgaven aan musea", ("", "", "", "", "12,0"), title="Cultuuruitgaven"),
            _row("Uitgaven aan theaters", ("", "", "", "", "48,0"), title="Cultuuruitgaven"),
            _row("Uitgaven aan bibliotheken", ("", "", "", "", "9,0"), title="Cultuuruitgaven")]
    highest = _ask_table("Aan welke post gaan de hoogste uitgaven?", rows)
    assert "‘Uitgaven aan theaters’ met € 48,0 miljard" in highest.text
    lowest = _ask_table("Welke post heeft de kleinste uitgaven?", rows)
    assert "‘Uitgaven aan bibliotheken’" in lowest.text


def test_a_rows_change_between_two_years_is_the_difference_of_its_cells():
    for question in ("Met hoeveel stijgt de opbrengst van de tabaksaccijns tussen 2022 en 2025?",
                     "Hoeveel hoger ligt de opbrengst van het tarief tabaksaccijns in 2025 dan in 2022?",
                     "stijging opbrengst tabaksaccijns 2022-2025"):  # search words naming the change
        answer = _ask(question)
        assert "neemt toe met € 0,3 miljard: van € 0,2 miljard in 2022 naar € 0,5 miljard in 2025 [1]" in answer.text


def test_a_column_is_added_over_the_rows_of_its_table_unless_the_table_states_its_total():
    title = "Tabel 3: Kosten vrijstellingen"
    rows = [Paragraph(id=f"feed0001-{i:04d}", doc_id="doc", text=f"{label}: 2021: {raw}", pages=(2,), kind="table_row",
                      section=(title,), table=title, cells=(Cell(label, "2021", raw, "€ mln"),))
            for i, (label, raw) in enumerate([("Vrijstelling bussen", "4"), ("Vrijstelling taxi's", "11"),
                                              ("Vrijstelling veerboten", "2")], start=1)]
    intent = analyse("Hoeveel kosten de vrijstellingen in de tabel samen?")
    query = Query({t: 1.0 for t in tokenize(intent.question)})
    answer = table_answer(intent, [Hit(rows[1], 1.0)], query, CitationBook(lambda doc: "Fiche"), lambda row: list(rows))
    assert answer.text.startswith("Samen is dat € 17 miljoen (2021): Vrijstelling bussen 4 [1]")
    assert len(answer.citations) == 3
    total = Paragraph(id="feed0001-0004", doc_id="doc", text="Totaal: 2021: 17", pages=(2,), kind="table_row",
                      section=(title,), table=title, cells=(Cell("Totaal", "2021", "17", "€ mln"),))
    stated = table_answer(intent, [Hit(rows[1], 1.0)], query, CitationBook(lambda doc: "Fiche"),
                          lambda row: [*rows, total])
    assert stated.text.startswith("Volgens de tabel is het totaal € 17 miljoen")


def test_a_claim_of_a_figure_per_year_is_checked_year_by_year():
    right = _ask("Gaat de opbrengst van de tabaksaccijns echt van 0,2 mld in 2022 naar 0,5 mld in 2025?")
    assert right.verdict == "ja" and "€ 0,2 miljard in 2022 en € 0,5 miljard in 2025" in right.text
    wrong = _ask("Loopt de opbrengst van het verhogen van het tarief tabaksaccijns tussen 2022 en 2025 op van 0,2 naar 0,7 mld?")
    assert wrong.verdict == "nee" and "€ 0,5 miljard in 2025, niet 0,7 mld" in wrong.text


def test_a_reference_to_a_table_is_no_claimed_figure():
    answer = _ask("Klopt het dat de tabaksaccijns volgens tabel 9 in 2024 0,5 mld oplevert?")
    assert answer.verdict == "ja"


def test_a_compound_that_opens_with_the_row_label_names_the_row():
    rows = [_row("Onderwijs", ("40,1", "41,0", "42,2", "43,0", ""), title="Uitgaven per sector"),
            _row("Zorg", ("80,0", "84,0", "88,1", "91,5", ""), title="Uitgaven per sector")]
    answer = _ask_table("Klopt het dat de onderwijsuitgaven in 2024 44 mld zijn?", rows)
    assert answer.verdict == "nee" and "42,2" in answer.text


def test_a_row_sharing_one_word_with_a_question_about_something_else_does_not_answer_it():
    rows = [_row("Rente", ("3,7", "3,1", "2,4", "1,9", ""), title="Uitgaven per sector"),
            _row("Zorg", ("80,0", "84,0", "88,1", "91,5", ""), title="Uitgaven per sector")]
    assert _ask_table("Hoeveel rente betaalt een starter op de lening van het regionale microkredietfonds in 2024?", rows) is None
    assert "€ 2,4 miljard in 2024" in _ask_table("Wat zijn de uitgaven aan rente in 2024?", rows).text


def test_a_table_of_words_is_listed_under_the_label_the_question_names():
    from assistant.answering.table_lists import list_answer

    title = "Tabel 7: Te evalueren subsidies"
    rows = [Paragraph(id=f"beef0001-{i:04d}", doc_id="doc", text=f"{dept}: Subsidie: {name}", pages=(9,), kind="table_row",
                      section=("Subsidie",), table=title, cells=(Cell(dept, "Subsidie", name, ""),))
            for i, (dept, name) in enumerate([("OCW", "Lerarenbeurs"), ("OCW", "Regeling kunstvakdocenten"),
                                              ("LNV", "Subsidie jonge boeren")], start=1)]
    hits = [Hit(rows[1], 1.0), Hit(rows[0], 0.9), Hit(rows[2], 0.8)]
    answer = list_answer(analyse("Welke subsidies van OCW worden geëvalueerd?"), hits, CitationBook(lambda doc: "Nota"),
                         lambda row: list(rows))
    assert answer.text == ("Volgens de tabel ‘Tabel 7: Te evalueren subsidies’ staan bij ‘OCW’: Lerarenbeurs [1]; "
                           "Regeling kunstvakdocenten [2].")
    everything = list_answer(analyse("Welke subsidies worden geëvalueerd?"), hits, CitationBook(lambda doc: "Nota"),
                             lambda row: list(rows))
    assert len(everything.citations) == 3
    # a table of figures is no list of names
    assert list_answer(analyse("Welke maatregelen leveren iets op?"), [Hit(p, 1.0) for p in ROWS],
                       CitationBook(lambda doc: "Nota"), lambda row: list(ROWS)) is None


def test_a_table_named_by_its_number_is_the_one_read():
    first = [_row("Onderwijs", ("1,0", "1,1", "1,2", "1,3", ""), title="Figuur 3: Uitgaven per sector")]
    second = [_row("Onderwijs", ("2,0", "2,1", "2,2", "2,3", ""), title="Figuur 3.2: Uitgaven met het regeerakkoord")]
    answer = _ask_table("Wat gaat er volgens figuur 3.2 in 2024 naar onderwijs?", first + second)
    assert "€ 2,2 miljard in 2024" in answer.text and "Figuur 3.2" in answer.text
    assert "€ 1,2 miljard in 2024" in _ask_table("Wat gaat er volgens figuur 3 in 2024 naar onderwijs?", second + first).text


def test_a_column_named_by_its_header_is_the_asked_cell():
    rows = [Paragraph(id="cafe0001-0001", doc_id="doc", text="Musea: Zonder plan: 1,2; Met plan: 3,4; Totaal: 4,6",
                      pages=(3,), kind="table_row", section=("Figuur 5: Uitgaven met en zonder plan",),
                      table="Figuur 5: Uitgaven met en zonder plan",
                      cells=tuple(Cell("Musea", col, raw, "mld euro") for col, raw in
                                  (("Zonder plan", "1,2"), ("Met plan", "3,4"), ("Totaal", "4,6"))))]
    answer = _ask_table("Klopt het dat de musea zonder plan 1,2 mld krijgen?", rows)
    assert answer.verdict == "ja" and "(Zonder plan)" in answer.text


def test_a_share_is_checked_in_a_column_of_shares_and_a_fall_is_a_negative_change():
    title = "Tabel 6: Uitgaven per sector"
    cells = (Cell("Musea", "2021", "4,0", "€ mld"), Cell("Musea", "2025", "3,0", "€ mld"),
             Cell("Musea", "mutatie 2021-2025 in %", "-25,0", "%"), Cell("Musea", "mutatie in %bbp", "0,2", "%"))
    rows = [Paragraph(id="d00d0001-0001", doc_id="doc", text="Musea: 2021: 4,0; 2025: 3,0; mutatie 2021-2025 in %: -25,0; "
                      "mutatie in %bbp: 0,2", pages=(2,), kind="table_row", section=(title,), table=title, cells=cells)]
    assert _ask_table("Klopt het dat de uitgaven aan musea tussen 2021 en 2025 met 25% dalen?", rows).verdict == "ja"
    assert _ask_table("Klopt het dat de uitgaven aan musea tussen 2021 en 2025 met 25% stijgen?", rows).verdict == "nee"
    fall = _ask_table("Klopt het dat de uitgaven aan musea als aandeel van het bbp met 0,2 afnemen?", rows)
    assert fall.verdict == "nee" and "0,2% (mutatie in %bbp): een stijging, geen daling" in fall.text


def test_the_share_of_one_row_in_another_asked_as_aandeel():
    rows = [_row("Uitgaven aan musea", ("", "", "", "", "12,0"), title="Cultuuruitgaven"),
            _row("Uitgaven aan cultuur totaal", ("", "", "", "", "48,0"), title="Cultuuruitgaven")]
    for question in ("aandeel uitgaven aan musea in uitgaven aan cultuur totaal",
                     "Hoe groot is het aandeel van de uitgaven aan musea in de uitgaven aan cultuur totaal?"):
        assert _ask_table(question, rows).text.startswith("Ongeveer 25,0%")


def test_which_row_is_highest_among_the_parts_of_a_whole_the_question_names():
    rows = [_row("Uitgaven aan musea", ("", "", "", "", "12,0"), title="Cultuuruitgaven"),
            _row("Uitgaven aan theaters", ("", "", "", "", "28,0"), title="Cultuuruitgaven"),
            _row("Uitgaven aan bibliotheken", ("", "", "", "", "9,0"), title="Cultuuruitgaven"),
            _row("Cultuuruitgaven gemeente", ("", "", "", "", "49,0"), title="Cultuuruitgaven")]  # the total, unlabelled
    answer = _ask_table("Bij welke post van de cultuuruitgaven gemeente zijn de uitgaven het grootst?", rows)
    assert "‘Uitgaven aan theaters’ met € 28,0 miljard" in answer.text


def test_the_rest_of_a_table_total_after_one_named_row():
    title = "Raming 2026 (bedragen x € 1.000)"
    labels = [("Subsidies musea", "6.100"), ("Uitgaven voor archieven", "900"), ("Huisvesting", "1.500"), ("Totaal", "8.500")]
    rows = [Paragraph(id=f"feed0002-{i:04d}", doc_id="doc", text=f"{label}: {raw}", pages=(3,), kind="table_row",
                      section=(title,), table=title, cells=(Cell(label, "", raw, "x € 1.000"),))
            for i, (label, raw) in enumerate(labels, start=1)]
    intent = analyse("Van de raming 2026 voor het erfgoed, hoeveel gaat er niet naar subsidies voor musea?")
    assert intent.operation == "remainder"
    query = Query({t: 1.0 for t in tokenize(intent.question)})
    answer = table_answer(intent, [Hit(rows[0], 1.0)], query, CitationBook(lambda doc: "Begroting"), lambda row: list(rows))
    # the whole is the total: the archives row ('uitgaven') is smaller than the part, so no whole of it
    assert answer.text.startswith("Er blijft 2.400 (x € 1.000)")
    assert "‘Totaal’ 8.500" in answer.text and "‘Subsidies musea’ 6.100" in answer.text and len(answer.citations) == 2


def test_a_rate_asked_is_not_answered_with_a_table_of_euros():
    """'Hoe hoog is het tarief' asks a rate; a row of the measure's yield in euros does not state it."""
    assert _ask("Hoe hoog is het tarief van de tabaksaccijns in 2023?") is None
    assert "€ 0,4 miljard in 2023" in _ask("Wat levert het hogere tarief van de tabaksaccijns in 2023 op?").text
