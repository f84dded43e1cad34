"""Server mode: the same index on a real `chroma run` server ranks exactly like the embedded one.

Also: the token in Settings.chroma_token reaches the server, a wrong or missing token
and a server that goes away give IndexUnavailable with a message that says what to do,
and the session recovers once the server is back on the same port and path.

Chroma 1.5.9's `chroma run` (the Rust frontend) ignores CHROMA_SERVER_AUTHN_* settings:
it ships only a no-op authenticator. A token-protected Chroma is therefore deployed
behind a reverse proxy that checks the token; `TokenProxy` is that proxy on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import IndexUnavailable
from assistant.index import snapshot
from assistant.index.store import VectorStore, connect
from assistant.index.indexer import ingest_paths
from assistant.retrieval.hybrid import MODES, Retriever
from assistant.types import Filters

from conftest import ANNEX, CORPUS, free_port, start_chroma, stop

QUESTIONS = [
    "wanneer krijgen aanvragers uitsluitsel",
    "Kamerstuk 35 538 advies Raad van State",
    "hoeveel geld gaat naar Techkwadraat",
    "wat vraagt de motie over negatieve spaarrente",
    "welke maatregelen voor de luchtvaart en CO2-uitstoot",
    "rente op de Tozo-lening voor zelfstandigen",
    "draagmoederschap wettelijke regeling",
    "instant payments in euro verordening",
]


def _warm(tmp: Path, source: Settings, **extra) -> Settings:
    """A new index folder whose embedding cache is copied from `source`, so nothing is embedded twice."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(source.index_dir / "embeddings.sqlite", tmp / "embeddings.sqlite")
    return Settings(index_dir=tmp, **extra)


def _ranked(retriever: Retriever, mode: str, filters: Filters | None = None) -> list[list[str]]:
    return [[h.paragraph.id for h in retriever.search(q, k=10, mode=mode, filters=filters)] for q in QUESTIONS]


@pytest.fixture(scope="module")
def server_settings(chroma_server, corpus_settings, tmp_path_factory):
    settings = _warm(tmp_path_factory.mktemp("server-index"), corpus_settings, chroma_url=chroma_server)
    report = ingest_paths([CORPUS], settings)
    assert report.embedded == 0  # every vector came from the cache
    return settings


@pytest.mark.parametrize("mode", MODES)
def test_server_ranks_exactly_like_embedded(server_settings, corpus_settings, mode):
    embedded, server = Retriever.open(corpus_settings), Retriever.open(server_settings)
    assert server.loaded.info.chroma_url == server_settings.chroma_url
    assert _ranked(server, mode) == _ranked(embedded, mode)


def test_server_filters_match_embedded(server_settings, corpus_settings):
    embedded, server = Retriever.open(corpus_settings), Retriever.open(server_settings)
    doc_ids = tuple(sorted(embedded.documents)[3:6])
    filters = Filters(doc_ids=doc_ids, date_from="2020-01-01")
    for mode in MODES:
        ranked = _ranked(server, mode, filters)
        assert ranked == _ranked(embedded, mode, filters)
        assert any(ranked)
        assert all(server.paragraphs[pid].doc_id in doc_ids for row in ranked for pid in row)


def test_server_index_keeps_vectors_only_on_the_server(server_settings):
    info = Retriever.open(server_settings).loaded.info
    assert info.collection and info.entries
    assert not list(snapshot.segments_dir(server_settings.index_dir).glob("*/vectors.npy"))


# --- incremental publish -------------------------------------------------------
def _server_vector_ids(settings: Settings, doc_id: str) -> set[str]:
    info = snapshot.current(settings.index_dir)
    store = VectorStore(connect(url=settings.chroma_url), info.collection)
    return set(store.collection.get(where={"doc_id": doc_id}, include=[])["ids"])


