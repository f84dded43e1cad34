"""Hybrid retrieval: dense e5 similarity from Chroma blended with Dutch BM25.

Both legs propose candidates; every candidate then gets both scores (missing
dense similarities are fetched, BM25 scores are computed for all), each leg is
min-max scaled over the candidates, and the blend `w·dense + (1-w)·lexical`
ranks them. Filters apply in both legs.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.index import snapshot
from assistant.retrieval import tuning as T
from assistant.retrieval.handles import named_documents
from assistant.text.acronyms import Acronyms
from assistant.config import Settings
from assistant.index.embedding import Embedder, make_embedder
from assistant.errors import IndexUnavailable
from assistant.index.lexical import LexicalIndex, Vocabulary
from assistant.text.sentences import is_question
from assistant.index.store import LiveCollection, MatrixVectors, VectorStore, connect, vector_id
from assistant.types import Document, Filters, Hit, Identity, Paragraph, date_number

MODES = ("hybrid", "dense", "lexical")
_WORDS = re.compile(r"\w+")


@dataclass
class Loaded:
    """Everything read from one snapshot."""

    info: snapshot.SnapshotInfo
    documents: dict[str, Document]
    paragraphs: dict[str, Paragraph]
    order: list[str]
    lexical: LexicalIndex
    vectors: LiveCollection | MatrixVectors
    acronyms: Acronyms
    letter_heads: frozenset[str] = frozenset()  # cited for a letter's date or kenmerk, never searched as text


class Retriever:
    """Searches the live snapshot; `refresh()` moves to a newer one when an ingest published it."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embed_backend, settings.embed_url)
        self._lock = threading.Lock()
        self._loading = threading.Lock()  # one refresh at a time: it extends the shared BM25 vocabulary
        self._loaded: Loaded | None = None
        self._segments: dict[str, snapshot.Segment] = {}  # by version: a refresh reads only the versions that are new
        self._vocabulary = Vocabulary()  # BM25 term ids, mapped once per version
        self.refresh()

    @classmethod
    def open(cls, settings: Settings) -> "Retriever":
        return cls(settings)

    # --- snapshot handling -------------------------------------------------
    def refresh(self) -> bool:
        """Load the live snapshot if it is not the one in use; True when it changed."""
        info = snapshot.current(self.settings.index_dir)
        if info is None:
            raise IndexUnavailable(
                f"No index in {self.settings.index_dir}. Build it with `assistant ingest corpus/` (or `make run`)."
            )
        if self._loaded is not None and self._loaded.info.name == info.name:
            return False
        if info.format != snapshot.INDEX_FORMAT:
            raise IndexUnavailable(
                f"The index in {self.settings.index_dir} was written by an older version. "
                "Rebuild it with `assistant ingest corpus/`."
            )
        with self._loading:
            loaded = self._load(info)
        with self._lock:
            self._loaded = loaded
        return True

    def _load(self, info: snapshot.SnapshotInfo) -> Loaded:
        entries = sorted(info.entries, key=lambda e: e.doc_id)
        segments = [self._segments.get(e.version) or snapshot.read_segment(self.settings.index_dir, e.version) for e in entries]
        self._segments = {s.version: s for s in segments}
        documents = [s.document for s in segments]
        paragraphs = {p.id: p for d in documents for p in d.paragraphs}
        order = [p.id for d in documents for p in d.paragraphs]
        lexical = LexicalIndex.from_counts(
            order, [s.terms for s in segments], vocabulary=self._vocabulary, keys=[s.version for s in segments]
        )
        acronyms = Acronyms.merged(s.acronyms for s in segments)
        heads = frozenset(d.identity.header_id for d in documents if d.identity and d.identity.kind == "kamerbrief")
        return Loaded(
            info, {d.id: d for d in documents}, paragraphs, order, lexical, self._vectors(info, segments, order), acronyms,
            heads,
        )

    def _vectors(self, info: snapshot.SnapshotInfo, segments: list[snapshot.Segment], order: list[str]):
        if info.chroma_url:
            client = connect(url=info.chroma_url, token=self.settings.chroma_token)
            live = {p.id: vector_id(p.id, s.version) for s in segments for p in s.document.paragraphs}
            return LiveCollection(VectorStore(client, info.collection), live)
        matrices = [s.vectors for s in segments if s.vectors is not None and len(s.vectors)]
        return MatrixVectors(order, np.vstack(matrices) if matrices else np.zeros((0, 384), dtype=np.float32))

    @property
    def loaded(self) -> Loaded:
        assert self._loaded is not None
        return self._loaded

    @property
    def documents(self) -> dict[str, Document]:
        return self.loaded.documents

    @property
    def paragraphs(self) -> dict[str, Paragraph]:
        return self.loaded.paragraphs

    def title(self, doc_id: str) -> str:
        doc = self.loaded.documents.get(doc_id)
        return doc.title if doc else doc_id

    def identity(self, doc_id: str) -> Identity | None:
        doc = self.loaded.documents.get(doc_id)
        return doc.identity if doc else None

    # --- search --------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int = 10,
        mode: str = "hybrid",
        filters: Filters | None = None,
        query_vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """The k best paragraphs for `query`, best first (pass `query_vector` when the caller embedded it already)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        if filters and filters.handle:
            named = self.named(filters.handle, filters.doc_ids)
            if not named:
                return []  # a handle that names no indexed document (among those chosen) matches nothing
            filters = replace(filters, handle="", doc_ids=named)
        loaded = self.loaded
        n = max(self.settings.candidates, k)
        mask = self._mask(loaded, filters)
        lexical = loaded.lexical.scores(loaded.acronyms.expand(query))
        if mask is not None:
            lexical = np.where(mask, lexical, 0.0)
        dense: dict[str, float] = {}
        if mode != "lexical":
            if query_vector is None:
                query_vector = self.embedder.embed_query(query)
            where = _where(filters) if filters else None
            dense = {m.paragraph_id: m.similarity for m in loaded.vectors.query(query_vector, n, where, mask)}
        candidates = set(dense)
        if mode != "dense":
            top = np.argsort(-lexical)[:n]
            candidates |= {loaded.order[i] for i in top if lexical[i] > 0}
        candidates -= loaded.letter_heads  # its subject line would outrank the paragraphs that say something
        if mode == "hybrid" and query_vector is not None:
            self._complete_dense(loaded, query_vector, candidates, dense)
        return self._rank(loaded, candidates, dense, lexical, mode, k, query)

    def named(self, text: str, within: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Ids of the documents `text` names by a handle ("kst-32545-143"), among `within` when it is given."""
        identities = {doc_id: doc.identity for doc_id, doc in self.loaded.documents.items() if doc.identity}
        return tuple(doc_id for doc_id in named_documents(text, identities) if not within or doc_id in within)

    def narrowed(self, text: str, filters: Filters | None) -> Filters | None:
        """`filters` narrowed to the documents `text` names by a handle; unchanged when it names none."""
        named = self.named(text, filters.doc_ids if filters else ())
        return replace(filters or Filters(), doc_ids=named) if named else filters

    def _complete_dense(self, loaded: Loaded, query_vector: np.ndarray, candidates: set[str], dense: dict) -> None:
        missing = [pid for pid in candidates if pid not in dense]
        for pid, vec in loaded.vectors.vectors(missing).items():
            dense[pid] = float(np.dot(vec, query_vector))

    def _dense_weight(self, query: str) -> float:
        """Identifiers ("35 538", "2022Z24775") are matched exactly, not by meaning: lean on BM25 for them."""
        tokens = _WORDS.findall(query)
        numeric = sum(any(c.isdigit() for c in t) for t in tokens)
        return T.IDENTIFIER_DENSE_WEIGHT if tokens and numeric / len(tokens) >= T.IDENTIFIER_SHARE else self.settings.dense_weight

    def _rank(
        self, loaded: Loaded, candidates: set[str], dense: dict, lexical: np.ndarray, mode: str, k: int, query: str
    ) -> list[Hit]:
        ids = sorted(candidates)
        if not ids:
            return []
        d = np.array([dense.get(pid, 0.0) for pid in ids], dtype=np.float32)
        lex = np.array([lexical[loaded.lexical.position(pid)] for pid in ids], dtype=np.float32)
        w = {"hybrid": self._dense_weight(query), "dense": 1.0, "lexical": 0.0}[mode]
        fused = w * _minmax(d) + (1 - w) * _minmax(lex)
        # A heading is short, so both legs overrate it; it stays findable when it alone matches (a motion's title).
        fused *= np.array([_prior(loaded.paragraphs[pid]) for pid in ids])
        order = np.argsort(-fused, kind="stable")[:k]
        return [
            Hit(
                paragraph=loaded.paragraphs[ids[i]],
                score=float(fused[i]),
                dense=float(d[i]),
                lexical=float(lex[i]),
                doc_title=self.title(loaded.paragraphs[ids[i]].doc_id),
            )
            for i in order
        ]

    def _mask(self, loaded: Loaded, filters: Filters | None) -> np.ndarray | None:
        if not filters:
            return None
        allowed = {doc_id for doc_id, doc in loaded.documents.items() if _doc_passes(doc, filters)}
        return np.array([loaded.paragraphs[pid].doc_id in allowed for pid in loaded.order], dtype=bool)


