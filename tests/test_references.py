"""Citations in the Kamer's form, and documents found by the handles the Kamer writes: pure functions on strings."""

from __future__ import annotations

import pytest

from assistant.answering.question import analyse
from assistant.answering.references import document_reference, dossier, reference
from assistant.retrieval.handles import kamerstuk_numbers, named_documents, surname_of
from assistant.types import Citation, Identity, Signatory

MOTIE = Identity(kind="kamerstuk", identifier="kst-32545-143", dossier="32545", number="143", vergaderjaar="2020-2021",
                 date="2021-07-06", indieners=("I. (Inge) van Dijk", "P.A. Grinwis"))
EXCERPT = Identity(kind="kamerstuk", identifier="kst-35000-I-2", dossier="35000-I", number="2", vergaderjaar="2018-2019")
VRAGEN = Identity(kind="aanhangsel", identifier="ah-tk-20202021-3235", number="3235", vergaderjaar="2020-2021",
                  indieners=("Van Weyenberg", "Romke de Jong", "Kat"),
                  signatories=(Signatory("Koolmees", "Minister van Sociale Zaken en Werkgelegenheid"),))
BRIEF = Identity(kind="kamerbrief", ministry="Infrastructuur en Waterstaat", date="2022-12-22",
                 kenmerk="IENW/BSK-2022/268034", signatories=(Signatory("Mark Harbers", "Minister van Infrastructuur en Waterstaat"),))
OLD_BRIEF = Identity(kind="kamerbrief", ministry="Veiligheid en Justitie", date="2011-03-01", kenmerk="5687928/11",
                     signatories=(Signatory("F. Teeven", "Staatssecretaris van Veiligheid en Justitie"),))
IDENTITIES = {"motie": MOTIE, "excerpt": EXCERPT, "vragen": VRAGEN, "brief": BRIEF, "oud": OLD_BRIEF}


def _cite(identity, pages=(3,), title="Titel van het document"):
    return Citation(1, "doc", title, pages, "abcd1234-0001", "tekst", "tekst", identity)


@pytest.mark.parametrize("identity, short, formal", [
    (MOTIE, "Kamerstuk 32 545, nr. 143, p. 3", "Kamerstukken II 2020/21, 32 545, nr. 143, p. 3"),
    (EXCERPT, "Kamerstuk 35 000 I, nr. 2, p. 3", "Kamerstukken II 2018/19, 35 000 I, nr. 2, p. 3"),
    (VRAGEN, "Aanhangsel Handelingen II 2020/21, nr. 3235, p. 3", "Aanhangsel Handelingen II 2020/21, nr. 3235, p. 3"),
    (BRIEF, "Kamerbrief IenW, 22 december 2022, p. 3",
     "Kamerbrief IenW van 22 december 2022, kenmerk IENW/BSK-2022/268034, p. 3"),
    (Identity(kind="bijlage", identifier="blg-1007826", parent="kst-33037-430", dossier="33037", number="430",
              vergaderjaar="2021-2022"),
     "Bijlage bij Kamerstuk 33 037, nr. 430, p. 3", "Bijlage bij Kamerstukken II 2021/22, 33 037, nr. 430, p. 3"),
    (None, "Titel van het document, p. 3", "Titel van het document, p. 3"),
])
def test_reference_forms(identity, short, formal):
    assert reference(_cite(identity)) == short
    assert reference(_cite(identity), formal=True) == formal


def test_reference_over_a_page_break_and_without_pages():
    assert reference(_cite(MOTIE, pages=(2, 3))) == "Kamerstuk 32 545, nr. 143, p. 2–3"
    assert reference(_cite(MOTIE, pages=())) == "Kamerstuk 32 545, nr. 143"
    assert document_reference(Identity(kind="kamerbrief")) == "Kamerbrief"
    assert dossier("32545") == "32 545" and dossier("35000-I") == "35 000 I"


