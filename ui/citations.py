"""How a citation, a retrieved passage and a confidence signal look on screen (document text always escaped)."""

from __future__ import annotations

import streamlit as st

from assistant.figures.notation import dutch_date
from assistant.types import Answer, Citation, Document, Hit
from ui import served
from assistant.answering.confidence import confidence_label
from assistant.answering.references import reference
from ui.text import (CONFIDENCE_HELP, citation_heading, escape, highlighted, ocr_label, pages_label, pdf_link,
                     table_row)


@st.cache_resource(show_spinner=False)
def served_files(snapshot_name: str, _documents: dict[str, Document]) -> dict[str, str]:
    """Copy the indexed files into ui/static/ once per snapshot, so links can open them."""
    return served.publish(_documents)


def _served(bot) -> dict[str, str]:
    return served_files(bot.retriever.loaded.info.name, bot.retriever.documents)


def show_confidence(answer: Answer) -> None:
    label = confidence_label(answer.confidence)
    color = {"Hoog": "green", "Middel": "orange", "Laag": "red"}[label]
    st.caption(f"Hoe zeker: :{color}-badge[{label}]", help=CONFIDENCE_HELP)


def show_citation(bot, citation: Citation) -> None:
    """Title, date, page(s), paragraph id, the paragraph with its quote highlighted, and a link to the PDF."""
    doc = bot.retriever.documents.get(citation.doc)
    with st.container(border=True):
        st.markdown(f"**{escape(citation.title or citation.doc)}**")
        if citation.identity:
            st.caption(escape(reference(citation, formal=True)))
        facts = [dutch_date(doc.date) if doc else "datum onbekend", pages_label(citation.pages),
                 f"alinea {citation.paragraph_id}"]
        if doc and doc.doc_type:
            facts.insert(0, doc.doc_type)
        if citation.ocr_confidence is not None:
            facts.append(ocr_label(citation.ocr_confidence))
        st.caption(escape(" · ".join(facts)))
        paragraph = bot.retriever.paragraphs.get(citation.paragraph_id)
        if paragraph is not None and paragraph.cells:
            st.markdown(table_row(paragraph, citation.quote))
        else:
            st.markdown(highlighted(citation.text, citation.quote))
        url = pdf_link(doc, citation.pages[0] if citation.pages else None, _served(bot))
        if url:
            is_pdf = "#page=" in url
            label = f"Open het origineel op pagina {citation.pages[0]}" if is_pdf else "Open het originele bestand"
            st.link_button(label, url, icon=":material/picture_as_pdf:" if is_pdf else ":material/description:")


def show_passage(bot, hit: Hit) -> None:
    """A retrieved paragraph shown when the documents do not answer the question."""
    p = hit.paragraph
    doc = bot.retriever.documents.get(p.doc_id)
    with st.container(border=True):
        title = hit.doc_title or (doc.title if doc else p.doc_id)
        st.caption(escape(f"{title} · {pages_label(p.pages)} · alinea {p.id}"))
        st.markdown(escape(p.text))


def citation_chips(bot, answer: Answer, key: str) -> None:
    """Numbered buttons, one per citation; the chosen one opens below them (click again to close)."""
    if not answer.citations:
        return
    state = st.session_state.setdefault("open_citation", {})
    with st.container(horizontal=True):
        for c in answer.citations:
            if st.button(citation_heading(c), key=f"{key}-cite-{c.marker}", help="Toon de alinea"):
                state[key] = None if state.get(key) == c.marker else c.marker
    chosen = next((c for c in answer.citations if c.marker == state.get(key)), None)
    if chosen:
        show_citation(bot, chosen)
