"""The records that flow through the pipeline: documents, paragraphs, hits, answers.

Read in data-flow order: a file becomes a `Document` with `Paragraph`s; the
index returns `Hit`s; the answerer returns an `Answer` with `Citation`s.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Literal

ParagraphKind = Literal["paragraph", "heading", "footnote", "table_row", "list_item"]


@dataclass(frozen=True)
class Cell:
    """One table cell as data: its row and column, the figure as printed and the unit the table states."""

    row: str  # the row label ("Stand ontwerpbegroting 2019")
    column: str  # the column header ("2019", "struc.", "mutatie 2022-2025 in %")
    raw: str  # as printed: "28.914", "-0,7", "–" for nil; "" for an empty cell
    unit: str = ""  # as the table states it: "x € 1.000", "€ mld.", "%"; "" when it states none
    group: str = ""  # for an indented sub-row: the row it belongs to


@dataclass(frozen=True)
class Paragraph:
    """One citable unit of a document, with where it stands in the source."""

    id: str  # stable: the same file always yields the same ids
    doc_id: str
    text: str
    pages: tuple[int, ...]  # 1-based; two pages when a paragraph crosses a page break
    section: tuple[str, ...] = ()  # heading path, outermost first
    start: int = 0  # character offsets in the document's clean text
    end: int = 0
    kind: ParagraphKind = "paragraph"
    footnotes: tuple[str, ...] = ()  # ids of footnote paragraphs this one refers to
    refers_to: str | None = None  # for a footnote: the paragraph that cites it
    table: str = ""  # for a table row: the table's title ("Tabel 4.3: ...")
    cells: tuple[Cell, ...] = ()  # for a table row: every cell, empty ones included
    ocr_confidence: float | None = None  # read from a scan by OCR: the mean word confidence (0..1); None = text layer
    ocr_figures: tuple[tuple[str, float], ...] = ()  # read by OCR: each word holding a digit, with its confidence

    @property
    def page(self) -> int:
        return self.pages[0] if self.pages else 0

    @property
    def table_header(self) -> str:
        """A table row's column headers as its section path holds them ("2021 | 2025 | mutatie ...")."""
        return " | ".join(c.column for c in self.cells if c.column)

    @property
    def page_label(self) -> str:
        return page_label(self.pages)


def page_label(pages: tuple[int, ...]) -> str:
    """'3' or '3-4' for a paragraph that crosses a page break; '' without pages."""
    if not pages:
        return ""
    if len(pages) == 1:
        return str(pages[0])
    return f"{pages[0]}-{pages[-1]}"


@dataclass(frozen=True)
class Signatory:
    """Who signed a letter or submitted a motion, and the paragraph that says so."""

    name: str  # as printed: "F. Teeven", "drs. V.L.W.A. Heijnen"
    function: str = ""  # "Staatssecretaris van Veiligheid en Justitie"; "" for a member of the Kamer
    paragraph_id: str = ""  # the citable paragraph that states it; "" when only the metadata says so


@dataclass(frozen=True)
class Identity:
    """What a document is in the Kamer's own terms: the handle staff cite and ask for it by."""

    kind: str = ""  # kamerstuk | bijlage (to a kamerstuk) | aanhangsel | kamerbrief
    identifier: str = ""  # the official id: "kst-32545-143", "ah-tk-20202021-3235", "blg-1007826"
    dossier: str = ""  # "32545", "35000-I" (digits, then an optional part after a hyphen); a bijlage's: its kamerstuk's
    number: str = ""  # the ondernummer within the dossier, or the Aanhangsel number
    parent: str = ""  # for a bijlage: the identifier of the kamerstuk it belongs to ("kst-33037-430")
    vergaderjaar: str = ""  # "2020-2021"
    ministry: str = ""  # the sending ministry in full: "Infrastructuur en Waterstaat"
    date: str = ""  # ISO date of the letter or publication; for an Aanhangsel, when the answer was received
    submitted: str = ""  # for an Aanhangsel: ISO date the questions were sent in ("ingezonden 3 juni 2021")
    kenmerk: str = ""
    subject: str = ""  # Betreft / Onderwerp / documenttitel
    signatories: tuple[Signatory, ...] = ()
    indieners: tuple[str, ...] = ()  # members who submitted a motion or asked the questions
    header_id: str = ""  # the paragraph that states the header facts (date, kenmerk, number)


def identity_from_dict(d: dict | None) -> Identity | None:
    if not d:
        return None
    return Identity(**{**d, "signatories": tuple(Signatory(**s) for s in d.get("signatories", ())),
                       "indieners": tuple(d.get("indieners", ()))})


@dataclass(frozen=True)
class Document:
    """A parsed source file: its metadata, clean text and paragraphs."""

    id: str  # the file name without extension
    path: str  # file name as given to ingest
    sha256: str  # of the file's bytes: unchanged files are skipped
    title: str
    doc_type: str = ""  # kamerbrief, bijlage, kamerstuk, begroting, ...
    date: str = ""  # ISO yyyy-mm-dd, or yyyy-mm / yyyy when that is all we know
    page_count: int = 0
    metadata: dict[str, str] = field(default_factory=dict)  # flat: Kenmerk, Betreft, dossier, ...
    text: str = ""  # the clean text that paragraph offsets point into
    paragraphs: tuple[Paragraph, ...] = ()
    identity: Identity | None = None  # None when nothing says what the document is in Kamer terms


