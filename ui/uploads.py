"""The upload box in the sidebar: files in, a progress bar while each is ingested, a Dutch outcome per file."""

from __future__ import annotations

import streamlit as st

from assistant.errors import UploadRefused
from assistant.index.uploads import add_upload
from assistant.parsing.ingest import SUPPORTED
from ui.text import escape


def upload_widget(settings, on_added) -> None:
    """Add PDF/TXT/MD files: each is saved, ingested with a progress bar and askable right away."""
    st.subheader("Document toevoegen")
    files = st.file_uploader(
        f"PDF, TXT of MD, maximaal {settings.max_upload_mb} MB",
        type=[s.lstrip(".") for s in SUPPORTED],
        accept_multiple_files=True,
        key="uploader",
    )
    done = st.session_state.setdefault("uploads_done", {})  # file id -> AddedUpload or UploadRefused
    added = False
    for file in files or []:
        if file.file_id in done:
            continue
        bar = st.progress(0.0, text=f"{file.name} wordt gelezen…")
        try:
            done[file.file_id] = add_upload(
                file.name, file.getvalue(), settings,
                progress=lambda _message, fraction, name=file.name: bar.progress(
                    min(max(fraction, 0.0), 1.0), text=f"{name} {_phase(fraction)}… (dit kan enkele minuten duren)"),
            )
            added = True
        except UploadRefused as refused:
            done[file.file_id] = refused
        bar.empty()
    for outcome in done.values():
        (st.error if isinstance(outcome, UploadRefused) else st.success)(escape(outcome.message_nl))
    if added:
        on_added()  # reruns the page, so the counts and tables include the new document


def _phase(fraction: float) -> str:
    """The ingest's progress in words (its own messages are English, for the CLI)."""
    if fraction < 0.5:
        return "wordt gelezen"
    return "wordt geïndexeerd" if fraction < 1.0 else "is bijna klaar"
