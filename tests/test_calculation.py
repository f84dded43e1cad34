"""Calculations over cited figures and the constructions that ask for them (invented sentences and questions)."""

from __future__ import annotations

import pytest

from assistant.answering.answer import CitationBook
from assistant.answering.calculation import over_years, relate, series_change
from assistant.answering.evidence import Sentence, kinds_of
from assistant.answering.question import analyse
from assistant.figures import compare as figures
from assistant.types import Paragraph


def _sentence(text: str, pid: str = "d#1", start: int = 0) -> Sentence:
    paragraph = Paragraph(pid, "d", text, (1,))
    return Sentence(paragraph, rank=0, start=start, end=len(text), score=1.0, coverage=1.0, context=1.0, kinds=kinds_of(text))


def _book() -> CitationBook:
    return CitationBook(lambda doc_id: doc_id)


def _term(text: str, kind: str, index: int = 0, pid: str = "d#1"):
    sentence = _sentence(text, pid)
    return sentence, figures.by_kind(text)[kind][index]


@pytest.mark.parametrize(
    ("question", "operation", "terms"),
    [
        ("Hoeveel van het fonds van de provincie gaat niet naar de gemeenten?", "remainder", ("het fonds van de provincie", "de gemeenten")),
        ("Van de 12 miljoen voor de pilot, hoeveel gaat er niet naar scholen?", "remainder", ("de 12 miljoen voor de pilot", "scholen")),
        ("Hoeveel van de subsidie is nog niet uitgekeerd?", "remainder", ("de subsidie", "uitgekeerd")),
        ("Welk deel van het budget gaat naar de regio Twente?", "ratio", ("het budget", "de regio Twente")),
        ("Welk deel van de uitgaven gaat in 2026 naar defensie?", "ratio", ("de uitgaven", "defensie")),
        ("Hoeveel keer zo groot is het fonds als de regeling?", "times", ("het fonds", "de regeling")),
        ("Hoeveel van het fonds blijft over als je de bijdrage aan gemeenten eraf haalt?", "remainder",
         ("het fonds", "de bijdrage aan gemeenten")),
        ("Hoe groot is het deel voor scholen als percentage van de regeling?", "ratio", ("de regeling", "het deel voor scholen")),
        ("Hoeveel procentpunt hoger is de heffing op bier dan die op wijn?", "difference", ("de heffing op bier", "heffing op wijn")),
        ("Hoeveel weken later dan de gemeenten moeten de provincies rapporteren?", "difference", ("de provincies rapporteren", "de gemeenten")),
        ("verschil heffing bier en heffing wijn in procentpunt", "difference", ("heffing bier", "heffing wijn")),
        ("subsidie gemeenten + subsidie provincies samen", "sum", ("subsidie gemeenten", "subsidie provincies samen")),
    ],
)
def test_a_calculation_is_read_from_the_questions_construction(question, operation, terms):
    intent = analyse(question)
    assert (intent.operation, intent.terms) == (operation, terms)


def test_in_totaal_asks_for_a_total_and_a_year_only_term_for_one_series():
    assert analyse("Hoeveel geld krijgt de pilot in totaal?").operation == "total"
    assert analyse("Wat levert de heffing op over 2027 tot en met 2029 samen?").operation == "total"
    assert analyse("Hoeveel krijgt de pilot over de jaren 2024 tot en met 2027?").operation == "total"
    intent = analyse("Hoeveel procentpunt hoger ligt de heffing in 2030 dan in 2025?")
    assert intent.terms[1] == "in 2025" and intent.years == (2030, 2025)
    assert analyse("Met hoeveel gaat de heffing na twee jaar omhoog?").change


def test_an_amount_per_year_over_a_span_of_years_is_multiplied_by_the_years():
    sentence = _sentence("Het kabinet trekt van 2023 tot en met 2026 € 5 miljoen per jaar uit voor de pilot.")
    answer = over_years(analyse("Hoeveel krijgt de pilot in totaal?"), [sentence], _book())
    assert answer.text.startswith("Samen is dat €20 miljoen: 4 jaar (2023 tot en met 2026 [1]) maal € 5 miljoen per jaar [1].")


