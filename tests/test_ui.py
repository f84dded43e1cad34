"""The Streamlit chat driven through AppTest against real indexes built from the corpus."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the `ui` package sits beside `assistant` but is not installed

from assistant.answering.confidence import confidence_label
from assistant.config import Settings
from assistant.index.uploads import uploads_dir
from ui.conversation import conversation_markdown, feedback_path
from ui.tables import csv_bytes

APP = ROOT / "ui" / "app.py"
CORPUS = ROOT / "corpus"


def plain(markdown: str) -> str:
    """Undo the backslash escaping the UI applies to document text."""
    return re.sub(r"\\(.)", r"\1", markdown)


def start(monkeypatch, settings) -> AppTest:
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def last_answer(at: AppTest) -> str:
    return plain(at.chat_message[-1].markdown[0].value)


def citation_buttons(at: AppTest) -> list:
    return [b for b in at.button if re.match(r"\[\d+\] ", b.label)]


def test_question_gets_cited_answer_and_citation_opens_paragraph(monkeypatch, annex_settings):
    at = ask(start(monkeypatch, annex_settings), "Hoeveel geld gaat er naar Techkwadraat?")
    assert "351,6 miljoen" in last_answer(at)
    assert re.search(r"\[1\]", last_answer(at))
    buttons = citation_buttons(at)
    assert buttons, "the answer shows its citations as buttons"
    buttons[0].click().run()
    answer = at.session_state["turns"][-1].answer
    cited = answer.citations[0]
    texts = [plain(m.value) for m in at.chat_message[-1].markdown]
    assert any(cited.quote in t and "Techkwadraat" in t for t in texts), "the cited paragraph is shown"
    captions = [plain(c.value) for c in at.chat_message[-1].caption]
    assert any(f"alinea {cited.paragraph_id}" in c and "p. " in c for c in captions)
    label = confidence_label(answer.confidence)  # the badge says the answer's own label, in its colour
    colour = {"Hoog": "green", "Middel": "orange", "Laag": "red"}[label]
    assert any(c.startswith(f"Hoe zeker: :{colour}-badge[{label}]") for c in captions)


def test_refusal_shows_nearest_passages(monkeypatch, annex_settings):
    at = ask(start(monkeypatch, annex_settings), "Hoeveel kost de nieuwe kerncentrale in Borssele?")
    answer = at.session_state["turns"][-1].answer
    assert answer.refused
    assert "staat niet in de documenten" in last_answer(at).lower()
    texts = [plain(m.value) for m in at.chat_message[-1].markdown]
    assert any("Dichtstbijzijnde passages" in t for t in texts)
    nearest = answer.retrieved[0].paragraph.text
    assert nearest in texts, "the nearest passage is shown as text"


def check(at: AppTest, claim: str) -> AppTest:
    at.text_area[0].set_value(claim)
    next(b for b in at.button if b.label == "Controleer").click().run()
    assert not at.exception, at.exception
    return at


def test_figure_check_answers_ja_and_nee(monkeypatch, annex_settings):
    at = check(start(monkeypatch, annex_settings), "Techkwadraat omvat een totale investering van €351,6 miljoen")
    assert at.success and "Ja" in at.success[0].value
    at = check(at, "Techkwadraat omvat een totale investering van €400 miljoen")
    assert at.error and "Nee" in at.error[0].value
    texts = " ".join(plain(m.value) for m in at.markdown)
    assert "351,6" in texts, "the source's own figure is shown"


def test_filters_change_the_next_answers_sources(monkeypatch, corpus_settings):
    at = start(monkeypatch, corpus_settings)
    question = "Welke doelen zijn er voor de circulaire economie?"
    ask(at, question)
    first_docs = {c.doc for c in at.session_state["turns"][-1].answer.citations}
    other = next(CORPUS.glob("*_emissies_luchtvaart.pdf")).stem  # document ids are file stems
    at.multiselect(key="filter_docs").set_value([other]).run()
    ask(at, question)
    turn = at.session_state["turns"][-1]
    sources = {c.doc for c in turn.answer.citations} | {h.paragraph.doc_id for h in turn.answer.retrieved}
    assert sources and sources <= {other}
    assert first_docs and not first_docs & sources


def test_export_and_feedback(monkeypatch, annex_settings):
    at = ask(start(monkeypatch, annex_settings), "Hoeveel geld gaat er naar Techkwadraat?")
    assert any(b.label == "Gesprek exporteren (Markdown)" for b in at.get("download_button"))
    exported = conversation_markdown(at.session_state["turns"])
    cited = at.session_state["turns"][-1].answer.citations[0]
    assert "Hoeveel geld gaat er naar Techkwadraat?" in exported
    assert cited.paragraph_id in exported and "**Bronnen**" in exported
    assert "> " + " ".join(cited.quote.split()) in exported

    path = feedback_path(annex_settings.index_dir)
    before = path.read_text().splitlines() if path.exists() else []
    at.radio(key="rating-0").set_value("fout")
    at.text_input(key="comment-0").set_value("bedrag klopt niet")
    next(b for b in at.button if b.label == "Feedback opslaan").click().run()
    lines = path.read_text().splitlines()
    assert len(lines) == len(before) + 1
    record = json.loads(lines[-1])
    assert record["rating"] == "fout" and record["comment"] == "bedrag klopt niet"
    assert record["question"] == "Hoeveel geld gaat er naar Techkwadraat?" and record["citations"]


def test_amounts_and_timeline_tables(monkeypatch, annex_settings):
    at = start(monkeypatch, annex_settings)
    amounts, timeline = at.dataframe[0].value, at.dataframe[1].value
    row = amounts[amounts["Waarde"] == 351_600_000].iloc[0]
    assert "Techkwadraat" in row["Waarvoor"] and row["Alinea"]
    csv = csv_bytes(amounts).decode("utf-8-sig").splitlines()
    assert csv[0] == "Bedrag;Waarde;Waarvoor;Periode;Document;Pagina;Alinea"
    assert any(line.startswith("€351,6 miljoen;351600000,0;") for line in csv)
    assert (timeline["Van"].dt.year == 2031).any()


NEW_TEXT = """Kamerbrief over de proeftuin voor slimme dijken

