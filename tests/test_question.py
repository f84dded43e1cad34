"""What a question asks: claims wherever the asking stands, new subjects, follow-ups (invented strings)."""

from __future__ import annotations

import pytest

from assistant.answering.question import analyse


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("Klopt het dat de pilot 12 gemeenten telt?", "de pilot 12 gemeenten telt"),
        ("De pilot telt 12 gemeenten, klopt dat?", "De pilot telt 12 gemeenten"),
        ("de pilot telt 12 gemeenten - klopt dat echt", "de pilot telt 12 gemeenten"),
        ("Kunt u bevestigen dat de pilot in 2027 stopt?", "de pilot in 2027 stopt"),
        ("Het is toch zo dat de heffing € 3 per ton is?", "de heffing € 3 per ton is"),
        ("Ik las dat de fusie anderhalf miljoen kost", "de fusie anderhalf miljoen kost"),
        ("De heffing is toch € 3 per ton?", "De heffing is € 3 per ton"),
        ("De pilot telt 12 gemeenten, is dat juist?", "De pilot telt 12 gemeenten"),
        ("pilot 12 gemeenten klopt", "pilot 12 gemeenten"),
        # a yes/no question (the verb first) that states a figure or doubts it asks to confirm a claim
        ("Telt de pilot echt 12 gemeenten?", "Telt de pilot 12 gemeenten"),
        ("Kost de fusie anderhalf miljoen?", "Kost de fusie anderhalf miljoen"),
        ("Is de heffing inderdaad afgeschaft?", "Is de heffing afgeschaft"),
        ("Stijgen de kosten met 4%?", "Stijgen de kosten met 4%"),
        # search words or a statement ending on the figure to check
        ("heffing hondenbelasting 2026 4,5 miljoen", "heffing hondenbelasting 2026 4,5 miljoen"),
        ("wachttijd vergunning parkeren zes weken", "wachttijd vergunning parkeren zes weken"),
        ("De subsidie voor buurthuizen bedraagt 2 procent.", "De subsidie voor buurthuizen bedraagt 2 procent"),
    ],
)
def test_a_claim_is_read_wherever_the_question_asks_for_confirmation(question, claim):
    assert analyse(question).claim == claim


@pytest.mark.parametrize(
    "question",
    [
        "Wat kost de pilot, klopt dat bedrag nog?", "Hoeveel gemeenten doen mee?", "Waarom stopt de pilot toch in 2027?",
        "Start de pilot in 2027?",  # a year alone says when, not what is claimed
        "Heeft de heffing gevolgen voor de begroting?",
        "Krijgt de pilot 12 gemeenten? En wanneer start hij?",  # a question word in any part asks for more than Ja/Nee
        "begroting sport 2026", "drie pijlers sportakkoord", "tabel 3.2 sportuitgaven 2025",  # search words, no figure to check
        "stijging sportuitgaven 2024-2026 figuur 4",  # a reference last, not a figure
        "oude drempel huurtoeslag als verhoging € 300 tot € 1.200",  # figures given as a condition, not claimed
    ],
)
def test_a_question_word_question_is_not_a_claim(question):
    assert analyse(question).claim is None


def test_a_lead_in_opens_a_new_subject_and_is_not_searched():
    intent = analyse("Iets anders: wie betaalt die pilot?", has_history=True)
    assert intent.question == "wie betaalt die pilot?" and not intent.follow_up
    assert analyse("wie betaalt die pilot?", has_history=True).follow_up


@pytest.mark.parametrize(
    ("question", "follow_up"),
    [
        ("en in 2028?", True),
        ("wie voert dat uit?", True),
        ("klopt het dat dat 4 miljoen is?", True),  # the claim's own "dat" is no pointer; the second one is
        ("klopt het dat de pilot 4 miljoen kost?", False),
        ("Hoeveel kost de pilot voor zorgverzekeraars in Noord-Brabant volgens de begroting van 2024?", False),
    ],
)
def test_a_follow_up_is_a_question_that_leans_on_the_one_before(question, follow_up):
    assert analyse(question, has_history=True).follow_up is follow_up
    assert not analyse(question).follow_up  # without history nothing is a follow-up