def test_the_years_the_question_names_span_an_amount_running_from_then():
    sentence = _sentence("Vanaf 2024 ontvangt de pilot jaarlijks € 2 miljoen.")
    answer = over_years(analyse("Hoeveel krijgt de pilot over 2024, 2025 en 2026 samen?"), [sentence], _book())
    assert answer.text.startswith("Samen is dat €6 miljoen: 3 jaar (2024 tot en met 2026, de gevraagde jaren)")
    later = over_years(analyse("Hoeveel krijgt de pilot over 2022, 2023 en 2024 samen?"), [sentence], _book())
    assert later is None  # the amount runs from 2024: the years before it are not covered


def test_the_change_of_one_series_pairs_each_figure_with_its_year():
    sentence = _sentence("Voor 2035 geldt een norm van 40 procent hergebruik in 2026 en 47,5 procent in 2030.")
    answer = series_change((2030, 2026), "percentage", [sentence], _book())
    assert answer.text.startswith("Het verschil is 7,5 procentpunt: van 40 procent in 2026 [1] naar 47,5 procent in 2030 [1].")


def test_figures_of_different_units_or_kinds_are_never_related():
    months = _term("De eerste groep krijgt 6 maanden.", "count")
    years = _term("De tweede groep krijgt 2 jaar.", "count", pid="d#2")
    assert relate(analyse("Hoeveel maanden later dan de eerste groep moet de tweede groep klaar zijn?"), [months, years], _book()) is None
    once = _term("Eenmalig is € 450 miljoen beschikbaar.", "amount")
    yearly = _term("Daarnaast komt er € 80 miljoen per jaar bij.", "amount", pid="d#2")
    assert relate(analyse("Hoeveel is eenmalig plus jaarlijks samen?"), [once, yearly], _book()) is None
    dollars = _term("Het fonds heeft $ 30 miljoen.", "amount", pid="d#3")
    assert relate(analyse("Hoeveel is het fonds plus het eenmalige geld samen?"), [once, dollars], _book()) is None


def test_a_remainder_and_a_share_are_shown_with_each_term_cited():
    whole = _term("De regeling omvat € 40 miljoen, waarvan € 10 miljoen voor scholen.", "amount", 0)
    part = _term("De regeling omvat € 40 miljoen, waarvan € 10 miljoen voor scholen.", "amount", 1)
    left = relate(analyse("Hoeveel van de regeling gaat niet naar scholen?"), [whole, part], _book())
    assert left.text.startswith("Er blijft €30 miljoen over: € 40 miljoen [1] min € 10 miljoen [1].")
    share = relate(analyse("Welk deel van de regeling gaat naar scholen?"), [whole, part], _book())
    assert share.text.startswith("Dat is 25%: € 10 miljoen [1] van € 40 miljoen [1].")
    swapped = relate(analyse("Hoeveel van de regeling gaat niet naar scholen?"), [part, whole], _book())
    assert swapped.text.startswith("Er blijft €30 miljoen over")  # one sentence's whole and part: the larger is the whole
    larger = _term("Voor scholen is € 50 miljoen gereserveerd.", "amount", pid="d#2")
    assert relate(analyse("Hoeveel van de regeling gaat niet naar scholen?"), [whole, larger], _book()) is None


def test_a_difference_of_full_amounts_is_written_in_full():
    big = _term("Op jaarbasis is het € 1.600.000.", "amount")
    small = _term("In het eerste jaar is het € 130.000.", "amount", pid="d#2")
    answer = relate(analyse("Hoeveel minder is het in het eerste jaar dan op jaarbasis?"), [big, small], _book())
    assert answer.text.startswith("Het verschil is €1.470.000: € 1.600.000 [1] min € 130.000 [2].")


def test_limits_of_different_things_are_not_added_up():
    from assistant.answering.answer import total

    intent = analyse("Hoeveel leningen zijn er in totaal verstrekt?")
    limits = _sentence("Het gaat om een krediet tot maximaal 8.000 euro, voor wie minder dan 150.000 euro vermogen heeft.")
    assert total(intent, [limits], _book()) is None
    parts = _sentence("De gemeente verstrekte 8.000 euro aan de bibliotheek en 150.000 euro aan het zwembad.")
    assert total(intent, [parts], _book()).text.startswith("Samen is dat")


def test_het_aandeel_van_a_in_b_asks_a_share():
    assert analyse("Hoe groot is het aandeel van de musea in de cultuuruitgaven?").terms == ("de cultuuruitgaven", "de musea")
    assert analyse("aandeel musea in cultuuruitgaven 2026").terms == ("cultuuruitgaven 2026", "musea")
    assert analyse("Welk aandeel van de subsidie gaat naar musea?").terms == ("de subsidie", "musea")


