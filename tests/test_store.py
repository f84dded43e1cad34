"""The embedded index end to end: real model, real Chroma, real corpus files.

Ranking on paraphrases and identifiers, filters in both retrieval legs, incremental
re-ingest (unchanged, changed, removed files), a reader that keeps its snapshot while
another process ingests, and a collection that reopens in a fresh offline process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.index import snapshot
from assistant.config import Settings
from assistant.index.indexer import ingest_paths
from assistant.retrieval.hybrid import MODES, Retriever
from assistant.types import Filters, date_number

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ANNEX = CORPUS / "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt"
MOTIE = CORPUS / "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente.pdf"
OLD_SENTENCE = "Uiterlijk 13 juni ontvangen aanvragers de uitslag."
NEW_SENTENCE = "Uiterlijk 27 augustus ontvangen aanvragers de uitslag van de beoordelingscommissie."


def fresh_settings(tmp: Path, warm_from: Settings | None = None, **extra) -> Settings:
    """Settings for a new index folder; its embedding cache is seeded from an earlier index to save time."""
    tmp.mkdir(parents=True, exist_ok=True)
    if warm_from is not None:
        shutil.copy(warm_from.index_dir / "embeddings.sqlite", tmp / "embeddings.sqlite")
    return Settings(index_dir=tmp, **extra)


def all_texts(settings: Settings) -> list[str]:
    info = snapshot.current(settings.index_dir)
    return [p.text for d in snapshot.read_documents(settings.index_dir, info) for p in d.paragraphs]


def top_texts(retriever: Retriever, k: int = 5) -> str:
    """The texts of the top k hits for the date question, joined: what a reader would be shown."""
    return "\n".join(h.paragraph.text for h in retriever.search("wanneer ontvangen aanvragers de uitslag", k=k))


@pytest.fixture(scope="module")
def annex(annex_settings) -> Retriever:
    return Retriever.open(annex_settings)


@pytest.fixture(scope="module")
def corpus(corpus_settings) -> Retriever:
    return Retriever.open(corpus_settings)


# --- ranking -----------------------------------------------------------------
def test_paraphrased_question_finds_the_paragraph(annex):
    hits = annex.search("wanneer krijgen aanvragers uitsluitsel", k=5)
    assert OLD_SENTENCE in hits[0].paragraph.text
    assert "Techkwadraat" in hits[0].paragraph.text


@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
def test_kamerstuk_number_finds_its_document(corpus, mode):
    hits = corpus.search("35 538", k=3, mode=mode)
    assert hits[0].paragraph.doc_id.startswith("12_kamerstuk_35538")


def test_programme_name_is_found_exactly(corpus):
    assert "Techkwadraat" in corpus.search("Techkwadraat", k=1)[0].paragraph.text
    assert all("Techkwadraat" in h.paragraph.text for h in corpus.search("Techkwadraat", k=3, mode="lexical"))


def test_in_kamervragen_the_answer_outranks_the_question_it_answers(corpus):
    hits = corpus.search("waarom is de rente van de Tozo-lening 2%", k=5)
    assert "toegelicht waarom de hoogte van de rente is bepaald op 2%" in hits[0].paragraph.text
    # the question itself is still among the passages shown (behind the other answers of the same Kamervragen,
    # which share its document's title in their passage text)
    assert any(h.paragraph.text.endswith("?") for h in hits[1:])


def test_a_bare_reference_note_does_not_outrank_the_text_under_the_same_heading(corpus):
    hits = corpus.search("blootstelling grondpersoneel aan ultrafijn stof", k=3)
    assert not hits[0].paragraph.text.startswith("Kamerstukken II")


# --- filters -----------------------------------------------------------------
QUESTION = "wat zijn de kosten en wanneer gaat het in"


@pytest.mark.parametrize("mode", MODES)
def test_doc_id_filter_restricts_every_leg(corpus, mode):
    unfiltered = {h.paragraph.doc_id for h in corpus.search(QUESTION, k=20, mode=mode)}
    wanted = sorted(corpus.documents)[2:4]
    hits = corpus.search(QUESTION, k=20, mode=mode, filters=Filters(doc_ids=tuple(wanted)))
    assert hits and {h.paragraph.doc_id for h in hits} <= set(wanted)
    assert unfiltered - set(wanted)  # the filter removed something the unfiltered search returned


@pytest.mark.parametrize("mode", MODES)
def test_doc_type_filter_restricts_every_leg(corpus, mode):
    types = sorted({d.doc_type for d in corpus.documents.values() if d.doc_type})
    assert len(types) >= 2
    wanted = types[0]
    hits = corpus.search(QUESTION, k=20, mode=mode, filters=Filters(doc_types=(wanted,)))
    assert hits and all(corpus.documents[h.paragraph.doc_id].doc_type == wanted for h in hits)


@pytest.mark.parametrize("mode", MODES)
def test_date_filter_restricts_every_leg(corpus, mode):
    dated = sorted(date_number(d.date) for d in corpus.documents.values() if d.date)
    assert len(dated) >= 3
    middle = str(dated[len(dated) // 2])
    date_from = f"{middle[:4]}-{middle[4:6]}-{middle[6:]}"
    hits = corpus.search(QUESTION, k=20, mode=mode, filters=Filters(date_from=date_from, date_to="2030-12-31"))
    assert hits
    for h in hits:
        doc = corpus.documents[h.paragraph.doc_id]
        assert date_number(doc.date) >= int(middle)


# --- incremental ingest --------------------------------------------------------
@pytest.fixture
def small_corpus(tmp_path, annex_settings):
    """A folder with a copy of the annex and one real PDF, and an index over it."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(ANNEX, folder / ANNEX.name)
    shutil.copy(MOTIE, folder / MOTIE.name)
    settings = fresh_settings(tmp_path / "index", annex_settings)
    first = ingest_paths([folder], settings)
    assert len(first.added) == 2 and not first.skipped
    return folder, settings