def test_incremental_publish_on_a_server_touches_only_the_changed_document(chroma_server, annex_settings, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    original = ANNEX.read_text(encoding="utf-8")
    (folder / ANNEX.name).write_text(original, encoding="utf-8")
    (folder / "notitie.txt").write_text("Notitie.\n\nDe regeling wordt in het najaar geëvalueerd door de inspectie.\n", encoding="utf-8")
    settings = _warm(tmp_path / "index", annex_settings, chroma_url=chroma_server)
    ingest_paths([folder], settings)
    note_vectors = _server_vector_ids(settings, "notitie")
    annex_v1 = _server_vector_ids(settings, ANNEX.stem)
    reader = Retriever.open(settings)
    question = "Uiterlijk 27 augustus ontvangen aanvragers de uitslag"
    before = [(h.paragraph.id, round(h.dense, 6)) for h in reader.search(question, k=5, mode="dense")]

    (folder / ANNEX.name).write_text(original.replace("Uiterlijk 13 juni", "Uiterlijk 27 augustus"), encoding="utf-8")
    searched: list[list[tuple[str, float]]] = []
    stop_reading = threading.Event()

    def keep_reading() -> None:  # another user asking while the ingest writes to the shared collection
        while not stop_reading.is_set():
            searched.append([(h.paragraph.id, round(h.dense, 6)) for h in reader.search(question, k=5, mode="dense")])

    worker = threading.Thread(target=keep_reading)
    worker.start()
    try:
        report = ingest_paths([folder], settings)
    finally:
        stop_reading.set()
        worker.join()
    assert report.updated == [ANNEX.stem] and report.unchanged == ["notitie"] and 1 <= report.embedded <= 3
    assert _server_vector_ids(settings, "notitie") == note_vectors  # the unchanged document was not rewritten
    annex_v2 = _server_vector_ids(settings, ANNEX.stem)
    assert annex_v1 <= annex_v2 and len(annex_v2) == 2 * len(annex_v1)  # the predecessor is kept for late readers
    # The reader saw only the version it loaded, during the ingest and after it, though both are on the server.
    assert searched and all(row == before for row in searched)
    assert [(h.paragraph.id, round(h.dense, 6)) for h in reader.search(question, k=5, mode="dense")] == before
    assert reader.refresh() is True
    top = reader.search(question, k=1, mode="dense")[0]
    assert "27 augustus" in top.paragraph.text and top.dense > before[0][1]

    (folder / "notitie.txt").unlink()
    ingest_paths([folder], settings)  # removes the note; the first annex version is no longer kept
    assert reader.refresh() is True and "notitie" not in reader.documents
    assert _server_vector_ids(settings, ANNEX.stem) == annex_v2 - annex_v1
    (folder / "notitie.txt").write_text("Notitie.\n\nNieuw.\n", encoding="utf-8")
    ingest_paths([folder], settings)
    assert not _server_vector_ids(settings, "notitie") & note_vectors  # the removed version's vectors are gone


# --- token authentication ------------------------------------------------------
class TokenProxy:
    """A loopback reverse proxy that forwards to Chroma only requests carrying the right token."""

    def __init__(self, upstream: str, token: str):
        self.seen: list[str] = []
        host_port = upstream.split("//", 1)[1]
        host, port = host_port.split(":")
        handler = self._handler(host, int(port), token)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self, host: str, port: int, token: str):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status: int, headers: list, body: bytes) -> None:
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                sent = self.headers.get("Authorization", "")
                proxy.seen.append(sent)
                if sent != f"Bearer {token}":
                    message = json.dumps({"error": "AuthorizationError", "message": "Unauthorized"}).encode()
                    return self._reply(401, [("Content-Type", "application/json")], message)
                upstream = http.client.HTTPConnection(host, port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization")}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                self._reply(answer.status, answer.getheaders(), answer.read())
                upstream.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = forward

        return Handler

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="module")
def token_proxy(chroma_server):
    proxy = TokenProxy(chroma_server, "s3cret-token")
    yield proxy
    proxy.close()


def test_token_is_sent_and_accepted(token_proxy, annex_settings, tmp_path):
    settings = _warm(tmp_path / "index", annex_settings, chroma_url=token_proxy.url, chroma_token="s3cret-token")
    ingest_paths([ANNEX], settings)
    hits = Retriever.open(settings).search("wanneer krijgen aanvragers uitsluitsel", k=1)
    assert "Uiterlijk 13 juni" in hits[0].paragraph.text
    assert token_proxy.seen and set(token_proxy.seen) == {"Bearer s3cret-token"}


@pytest.mark.parametrize("token", ["wrong-token", None])
def test_wrong_or_missing_token_is_a_clear_error(token_proxy, annex_settings, tmp_path, token):
    good = _warm(tmp_path / "index", annex_settings, chroma_url=token_proxy.url, chroma_token="s3cret-token")
    ingest_paths([ANNEX], good)
    bad = Settings(index_dir=good.index_dir, chroma_url=token_proxy.url, chroma_token=token)
    with pytest.raises(IndexUnavailable, match="ASSISTANT_CHROMA_TOKEN"):
        Retriever.open(bad)
    with pytest.raises(IndexUnavailable, match="token"):
        ingest_paths([CORPUS / "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente.pdf"], bad)


# --- the server goes away and comes back ---------------------------------------
def test_server_outage_is_reported_and_the_session_recovers(annex_settings, tmp_path):
    port, data = free_port(), tmp_path / "chroma-db"
    server = start_chroma(data, port)
    try:
        settings = _warm(tmp_path / "index", annex_settings, chroma_url=f"http://127.0.0.1:{port}")
        ingest_paths([ANNEX], settings)
        retriever = Retriever.open(settings)
        before = [h.paragraph.id for h in retriever.search("hoeveel geld gaat naar Techkwadraat", k=5)]
        stop(server)
        with pytest.raises(IndexUnavailable, match="does not answer.*chroma run"):
            retriever.search("hoeveel geld gaat naar Techkwadraat", k=5)
        with pytest.raises(IndexUnavailable, match="does not answer"):
            Retriever.open(settings)
        server = start_chroma(data, port)
        after = [h.paragraph.id for h in retriever.search("hoeveel geld gaat naar Techkwadraat", k=5)]
        assert after == before
    finally:
        stop(server)
