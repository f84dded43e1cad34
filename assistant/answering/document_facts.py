"""Questions about a document itself, answered from its identity: who signed it, which ministry sent it, its
date, its kenmerk, its Kamerstuk number. Each answer cites the paragraph that states the fact (the signature,
the letter head, the Kamerstuk header).

`question.DOCUMENT_FACTS` says which fact a question asks; `FACTS` here says, per fact, how to read it from an
`Identity`, which paragraph states it and how the answer sentence runs. The document is the one retrieval
ranks first (or the one the question names by handle).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering import tuning as T
from assistant.answering.answer import CitationBook
from assistant.answering.evidence import Query
from assistant.answering.references import document_reference
from assistant.figures.notation import dutch_date
from assistant.text.tokens import tokenize
from assistant.types import Answer, Document, Hit, Identity, Paragraph


@dataclass(frozen=True)
class DocumentFact:
    """One kind of fact about a document: its value, the paragraphs stating it and the answer sentence."""

    value: Callable[[Identity], str]  # '' when the identity does not hold it
    evidence: Callable[[Identity, Document, str], list[Paragraph]]  # paragraphs stating the value
    sentence: str  # with {document} and {value}


def _signed(identity: Identity) -> str:
    people = [f"{s.name}, {s.function}" if s.function else s.name for s in identity.signatories]
    return " en ".join(people or [_as_called(name) for name in identity.indieners])


def _as_called(name: str) -> str:
    """The metadata's 'I. (Inge) van Dijk' as the document prints it: 'Inge van Dijk'."""
    return re.sub(r"^(?:[A-Z][a-z]?\.\s*)+\(([^)]+)\)\s*", r"\1 ", name)


def _signature_paragraphs(identity: Identity, doc: Document, value: str) -> list[Paragraph]:
    ids = [s.paragraph_id for s in identity.signatories if s.paragraph_id] or [identity.header_id]
    return [p for p in doc.paragraphs if p.id in ids]


def _stating(identity: Identity, doc: Document, value: str) -> list[Paragraph]:
    """The first paragraph of the header (or the letter head, or the signature) that states the value."""
    places = [p for p in doc.paragraphs if p.id == identity.header_id] + list(doc.paragraphs[: T.DOCUMENT_HEADER_READ])
    places += _signature_paragraphs(identity, doc, value)
    return next(([p] for p in places if value and value.lower() in p.text.lower()), [])


def _day(iso: str) -> str:
    return dutch_date(iso) if iso.count("-") == 2 else ""


def _dated(identity: Identity) -> str:
    """'is gedateerd 1 maart 2011'; for Kamervragen both dates: when they went in and when the answer came."""
    if identity.submitted and _day(identity.date):
        return f"bevat vragen ingezonden op {_day(identity.submitted)}; het antwoord is ontvangen op {_day(identity.date)}"
    return f"is gedateerd {_day(identity.date)}" if _day(identity.date) else ""


def _date_stated(identity: Identity, doc: Document, value: str) -> list[Paragraph]:
    return _stating(identity, doc, _day(identity.date))


# The words that ask about a document rather than name its subject ("wie heeft de brief ... ondertekend").
_FRAME = frozenset(tokenize(
    "brief brieven kamerbrief motie kamerstuk stuk document nota antwoorden beantwoording wie welk welke ministerie "
    "bewindspersoon minister staatssecretaris ondertekend ondertekende ondertekenden getekend tekende staat onder "
    "verstuurd verzonden gestuurd gedateerd dateert ingediend voorgesteld kenmerk datum nummer komt afzender "
    "vragen kamervragen beantwoord beantwoordde"
))

FACTS: dict[str, DocumentFact] = {
    "signatory": DocumentFact(_signed, _signature_paragraphs, "{document} is {signed} door {value}"),
    "ministry": DocumentFact(lambda i: i.ministry, _stating, "{document} komt van het ministerie van {value}"),
    "date": DocumentFact(_dated, _date_stated, "{document} {value}"),
    "kenmerk": DocumentFact(lambda i: i.kenmerk, _stating, "Het kenmerk van {document_lower} is {value}"),
    "number": DocumentFact(lambda i: f"Nr. {i.number}" if i.number else "", _stating,
                           "‘{title}’ is {reference} ({identifier})"),
}


