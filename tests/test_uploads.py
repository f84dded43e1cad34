"""Adding one file as the chat and `assistant add` do: checked, saved under a safe name, ingested, rolled back."""

from __future__ import annotations

import pytest

from assistant.answering.qa import Assistant
from assistant.errors import UploadRefused
from assistant.index import snapshot
from assistant.index.uploads import add_file, add_upload, check_upload, safe_file_name, shown_name, uploads_dir
from conftest import ANNEX, CORPUS, free_port

MOTION = CORPUS / "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente.pdf"
LARGE = CORPUS / "18_studiegroep-begrotingsruimte_fin_2020-10_16e_koers_bepalen.pdf"  # 1.1 MB
NEW_TEXT = """Kamerbrief over de proeftuin voor slimme dijken

De minister stelt voor de proeftuin Slimme Dijken in 2026 een bedrag van € 4,2 miljoen beschikbaar.
De proeftuin start uiterlijk 1 maart 2026 in de provincie Zeeland.

Na afloop van de proeftuin volgt een evaluatie door een onafhankelijk bureau.
"""


def refusal(name: str, data: bytes, max_mb: int = 50) -> UploadRefused:
    with pytest.raises(UploadRefused) as refused:
        check_upload(name, data, max_mb)
    return refused.value


def test_safe_file_name():
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\Users\\x\\Brief (def).PDF") == "Brief_def.pdf"
    assert safe_file_name("..pdf") == "upload.pdf"
    assert safe_file_name("Notitie über €-bedragen.md") == "Notitie_uber_-bedragen.md"


def test_shown_name_drops_the_folders_only():
    assert shown_name("C:\\Users\\x\\Brief (def).PDF") == "Brief (def).PDF"
    assert shown_name("../../uploads/../motie.pdf") == "motie.pdf"


@pytest.mark.parametrize("path", [MOTION, LARGE, ANNEX])
def test_real_corpus_files_pass_the_check_under_their_safe_name(path):
    upload = check_upload(str(path), path.read_bytes(), 50)
    assert (upload.name, upload.safe_name, upload.data) == (path.name, path.name, path.read_bytes())


def test_a_text_named_pdf_is_refused_naming_file_cause_and_fix():
    refused = refusal("begroting.pdf", ANNEX.read_bytes())
    assert str(refused) == ("begroting.pdf was not added: it is not a real PDF (it does not start with %PDF-). "
                            "Check the file; give it the suffix of what it holds (.txt for text).")
    assert refused.message_nl == ("begroting.pdf is niet toegevoegd: het is geen echte PDF "
                                  "(de inhoud begint niet als een PDF-bestand).")


def test_a_file_over_the_limit_is_refused_with_the_setting_to_raise():
    refused = refusal(LARGE.name, LARGE.read_bytes(), max_mb=1)
    assert str(refused) == (f"{LARGE.name} was not added: the file is larger than 1 MB. "
                            "Split it, or raise the limit with ASSISTANT_MAX_UPLOAD_MB.")
    assert refused.message_nl == f"{LARGE.name} is niet toegevoegd: het bestand is groter dan 1 MB."


@pytest.mark.parametrize("name, data, message_nl", [
    ("brief.docx", b"PK\x03\x04", "brief.docx is niet toegevoegd: alleen PDF-, TXT- en MD-bestanden kunnen worden toegevoegd."),
    ("leeg.txt", b" \n\n ", "leeg.txt is niet toegevoegd: het bestand is leeg."),
    ("latin.txt", "Financiën".encode("latin-1"), "latin.txt is niet toegevoegd: de tekst is niet als UTF-8 opgeslagen."),
])
def test_other_refusals_name_the_file_as_given(name, data, message_nl):
    refused = refusal(name, data)
    assert refused.message_nl == message_nl and str(refused).startswith(f"{name} was not added: ")


def test_a_real_pdf_is_added_askable_and_adding_it_again_changes_nothing(index_copy):
    added = add_upload(f"../../{MOTION.name}", MOTION.read_bytes(), index_copy)
    assert (added.status, added.doc_ids) == ("added", (MOTION.stem,))
    assert added.saved_as == uploads_dir(index_copy) / MOTION.name
    assert added.message_nl == f"{MOTION.name} is toegevoegd; u kunt er nu vragen over stellen."
    assert MOTION.stem in Assistant.open(index_copy).retriever.documents
    again = add_upload(MOTION.name, MOTION.read_bytes(), index_copy)
    assert again.status == "unchanged" and "stond al in de documenten" in again.message_nl


