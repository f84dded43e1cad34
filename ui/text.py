"""Showing document text safely and saying things in Dutch: escaping, timestamps, confidence, PDF links
(figures and dates are written by `assistant.figures.notation`)."""

from __future__ import annotations

import re
import string
import time
from urllib.parse import quote

from assistant.answering.references import reference
from assistant.figures.periods import MONTHS
from assistant.types import Citation, Document

_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")


def escape(text: str) -> str:
    """Document text as literal markdown: every ASCII punctuation mark backslash-escaped, newlines kept."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text or "").replace("\n", "  \n")


def highlighted(paragraph: str, quote: str) -> str:
    """The paragraph as escaped markdown with the supporting quote on a highlighted background."""
    start = paragraph.find(quote) if quote else -1
    if start < 0:
        return escape(paragraph)
    end = start + len(quote)
    return escape(paragraph[:start]) + ":orange-background[" + escape(quote) + "]" + escape(paragraph[end:])


def table_row(paragraph, quote: str) -> str:
    """A cited table row as a markdown table under its title: the header, the row, the quoted cell marked."""
    cells = [c for c in paragraph.cells if c.column or c.raw]
    marked = [bool(quote) and quote in (f"{c.column}: {c.raw}" if c.column else c.raw) for c in cells]
    header = "| " + " | ".join([""] + [escape(c.column) or " " for c in cells]) + " |"
    rule = "|" + "---|" * (len(cells) + 1)
    values = [escape(c.raw) or "(leeg)" for c in cells]
    values = [f":orange-background[**{v}**]" if m else v for v, m in zip(values, marked)]
    label = escape(cells[0].row) if cells else ""
    title = f"**{escape(paragraph.table)}**" + (f" ({escape(cells[0].unit)})" if cells and cells[0].unit and cells[0].unit not in paragraph.table else "")
    return f"{title}\n\n{header}\n{rule}\n| {label} | " + " | ".join(values) + " |"


CONFIDENCE_HELP = (
    "Een schatting van de kans dat het antwoord klopt, uit hoe goed de geciteerde zinnen de vraag dekken, "
    "hoe duidelijk de beste bron boven de andere uitsteekt en hoe het antwoord is samengesteld. "
    "Hoog: de bron zegt het gevraagde duidelijk en eenduidig; van zulke antwoorden was in onze toetsing ruim negen op de "
    "tien juist. "
    "Middel: kan kloppen (in onze toetsing ongeveer drie op de vier), maar lees de geciteerde passage na. "
    "Laag: twijfelachtig; controleer de bronnen zelf voordat u het antwoord gebruikt."
)


def dutch_timestamp(seconds: float) -> str:
    """A Unix time as '28 november 2026, 04:12'."""
    t = time.localtime(seconds)
    return f"{t.tm_mday} {MONTHS[t.tm_mon - 1]} {t.tm_year}, {t.tm_hour:02d}:{t.tm_min:02d}"


def pages_label(pages: tuple[int, ...] | list[int]) -> str:
    pages = list(pages or ())
    if not pages:
        return "onbekend"
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"p. {pages[0]}–{pages[-1]}"


def pdf_link(doc: Document | None, page: int | None, served: dict[str, str]) -> str | None:
    """The local URL that opens the original file at a page, or None when it is not served."""
    if doc is None or doc.id not in served:
        return None
    url = "app/static/" + quote(served[doc.id])
    return f"{url}#page={page}" if page and served[doc.id].endswith(".pdf") else url


def citation_heading(c: Citation) -> str:
    """The chip: '[1] Kamerstuk 32 545, nr. 143, p. 3'; a document without an identity keeps its title.
    A paragraph read from a scan says so: '· tekst uit OCR, woordzekerheid 91%'."""
    ocr = f" · {ocr_label(c.ocr_confidence)}" if c.ocr_confidence is not None else ""
    heading = reference(c) if c.identity else f"{c.title or c.doc}, {pages_label(c.pages)}"
    return f"[{c.marker}] {heading}{ocr}"


def ocr_label(confidence: float) -> str:
    """How a paragraph read from a scan is marked: 'tekst uit OCR, woordzekerheid 91%'."""
    return f"tekst uit OCR, woordzekerheid {confidence:.0%}"
