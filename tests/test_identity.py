"""Document identity read from the real corpus files: Kamerstuk numbers, Aanhangsel numbers, letter heads and
signatures, each asserted against what the PDF itself prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.parsing.identity import identify, letter_head_paragraph
from assistant.parsing.ingest import load_document
from assistant.parsing.signature import read_signature, signatories
from assistant.types import Identity, Paragraph, Signatory, paragraph_id

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _load(prefix: str):
    return load_document(next(CORPUS.glob(f"{prefix}_*.pdf")))


@pytest.fixture(scope="module")
def docs():
    return {prefix: _load(prefix) for prefix in ("01", "02", "04", "05", "12", "13", "14", "16", "17")}


# What each letter's head and signature print (read from the PDFs).
LETTERS = {
    "01": ("2023-05-30", "DGBI – I&K/ 26844711", "Economische Zaken en Klimaat",
           ("M.A.M. Adriaansens", "Minister van Economische Zaken en Klimaat")),
    "02": ("2023-02-03", "IENW/BSK-2023/33017", "Infrastructuur en Waterstaat",
           ("drs. V.L.W.A. Heijnen", "Staatssecretaris van Infrastructuur en Waterstaat")),
    "04": ("2022-12-22", "IENW/BSK-2022/268034", "Infrastructuur en Waterstaat",
           ("Mark Harbers", "Minister van Infrastructuur en Waterstaat")),
    "16": ("2011-03-01", "5687928/11", "Veiligheid en Justitie",
           ("F. Teeven", "Staatssecretaris van Veiligheid en Justitie")),
}


@pytest.mark.parametrize("prefix", sorted(LETTERS))
def test_letters_get_date_kenmerk_ministry_and_signatory(docs, prefix):
    date, kenmerk, ministry, (name, function) = LETTERS[prefix]
    identity = docs[prefix].identity
    assert (identity.kind, identity.date, identity.kenmerk, identity.ministry) == ("kamerbrief", date, kenmerk, ministry)
    assert [(s.name, s.function) for s in identity.signatories] == [(name, function)]
    paragraphs = {p.id: p for p in docs[prefix].paragraphs}
    signature = paragraphs[identity.signatories[0].paragraph_id]
    assert signature.kind == "paragraph" and name in signature.text  # citable, and it states the name
    head = paragraphs[identity.header_id]
    assert head.section == ("Briefhoofd",) and kenmerk in head.text and head.pages == (1,)
    assert head.id == docs[prefix].paragraphs[-1].id  # after the body: no other paragraph id moved


def test_a_name_read_as_a_heading_is_joined_with_its_office():
    """corpus/01 prints the name above the office without 'De': both are one paragraph now."""
    doc = _load("01")
    signature = next(p for p in doc.paragraphs if p.id == doc.identity.signatories[0].paragraph_id)
    assert (signature.text, signature.kind) == ("M.A.M. Adriaansens Minister van Economische Zaken en Klimaat", "paragraph")


def test_kamerstuk_from_its_header(docs):
    identity = docs["12"].identity
    assert (identity.kind, identity.identifier, identity.dossier, identity.number, identity.vergaderjaar) == (
        "kamerstuk", "kst-35538-4", "35538", "4", "2019-2020")
    header = next(p for p in docs["12"].paragraphs if p.id == identity.header_id)
    assert header.text.startswith("Nr. 4 ADVIES AFDELING ADVISERING RAAD VAN STATE")
    assert [(s.name, s.function) for s in identity.signatories] == [
        ("H.M. de Jonge", "Minister van Volksgezondheid, Welzijn en Sport")]


def test_kamerstuk_from_metadata_xml(docs):
    identity = docs["14"].identity
    assert (identity.kind, identity.identifier, identity.dossier, identity.number, identity.vergaderjaar, identity.date) == (
        "kamerstuk", "kst-32545-143", "32545", "143", "2020-2021", "2021-07-06")
    assert identity.indieners == ("I. (Inge) van Dijk", "P.A. Grinwis")
    assert identity.subject.startswith("Motie van de leden Inge van Dijk en Grinwis")
    header = next(p for p in docs["14"].paragraphs if p.id == identity.header_id)
    assert header.text == "Nr. 143 MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS"


def test_kamerstuk_excerpt_from_its_running_footer(docs):
    """corpus/17 is one page cut from Kamerstuk 35 000 I, nr. 2: only its footer says so."""
    identity = docs["17"].identity
    assert (identity.kind, identity.identifier, identity.dossier, identity.number, identity.vergaderjaar) == (
        "kamerstuk", "kst-35000-I-2", "35000-I", "2", "2018-2019")


def test_aanhangsel_number_askers_and_answering_minister(docs):
    identity = docs["13"].identity
    assert (identity.kind, identity.identifier, identity.number, identity.vergaderjaar, identity.ministry) == (
        "aanhangsel", "ah-tk-20202021-3235", "3235", "2020-2021", "Sociale Zaken en Werkgelegenheid")
    assert identity.indieners == ("Van Weyenberg", "Romke de Jong", "Kat")
    assert (identity.submitted, identity.date) == ("2021-06-03", "2021-06-21")  # "(ingezonden …)", "(ontvangen …)"
    assert [(s.name, s.function) for s in identity.signatories] == [
        ("Koolmees", "Minister van Sociale Zaken en Werkgelegenheid")]


def test_documents_without_a_handle_have_no_identity(docs):
    assert docs["05"].identity is None  # a policy brochure: no number, no letter head


@pytest.mark.parametrize("text, expected", [
    ("De Minister van Justitie, I.W. Opstelten", ("I.W. Opstelten", "Minister van Justitie")),
    ("Hoogachtend, DE STAATSSECRETARIS VAN FINANCIËN, mr. drs. J.A. Vijlbrief",
     ("mr. drs. J.A. Vijlbrief", "Staatssecretaris van Financiën")),
    ("Met vriendelijke groet, de minister voor Klimaat en Energie, Rob Jetten", ("Rob Jetten", "Minister voor Klimaat en Energie")),
    ("C.E.G. van Gennip Minister van Sociale Zaken en Werkgelegenheid", ("C.E.G. van Gennip", "Minister van Sociale Zaken en Werkgelegenheid")),
    ("De minister van Financiën heeft de Kamer toegezegd dit jaar te rapporteren, zoals afgesproken.", None),
    ("Daarover informeert de Minister van Financiën, W.B. Hoekstra", None),
])
def test_reading_a_signature(text, expected):
    assert read_signature(text) == expected


def test_identity_needs_something_to_go_on():
    body = (Paragraph("x-0001", "x", "Een gewone alinea zonder kop of ondertekening.", (1,)),)
    assert identify(body, {}) is None
    assert letter_head_paragraph("x", {"Datum": "1 maart 2011"}, body, 0) is None  # a date alone is no letter head
    facts = {"Datum": "1 maart 2011", "Kenmerk": "123/45", "date": "2011-03-01"}
    head = letter_head_paragraph("x", facts, body, 50)
    assert (head.text, head.id, head.kind, head.start) == ("Datum: 1 maart 2011. Kenmerk: 123/45.", paragraph_id("x", 2), "heading", 50)
    identity = identify(body + (head,), facts, letter_head=head.id)
    assert identity == Identity(kind="kamerbrief", date="2011-03-01", kenmerk="123/45", header_id=head.id)


def test_signatories_are_read_only_near_the_end():
    paragraphs = tuple(Paragraph(f"x-{i:04d}", "x", text, (1,)) for i, text in enumerate(
        ["De Minister van Financiën, W.B. Hoekstra"] + [f"Alinea {n} van de brief." for n in range(8)], 1))
    assert signatories(paragraphs) == ()
    closing = paragraphs + (Paragraph("x-0010", "x", "De Minister van Financiën, W.B. Hoekstra", (1,)),)
    assert signatories(closing) == (Signatory("W.B. Hoekstra", "Minister van Financiën", "x-0010"),)


def test_a_bijlage_from_its_metadata_xml():
    """corpus/15 is a scan (read once OCR'd); its metadata.xml says it is a bijlage to kst-33037-430."""
    from assistant.parsing.ingest import _sidecar_metadata

    facts = _sidecar_metadata(next(CORPUS.glob("15_*.pdf")))
    identity = identify((Paragraph("x-0001", "x", "Beslisnota", (1,)),), facts)
    assert (identity.kind, identity.identifier, identity.parent, identity.dossier, identity.number, identity.vergaderjaar) == (
        "bijlage", "blg-1007826", "kst-33037-430", "33037", "430", "2021-2022")
