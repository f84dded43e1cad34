"""The sidebar: what is indexed, filters for the next questions, and adding a document."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assistant.answering.references import document_reference
from assistant.figures.notation import dutch_date
from assistant.types import Filters
from ui.text import dutch_timestamp, escape
from ui.uploads import upload_widget


def render(bot, settings) -> Filters:
    with st.sidebar:
        corpus_summary(bot)
        filters = filter_widgets(bot)
        st.divider()
        upload_widget(settings, on_added=lambda: (bot.refresh(), st.rerun()))
    return filters


def render_without_index(settings) -> None:
    with st.sidebar:
        upload_widget(settings, on_added=lambda: st.rerun())


def corpus_summary(bot) -> None:
    documents = bot.retriever.documents
    pages = sum(d.page_count for d in documents.values())
    st.subheader("Documenten")
    st.markdown(
        f"**{len(documents)}** documenten · **{pages}** pagina's · "
        f"**{len(bot.retriever.paragraphs)}** alinea's"
    )
    st.caption(f"Laatst geïndexeerd: {dutch_timestamp(bot.retriever.loaded.info.created)}")
    with st.expander("Lijst van documenten"):
        for doc in sorted(documents.values(), key=lambda d: d.date or "", reverse=True):
            st.markdown(f"**{escape(doc.title or doc.id)}**  \n{escape(document_line(doc))}")


def document_line(doc) -> str:
    """What a document is and when: 'Kamerstuk 32 545, nr. 143 · 6 juli 2021', or its type and date."""
    handle = document_reference(doc.identity) if doc.identity else ""
    signed = ", ".join(s.name for s in doc.identity.signatories) if doc.identity else ""
    parts = [handle or doc.doc_type, dutch_date(doc.date)]
    if doc.identity and doc.identity.kenmerk:
        parts.append(f"kenmerk {doc.identity.kenmerk}")
    if signed:
        parts.append(f"ondertekend door {signed}")
    return " · ".join(p for p in parts if p)


def filter_widgets(bot) -> Filters:
    """Document, type and date filters; they apply to the questions asked after they are set."""
    documents = bot.retriever.documents
    st.subheader("Filters")
    doc_ids = st.multiselect(
        "Alleen in deze documenten",
        options=sorted(documents, key=lambda i: documents[i].title or i),
        format_func=lambda i: _short(documents[i].title or i),
        placeholder="Alle documenten",
        key="filter_docs",
    )
    types = sorted({d.doc_type for d in documents.values() if d.doc_type})
    doc_types = st.multiselect("Soort document", types, placeholder="Alle soorten", key="filter_types")
    handle = st.text_input("Kamerstuk, Aanhangsel of kenmerk", placeholder="bijv. 32 545, nr. 143 of kst-32545-143",
                           key="filter_handle")
    left, right = st.columns(2)
    date_from = left.date_input("Vanaf", value=None, min_value=dt.date(1990, 1, 1), format="DD-MM-YYYY",
                                key="filter_from")
    date_to = right.date_input("Tot en met", value=None, min_value=dt.date(1990, 1, 1), format="DD-MM-YYYY",
                               key="filter_to")
    filters = Filters(
        doc_ids=tuple(doc_ids),
        doc_types=tuple(doc_types),
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        handle=handle.strip(),
    )
    if filters.handle and not bot.retriever.named(filters.handle, filters.doc_ids):
        st.caption(f"Geen document gevonden bij ‘{escape(filters.handle)}’; schrijf bijv. 32 545, nr. 143.")
    elif filters:
        st.caption("Deze filters gelden voor uw volgende vragen.")
    return filters


def _short(title: str, limit: int = 70) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
