"""A citation written as the Kamer writes it: "Kamerstuk 32 545, nr. 143, p. 3".

One pure function, `reference`, used by the chat's chips, the Markdown export and `ask --json`. The short form
names what the document is and where; the formal form is the one a Kamerstuk itself uses for its sources
("Kamerstukken II 2020/21, 32 545, nr. 143, p. 3"). A document without an identity keeps its title.
"""

from __future__ import annotations

from assistant.figures.notation import dutch_date
from assistant.parsing.identity import short_ministry
from assistant.types import Citation, Identity


def reference(citation: Citation, formal: bool = False) -> str:
    """The citation's document and page(s) in the Kamer's form, or 'title, p. 3' without an identity."""
    where = _pages(citation.pages)
    handle = document_reference(citation.identity, formal) if citation.identity else ""
    return ", ".join(part for part in (handle or citation.title or citation.doc, where) if part)


def document_reference(identity: Identity, formal: bool = False) -> str:
    """'Kamerstuk 32 545, nr. 143', 'Kamerbrief IenW, 3 februari 2023'; '' when the identity says too little."""
    if identity.kind == "aanhangsel" and identity.number:
        year = f" {_session(identity.vergaderjaar)}" if identity.vergaderjaar else ""
        return f"Aanhangsel Handelingen II{year}, nr. {identity.number}"
    if identity.dossier and identity.number:
        lead = "Bijlage bij " if identity.kind == "bijlage" else ""
        if formal and identity.vergaderjaar:
            return f"{lead}Kamerstukken II {_session(identity.vergaderjaar)}, {dossier(identity.dossier)}, nr. {identity.number}"
        return f"{lead}Kamerstuk {dossier(identity.dossier)}, nr. {identity.number}"
    if identity.kind == "kamerbrief":
        sender = f" {short_ministry(identity.ministry)}" if identity.ministry else ""
        date = dutch_date(identity.date) if identity.date else ""
        if not formal:
            return ", ".join(p for p in (f"Kamerbrief{sender}", date) if p)
        kenmerk = f", kenmerk {identity.kenmerk}" if identity.kenmerk else ""
        return f"Kamerbrief{sender}" + (f" van {date}" if date else "") + kenmerk
    return ""


def dossier(number: str) -> str:
    """'32545' -> '32 545'; '35000-I' -> '35 000 I' (the printed form)."""
    digits, _, part = number.partition("-")
    spaced = f"{digits[:-3]} {digits[-3:]}" if len(digits) > 3 and digits.isdigit() else digits
    return f"{spaced} {part}" if part else spaced


def _session(vergaderjaar: str) -> str:
    """'2020-2021' -> '2020/21'."""
    first, _, second = vergaderjaar.partition("-")
    return f"{first}/{second[-2:]}" if second else first


def _pages(pages: tuple[int, ...]) -> str:
    if not pages:
        return ""
    return f"p. {pages[0]}" if len(pages) == 1 else f"p. {pages[0]}–{pages[-1]}"