def test_unchanged_files_embed_nothing_and_publish_nothing(small_corpus):
    folder, settings = small_corpus
    before = snapshot.current_name(settings.index_dir)
    again = ingest_paths([folder], settings)
    assert again.embedded == 0 and again.snapshot is None
    assert sorted(again.unchanged) == sorted(p.stem for p in folder.iterdir())
    assert snapshot.current_name(settings.index_dir) == before


def test_changed_file_replaces_its_paragraphs(small_corpus):
    folder, settings = small_corpus
    copy = folder / ANNEX.name
    copy.write_text(copy.read_text(encoding="utf-8").replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    report = ingest_paths([folder], settings)
    assert report.updated == [ANNEX.stem] and report.snapshot
    assert 1 <= report.embedded <= 3  # only the edited paragraph (and pieces of it) is embedded again
    texts = all_texts(settings)
    assert not any(OLD_SENTENCE in t for t in texts)
    assert "27 augustus" in top_texts(Retriever.open(settings))


def test_a_change_writes_only_the_changed_documents_new_version(small_corpus):
    folder, settings = small_corpus
    before = {e.doc_id: e.version for e in snapshot.current(settings.index_dir).entries}
    copy = folder / ANNEX.name
    copy.write_text(copy.read_text(encoding="utf-8").replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    ingest_paths([folder], settings)
    after = {e.doc_id: e.version for e in snapshot.current(settings.index_dir).entries}
    assert after[MOTIE.stem] == before[MOTIE.stem] and after[ANNEX.stem] != before[ANNEX.stem]
    # The predecessor stays for readers that have not refreshed; one change later it is deleted.
    segments = snapshot.segments_dir(settings.index_dir)
    assert {p.name for p in segments.iterdir()} == set(before.values()) | set(after.values())
    copy.write_text(copy.read_text(encoding="utf-8").replace("27 augustus", "28 augustus"), encoding="utf-8")
    ingest_paths([folder], settings)
    latest = {e.doc_id: e.version for e in snapshot.current(settings.index_dir).entries}
    assert {p.name for p in segments.iterdir()} == set(after.values()) | set(latest.values())


def test_a_copy_under_another_name_is_reported_and_not_indexed(small_corpus, tmp_path):
    folder, settings = small_corpus
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(ANNEX, extra / "bijlage-kopie.txt")
    (extra / "motie-kopie.pdf").write_bytes(MOTIE.read_bytes() + b"\n% opnieuw opgeslagen\n")  # same text, other bytes
    before = snapshot.current_name(settings.index_dir)
    report = ingest_paths([extra], settings)
    assert {(d.file, d.doc_id, d.same) for d in report.duplicates} == {
        ("bijlage-kopie.txt", ANNEX.stem, "bytes"), ("motie-kopie.pdf", MOTIE.stem, "text")}
    assert report.snapshot is None and snapshot.current_name(settings.index_dir) == before
    assert "motie-kopie.pdf: this document is already indexed as " + MOTIE.stem in report.summary()


def test_removed_file_leaves_the_index(small_corpus):
    folder, settings = small_corpus
    (folder / MOTIE.name).unlink()
    report = ingest_paths([folder], settings)
    assert report.removed == [MOTIE.stem]
    retriever = Retriever.open(settings)
    assert MOTIE.stem not in retriever.documents
    assert all(h.paragraph.doc_id != MOTIE.stem for h in retriever.search("negatieve spaarrente motie", k=20))


INGEST_SCRIPT = """
import sys
from pathlib import Path
from assistant.config import Settings
from assistant.index.indexer import ingest_paths
report = ingest_paths([Path(sys.argv[1])], Settings(index_dir=Path(sys.argv[2])))
print(report.snapshot)
"""


def test_reader_keeps_its_snapshot_while_another_process_ingests(small_corpus):
    folder, settings = small_corpus
    reader = Retriever.open(settings)
    copy = folder / ANNEX.name
    copy.write_text(copy.read_text(encoding="utf-8").replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    ingest = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(folder), str(settings.index_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"},
    )
    answered = 0
    while ingest.poll() is None:
        seen = top_texts(reader)
        assert "Uiterlijk 13 juni" in seen and "27 augustus" not in seen
        answered += 1
    out, _ = ingest.communicate()
    assert ingest.returncode == 0 and answered > 0
    assert snapshot.current_name(settings.index_dir) == out.strip()
    seen = top_texts(reader)
    assert "Uiterlijk 13 juni" in seen and "27 augustus" not in seen
    assert reader.refresh() is True
    seen = top_texts(reader)
    assert "27 augustus" in seen and "Uiterlijk 13 juni" not in seen
    assert reader.refresh() is False


REOPEN_SCRIPT = """
import json, socket, sys
from pathlib import Path

def loopback_only(original):
    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"network blocked: {address}")
        return original(self, address)
    return connect

socket.socket.connect = loopback_only(socket.socket.connect)
socket.socket.connect_ex = loopback_only(socket.socket.connect_ex)

from assistant.config import Settings
from assistant.retrieval.hybrid import Retriever

settings = Settings(index_dir=Path(sys.argv[1]))
retriever = Retriever.open(settings)
ranked = [[h.paragraph.id for h in retriever.search(q, k=5)] for q in json.loads(sys.argv[2])]
print(json.dumps({"ranked": ranked}))
"""


def test_index_reopens_in_a_new_offline_process(annex, annex_settings):
    """Embedded mode keeps vectors in the document segments (no embedded Chroma); the server test reopens a collection."""
    questions = ["wanneer krijgen aanvragers uitsluitsel", "hoeveel geld gaat naar Techkwadraat"]
    done = subprocess.run(
        [sys.executable, "-c", REOPEN_SCRIPT, str(annex_settings.index_dir), json.dumps(questions)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "OMP_WAIT_POLICY": "PASSIVE"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ranked"] == [[h.paragraph.id for h in annex.search(q, k=5)] for q in questions]


def test_the_parser_version_covers_every_module_the_parser_imports():
    """A change to any parsing module makes unchanged files be parsed again."""
    import re as _re

    from assistant.index.indexer import PARSER_MODULES

    package = Path(__file__).resolve().parent.parent / "assistant"
    pending, seen = ["parsing/ingest.py"], set()
    while pending:
        name = pending.pop()
        seen.add(name)
        for module, names in _re.findall(r"^\s*from assistant\.([\w.]+) import ([\w, ]*)", (package / name).read_text(), _re.M):
            if module in ("types", "errors"):
                continue
            folder = module.replace(".", "/")
            if (package / folder).is_dir():  # "from assistant.parsing import tuning as T": the module parsing/tuning.py
                paths = [f"{folder}/{n.split()[0]}.py" for n in names.split(",") if n.strip()]
                paths = [path for path in paths if (package / path).exists()]
            else:
                paths = [f"{folder}.py"]
            pending.extend(path for path in paths if path not in seen)
    assert seen <= set(PARSER_MODULES)
