"""The "Bedragen" and "Tijdlijn" pages: corpus-wide tables with filters, a chart, CSV export and source paragraphs."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from assistant.figures import catalog
from ui.citations import show_citation
from assistant.types import Citation
from ui.text import pages_label


@st.cache_data(show_spinner="Bedragen verzamelen…")
def amount_frame(snapshot_name: str, _documents) -> pd.DataFrame:
    rows = [{
        "Bedrag": e.label, "Waarde": e.value, "Waarvoor": e.sentence, "Periode": e.period,
        "Document": e.source.title, "Pagina": pages_label(e.source.pages), "Alinea": e.source.paragraph_id,
        "_doc": e.source.doc_id, "_quote": e.raw,
    } for e in catalog.amounts(_documents.values())]
    return pd.DataFrame(rows, columns=["Bedrag", "Waarde", "Waarvoor", "Periode", "Document", "Pagina", "Alinea",
                                       "_doc", "_quote"])


@st.cache_data(show_spinner="Tabellen lezen…")
def cell_frame(snapshot_name: str, _documents) -> pd.DataFrame:
    rows = [{
        "Tabel": e.table, "Rij": f"{e.group} › {e.row}" if e.group else e.row, "Kolom": e.column,
        "Cel": e.raw or "(leeg)", "Eenheid": e.unit, "Waarde": e.value, "Document": e.source.title,
        "Pagina": pages_label(e.source.pages), "Alinea": e.source.paragraph_id, "_doc": e.source.doc_id,
        "_quote": f"{e.column}: {e.raw}" if e.column else e.raw,
    } for e in catalog.cells(_documents.values())]
    return pd.DataFrame(rows, columns=["Tabel", "Rij", "Kolom", "Cel", "Eenheid", "Waarde", "Document", "Pagina",
                                       "Alinea", "_doc", "_quote"])


@st.cache_data(show_spinner="Tijdlijn opbouwen…")
def timeline_frame(snapshot_name: str, _documents) -> pd.DataFrame:
    rows = [{
        "Van": pd.Timestamp(e.first), "Tot": pd.Timestamp(e.last), "Wanneer": e.raw,
        "Soort": e.relation or "datum", "Wat": e.sentence, "Document": e.source.title,
        "Pagina": pages_label(e.source.pages), "Alinea": e.source.paragraph_id, "_doc": e.source.doc_id,
        "_quote": e.raw,
    } for e in catalog.timeline(_documents.values())]
    return pd.DataFrame(rows, columns=["Van", "Tot", "Wanneer", "Soort", "Wat", "Document", "Pagina", "Alinea",
                                       "_doc", "_quote"])


def _narrow(frame: pd.DataFrame, key: str, text_columns: list[str]) -> pd.DataFrame:
    """Filter by free text and by document."""
    left, right = st.columns([2, 3])
    words = left.text_input("Zoeken", placeholder="bijv. subsidie, 2026", key=f"{key}-search")
    docs = right.multiselect("Documenten", sorted(frame["Document"].unique()), placeholder="Alle documenten",
                             key=f"{key}-docs")
    if docs:
        frame = frame[frame["Document"].isin(docs)]
    for word in words.lower().split():
        frame = frame[frame[text_columns].apply(lambda r: r.str.lower().str.contains(word, regex=False)).any(axis=1)]
    return frame


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Semicolons and decimal commas, as Dutch spreadsheet programs expect; BOM so Excel reads UTF-8."""
    public = frame[[c for c in frame.columns if not c.startswith("_")]]
    return public.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def _show_source(bot, frame: pd.DataFrame, event) -> None:
    rows = event.selection.rows if event and event.selection else []
    if not rows:
        st.caption("Klik op een rij om de alinea te zien waar het staat.")
        return
    row = frame.iloc[rows[0]]
    paragraph = bot.retriever.paragraphs.get(row["Alinea"])
    if paragraph is None:
        return
    sentence = row.get("Waarvoor", row.get("Wat", ""))
    show_citation(bot, Citation(0, row["_doc"], row["Document"], paragraph.pages, paragraph.id,
                                paragraph.text, sentence if sentence in paragraph.text else row["_quote"],
                                paragraph.ocr_confidence))


def render_amounts(bot) -> None:
    frame = amount_frame(bot.retriever.loaded.info.name, bot.retriever.documents)
    st.markdown("Alle geldbedragen in de documenten, met de zin die zegt waarvoor ze zijn. "
                "Klik op een kolomkop om te sorteren.")
    if frame.empty:
        st.info("Er zijn (nog) geen bedragen gevonden in de documenten.")
        return
    shown = _narrow(frame, "amounts", ["Bedrag", "Waarvoor", "Periode"]).reset_index(drop=True)
    st.caption(f"{len(shown)} van {len(frame)} bedragen")
    event = st.dataframe(
        shown, hide_index=True, on_select="rerun", selection_mode="single-row", key="amounts-table",
        column_order=["Bedrag", "Waarde", "Waarvoor", "Periode", "Document", "Pagina", "Alinea"],
        column_config={"Waarde": st.column_config.NumberColumn("Waarde (€)", format="localized"),
                       "Waarvoor": st.column_config.TextColumn(width="large")},
    )
    st.download_button("Exporteer als CSV", csv_bytes(shown), file_name="bedragen.csv", mime="text/csv", icon=":material/download:")
    _show_source(bot, shown, event)
    _render_cells(bot)


