"""Kamerstukken-assistent: ask questions about the indexed Kamerbrieven and see the paragraphs behind each answer.

Run with `streamlit run ui/app.py` (or `make run`); settings come from ASSISTANT_* variables.
"""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run ui/app.py` puts only ui/ on the import path; the `ui` package lives one level up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from assistant.config import Settings  # noqa: E402

# An emoji favicon is drawn locally; a ":material/…:" one is fetched from fonts.gstatic.com.
st.set_page_config(page_title="Kamerstukken-assistent", page_icon="📄", layout="wide")


@st.cache_resource(show_spinner="De documenten worden geladen…")
def open_assistant(index_dir: str):
    """One Assistant per index per process; it is thread-safe and shared by all sessions."""
    from assistant.llm import open_assistant as build

    return build(Settings(index_dir=Path(index_dir)))


def main() -> None:
    """Layout and chat input first, so the page is usable while the index and the heavier modules load."""
    settings = Settings()
    st.title("Kamerstukken-assistent")
    st.caption("Vragen over Kamerbrieven en bijlagen, beantwoord met de alinea's waar het staat.")
    tab_chat, tab_check, tab_amounts, tab_timeline = st.tabs(
        [":material/chat: Chat", ":material/fact_check: Controleer een bedrag", ":material/euro: Bedragen",
         ":material/timeline: Tijdlijn"]
    )
    with tab_chat:
        history = st.container()
        question = st.chat_input("Stel een vraag over de documenten…")
    from assistant.errors import AssistantError
    from ui import chat, checks, sidebar

    try:
        bot = open_assistant(str(settings.index_dir))
        bot.refresh()
    except AssistantError:
        sidebar.render_without_index(settings)
        history.info(
            "Er zijn nog geen documenten geïndexeerd. Voeg links een document toe, "
            "of bouw de index met `make index` en laad de pagina opnieuw."
        )
        return
    filters = sidebar.render(bot, settings)
    chat.render(bot, settings, filters, history, question)
    with tab_check:
        checks.render(bot, settings, filters)
    from ui import tables  # pandas and altair load after the chat is on screen

    with tab_amounts:
        tables.render_amounts(bot)
    with tab_timeline:
        tables.render_timeline(bot)


main()
