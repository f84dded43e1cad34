"""The off-the-shelf llama-index pipeline the product is compared against (retrieval only).

PDFs are read page by page with pypdf (a .txt or .md file whole) into llama-index
`Document`s, split with the default `SentenceSplitter`, embedded with the same
e5 model as the product and searched with a plain `VectorStoreIndex` top-k.
Passage embeddings are cached under the index folder, so reruns are fast.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import numpy as np

from assistant.config import Settings
from assistant.index.embedding import Embedder, EmbeddingCache, llama_index_embedding, make_embedder
from assistant.errors import AssistantError

CACHE_FILE = "baseline_embeddings.sqlite"


class _CachedPassages:
    """An Embedder whose passage embeddings go through an EmbeddingCache; queries are embedded directly."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache):
        self.name = inner.name
        self._inner = inner
        self._cache = cache

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._cache.embed_passages(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return self._inner.embed_query(text)


def read_documents(paths: Sequence[Path]) -> list:
    """llama-index Documents: one per PDF page (with file name and page label), or one per text file."""
    from llama_index.core import Document
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font-encoding chatter, not actionable here
    documents = []
    for path in paths:
        if path.suffix.lower() == ".pdf":
            for number, page in enumerate(PdfReader(path).pages, 1):
                meta = {"file_name": path.name, "page_label": str(number)}
                documents.append(Document(text=page.extract_text() or "", metadata=meta))
        else:
            documents.append(Document(text=path.read_text(encoding="utf-8"), metadata={"file_name": path.name}))
    return documents


class LlamaIndexBaseline:
    """A default `VectorStoreIndex` over the given files; `search` returns chunk texts, best first."""

    def __init__(self, index):
        self._index = index

    @classmethod
    def build(cls, paths: Sequence[Path], settings: Settings, show_progress: bool = False) -> "LlamaIndexBaseline":
        from llama_index.core import VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter

        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise AssistantError(
                f"The baseline cannot read {', '.join(missing)}: file not found. "
                "Put the gold set's documents in the corpus folder (ASSISTANT_CORPUS_DIR)."
            )
        inner = make_embedder(settings.embed_backend, settings.embed_url)
        cache = EmbeddingCache(Path(settings.index_dir) / CACHE_FILE, inner)
        embed_model = llama_index_embedding(_CachedPassages(inner, cache))
        index = VectorStoreIndex.from_documents(
            read_documents(paths),
            transformations=[SentenceSplitter()],
            embed_model=embed_model,
            show_progress=show_progress,
        )
        return cls(index)

    def search(self, query: str, k: int = 10) -> list[str]:
        """Texts of the k chunks most similar to the question."""
        nodes = self._index.as_retriever(similarity_top_k=k).retrieve(query)
        return [n.node.get_content() for n in nodes]