def _minmax(x: np.ndarray) -> np.ndarray:
    span = float(x.max() - x.min()) if len(x) else 0.0
    return (x - x.min()) / span if span > 1e-9 else np.zeros_like(x)


def _doc_passes(doc: Document, f: Filters) -> bool:
    if f.doc_ids and doc.id not in f.doc_ids:
        return False
    if f.doc_types and doc.doc_type not in f.doc_types:
        return False
    date = date_number(doc.date)
    if f.date_from and date < date_number(f.date_from):
        return False
    if f.date_to and date > date_number(f.date_to, upper=True):
        return False
    return True


def _where(f: Filters) -> dict | None:
    """The same filter as `_doc_passes`, as a Chroma where clause."""
    clauses: list[dict] = []
    if f.doc_ids:
        clauses.append({"doc_id": {"$in": list(f.doc_ids)}})
    if f.doc_types:
        clauses.append({"doc_type": {"$in": list(f.doc_types)}})
    if f.date_from:
        clauses.append({"date": {"$gte": date_number(f.date_from)}})
    if f.date_to:
        clauses.append({"date": {"$lte": date_number(f.date_to, upper=True)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def index_exists(index_dir: Path) -> bool:
    return snapshot.current(index_dir) is not None


def _prior(paragraph) -> float:
    # A heading, or a bare reference note ("Kamerstukken II 2021/22, 29665, nr. 414"), matches mostly through
    # the section heading it is embedded with; it says little itself.
    if paragraph.kind == "heading" or (paragraph.kind == "footnote" and len(paragraph.text.split()) < T.SHORT_NOTE_WORDS):
        return T.HEADING_WEIGHT
    return T.QUESTION_WEIGHT if is_question(paragraph.text) else 1.0