def document_fact_answer(
    fact_name: str, hits: list[Hit], documents: dict[str, Document], book: CitationBook, query: Query
):
    """(answer, confidence) for a question about the best-ranked document itself, or None when that document is
    not about the question's subject, its identity does not hold the fact or no paragraph states it (the ordinary
    answerer then reads the text)."""
    chosen = _chosen_document(hits, documents)
    if chosen is None:
        return None
    doc, agreement = chosen
    if _subject_share(doc, hits, query) < T.DOCUMENT_SUBJECT:
        return None
    if not _names_subject(query) and len({h.paragraph.doc_id for h in hits}) > 1:
        return None  # "wie ondertekende de brief?" over several letters: which one is not said
    fact, identity = FACTS[fact_name], doc.identity
    value = fact.value(identity)
    evidence = fact.evidence(identity, doc, value) if value else []
    if not evidence:
        return None
    markers = "".join(f" [{book.cite(p, ' '.join(p.text.split()))}]" for p in evidence)
    document = _named(doc)
    text = fact.sentence.format(
        document=document, document_lower=document[:1].lower() + document[1:], value=value,
        signed=_verb(identity), reference=document_reference(identity), identifier=identity.identifier,
        title=identity.subject or doc.title,
    )
    confidence = T.DOCUMENT_FACT_SURE if agreement >= T.DOCUMENT_AGREEMENT else T.DOCUMENT_FACT_UNSURE
    return Answer(text=f"{text}{markers}.", citations=book.citations()), confidence


def _chosen_document(hits: list[Hit], documents: dict[str, Document]) -> tuple[Document, float] | None:
    """The document the top hits come from most (by score), with the share of the top hits it holds."""
    top = sorted(hits, key=lambda h: -h.score)[: T.DOCUMENT_VOTE]
    weight: dict[str, float] = {}
    for hit in top:
        weight[hit.paragraph.doc_id] = weight.get(hit.paragraph.doc_id, 0.0) + max(hit.score, 0.0)
    if not weight:
        return None
    best = max(weight, key=weight.get)
    doc = documents.get(best)
    if doc is None or doc.identity is None:
        return None
    return doc, sum(h.paragraph.doc_id == best for h in top) / len(top)


def _subject(query: Query) -> Query:
    """The question's subject: its words other than the asking frame. Whole words only: a fragment of a compound
    ("#stiks" of "stikstofwet") is no evidence of the subject."""
    return Query({t: w for t, w in query.weights.items() if t not in _FRAME and not t.startswith("#")}, query.alternatives)


def _names_subject(query: Query) -> bool:
    return bool(_subject(query).weights)


def _subject_share(doc: Document, hits: list[Hit], query: Query) -> float:
    """How much of the question's subject the document's title, subject and retrieved paragraphs hold; 1.0 for a
    question that names no subject ("wie ondertekende de brief?")."""
    subject = _subject(query)
    if not subject.weights:
        return 1.0
    texts = [doc.title, doc.identity.subject] + [h.paragraph.text for h in hits if h.paragraph.doc_id == doc.id]
    return subject.share(set(tokenize(" ".join(texts))))


def _named(doc: Document) -> str:
    """How the answer names the document: "De brief ‘Draagmoederschap’", "Kamerstuk 32 545, nr. 143"."""
    identity = doc.identity
    if identity.kind == "kamerbrief":
        return f"De brief ‘{identity.subject or doc.title}’"
    return document_reference(identity) or doc.title


def _verb(identity: Identity) -> str:
    if not identity.signatories:
        return "ingediend"
    return "beantwoord" if identity.kind == "aanhangsel" else "ondertekend"