@pytest.mark.parametrize(
    ("question", "asks_amount"),
    [
        ("Wat is het totale budget voor de pilot in 2026?", True),
        ("Welk jaarlijks budget krijgt de pilot?", True),
        ("Wat zijn de kosten van de fusie?", True),
        ("Wat is de verwachte opbrengst van de heffing?", True),
        ("Welke bijdrage levert de provincie?", True),
        ("Wat is het doel van het budget?", False),  # the money noun is not what is asked
        ("Welke kosten vallen onder de regeling?", False),  # which kinds of cost: a list, not a figure
        ("Hoeveel trekt de gemeente uit voor de pilot?", True),  # a money verb
        ("verwachte kosten pilot 2026", True),  # a search-box question headed by a money noun
        ("uitgaven pilot vanaf 2026 in euro", True),
        ("Hoeveel scholen investeren in de pilot?", False),  # counts the schools that do
    ],
)
def test_a_question_asking_a_money_noun_asks_for_an_amount(question, asks_amount):
    assert ("amount" in analyse(question).strict) == asks_amount


@pytest.mark.parametrize(
    ("question", "asks_rate"),
    [
        ("Wat is nu het tarief van de hondenbelasting per hond?", True),
        ("wat is de rente op een studielening", True),
        ("Wat is het verlaagde tarief voor fietsreparaties?", True),
        ("tarief hondenbelasting per hond", True),  # a search-box question headed by a rate
        ("Wat is het doel van de rentekorting?", False),  # the rate is not what is asked
        ("Wat is de rentedaling van de afgelopen jaren?", False),
    ],
)
def test_a_question_asking_a_rate_asks_for_a_level(question, asks_rate):
    assert ("level" in analyse(question).strict) == asks_rate


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        # search words set side by side: each side is an ask of its own
        ("aantal fietsenstallingen station 2030 en extra laadpalen parkeergarage", ("aantal fietsenstallingen station 2030", "extra laadpalen parkeergarage")),
        ("budget buurtfestival gemeente + welke stichting", ("budget buurtfestival gemeente", "welke stichting")),
        # a "+" separates asks in a question too
        ("Wat kost de fietsbrug + wanneer gaat hij open?", ("Wat kost de fietsbrug", "wanneer gaat hij open")),
        # two nouns joined by "en" are one thing asked about
        ("budget voor fietspaden en wandelroutes in 2026", ()),
        ("onderwijs en zorg begroting 2026", ()),
        # a question in words asks once, unless a question word or preposition opens the second ask
        ("Wat weten we over de fietspaden en de wandelroutes?", ()),
    ],
)
def test_a_question_is_split_into_the_asks_it_puts_side_by_side(question, parts):
    assert analyse(question).parts == parts


def test_the_size_of_a_change_is_any_quantity_not_only_money_or_a_share():
    intent = analyse("Hoe groot is de daling van het aantal bezoekers van het zwembad?")
    assert "quantity" in intent.strict and "level" not in intent.strict and intent.change
    assert "level" in analyse("Hoe groot is het tekort van het zwembad?").strict


@pytest.mark.parametrize(
    ("question", "strict"),
    [
        # an embedded "hoeveel"/"wanneer" clause is not what the question asks for
        ("In welke wijken wordt onderzocht hoeveel fijnstof er vrijkomt?", set()),
        ("Wat doet de gemeente wanneer de bibliotheek sluit?", set()),
        # the question's own "hoeveel"/"wanneer", or a second ask coordinated with "en", is
        ("Hoeveel fijnstof komt er vrij in de wijk?", {"quantity"}),
        ("Wanneer sluit de bibliotheek en hoeveel kost het?", {"date", "amount"}),
    ],
)
def test_an_embedded_how_many_or_when_clause_is_not_the_ask(question, strict):
    assert set(analyse(question).strict) & {"quantity", "date", "amount"} == strict


@pytest.mark.parametrize(
    ("text", "is_question", "stance"),
    [
        ("Hoe staat de gemeente tegenover het plan voor een fietsbrug?", True, True),
        ("Wat vindt de wethouder van de nieuwe parkeernorm?", True, True),
        ("Wanneer opent de fietsbrug?", True, False),
        ("De gemeente verwelkomt het plan voor een fietsbrug.", False, True),
        ("De wethouder staat kritisch tegenover de parkeernorm.", False, True),
        ("De fietsbrug opent in 2027.", False, False),
    ],
)
def test_a_position_asked_and_a_position_taken(text, is_question, stance):
    from assistant.answering.evidence import kinds_of

    assert ("stance" in (analyse(text).wants if is_question else kinds_of(text))) == stance


def test_a_which_question_over_a_department_with_an_ampersand():
    from assistant.answering.question import WHICH_PLURAL

    assert WHICH_PLURAL.search("Welke OC&W-subsidies lopen in 2026 af?").group(1) == "OC&W-subsidies"