def _render_cells(bot) -> None:
    """Every table cell with its row, column and unit (empty cells included), with CSV export."""
    frame = cell_frame(bot.retriever.loaded.info.name, bot.retriever.documents)
    if frame.empty:
        return
    st.subheader("Tabelcellen")
    st.markdown("Elke cel uit de tabellen in de documenten, met de rij, de kolom en de eenheid die de tabel noemt.")
    shown = _narrow(frame, "cells", ["Tabel", "Rij", "Kolom", "Cel"]).reset_index(drop=True)
    st.caption(f"{len(shown)} van {len(frame)} cellen")
    event = st.dataframe(
        shown, hide_index=True, on_select="rerun", selection_mode="single-row", key="cells-table",
        column_order=["Tabel", "Rij", "Kolom", "Cel", "Eenheid", "Waarde", "Document", "Pagina", "Alinea"],
        column_config={"Waarde": st.column_config.NumberColumn("Waarde (eenheid toegepast)", format="localized")},
    )
    st.download_button("Exporteer cellen als CSV", csv_bytes(shown), file_name="tabelcellen.csv", mime="text/csv",
                       icon=":material/download:", key="cells-csv")
    _show_source(bot, shown, event)


def render_timeline(bot) -> None:
    frame = timeline_frame(bot.retriever.loaded.info.name, bot.retriever.documents)
    st.markdown("Toezeggingen, deadlines en perioden uit de documenten, op datum.")
    if frame.empty:
        st.info("Er zijn (nog) geen datums met een jaartal gevonden in de documenten.")
        return
    shown = _narrow(frame, "timeline", ["Wanneer", "Wat", "Soort"])
    shown, years = _years(shown, bot.retriever.documents)
    if st.toggle("Alleen deadlines en termijnen (uiterlijk, voor, tot en met …)", key="timeline-deadlines"):
        shown = shown[shown["Soort"].isin(["uiterlijk", "voor", "tot en met", "tot", "vóór"])]
    shown = shown.reset_index(drop=True)
    if shown.empty:
        st.info("Geen datums die aan de filters voldoen.")
        return
    st.altair_chart(_chart(shown, years), width="stretch")
    event = st.dataframe(
        shown, hide_index=True, on_select="rerun", selection_mode="single-row", key="timeline-table",
        column_order=["Van", "Tot", "Wanneer", "Soort", "Wat", "Document", "Pagina", "Alinea"],
        column_config={"Van": st.column_config.DateColumn(format="DD-MM-YYYY"),
                       "Tot": st.column_config.DateColumn(format="DD-MM-YYYY"),
                       "Wat": st.column_config.TextColumn(width="large")},
    )
    st.download_button("Exporteer als CSV", csv_bytes(shown), file_name="tijdlijn.csv", mime="text/csv", icon=":material/download:")
    _show_source(bot, shown, event)


def _years(frame: pd.DataFrame, documents) -> tuple[pd.DataFrame, tuple[int, int]]:
    """A year range; it starts at the oldest document, so history the letters merely mention stays out of view."""
    low, high = int(frame["Van"].dt.year.min()), int(frame["Tot"].dt.year.max())
    if low == high:
        return frame, (low, high)
    dated = [int(d.date[:4]) for d in documents.values() if d.date[:4].isdigit()]
    start = min(max(min(dated, default=low), low), high)
    first, last = st.slider("Jaren", low, high, (start, high), key="timeline-years")
    return frame[(frame["Tot"].dt.year >= first) & (frame["Van"].dt.year <= last)], (first, last)


def _chart(frame: pd.DataFrame, years: tuple[int, int]) -> alt.LayerChart:
    """Spans as bars and their start as points, one row per document."""
    data = frame.assign(Document=frame["Document"].str.slice(0, 48))
    base = alt.Chart(data).encode(
        y=alt.Y("Document:N", title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=[alt.Tooltip("Wanneer:N"), alt.Tooltip("Soort:N"), alt.Tooltip("Wat:N"), alt.Tooltip("Pagina:N")],
    )
    x = alt.X("Van:T", title="Datum", scale=alt.Scale(domain=[f"{years[0]}-01-01", f"{years[1]}-12-31"]))
    bars = base.mark_bar(opacity=0.35, height=10, clip=True).encode(x=x, x2="Tot:T")
    points = base.mark_circle(size=70, clip=True).encode(x=x, color=alt.Color("Soort:N", title="Soort"))
    return (bars + points).properties(height=max(160, 42 * data["Document"].nunique()))
