"""What a document is in the Kamer's terms: Kamerstuk number, Aanhangsel number, or letter date and kenmerk.

Pure functions over the facts the readers found (official metadata XML, letter head, running footer) and the
paragraphs. Official metadata wins; otherwise the document's own header, letter head and signature say it.
"""

from __future__ import annotations

import re

from assistant.figures.periods import find_periods
from assistant.parsing.signature import ministry_of, signatories
from assistant.types import Identity, Paragraph, Signatory, paragraph_id

# "Tweede Kamer, vergaderjaar 2018–2019, 35 000 I, nr. 2": the running footer of a Kamerstuk.
RUNNING_FOOTER = re.compile(
    r"Tweede\s+Kamer,\s+vergaderjaar\s+(\d{4})\s*[–-]\s*(\d{4}),\s+(\d{2}\s?\d{3}(?:[\s-]+[A-Z]{1,5})?),\s+nr\.\s*(\d+)", re.I
)
_VERGADERJAAR = re.compile(r"\bVergaderjaar\s+(\d{4})\s*[–-]\s*(\d{4})", re.I)
_DOSSIER = re.compile(r"^(\d{2}\s?\d{3})(?:\s+([A-Z]{1,5})\b(?=\s+[A-Z]))?")
_NUMBER = re.compile(r"^Nr\.\s*(\d{1,4})\b")
_AANHANGSEL = re.compile(r"\bAanhangsel\s+van\s+de\s+Handelingen\b", re.I)
_AANHANGSEL_NUMBER = re.compile(r"^(\d{1,5})\s+Vragen\s+van\b")
# "Vragen van de leden Van Weyenberg, Romke de Jong en Kat (allen D66)", "Vragen van het lid X (CDA)".
_ASKED_BY = re.compile(r"\bVragen\s+van\s+(?:de\s+leden|het\s+lid)\s+(.+?)\s*(?:\(|\baan\s+de\b)")
# "Antwoord van Minister Koolmees (Sociale Zaken en Werkgelegenheid)".
_ANSWERED_BY = re.compile(r"\bAntwoord\s+van\s+(?:de\s+)?(Minister|Staatssecretaris)\s+([\w'’ -]+?)\s+\(([^)]+)\)")
_MINISTRY = re.compile(r"^Ministerie\s+van\s+(.+)$")
# "(ingezonden 3 juni 2021)", "(ontvangen 21 juni 2021)": when the questions went in and the answer came back.
_SENT_IN = re.compile(r"\(ingezonden\s+([^)]+)\)")
_RECEIVED = re.compile(r"\(ontvangen\s+([^)]+)\)")
HEADER_READ = 8  # paragraphs read from the start for a Kamerstuk or Aanhangsel header
# The ministries by their usual short names (for "Kamerbrief IenW, 3 februari 2023").
MINISTRY_SHORT = {
    "Algemene Zaken": "AZ",
    "Binnenlandse Zaken en Koninkrijksrelaties": "BZK",
    "Buitenlandse Zaken": "BZ",
    "Defensie": "Defensie",
    "Economische Zaken": "EZ",
    "Economische Zaken en Klimaat": "EZK",
    "Financiën": "Financiën",
    "Infrastructuur en Milieu": "IenM",
    "Infrastructuur en Waterstaat": "IenW",
    "Justitie en Veiligheid": "JenV",
    "Klimaat en Groene Groei": "KGG",
    "Landbouw, Natuur en Voedselkwaliteit": "LNV",
    "Landbouw, Visserij, Voedselzekerheid en Natuur": "LVVN",
    "Onderwijs, Cultuur en Wetenschap": "OCW",
    "Sociale Zaken en Werkgelegenheid": "SZW",
    "Veiligheid en Justitie": "VenJ",
    "Volksgezondheid, Welzijn en Sport": "VWS",
    "Volkshuisvesting en Ruimtelijke Ordening": "VRO",
}


def identify(
    paragraphs: tuple[Paragraph, ...], facts: dict[str, str], date: str = "", footer: str = "", letter_head: str = ""
) -> Identity | None:
    """The document's identity, or None when nothing states one. `footer` is a Kamerstuk's running footer,
    `letter_head` the id of the paragraph holding the letter head (see `letter_head_paragraph`)."""
    official = _from_metadata(facts)
    header = _from_header(paragraphs, footer)
    signed = signatories(paragraphs) or header.get("signatories", ())
    merged = {**header, **{k: v for k, v in official.items() if v}}
    ministry = merged.get("ministry") or _ministry(facts, signed)
    identity = Identity(
        kind=merged.get("kind") or ("kamerbrief" if facts.get("Datum") and (facts.get("Kenmerk") or signed) else ""),
        identifier=merged.get("identifier") or _identifier(merged),
        dossier=merged.get("dossier", ""),
        number=merged.get("number", ""),
        vergaderjaar=merged.get("vergaderjaar", ""),
        ministry=ministry,
        date=merged.get("date") or facts.get("date") or date,
        kenmerk=facts.get("Kenmerk", ""),
        subject=merged.get("subject") or facts.get("Betreft") or facts.get("Onderwerp", ""),
        signatories=tuple(signed),
        indieners=tuple(merged.get("indieners", ())),
        submitted=merged.get("submitted", ""),
        parent=merged.get("parent", ""),
        header_id=merged.get("header_id") or letter_head,
    )
    return identity if identity.kind else None