def test_a_calculation_construction_does_not_run_over_into_another_ask():
    intent = analyse("Hoe groot is het aandeel van de musea in de cultuuruitgaven, en wanneer opent het nieuwe museum?")
    assert intent.operation is None and len(intent.parts) == 2


def test_the_rest_of_a_stated_share_answers_what_does_not():
    from assistant.answering.shares import complement

    intent = analyse("Welk deel van de gemeenten heeft nog geen warmteplan vastgesteld?")
    assert intent.operation == "complement" and intent.terms[0].startswith("de gemeenten")
    stated = _sentence("Inmiddels heeft twee derde van de gemeenten een warmteplan, en 40% van de provincies.")
    answer = complement([stated], intent.terms[0], _book())
    assert answer.text.startswith("Dat is een derde: het deel naast twee derde [1].")
    percent = _sentence("Ruim 70% van de gemeenten heeft een warmteplan.")
    assert complement([percent], intent.terms[0], _book()).text.startswith("Dat is 30%: het deel naast 70% [1].")
    denied = _sentence("Ruim 30% van de gemeenten heeft nog geen warmteplan.")
    assert complement([denied], intent.terms[0], _book()) is None  # the stated share is already the rest
    other = _sentence("Ruim 70% van de provincies heeft een warmteplan.")
    assert complement([other], intent.terms[0], _book()) is None  # a share of another whole


def test_a_term_that_only_points_back_is_never_searched():
    from assistant.answering.calculation import calculate

    def find_term(*args):
        raise AssertionError("'dat' was searched as a term")

    intent = analyse("welk deel van het totaal is dat?", has_history=True)
    assert intent.operation == "ratio" and calculate(intent, [], _book(), find_term) is None


def test_the_level_before_a_stated_change_is_taken_back_from_it():
    from assistant.answering.levels import level_before

    now = analyse("Hoe hoog is de drempel voor de huurtoeslag nu?")
    rise = _sentence("In de nieuwe regeling wordt de drempel met € 1.500 verhoogd tot ongeveer € 9.000.")
    assert level_before(now, [rise], _book()).text.startswith("Nu is dat ongeveer €7.500: ongeveer € 9.000 min de verhoging van € 1.500 [1].")
    before = analyse("Wat was het tarief vóór de verlaging?")
    assert before.asks_prior
    fall = _sentence("Het tarief gaat met 2 procentpunt omlaag naar 19%.")
    assert level_before(before, [fall], _book()).text.startswith("Vóór de wijziging is dat 21%: 19% plus de verlaging van 2 procentpunt [1].")
    done = _sentence("Het aantal plaatsen is vorig jaar gestegen met 300 plaatsen tot 2.100 plaatsen.")
    assert level_before(analyse("Hoeveel plaatsen zijn er nu?"), [done], _book()) is None  # the level now is stated
    assert level_before(analyse("Hoeveel plaatsen waren er vóór de stijging?"), [done], _book()).text.startswith("Vóór de wijziging is dat 1.800 plaatsen")
    unrelated = _sentence("De subsidie van € 2 miljoen wordt in 2026 verhoogd.")
    assert level_before(now, [unrelated], _book()) is None  # no step and level: nothing to take back


def test_a_stated_share_is_applied_to_the_amount_the_question_names():
    from assistant.answering.shares import share_of_amount

    share = _sentence("De beheerkosten van het fonds bedragen 4% van de jaarlijkse storting.", pid="d#1")
    amount = _sentence("De jaarlijkse storting in het fonds wordt verhoogd met € 50 mln.", pid="d#2")
    answer = share_of_amount("Hoeveel extra beheerkosten brengt de verhoging met € 50 mln mee?", [share, amount], _book())
    assert answer.text.startswith("Dat is € 2 mln: 4% [1] van € 50 mln [2].")
    # a share of something else than what is asked, or of a whole the amount is no part of, is not applied
    assert share_of_amount("Hoeveel subsidie hoort bij de verhoging met € 50 mln?", [share, amount], _book()) is None
    other = _sentence("De beheerkosten bedragen 4% van het bbp.", pid="d#3")
    assert share_of_amount("Hoeveel beheerkosten brengt de verhoging met € 50 mln mee?", [other, amount], _book()) is None
    # the amount must stand in a source sentence too
    assert share_of_amount("Hoeveel beheerkosten brengt een storting van € 80 mln mee?", [share, amount], _book()) is None