@pytest.mark.parametrize("question", [
    "Wat vraagt kst-32545-143?",
    "Wat verzoekt 32545-143 de regering?",
    "Waar gaat Kamerstuk 32 545, nr. 143 over?",
    "Wat staat er in Kamerstuk 32545 nr 143?",
    "wat vraagt kamerstuk 32 545 nr. 143 van de regering",
    "Kamerstukken II 2020/21, 32 545, nr. 143: welke grens?",
])
def test_every_written_form_of_a_kamerstuk_number_names_it(question):
    assert named_documents(question, IDENTITIES) == ("motie",)


@pytest.mark.parametrize("question, expected", [
    ("Welke rente noemt Aanhangsel Handelingen II 2020/21, nr. 3235?", ("vragen",)),
    ("Wat antwoordt de minister in ah-tk-20202021-3235?", ("vragen",)),
    ("Wat staat er in de tabel van kst-35000-I-2?", ("excerpt",)),
    ("Hoeveel bedraagt de uitkering volgens 35 000 I, nr. 2?", ("excerpt",)),
    ("Wat schrijft de brief met kenmerk IENW/BSK-2022/268034 over ultrafijn stof?", ("brief",)),
    ("Wat staat er in de brief van 22 december 2022 over ultrafijn stof?", ("brief",)),
    ("Wat verzoekt de motie van Van Dijk en Grinwis?", ("motie",)),
    ("Welke vragen stelde Van Weyenberg?", ("vragen",)),
    ("Wat schrijft Teeven in zijn brief over de expertmeeting?", ("oud",)),
    ("Wat staat er in dossier 32545?", ("motie",)),
    # not a handle: a number of another dossier, a date not the document's own, a name without a document word
    ("Wat vraagt kst-32545-144?", ()),
    ("Wat staat er in de brief van 23 december 2022?", ()),
    ("Wat vindt Harbers van ultrafijn stof?", ()),
    ("Hoeveel geld is er in 2022 tot 2025 beschikbaar, 12 500 euro per jaar?", ()),
])
def test_handles_in_questions(question, expected):
    assert named_documents(question, IDENTITIES) == expected


def test_kamerstuk_numbers_and_surnames():
    assert kamerstuk_numbers("zie 32 545, nr. 143 en kst-35000-I-2") == {("32545", "143"), ("35000-I", "2")}
    assert [surname_of(n) for n in ("I. (Inge) van Dijk", "drs. V.L.W.A. Heijnen", "Kat")] == ["Dijk", "Heijnen", ""]


@pytest.mark.parametrize("question, fact", [
    ("Wie heeft de brief over de emissies van de luchtvaart ondertekend?", "signatory"),
    ("Door wie is de Kamerbrief over het circulaire-economieprogramma getekend?", "signatory"),
    ("Welke bewindspersoon ondertekende de brief over de missies?", "signatory"),
    ("Wie staat er onder de brief over ultrafijn stof?", "signatory"),
    ("Wie hebben de motie over de spaarrente ingediend?", "signatory"),
    ("Van welk ministerie komt de brief over het innovatiebeleid?", "ministry"),
    ("Van welke Kamerleden komen de vragen over de hondenbelasting?", "signatory"),
    ("Welk ministerie heeft de brief over circulaire economie gestuurd?", "ministry"),
    ("Wanneer is de brief over luchtvaartemissies verstuurd?", "date"),
    ("Van wanneer dateert de brief over de missies?", "date"),
    ("Van welke datum is de brief over het klimaat?", "date"),
    ("Welke datum staat er op de brief over de missies?", "date"),
    ("Wat is het kenmerk van de brief over de luchtvaart?", "kenmerk"),
    # the document's text, not the document itself
    ("Wie tekende het convenant?", None),
    ("Wanneer wordt de brief over de voortgang naar de Kamer gestuurd?", None),
    ("Wat is het kenmerk van de Tozo?", None),
    ("Welk ministerie is eerstverantwoordelijk voor het voorstel?", None),
    ("Klopt het dat de brief door Harbers is ondertekend?", None),
])
def test_questions_about_the_document_itself(question, fact):
    assert analyse(question).document_fact == fact