def short_ministry(name: str) -> str:
    return MINISTRY_SHORT.get(name, name)


def _from_metadata(facts: dict[str, str]) -> dict:
    """OVERHEIDop metadata as flattened by the reader: identifier, dossiernummer, ondernummer, indiener, ..."""
    if not facts.get("identifier") and not facts.get("dossiernummer"):
        return {}
    kind = "kamerstuk" if facts.get("identifier", "").startswith("kst-") or facts.get("dossiernummer") else ""
    if facts.get("identifier", "").startswith("blg-"):  # its dossier and number are those of its kamerstuk
        kind = "bijlage"
    return {
        "kind": kind,
        "parent": facts.get("hoofddocument", ""),
        "identifier": facts.get("identifier", ""),
        "dossier": facts.get("dossiernummer", "").replace(" ", ""),
        "number": facts.get("ondernummer", ""),
        "vergaderjaar": facts.get("vergaderjaar", ""),
        "date": facts.get("issued", ""),
        "subject": facts.get("documenttitel", ""),
        "indieners": [n.strip() for n in facts.get("indiener", "").split(";") if n.strip()],
    }


def _from_header(paragraphs: tuple[Paragraph, ...], footer_text: str) -> dict:
    """A Kamerstuk or Aanhangsel header on the first page, or a Kamerstuk's running footer."""
    found: dict = {}
    footer = RUNNING_FOOTER.search(footer_text)
    if footer:
        found.update(kind="kamerstuk", vergaderjaar=f"{footer.group(1)}-{footer.group(2)}",
                     dossier=re.sub(r"\s+", "", re.sub(r"(\d)\s+([A-Z])", r"\1-\2", footer.group(3))), number=footer.group(4))
    head = paragraphs[:HEADER_READ]
    if not any("Tweede Kamer der Staten-Generaal" in p.text for p in head):
        return found
    for p in head:
        year = _VERGADERJAAR.search(p.text)
        if year:
            found["vergaderjaar"] = f"{year.group(1)}-{year.group(2)}"
        if _AANHANGSEL.search(p.text):
            found["kind"] = "aanhangsel"
    if found.get("kind") == "aanhangsel":
        return found | _aanhangsel(head)
    for p in head:
        dossier, number = _DOSSIER.match(p.text), _NUMBER.match(p.text)
        if dossier and "dossier" not in found:
            found["dossier"] = dossier.group(1).replace(" ", "") + (f"-{dossier.group(2)}" if dossier.group(2) else "")
        if number and "header_id" not in found:
            found.update(kind="kamerstuk", number=number.group(1), header_id=p.id)
    return found


def _aanhangsel(head: tuple[Paragraph, ...]) -> dict:
    found: dict = {}
    for p in head:
        number = _AANHANGSEL_NUMBER.match(p.text)
        if not number:
            continue
        found.update(number=number.group(1), header_id=p.id)
        asked = _ASKED_BY.search(p.text)
        if asked:
            found["indieners"] = [n.strip() for n in re.split(r",\s*|\s+en\s+", asked.group(1)) if n.strip()]
        for key, pattern in (("submitted", _SENT_IN), ("date", _RECEIVED)):
            stated = pattern.search(p.text)
            day = next((d for d in find_periods(stated.group(1)) if d.precision == "day" and d.has_year), None) if stated else None
            if day:
                found[key] = day.first.isoformat()
        answered = _ANSWERED_BY.search(p.text)
        if answered:
            function = f"{answered.group(1)} van {answered.group(3)}"
            found["signatories"] = (Signatory(answered.group(2).strip(), function, p.id),)
            found["ministry"] = answered.group(3)
        break
    return found


def _identifier(found: dict) -> str:
    if found.get("kind") == "aanhangsel" and found.get("number") and found.get("vergaderjaar"):
        return f"ah-tk-{found['vergaderjaar'].replace('-', '')}-{found['number']}"
    if found.get("dossier") and found.get("number"):
        return f"kst-{found['dossier']}-{found['number']}"
    return ""


def _ministry(facts: dict[str, str], signed) -> str:
    sender = _MINISTRY.match(facts.get("afzender", ""))
    if sender:
        return sender.group(1).strip()
    return next((ministry_of(s.function) for s in signed if s.function), "")


def letter_head_paragraph(doc_id: str, facts: dict[str, str], paragraphs: tuple[Paragraph, ...], offset: int) -> Paragraph | None:
    """The letter head (Datum, Kenmerk, Betreft, sender) as one citable paragraph, placed after the body so
    that no other paragraph's id changes; None when the document has no letter head."""
    labels = [(label, facts.get(key, "")) for label, key in
              (("Datum", "Datum"), ("Kenmerk", "Kenmerk"), ("Betreft", "Betreft"), ("Onderwerp", "Onderwerp"), ("Afzender", "afzender"))]
    if not facts.get("Datum") or not (facts.get("Kenmerk") or facts.get("Betreft") or facts.get("Onderwerp")):
        return None
    text = ". ".join(f"{label}: {value}" for label, value in labels if value) + "."
    return Paragraph(
        id=paragraph_id(doc_id, len(paragraphs) + 1), doc_id=doc_id, text=text, pages=(1,), section=("Briefhoofd",),
        start=offset, end=offset + len(text), kind="heading",
    )
