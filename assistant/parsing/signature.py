"""The signature block that closes a letter: "De Minister van Justitie, / I.W. Opstelten".

Pure functions over blocks and paragraphs. `join_signature` keeps a name and its function together as one
citable paragraph (a lone name line is otherwise read as a heading); `signatories` reads who signed.
"""

from __future__ import annotations

import re

from assistant.parsing.blocks import Block
from assistant.types import Paragraph, Signatory

# The office a letter is signed in: "De Minister van Infrastructuur en Waterstaat", "DE STAATSSECRETARIS VAN …".
OFFICE = re.compile(
    r"\b(?:de\s+)?((?:minister(?:-president)?|staatssecretaris)\s+(?:van|voor)\s+[^\d]+)", re.I
)
# Greetings that open the block: "Hoogachtend,", "Met vriendelijke groet,".
_CLOSING = re.compile(r"^\s*(?:hoogachtend|met\s+(?:vriendelijke|hoogachtende)\s+groet(?:en)?)\s*,?\s*", re.I)
# A signed name: optional title, initials or a first name, then a surname of one to three words.
_NAME = re.compile(
    r"^(?:(?:drs|dr|mr|ir|prof|ing)\.\s*)*(?:[A-Z][a-z]{0,2}\.\s*(?:[A-Z][a-z]?\.\s*)*|[A-Z][a-zà-ÿ]+\s+)"
    r"(?:(?:van|de|der|den|ter|ten|in\s+'t|van\s+der|van\s+den)\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$"
)
_LOWER = frozenset({"van", "voor", "en", "de", "der", "het"})
MAX_WORDS = 30  # a signature paragraph is short; a longer one is prose mentioning a minister
READ_LAST = 6  # paragraphs read from the end of the body for the block


def is_name(text: str) -> bool:
    return bool(_NAME.match(" ".join(text.split())))


def office(text: str) -> str:
    """'DE MINISTER VAN INFRASTRUCTUUR EN WATERSTAAT' -> 'Minister van Infrastructuur en Waterstaat'."""
    words = " ".join(text.split()).strip(" ,").split(" ")
    if text.isupper():
        words = [w.lower() if w.lower() in _LOWER else w.capitalize() for w in words]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def ministry_of(function: str) -> str:
    """'Minister van Economische Zaken en Klimaat' -> 'Economische Zaken en Klimaat'."""
    match = re.match(r"\S+\s+(?:van|voor)\s+(.+)$", function)
    return match.group(1).strip(" ,") if match else ""


def join_signature(blocks: list[Block]) -> list[Block]:
    """A name read as a heading, followed by its office ('M.A.M. Adriaansens' / 'Minister van …'): one paragraph."""
    result = list(blocks)
    for i in range(len(result) - 1):
        name, after = result[i], result[i + 1]
        if name.kind != "heading" or after.kind != "paragraph" or not is_name(" ".join(name.lines)):
            continue
        if OFFICE.fullmatch(" ".join(" ".join(after.lines).split()).strip(" ,")):
            result[i] = Block("paragraph", name.lines + after.lines, name.line_pages + after.line_pages)
            del result[i + 1]
            break
    return result


def read_signature(text: str) -> tuple[str, str] | None:
    """(name, function) of one signature paragraph, in either order; None for other text."""
    text = _CLOSING.sub("", " ".join(text.split()))
    if len(text.split()) > MAX_WORDS:
        return None
    found = OFFICE.search(text)
    if not found or found.start() > 0 and not is_name(text[: found.start()].strip(" ,")):
        return None
    if found.start() > 0:  # "M.A.M. Adriaansens Minister van Economische Zaken en Klimaat"
        return text[: found.start()].strip(" ,"), office(found.group(1))
    function, _, name = found.group(1).rpartition(",")  # the ministry's own name may hold commas (VWS)
    name = name.strip()
    if not function or not is_name(name):
        return None
    return name, office(function)


def signatories(paragraphs: tuple[Paragraph, ...]) -> tuple[Signatory, ...]:
    """Who signed: the signature paragraphs among the last paragraphs of the body (footnotes and tables skipped)."""
    body = [p for p in paragraphs if p.kind in ("paragraph", "heading")]
    found = []
    for paragraph in body[-READ_LAST:]:
        read = read_signature(paragraph.text)
        if read:
            found.append(Signatory(name=read[0], function=read[1], paragraph_id=paragraph.id))
    return tuple(found)