def test_the_same_document_under_another_name_is_recognised_not_indexed_twice(index_copy):
    live = snapshot.current_name(index_copy.index_dir)
    with pytest.raises(UploadRefused) as refused:
        add_upload("kopie van de bijlage.txt", ANNEX.read_bytes(), index_copy)
    assert refused.value.message_nl.startswith(
        f"kopie van de bijlage.txt is niet toegevoegd: dit document staat er al in als {ANNEX.stem} (")
    assert "already indexed as " + ANNEX.stem in str(refused.value)
    assert not any(uploads_dir(index_copy).iterdir()) and snapshot.current_name(index_copy.index_dir) == live
    # The same text in other bytes (a PDF saved again) is the same document too.
    add_upload(MOTION.name, MOTION.read_bytes(), index_copy)
    live = snapshot.current_name(index_copy.index_dir)
    with pytest.raises(UploadRefused, match="already indexed as " + MOTION.stem):
        add_upload("motie (2).pdf", MOTION.read_bytes() + b"\n% opnieuw opgeslagen\n", index_copy)
    assert [p.name for p in uploads_dir(index_copy).iterdir()] == [MOTION.name]
    assert snapshot.current_name(index_copy.index_dir) == live


def test_good_text_is_askable_and_progress_reaches_the_end(index_copy):
    bot = Assistant.open(index_copy)
    seen = []
    added = add_upload("proeftuin slimme dijken.txt", NEW_TEXT.encode(), index_copy, lambda m, f: seen.append(f))
    assert added.saved_as.name == "proeftuin_slimme_dijken.txt" and seen[-1] == 1.0
    assert bot.refresh()
    answer = bot.ask("Hoeveel geld krijgt de proeftuin Slimme Dijken?")
    assert "4,2 miljoen" in answer.text and answer.citations[0].doc == "proeftuin_slimme_dijken"


@pytest.mark.parametrize("name, data, message_nl", [
    ("afgebroken.pdf", MOTION.read_bytes()[:3000], "afgebroken.pdf is niet toegevoegd: het is geen geldige PDF of het is beschadigd."),
])
def test_a_file_the_parser_refuses_is_rolled_back(index_copy, name, data, message_nl):
    live = snapshot.current_name(index_copy.index_dir)
    with pytest.raises(UploadRefused) as refused:
        add_upload(name, data, index_copy)
    assert refused.value.message_nl == message_nl and refused.value.fix
    assert not any(uploads_dir(index_copy).iterdir()) and snapshot.current_name(index_copy.index_dir) == live


def test_a_broken_new_version_puts_the_indexed_one_back(index_copy):
    first = add_upload("notitie.txt", NEW_TEXT.encode(), index_copy)
    live = snapshot.current_name(index_copy.index_dir)
    with pytest.raises(UploadRefused):
        add_upload("notitie.txt", b"\x00\x01binary\x00" * 50, index_copy)
    assert first.saved_as.read_bytes() == NEW_TEXT.encode()
    assert snapshot.current_name(index_copy.index_dir) == live


def test_an_index_that_cannot_be_updated_leaves_no_file(tmp_path):
    from assistant.config import Settings

    settings = Settings(index_dir=tmp_path / "index", chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(UploadRefused) as refused:
        add_upload("notitie.txt", NEW_TEXT.encode(), settings)
    assert str(refused.value).startswith("notitie.txt was not added: the index could not be updated. ")
    assert "does not answer" in refused.value.message_nl
    assert not any(uploads_dir(settings).iterdir())


def test_add_file_reads_no_more_than_the_limit_allows(index_copy, tmp_path):
    settings = index_copy.model_copy(update={"max_upload_mb": 1})
    with pytest.raises(UploadRefused, match="larger than 1 MB"):
        add_file(LARGE, settings)
    with pytest.raises(UploadRefused, match=r"^weg\.pdf was not added: it cannot be read \(No such file"):
        add_file(tmp_path / "weg.pdf", settings)
    assert add_file(ANNEX, settings).status == "unchanged"  # the annex is already indexed, from corpus/
