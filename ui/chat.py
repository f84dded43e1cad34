"""The chat page: history, follow-up questions, citations, refusals, feedback and Markdown export."""

from __future__ import annotations

import streamlit as st

from assistant.answering.conversation import ask_in_conversation
from assistant.types import Filters
from ui.citations import citation_chips, show_confidence, show_passage
from ui.conversation import Turn, conversation_markdown, record_feedback
from ui.text import escape

EXAMPLES = (
    "Hoeveel geld is er beschikbaar voor …?",
    "Wanneer moet … klaar zijn? / Tot wanneer loopt …?",
    "Wie voert … uit, en met welke partners?",
    "Klopt het dat er in 2025 € 10 miljoen naar … gaat?",
    "En in 2026? (een vervolgvraag gebruikt het vorige antwoord)",
)
NEAREST_PASSAGES = 3


def turns() -> list[Turn]:
    return st.session_state.setdefault("turns", [])


def ask(bot, question: str, filters: Filters) -> Turn:
    """Ask with the earlier answers as history, so follow-ups ("en in 2026?") keep their subject."""
    answer = ask_in_conversation(bot, question, [t.answer for t in turns()], filters)
    turn = Turn(question, answer, filters)
    turns().append(turn)
    return turn


def render(bot, settings, filters: Filters, history, question: str | None) -> None:
    """Fill the chat tab's history container; `question` is what the chat input just sent, if anything."""
    question = (question or "").strip()
    with history:
        if not turns() and not question:
            intro()
        for n, turn in enumerate(turns()):
            show_question(turn.question)
            show_answer(bot, settings, turn, n)
        if question:
            show_question(question)
            with st.spinner("De documenten worden doorzocht…"):
                turn = ask(bot, question, filters)
            show_answer(bot, settings, turn, len(turns()) - 1)
        if turns():
            conversation_tools()
        if filters:
            st.caption(":material/filter_alt: Filters uit de zijbalk gelden voor de volgende vragen.")


def intro() -> None:
    st.markdown(
        "Stel een vraag in gewone taal. Elk antwoord verwijst met **[1]**, **[2]** … naar de alinea's "
        "waar het staat; klik op een bron om de alinea en de pagina in het origineel te zien. "
        "Staat het antwoord niet in de documenten, dan zegt de assistent dat."
    )
    st.markdown("**Zo kunt u bijvoorbeeld vragen**")
    st.markdown("\n".join(f"- *{escape(example)}*" for example in EXAMPLES))
    st.caption("Tip: beperk de documenten met de filters in de zijbalk; controleer een losse bewering "
               "op het tabblad *Controleer een bedrag*.")


def show_question(question: str) -> None:
    with st.chat_message("user"):
        st.markdown(escape(question))


def show_answer(bot, settings, turn: Turn, n: int) -> None:
    with st.chat_message("assistant"):
        answer = turn.answer
        st.markdown(escape(answer.text))
        for note in answer.notes:
            st.caption(escape(note))
        if answer.refused:
            nearest = answer.retrieved[:NEAREST_PASSAGES]
            if nearest:
                st.markdown("**Dichtstbijzijnde passages** (ze beantwoorden de vraag niet):")
                for hit in nearest:
                    show_passage(bot, hit)
        else:
            show_confidence(answer)
            citation_chips(bot, answer, key=f"turn-{n}")
        feedback_form(settings, turn, n)


def feedback_form(settings, turn: Turn, n: int) -> None:
    """Goed/fout plus a comment, appended to feedback.jsonl under the index folder."""
    given = st.session_state.setdefault("feedback_given", set())
    if n in given:
        st.caption("Bedankt voor uw feedback.")
        return
    with st.expander("Feedback op dit antwoord"):
        with st.form(key=f"feedback-{n}", border=False):
            rating = st.radio("Klopt dit antwoord?", ["goed", "fout"], horizontal=True, key=f"rating-{n}")
            comment = st.text_input("Toelichting (optioneel)", key=f"comment-{n}")
            if st.form_submit_button("Feedback opslaan"):
                record_feedback(settings.index_dir, turn, rating, comment)
                given.add(n)
                st.rerun()


def conversation_tools() -> None:
    left, right = st.columns([1, 1])
    with left:
        st.download_button(
            "Gesprek exporteren (Markdown)",
            data=conversation_markdown(turns() + st.session_state.get("checks", [])),
            file_name="gesprek-kamerstukken.md",
            mime="text/markdown",
            icon=":material/download:",
        )
    with right:
        if st.button("Nieuw gesprek", icon=":material/restart_alt:"):
            for key in ("turns", "open_citation", "feedback_given"):
                st.session_state.pop(key, None)
            st.rerun()
