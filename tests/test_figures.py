"""Figures in Dutch policy texts: amounts, quantities, percentages, dates and periods."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assistant.figures.compare import (
    figure_key,
    figures_in,
    find_amounts,
    find_periods,
    find_quantities,
    format_amount,
    parse_number,
    same_amount,
    table_scale,
    unsupported_figures,
)
from assistant.figures.notation import dutch_date, dutch_number, format_computed, shown

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ANNEX = CORPUS / "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt"
BUDGET_PDF = CORPUS / "17_begroting_kst-35000-I-2_p12_uitsnede_tabellen_euro.pdf"
D = dt.date


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("351,6", 351.6),
        ("3.8", 3.8),  # a dot before fewer than 3 digits is a decimal point
        ("1.650", 1650.0),  # exactly 3 digits: a thousands separator
        ("8.500", 8500.0),
        ("1.234.567", 1234567.0),
        ("1.234,56", 1234.56),
        ("450.000,-", 450000.0),
        ("0,5", 0.5),
        ("-5", -5.0),
        ("−12", -12.0),
        ("2025", 2025.0),
        ("3.1.2", None),
        ("1,2,3", None),
        ("12a", None),
        ("", None),
    ],
)
def test_parse_number(token, value):
    assert parse_number(token) == value


@pytest.mark.parametrize(
    ("text", "raw", "value", "currency"),
    [
        ("een investering van €351,6 miljoen, waarvan", "€351,6 miljoen", 351_600_000, "EUR"),
        ("met een bedrag van €3.8 miljoen.", "€3.8 miljoen", 3_800_000, "EUR"),
        ("met een bedrag van € 3.8 miljoen.", "€ 3.8 miljoen", 3_800_000, "EUR"),
        ("in totaal 1.650 miljoen euro", "1.650 miljoen euro", 1_650_000_000, "EUR"),
        ("vanaf 2023 €100 mln. extra", "€100 mln.", 100_000_000, "EUR"),
        ("kost 1,8 miljard euro in totaal", "1,8 miljard euro", 1_800_000_000, "EUR"),
        ("een bijdrage van EUR 2,5 mld voor", "EUR 2,5 mld", 2_500_000_000, "EUR"),
        ("een bedrag van €80,9 miljoen euro toe te kennen", "€80,9 miljoen euro", 80_900_000, "EUR"),
        ("een fonds van USD 100 miljard", "USD 100 miljard", 100_000_000_000, "USD"),
        ("een fonds van 100 miljard dollar", "100 miljard dollar", 100_000_000_000, "USD"),
        ("bedraagt de uitkering € 1.234.567 per", "€ 1.234.567", 1_234_567, "EUR"),
        ("een subsidie van € 450.000,- voor", "€ 450.000,-", 450_000, "EUR"),
        ("een bezuiniging van -€ 5 miljoen", "-€ 5 miljoen", -5_000_000, "EUR"),
        ("saldo € -5 miljoen", "€ -5 miljoen", -5_000_000, "EUR"),
        ("is jaarlijks 30 miljoen beschikbaar voor", "30 miljoen", 30_000_000, None),
        ("De kosten zijn 2 mln.", "2 mln.", 2_000_000, None),
        ("Klopt het dat OCW 7 miljoen in leerplaatsen steekt?", "7 miljoen", 7_000_000, None),
        ("een bedrag van € 5.000.000,00 in", "€ 5.000.000,00", 5_000_000, "EUR"),
        ("een fonds van € 1.5 miljard voor", "€ 1.5 miljard", 1_500_000_000, "EUR"),
    ],
)
def test_find_amounts_single_notations(text, raw, value, currency):
    [amount] = find_amounts(text)
    assert (amount.raw, amount.value, amount.currency) == (raw, value, currency)
    assert text[amount.start:amount.end] == raw


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tussen 900 en 1.650 miljoen euro", [("900", 900e6), ("1.650 miljoen euro", 1650e6)]),
        ("tussen de 5 en 10 miljoen beschikbaar", [("5", 5e6), ("10 miljoen", 10e6)]),
        ("een budget van €5 tot 10 miljoen", [("€5", 5e6), ("10 miljoen", 10e6)]),
        ("een budget van 5-10 mln. euro", [("5", 5e6), ("10 mln. euro", 10e6)]),
        ("geschat op 500.000 tot 1 miljoen euro voor", [("500.000", 500_000), ("1 miljoen euro", 1e6)]),
        ("geraamd op USD 140-300 miljard per jaar", [("USD 140", 140e9), ("300 miljard", 300e9)]),
    ],
)
def test_a_shared_scale_word_applies_to_both_numbers(text, expected):
    amounts = find_amounts(text)
    assert [(a.raw, a.value) for a in amounts] == expected
    assert all(a.currency for a in amounts) == any(c in text for c in ("€", "euro", "USD"))
    assert len({a.per for a in amounts}) == 1


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("vanaf 2031 structureel €80 miljoen per jaar.", "jaar"),
        ("ontvangt vanaf 2023 €100 mln. extra per jaar2. Het", "jaar"),
        ("is jaarlijks 30 miljoen beschikbaar", "jaar"),
        ("Per jaar is ruim 30 miljoen beschikbaar", "jaar"),
        ("Er is USD 140-300 miljard per jaar nodig", "jaar"),
        ("kost €5 miljoen per maand", "maand"),
        ("investeert incidenteel €450 miljoen en", None),
        ("structureel €80 miljoen voor", None),
    ],
)
def test_per_year_only_when_stated_right_there(text, per):
    assert find_amounts(text)[0].per == per


@pytest.mark.parametrize(
    "text",
    [
        "In het jaar2 verdubbelt de bijdrage.",  # footnote digit glued to a word
        "voor 100 euro6. Daarna",  # "euro6." is a footnote, not a number
        "in het Onderwijs,6 de alliantie",
        "‘‘Shaping the Future of Work’’14 in de bouw",
        "de skillstaal CompetentNL.9 Hiermee",
        "Versterkingsplan van Microchip-talent4 (zie hoofdstuk 3)",
    ],
)
def test_footnote_digits_glued_to_words_are_no_figures(text):
    keys = figures_in(text)
    assert not any(k.endswith((":2", ":6", ":14", ":9", ":4")) for k in keys), keys
    assert all(a.value == 100 for a in find_amounts(text))


def test_a_written_number_with_a_scale_word_is_an_amount():
    [amount] = find_amounts("een bijdrage van twee miljard euro aan het fonds")
    assert (amount.raw, amount.value) == ("twee miljard euro", 2e9)
    assert figures_in("twee miljard euro") == figures_in("€ 2.000.000.000") == figures_in("2 mld euro")


def test_scale_words_without_money_are_quantities():
    text = "Er wonen 8 miljoen mensen in de Randstad."
    assert find_amounts(text) == []
    [quantity] = find_quantities(text)
    assert (quantity.raw, quantity.value, quantity.unit) == ("8 miljoen mensen", 8e6, "mensen")
    assert [(q.raw, q.unit) for q in find_quantities("Het gaat om 3,8 mln.")] == [("3,8 mln.", "miljoen")]
    assert figures_in("Het gaat om 3,8 mln.") == figures_in("€ 3.800.000") != figures_in(text)


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        ("Met 57 aanvragen is de animo groter", "57 aanvragen", 57, "aanvragen"),
        ("zijn er in totaal 8.500 private partners betrokken", "8.500 private partners", 8500, "private partners"),
        ("verbonden aan 62% scholingsdeelname", "62%", 62, "%"),
        ("verbonden aan 62 procent scholingsdeelname", "62 procent", 62, "%"),
        ("een stijging van 0,5% per jaar", "0,5%", 0.5, "%"),
        ("een daling van 3 procentpunt", "3 procentpunt", 3, "procentpunt"),
        ("evaluatie (na elke 2 jaar) zal", "2 jaar", 2, "jaar"),
        ("de 15 HIP samenwerkingsverbanden", "15 HIP", 15, "HIP"),
        ("een reductie van 2,8 Mton per jaar", "2,8 Mton", 2.8, "Mton"),
        ("een besparing van 3 TWh in 2030", "3 TWh", 3, "TWh"),
        ("een geluidsbelasting van 45 dB bij woningen", "45 dB", 45, "dB"),
        ("worden gemiddeld vier miljoen mensen extra bereikt", "vier miljoen mensen", 4_000_000, "mensen"),
    ],
)
def test_find_quantities(text, raw, value, unit):
    [quantity] = find_quantities(text)
    assert (quantity.raw, quantity.value, quantity.unit) == (raw, value, unit)
    assert text[quantity.start:quantity.end] == raw


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("ongeveer de helft van de aanvragen werd afgewezen", "de helft", 50),
        ("Twee derde van de provincies heeft een plan.", "Twee derde", 200 / 3),
        ("een kwart daarvan gaat naar onderzoek", "een kwart", 25),
        ("driekwart van de bedrijven", "driekwart", 75),
        ("drie op de tien huishoudens", "drie op de tien", 30),
        ("1 op de 5 leerlingen", "1 op de 5", 20),
    ],
)
def test_shares_written_as_words_are_percentages(text, raw, value):
    [share] = find_quantities(text)
    assert (share.raw, share.unit) == (raw, "%") and share.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["een derde land buiten de EU", "in de tweede helft van 2024", "de derde van vier rondes"])
def test_ordinals_are_no_shares(text):
    assert not [q for q in find_quantities(text) if q.unit == "%"]


@pytest.mark.parametrize(
    "text",
    [
        "Voor pijler 1 geldt dat",  # an identifier, not a count
        "Kamerstuk 29 544 nr. 1207.",
        "1. Meer mensen volgen scholing",  # a list marker
        "3.1 Inleiding",
        "In 2025 worden activiteiten voortgezet.",  # a year is a period
        "Postbus 20401\n2500 EK Den Haag",  # a postcode
        "de COVID-19 notificatie-app",  # part of a name
        "De artikelen 12, 13 en 14 AVG",
        "p. 10.\n26 DPIA, p. 13.",  # a footnote marker at the start of a line
        "en ook in 20208 ligt de nadruk",  # a year with a footnote digit glued to it
        "Kamerstuk 35 830 XVII",
        "Op 13 juni ontvangen aanvragers de uitslag.",
    ],
)
def test_no_quantities_from_identifiers_list_markers_years_or_dates(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "raw", "first", "last", "precision", "relation"),
    [
        ("Op 13 juni 2025 start", "13 juni 2025", D(2025, 6, 13), D(2025, 6, 13), "day", None),
        ("Op 25 mei 2023 is uw Kamer", "25 mei 2023", D(2023, 5, 25), D(2023, 5, 25), "day", None),
        ("vervalt 31-12-2024.", "31-12-2024", D(2024, 12, 31), D(2024, 12, 31), "day", None),
        ("vervalt 2024-12-31.", "2024-12-31", D(2024, 12, 31), D(2024, 12, 31), "day", None),
        ("op 1 jan. 2026 in", "1 jan. 2026", D(2026, 1, 1), D(2026, 1, 1), "day", None),
        ("In mei 2024 is de Kamer", "mei 2024", D(2024, 5, 1), D(2024, 5, 31), "month", None),
        ("ondersteunt tot medio 2025 een", "medio 2025", D(2025, 5, 1), D(2025, 8, 31), "season", "tot"),
        ("oplevering begin 2026.", "begin 2026", D(2026, 1, 1), D(2026, 4, 30), "season", None),
        ("loopt eind 2024 af", "eind 2024", D(2024, 9, 1), D(2024, 12, 31), "season", None),
        ("In Q1 2025 is", "Q1 2025", D(2025, 1, 1), D(2025, 3, 31), "quarter", None),
        ("in het 2e kwartaal 2025 klaar", "2e kwartaal 2025", D(2025, 4, 1), D(2025, 6, 30), "quarter", None),
        ("in de tweede helft van 2025 klaar", "tweede helft van 2025", D(2025, 7, 1), D(2025, 12, 31), "half", None),
        ("in H1 2026 klaar", "H1 2026", D(2026, 1, 1), D(2026, 6, 30), "half", None),
        ("klaar in half 2025.", "half 2025", D(2025, 5, 1), D(2025, 8, 31), "season", None),
        ("Eind juni 2025 volgt", "Eind juni 2025", D(2025, 6, 1), D(2025, 6, 30), "month", None),
        ("in de periode 2021 t/m 2027", "2021 t/m 2027", D(2021, 1, 1), D(2027, 12, 31), "range", None),
        ("in het jaar 2025/26 komt", "2025/26", D(2025, 1, 1), D(2026, 12, 31), "range", None),
        ("in het eerste kwartaal van 2025 klaar", "eerste kwartaal van 2025", D(2025, 1, 1), D(2025, 3, 31),
         "quarter", None),
        ("in de najaar van 2025 aan", "najaar van 2025", D(2025, 9, 1), D(2025, 11, 30), "season", None),
        ("in de zomer 2025 gereed", "zomer 2025", D(2025, 6, 1), D(2025, 8, 31), "season", None),
        ("loopt tot het voorjaar van 2026.", "voorjaar van 2026", D(2026, 3, 1), D(2026, 5, 31), "season", "tot"),
        ("in het tweede halfjaar van 2025 volgt", "tweede halfjaar van 2025", D(2025, 7, 1), D(2025, 12, 31),
         "half", None),
        ("subsidieregeling 2025-2029", "2025-2029", D(2025, 1, 1), D(2029, 12, 31), "range", None),
        ("subsidieregeling 2025–2029", "2025–2029", D(2025, 1, 1), D(2029, 12, 31), "range", None),
        ("Techniekonderwijs 2025-\n2029. In", "2025-\n2029", D(2025, 1, 1), D(2029, 12, 31), "range", None),
        ("in het jaar 2025/2026 komt", "2025/2026", D(2025, 1, 1), D(2026, 12, 31), "range", None),
        ("OCW in studiejaar 2025-2026 € 7 miljoen", "studiejaar 2025-2026", D(2025, 9, 1), D(2026, 8, 31),
         "range", None),
        ("de HCA ICT tot en met 2027 met", "2027", D(2027, 1, 1), D(2027, 12, 31), "year", "tot en met"),
        ("de HCA ICT t/m 2027 met", "2027", D(2027, 1, 1), D(2027, 12, 31), "year", "tot en met"),
        ("en vanaf 2031 structureel", "2031", D(2031, 1, 1), D(2031, 12, 31), "year", "vanaf"),
        ("beoordeeld in 2027 op basis", "2027", D(2027, 1, 1), D(2027, 12, 31), "year", None),
        ("Sinds 2020 kunnen scholen", "2020", D(2020, 1, 1), D(2020, 12, 31), "year", "sinds"),
        ("Per 1 januari 2025 is het", "1 januari 2025", D(2025, 1, 1), D(2025, 1, 1), "day", "per"),
        ("uiterlijk 31 december 2025 indienen", "31 december 2025", D(2025, 12, 31), D(2025, 12, 31), "day",
         "uiterlijk"),
        ("ontvangen na 2030 geen", "2030", D(2030, 1, 1), D(2030, 12, 31), "year", "na"),
    ],
)
def test_find_periods(text, raw, first, last, precision, relation):
    [period] = find_periods(text)
    assert (period.raw, period.first, period.last, period.precision, period.relation) == (
        raw, first, last, precision, relation)
    assert text[period.start:period.end] == raw and period.has_year


@pytest.mark.parametrize(
    ("text", "raw", "first", "precision", "relation"),
    [
        ("Uiterlijk 13 juni ontvangen aanvragers", "13 juni", D(2025, 6, 13), "day", "uiterlijk"),
        ("Deze SLIM-regeling is per 1 januari verlengd.", "1 januari", D(2025, 1, 1), "day", "per"),
        ("een besluit voor de zomer.", "zomer", D(2025, 6, 1), "season", "voor"),
        ("In het voorjaar start", "voorjaar", D(2025, 3, 1), "season", None),
        ("eind dit jaar gereed", "eind dit jaar", D(2025, 9, 1), "season", None),
        ("pas volgend jaar", "volgend jaar", D(2026, 1, 1), "year", None),
    ],
)
def test_periods_without_a_year_take_the_default_year(text, raw, first, precision, relation):
    [period] = find_periods(text, default_year=2025)
    assert (period.raw, period.first, period.precision, period.relation) == (raw, first, precision, relation)
    assert period.has_year == raw.endswith(" jaar")


def test_periods_without_any_year():
    [day] = find_periods("Uiterlijk 13 juni ontvangen aanvragers de uitslag.")
    assert (day.raw, day.has_year, day.first.month, day.first.day) == ("13 juni", False, 6, 13)
    assert find_periods("eind dit jaar gereed") == []  # "dit jaar" needs default_year
    assert figure_key(day) == figure_key(find_periods("vóór 13 juni")[0])


def test_voor_with_a_year_means_for_not_before():
    periods = find_periods("in totaal €30,6 miljoen worden toegekend voor 2025 en 202612.")
    assert [(p.raw, p.relation) for p in periods] == [("2025", None), ("2026", None)]
    assert [p.preposition for p in periods] == ["voor", None], "the word is still its preposition"


@pytest.mark.parametrize(
    ("text", "preposition", "relation"),
    [
        ("Waarom gaat de regeling pas in 2029 in?", "in", None),
        ("wordt in het derde kwartaal van 2023 verstuurd", "in", None),
        ("subsidieert de HCA ICT tot en met 2027 met", "tot en met", "tot en met"),
        ("Directeur (Per 1 maart 2020, daarvoor", "per", "per"),
        ("Vóór 1 juli 2025 besluit het kabinet", "voor", "voor"),
        ("tot uiterlijk 13 juni 2025", "uiterlijk", "uiterlijk"),
        ("Het rapport van 2021", None, None),
    ],
)
def test_a_dates_preposition_tells_its_role(text, preposition, relation):
    [period] = find_periods(text)
    assert (period.preposition, period.relation) == (preposition, relation)


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("In de Hoofdlijnenbrief Schiphol van 24 juni 20222 is normering", "24 juni 2022"),
        ("Op 24 juni 202214 heeft het kabinet", "24 juni 2022"),
        ("In antwoord op Kamervragen in maart 20229 en tijdens", "maart 2022"),
        ("worden toegekend voor 2025 en 202612.", "2026"),
        ("Postbus 20401", None),  # no date expected here: not a year with a footnote
    ],
)
def test_a_footnote_digit_glued_to_a_year_is_left_out(text, raw):
    periods = find_periods(text)
    assert (periods[-1].raw if periods else None) == raw
    assert not any(q.value > 2100 for q in find_quantities(text))


def test_years_inside_money_and_numbers_are_no_periods():
    assert find_periods("een bedrag van €2025 en 2.025 leerlingen en 2025 miljoen euro") == []


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("Uitgaven niet-beleidsartikel (bedragen x € 1.000)", 1000.0),
        ("Tabel 3 (x € 1 mln)", 1e6),
        ("bedragen x €1 miljoen", 1e6),
        ("bedragen in miljoenen euro", 1e6),
        ("(bedragen in € mln)", 1e6),
        ("Techkwadraat kent een looptijd tot 2031.", None),
    ],
)
def test_table_scale(text, scale):
    assert table_scale(text) == scale


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (3_800_000, 3_800_000, True),
        (3_800_000, 3_812_345, True),  # a full figure rounds to the written one
        (1_600_000, 1_559_000, True),
        (1_000_000, 1_400_000, False),  # two rounded figures must be equal
        (30_000_000, 34_000_000, False),
        (3_800_000, 3_850_000, False),
        (450_000, 450_400, False),
        (-5_000_000, 5_000_000, False),
        (0, 1_234_567, False),
        (1_800_000_000, 1_812_345_678, True),
    ],
)
def test_same_amount(a, b, same):
    assert same_amount(a, b) is same and same_amount(b, a) is same


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e13, max_value=1e13), st.floats(min_value=-1e13, max_value=1e13))
def test_same_amount_is_symmetric_and_reflexive(a, b):
    assert same_amount(a, a) and same_amount(a, b) == same_amount(b, a)


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [
        (111_500_000, "EUR", "€111,5 miljoen"),
        (3_800_000, "EUR", "€3,8 miljoen"),
        (1_800_000_000, "EUR", "€1,8 miljard"),
        (450_000, "EUR", "€450.000"),
        (1_650_000_000, "EUR", "€1,65 miljard"),
        (1_234_567, "EUR", "€1.234.567"),
        (1234.5, "EUR", "€1.234,50"),
        (-5_000_000, "EUR", "-€5 miljoen"),
        (100_000_000_000, "USD", "$100 miljard"),
        (30_000_000, None, "30 miljoen"),
    ],
)
def test_format_amount(value, currency, text):
    assert format_amount(value, currency) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(1234.5, None, "1.234,5"), (1_234_567.0, 0, "1.234.567"), (0.25, 1, "0,3"), (1234.5, 2, "1.234,50"),
     (-0.5, None, "-0,5"), (-1234.0, None, "-1.234"), (12.0, None, "12")],
)
def test_dutch_number(value, decimals, text):
    assert dutch_number(value, decimals) == text


def test_a_computed_figure_is_written_like_the_stated_one():
    [dollars] = find_amounts("US$ 5 miljoen")
    assert format_computed("amount", 12_500_000, dollars) == "$12,5 miljoen"
    assert format_computed("amount", 450_000) == "€450.000"
    assert format_computed("percentage", 2.5) == "2,5 procentpunt"
    assert format_computed("count", 1500.0) == "1.500" and format_computed("count", 2 / 3) == "0,7"


def test_the_sources_figure_is_shown_with_a_percent_sign():
    [rate] = find_quantities("een rente van 8,5 procent")
    assert shown(rate) == "8,5 procent (8,5%)"
    [share] = find_quantities("62% van de scholen")
    assert shown(share) == "62%"


@pytest.mark.parametrize(("iso", "text"), [("2023-05-30", "30 mei 2023"), ("2023-05", "mei 2023"), ("2023", "2023"),
                                           ("", "onbekend")])
def test_dutch_date(iso, text):
    assert dutch_date(iso) == text


@pytest.mark.parametrize(
    "notations",
    [
        ["€3.8 miljoen", "3,8 mln", "3,8 mln euro", "€ 3.800.000", "EUR 3,8 mln."],
        ["€1,65 miljard", "1.650 miljoen euro", "€ 1.650.000.000"],
        ["13 juni 2025", "13-06-2025", "2025-06-13"],
        ["62%", "62 procent"],
        ["2025-2029", "2025–2029", "2025 t/m 2029"],
    ],
)
def test_equal_values_in_different_notations_have_one_key(notations):
    keys = [figures_in(text) for text in notations]
    assert all(k == keys[0] and len(k) == 1 for k in keys), keys


def test_annex_sentences():
    text = ANNEX.read_text(encoding="utf-8")
    sentence = ("Techkwadraat kent een looptijd tot 2031 en omvat een totale investering van €351,6 miljoen, "
                "waarvan €145,8 miljoen onvoorwaardelijk.")
    assert [(a.raw, a.value) for a in find_amounts(sentence)] == [
        ("€351,6 miljoen", 351_600_000), ("€145,8 miljoen", 145_800_000)]
    [looptijd] = find_periods(sentence)
    assert (looptijd.raw, looptijd.relation, looptijd.last) == ("2031", "tot", D(2031, 12, 31))
    hca = "Het ministerie van Economische Zaken subsidieert de HCA ICT tot en met 2027 met een bedrag van €3.8 miljoen."
    assert [(a.raw, a.value) for a in find_amounts(hca)] == [("€3.8 miljoen", 3_800_000)]
    assert [(p.raw, p.relation) for p in find_periods(hca)] == [("2027", "tot en met")]
    amounts = {a.raw.replace("\n", ""): a.value for a in find_amounts(text)}
    assert amounts["€205,8 miljoen"] == 205_800_000  # split over two lines in the file
    assert amounts["€80,9 miljoen euro"] == 80_900_000
    assert amounts["30 miljoen"] == 30_000_000 and amounts["14 miljoen"] == 14_000_000
    figures = [*find_amounts(text), *find_quantities(text), *find_periods(text)]
    for glued in ["jaar2", "Onderwijs,6", "talent4", "Actieplan10", "Work’’14", "CompetentNL.9", "geïnformeerd8"]:
        digit = text.index(glued) + len(glued.rstrip("0123456789"))
        assert not any(f.start <= digit < f.end for f in figures), glued


def test_budget_table_from_the_pdf():
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    page = PdfReader(BUDGET_PDF).pages[0].extract_text()
    heading = next(line for line in page.splitlines() if line.startswith("Raming over 2019"))
    assert table_scale(heading) == 1000.0
    rows = page[page.index(heading):].splitlines()[1:7]
    values = [(a.raw, a.value) for a in find_amounts("\n".join(rows), scale=table_scale(heading))]
    assert values == [("18.206", 18_206_000), ("9.465", 9_465_000), ("303", 303_000), ("860", 860_000),
                      ("80", 80_000), ("28.914", 28_914_000)]
    stand = "Stand ontwerpbegroting 2019 28.913 28.914 28.914 28.914 28.914 28.914"
    amounts = find_amounts(stand, scale=1000)
    assert [a.value for a in amounts][:2] == [28_913_000, 28_914_000] and len(amounts) == 6  # 2019 is a year
    assert find_amounts(stand) == []  # without a table scale, bare cells are no money
    prose = "bedraagt de uitkering voor de vermoedelijke opvolger van de Koning in totaal € 1.559.000, waarvan"
    assert [a.value for a in find_amounts(prose, scale=1000)] == [1_559_000]  # explicit amounts stay as written


def test_unsupported_figures():
    paragraph = ("Het kabinet investeert hiervoor incidenteel €450 miljoen en vanaf 2031 structureel €80 miljoen "
                 "per jaar. Uiterlijk 13 juni ontvangen aanvragers de uitslag.")
    assert unsupported_figures("Vanaf 2031 komt er structureel €80 mln per jaar bij.", paragraph) == []
    assert unsupported_figures("Vanaf 2030 komt er structureel €85 miljoen bij.", paragraph) == [
        "2030", "€85 miljoen"]
    assert unsupported_figures("Uiterlijk 13 juni.", paragraph) == []
    assert unsupported_figures("Uiterlijk 13 juni 2025.", paragraph) == ["13 juni 2025"]
    assert unsupported_figures("In totaal €530 miljoen.", paragraph) == ["€530 miljoen"]
    assert unsupported_figures("In totaal €530 miljoen.", paragraph, allowed={"€530 miljoen"}) == []
    assert unsupported_figures("In totaal €530 miljoen.", paragraph, allowed={"eur:530000000"}) == []
    assert unsupported_figures("Dat is $80 miljoen.", paragraph) == ["$80 miljoen"]


def test_a_coarser_period_is_supported_by_a_finer_one():
    paragraph = "De monitor is op 20 november 2024 gelanceerd; de regeling loopt 2025-2029."
    assert unsupported_figures("Dat gebeurde in november 2024.", paragraph) == []
    assert unsupported_figures("Dat gebeurde in 2024.", paragraph) == []
    assert unsupported_figures("De regeling loopt in 2025.", paragraph) == ["2025"]  # narrower than the range
    assert unsupported_figures("Op 21 november 2024.", paragraph) == ["21 november 2024"]


def test_support_from_a_budget_table_row_and_a_relative_year():
    row = "Uitgaven voor luchtvaartuigen 860"
    assert unsupported_figures("Voor luchtvaartuigen is € 860.000 geraamd.", row, scale=1000) == []
    assert unsupported_figures("Voor luchtvaartuigen is € 860.000 geraamd.", row) == ["€ 860.000"]
    table = "Raming over 2019 (bedragen x € 1.000)\nPersoneel Dienst van het Koninklijk Huis 18.206"
    assert unsupported_figures("Ruim € 18,2 miljoen voor personeel.", table) == []
    assert unsupported_figures("€ 27,7 miljoen in totaal.", table) == ["€ 27,7 miljoen"]
    paragraph = "Het nieuwe convenant wordt eind dit jaar gepresenteerd."
    assert unsupported_figures("Eind 2023 volgt het convenant.", paragraph) == ["Eind 2023"]
    assert unsupported_figures("Eind 2023 volgt het convenant.", paragraph, default_year=2023) == []


def test_amounts_are_supported_by_full_or_rounded_figures():
    paragraph = "Op jaarbasis bedraagt de uitkering in totaal € 1.559.000, waarvan € 275.000 de A-component."
    assert unsupported_figures("De uitkering is circa €1,6 miljoen per jaar.", paragraph) == []
    assert unsupported_figures("De A-component is €275.000.", paragraph) == []
    assert unsupported_figures("De A-component is €280.000.", paragraph) == ["€280.000"]
    assert unsupported_figures("Het gaat om 62% van de scholen.", "62 scholen") == ["62%"]


# Fragments of real figure notations, glued in random order with arbitrary text between them.
FRAGMENTS = st.sampled_from(["€", "€ ", "EUR ", "$", "-", "–", "/", ",", ".", " ", "\n", "%", "miljoen", "mln.",
                             "miljard", " euro", "2025", "13 juni", "Q1 ", "medio ", "t/m ", "x € 1.000",
                             "3.8", "1.650", "351,6", "0", "9", "jaar", "per ", "tot en met ", "kwartaal"])
FIGURE_LIKE_TEXT = st.lists(FRAGMENTS | st.text(max_size=4), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(FIGURE_LIKE_TEXT)
@example("6,153000.1 € x")  # a comma then a dotted "fraction": once crashed the parser
def test_finders_never_raise_and_spans_index_the_text(text):
    for found in (*find_amounts(text), *find_amounts(text, scale=1000), *find_quantities(text),
                  *find_periods(text), *find_periods(text, default_year=2025)):
        assert text[found.start:found.end] == found.raw
    assert all(":" in key for key in figures_in(text))
    unsupported_figures(text, text[::-1])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(min_value=-10**13, max_value=10**13).map(float),
                 st.decimals(min_value=-10**9, max_value=10**9, places=2).map(float)),
       st.sampled_from(["EUR", "USD"]))
def test_format_amount_round_trips(value, currency):
    text = format_amount(value, currency)
    [amount] = find_amounts(f"Het bedrag is {text}.")
    assert amount.raw == text and amount.currency == currency
    assert same_amount(amount.value, value) or value == 0, (text, amount.value)


def test_gold_answers_state_only_figures_from_their_evidence():
    """Over the annex's gold questions, a correct answer's figures all come from its evidence quotes."""
    import json

    checked = 0
    for line in (Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl").read_text().splitlines():
        item = json.loads(line)
        if item["difficulty"] == "computation" or item["category"] == "unanswerable":
            continue
        assert unsupported_figures(item["answer"], " ".join(item["evidence"])) == [], item["id"]
        checked += 1
    assert checked >= 30
