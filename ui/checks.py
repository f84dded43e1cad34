"""The "Controleer een bedrag" page: a claim in, Ja / Nee / Niet te bevestigen out, with the source figure."""

from __future__ import annotations

import streamlit as st

from assistant.types import Filters
from ui.citations import show_citation, show_passage
from ui.conversation import Turn
from ui.text import escape


def render(bot, settings, filters: Filters) -> None:
    st.markdown(
        "Controleer een bedrag, datum of aantal uit een nota of toespraak tegen de documenten. "
        "U krijgt **Ja**, **Nee** of **Niet te bevestigen**, met het bedrag zoals de bron het noemt."
    )
    with st.form("claim-form"):
        claim = st.text_area(
            "Bewering",
            placeholder="Bijvoorbeeld: voor het programma is in 2025 € 10 miljoen beschikbaar",
            height=90,
        )
        submitted = st.form_submit_button("Controleer", type="primary")
    if submitted and claim.strip():
        with st.spinner("De bewering wordt gecontroleerd…"):
            answer = bot.check_claim(claim.strip(), filters=filters or None)
        st.session_state.setdefault("checks", []).append(Turn(claim.strip(), answer, filters, kind="controle"))
    elif submitted:
        st.warning("Vul eerst een bewering in.")
    checks = st.session_state.get("checks", [])
    if checks:
        show_check(bot, checks[-1])


def show_check(bot, turn: Turn) -> None:
    answer = turn.answer
    st.markdown(f"**Bewering:** {escape(turn.question)}")
    if answer.verdict == "ja":
        st.success("**Ja** — de documenten bevestigen dit.", icon=":material/check_circle:")
    elif answer.verdict == "nee":
        st.error("**Nee** — de documenten zeggen iets anders.", icon=":material/cancel:")
    else:
        st.warning("**Niet te bevestigen** — de documenten noemen dit niet eenduidig.", icon=":material/help:")
    st.markdown(escape(answer.text))
    for c in answer.citations:
        show_citation(bot, c)
    if not answer.citations and answer.retrieved:
        st.markdown("**Dichtstbijzijnde passages:**")
        for hit in answer.retrieved[:3]:
            show_passage(bot, hit)