@dataclass(frozen=True)
class Hit:
    """A retrieved paragraph with its scores."""

    paragraph: Paragraph
    score: float  # fused score used for ranking
    dense: float = 0.0
    lexical: float = 0.0
    doc_title: str = ""
    lead: str = ""  # text read before the paragraph when weighing what it is about (the paragraph it continues)


@dataclass(frozen=True)
class Citation:
    """A marker in the answer text and the paragraph and sentence that back it."""

    marker: int
    doc: str  # document id (file name without extension)
    title: str
    pages: tuple[int, ...]
    paragraph_id: str
    text: str  # the whole paragraph
    quote: str  # the exact supporting sentence(s), verbatim from `text`
    identity: Identity | None = None  # the cited document's, for a reference in the Kamer's form
    ocr_confidence: float | None = None  # the paragraph was read from a scan by OCR: its mean word confidence (0..1)


@dataclass
class Answer:
    """What `ask()` returns: answer text with [n] markers and the citations behind them.

    The answerer's composers fill text, citations, refused and verdict; `Assistant.ask` adds the question and the rest.
    """

    question: str = ""
    text: str = ""
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    verdict: Literal["ja", "nee"] | None = None
    language: str = "nl"
    retrieved: list[Hit] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # e.g. "Vraag in het Engels gesteld"
    confidence: float = 0.0  # retrieval-evidence signal in [0, 1]
    searched: str = ""  # what retrieval searched: the question, with the earlier one for a follow-up
    signals: dict[str, float] = field(default_factory=dict)  # what the confidence was read from (confidence.py)

    def to_json(self) -> dict:
        """The machine interface: the fields evaluation runs read."""
        return {
            "question": self.question,
            "language": self.language,
            "answer": self.text,
            "refused": self.refused,
            "verdict": self.verdict,
            "confidence": round(self.confidence, 3),
            "signals": {k: round(v, 4) for k, v in self.signals.items()},
            "notes": list(self.notes),
            "citations": [
                {
                    "marker": c.marker,
                    "doc": c.doc,
                    "title": c.title,
                    "page": c.pages[0] if c.pages else None,
                    "pages": list(c.pages),
                    "paragraph_id": c.paragraph_id,
                    "text": c.text,
                    "quote": c.quote,
                    "ocr_confidence": c.ocr_confidence,
                }
                for c in self.citations
            ],
            "retrieved": [
                {
                    "paragraph_id": h.paragraph.id,
                    "doc": h.paragraph.doc_id,
                    "page": h.paragraph.page,
                    "score": round(h.score, 4),
                    "text": h.paragraph.text,
                }
                for h in self.retrieved
            ],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }


def paragraph_to_dict(p: Paragraph) -> dict:
    d = asdict(p)
    d["pages"] = list(p.pages)
    d["section"] = list(p.section)
    d["footnotes"] = list(p.footnotes)
    if not p.cells:  # prose stays as it was stored
        del d["cells"], d["table"]
    if p.ocr_confidence is None:
        del d["ocr_confidence"], d["ocr_figures"]
    else:
        d["ocr_figures"] = [list(f) for f in p.ocr_figures]
    return d


def paragraph_from_dict(d: dict) -> Paragraph:
    return Paragraph(
        id=d["id"],
        doc_id=d["doc_id"],
        text=d["text"],
        pages=tuple(d.get("pages", ())),
        section=tuple(d.get("section", ())),
        start=d.get("start", 0),
        end=d.get("end", 0),
        kind=d.get("kind", "paragraph"),
        footnotes=tuple(d.get("footnotes", ())),
        refers_to=d.get("refers_to"),
        table=d.get("table", ""),
        cells=tuple(Cell(**c) for c in d.get("cells", ())),
        ocr_confidence=d.get("ocr_confidence"),
        ocr_figures=tuple((w, c) for w, c in d.get("ocr_figures", ())),
    )


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to documents by id, type, date range (ISO dates, inclusive) or a handle the Kamer
    writes ("kst-32545-143", "32 545, nr. 143", "de brief van 30 mei 2023")."""

    doc_ids: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    handle: str = ""

    def __bool__(self) -> bool:
        return bool(self.doc_ids or self.doc_types or self.date_from or self.date_to or self.handle)


def date_number(iso: str, upper: bool = False) -> int:
    """'2023-05-30' -> 20230530; partial dates fill to the start (or end, with upper) of their span; '' -> 0."""
    parts = [p for p in (iso or "").split("-") if p.isdigit()]
    if not parts:
        return 0
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if upper else 1)
    day = int(parts[2]) if len(parts) > 2 else (31 if upper else 1)
    return year * 10000 + month * 100 + day


def paragraph_id(doc_id: str, ordinal: int) -> str:
    """Short, stable, corpus-unique id: 8 hex of sha1(doc id) + 4-digit ordinal."""
    return f"{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}-{ordinal:04d}"


def ordinal_of(pid: str) -> int:
    """The paragraph's place in its document, read back from its id."""
    return int(pid.rsplit("-", 1)[1])


def following_id(pid: str, step: int = 1) -> str:
    """The id of the paragraph `step` places after `pid` in the same document."""
    prefix, ordinal = pid.rsplit("-", 1)
    return f"{prefix}-{int(ordinal) + step:04d}"