De minister stelt voor de proeftuin Slimme Dijken in 2026 een bedrag van € 4,2 miljoen beschikbaar.
De proeftuin start uiterlijk 1 maart 2026 in de provincie Zeeland.
"""


def test_upload_box_adds_a_good_file_and_names_why_a_bad_one_is_refused(monkeypatch, index_copy):
    at = start(monkeypatch, index_copy)
    at.file_uploader(key="uploader").set_value([
        ("begroting.pdf", b"Dit is geen PDF maar gewone tekst.", "application/pdf"),
        ("proeftuin slimme dijken.txt", NEW_TEXT.encode(), "text/plain"),
    ]).run()
    assert not at.exception, at.exception
    assert [plain(e.value) for e in at.error] == [
        "begroting.pdf is niet toegevoegd: het is geen echte PDF (de inhoud begint niet als een PDF-bestand)."]
    assert [plain(s.value) for s in at.success] == [
        "proeftuin slimme dijken.txt is toegevoegd; u kunt er nu vragen over stellen."]
    assert sorted(p.name for p in uploads_dir(index_copy).iterdir()) == ["proeftuin_slimme_dijken.txt"]
    assert "4,2 miljoen" in last_answer(ask(at, "Hoeveel geld krijgt de proeftuin Slimme Dijken?"))


def test_without_an_index_the_app_explains_how_to_add_documents(monkeypatch, tmp_path):
    at = start(monkeypatch, Settings(index_dir=tmp_path / "leeg"))
    assert at.info and "nog geen documenten geïndexeerd" in at.info[0].value
    assert len(at.chat_input) == 1 and not at.chat_message


def test_chips_export_and_document_list_use_the_kamer_reference(monkeypatch, corpus_settings):
    at = ask(start(monkeypatch, corpus_settings), "Wie heeft de brief over draagmoederschap ondertekend?")
    assert [b.label for b in citation_buttons(at)] == ["[1] Kamerbrief VenJ, 1 maart 2011, p. 3"]
    exported = conversation_markdown(at.session_state["turns"])
    assert "1. Kamerbrief VenJ van 1 maart 2011, kenmerk 5687928/11, p. 3" in exported
    assert exported.rstrip().endswith(
        "## Bronnen\n\n- Kamerbrief VenJ van 1 maart 2011, kenmerk 5687928/11 (Kamerbrief 'Draagmoederschap')")
    listed = [plain(m.value) for m in at.sidebar.markdown]
    assert any("Kamerstuk 32 545, nr. 143 · 6 juli 2021" in m for m in listed)
    assert any("ondertekend door F. Teeven" in m for m in listed)


def test_a_handle_in_the_filters_keeps_answers_in_that_document(monkeypatch, corpus_settings):
    at = start(monkeypatch, corpus_settings)
    at.text_input(key="filter_handle").set_value("kst-99999-1").run()
    assert any("Geen document gevonden bij ‘kst-99999-1’" in plain(c.value) for c in at.sidebar.caption)
    at.text_input(key="filter_handle").set_value("32 545, nr. 143").run()
    ask(at, "Wat verzoekt de regering?")
    answer = at.session_state["turns"][-1].answer
    sources = {c.doc for c in answer.citations} | {h.paragraph.doc_id for h in answer.retrieved}
    assert sources == {"14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente"}
