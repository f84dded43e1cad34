"""Documents a question names by their handle: "kst-32545-143", "32 545, nr. 143", "de brief van 30 mei 2023",
"de motie van Van Dijk en Grinwis", "Aanhangsel nr. 3235", a kenmerk.

One pure function, `named_documents`, over the question and the known identities; the retriever turns what it
finds into a document filter. Every written form of an identifier is read to the same dossier and number.
"""

from __future__ import annotations

import re

from assistant.figures.periods import find_periods
from assistant.types import Identity

# "kst-32545-143", "32545-143", "32 545, nr. 143", "Kamerstuk 32545 nr 143", "35 000 I, nr. 2", "kst-35000-I-2".
_KAMERSTUK = re.compile(
    r"(?<![\d/])(?:kst-)?(\d{2}\s?\d{3})(?:[\s-]([A-Z]{1,5}|[IVXL]+))?(?:\s*,?\s*(?:nr\.?|nummer|no\.?)\s*|-)(\d{1,4})\b", re.I
)
# "ah-tk-20202021-3235", "Aanhangsel Handelingen II 2020/21, nr. 3235", "aanhangsel nr 3235".
_AANHANGSEL = re.compile(
    r"\bah-tk-\d{8}-(\d{1,5})\b|\baanhangsel\b[^?.;]{0,40}?\b(?:nr\.?|nummer)\s*(\d{1,5})\b", re.I
)
# "dossier 32545", "Kamerstukken 32 545": every document in the dossier.
_DOSSIER = re.compile(r"\b(?:dossier|kamerstuk(?:ken)?)(?:\s+II)?\s+(\d{2}\s?\d{3})(?![\d,-]|\s*,?\s*nr)", re.I)
# Words that say a document is meant ("de brief van ...", "de motie van ...", "de antwoorden van ...").
_DOCUMENT = re.compile(
    r"\b(?:kamer)?brie(?:f|ven)\b|\bmoties?\b|\bkamer(?:stuk|vragen)\w*|\bvragen\b|\bantwoord(?:en)?\b|\bdocument\w*|\bnota\b"
    r"|\bondertekend\w*|\bgetekend\b|\bingediend\w*|\bverstuurd\b|\bverzonden\b|\badvies\b",
    re.I,
)
_DATED = re.compile(r"\b(?:van|d\.d\.|gedateerd|verstuurd\s+op|verzonden\s+op)\s+$", re.I)
_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "het"}


def named_documents(question: str, identities: dict[str, Identity]) -> tuple[str, ...]:
    """Ids of the documents the question names by a handle (identifier, dossier, kenmerk, dated document,
    indiener or signatory), in the order given; () when it names none."""
    text = " ".join(question.split())
    for finder in (_by_identifier, _by_kenmerk, _by_dossier, _by_date, _by_person):
        found = tuple(doc_id for doc_id, identity in identities.items() if identity and finder(text, identity))
        if found:
            return found
    return ()


# What is left of a cited identifier once its number is taken out: "Kamerstukken II 2020/21, ", "Aanhangsel Handelingen".
_CITED = re.compile(
    r"\b(?:kamerstuk(?:ken)?|aanhangsel(?:\s+(?:van\s+de\s+)?handelingen)?)(?:\s+II)?(?:\s+\d{4}/\d{2})?\s*,?\s*$", re.I
)


def without_identifiers(text: str) -> str:
    """The question with the identifiers it names taken out ("Wat verzoekt kst-32545-143 de regering?" ->
    "Wat verzoekt de regering?"), for searching inside the named document; unchanged when little else is left."""
    stripped = text
    for pattern in (_KAMERSTUK, _AANHANGSEL):
        while (match := pattern.search(stripped)) is not None:
            head = _CITED.sub("", stripped[: match.start()])
            stripped = f"{head.rstrip(' ,')} {stripped[match.end():].lstrip(' ,')}".strip()
    stripped = " ".join(stripped.split())
    return stripped if len(re.findall(r"[^\W\d_]{3,}", stripped)) >= 2 else text


def kamerstuk_numbers(text: str) -> set[tuple[str, str]]:
    """Every (dossier, number) the text writes, dossier as stored: ('32545', '143'), ('35000-I', '2')."""
    found = set()
    for match in _KAMERSTUK.finditer(text):
        dossier = match.group(1).replace(" ", "")
        part = match.group(2)
        found.add((f"{dossier}-{part.upper()}" if part else dossier, match.group(3)))
    return found


def _by_identifier(text: str, identity: Identity) -> bool:
    if identity.identifier and identity.identifier.lower() in text.lower():
        return True
    if identity.kind == "aanhangsel":
        return any((m.group(1) or m.group(2)) == identity.number for m in _AANHANGSEL.finditer(text))
    return bool(identity.dossier and identity.number) and (identity.dossier.upper(), identity.number) in {
        (d.upper(), n) for d, n in kamerstuk_numbers(text)
    }


def _by_kenmerk(text: str, identity: Identity) -> bool:
    key = re.sub(r"\s+", "", identity.kenmerk).lower()
    return len(key) >= 6 and key in re.sub(r"\s+", "", text).lower()


def _by_dossier(text: str, identity: Identity) -> bool:
    digits = identity.dossier.split("-")[0]
    return bool(digits) and any(m.group(1).replace(" ", "") == digits for m in _DOSSIER.finditer(text))


def _by_date(text: str, identity: Identity) -> bool:
    """'de brief van 30 mei 2023': a document word, then a full date that is the document's own."""
    if not identity.date or not _DOCUMENT.search(text):
        return False
    for period in find_periods(text):
        if period.precision == "day" and period.has_year and _DATED.search(text[: period.start]):
            if period.first.isoformat() == identity.date:
                return True
    return False


def _by_person(text: str, identity: Identity) -> bool:
    """'de motie van Van Dijk en Grinwis', 'de brief van Teeven': a document word and a signer's surname."""
    if not _DOCUMENT.search(text):
        return False
    names = list(identity.indieners) + [s.name for s in identity.signatories]
    return any(re.search(rf"\b{re.escape(surname)}\b", text) for surname in map(surname_of, names) if surname)


def surname_of(name: str) -> str:
    """'I. (Inge) van Dijk' -> 'Dijk'; 'drs. V.L.W.A. Heijnen' -> 'Heijnen'; short names are not trusted."""
    words = [w for w in re.sub(r"\([^)]*\)", " ", name).split() if not w.endswith(".")]
    words = [w for w in words if w.lower() not in _PARTICLES]
    surname = words[-1] if words else ""
    return surname if len(surname) >= 4 and surname[:1].isupper() else ""
