"""The lexical leg: BM25 over Dutch-stemmed tokens, with compounds opened up.

Dutch glues words together ("arbeidsmarktinfrastructuur", "Techkwadraat-subsidieregeling"),
so besides each stemmed word we index its hyphen parts and, for long words, the
character n-grams inside them; a question word then meets the compound that holds it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import bm25s
import numpy as np

from assistant.text.tokens import tokenize

def passage_tokens(texts: Sequence[str], compounds: bool = True) -> list[list[str]]:
    """The tokens BM25 indexes for each passage; an empty passage gets one placeholder so positions stay aligned."""
    return [tokenize(t, compounds) or ["\u2205"] for t in texts]


@dataclass(frozen=True)
class TermCounts:
    """One document's paragraphs as BM25 counts them: the document's own vocabulary and each paragraph's term counts."""

    vocab: list[str]
    rows: np.ndarray  # paragraph number within the document
    cols: np.ndarray  # index into vocab
    tf: np.ndarray  # how often the term occurs in the paragraph
    lengths: np.ndarray  # tokens per paragraph

    @classmethod
    def of(cls, tokens: Sequence[list[str]]) -> "TermCounts":
        local: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        tf: list[int] = []
        for row, paragraph in enumerate(tokens):
            for token, n in Counter(paragraph).items():
                rows.append(row)
                cols.append(local.setdefault(token, len(local)))
                tf.append(n)
        return cls(list(local), np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64),
                   np.array(tf, dtype=np.float32), np.array([len(t) for t in tokens], dtype=np.int64))


class Vocabulary:
    """Term ids shared by the document versions a reader has loaded; each version's terms are mapped once."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._columns: dict[str, np.ndarray] = {}

    def columns(self, key: str | None, counts: TermCounts) -> np.ndarray:
        """The term id of each of the document's counts."""
        if key is not None and key in self._columns:
            return self._columns[key]
        ids = self.ids
        mapped = np.fromiter((ids.setdefault(t, len(ids)) for t in counts.vocab), np.int64, len(counts.vocab))[counts.cols]
        if key is not None:
            self._columns[key] = mapped
        return mapped

    def keep(self, keys: set[str]) -> None:
        """Forget the mapped columns of versions no longer live (their terms keep their ids)."""
        self._columns = {k: v for k, v in self._columns.items() if k in keys}


class LexicalIndex:
    """BM25 over paragraph texts, aligned with a list of paragraph ids."""

    def __init__(self, model: bm25s.BM25, ids: list[str], compounds: bool = True):
        self._model = model
        self.ids = ids
        self.compounds = compounds
        self._position = {pid: i for i, pid in enumerate(ids)}

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str], compounds: bool = True) -> "LexicalIndex":
        return cls.from_tokens(ids, passage_tokens(texts, compounds), compounds)

    @classmethod
    def from_tokens(cls, ids: Sequence[str], tokens: Sequence[list[str]], compounds: bool = True) -> "LexicalIndex":
        """BM25 over already tokenized paragraphs (from document segments): statistics over all of them, no re-tokenizing."""
        model = bm25s.BM25()
        model.index(list(tokens), show_progress=False)
        return cls(model, list(ids), compounds)

    @classmethod
    def from_counts(
        cls, ids: Sequence[str], documents: Sequence[TermCounts], compounds: bool = True,
        vocabulary: "Vocabulary | None" = None, keys: Sequence[str] | None = None,
    ) -> "LexicalIndex":
        """BM25 over all paragraphs from each document's stored counts: the same scores as `from_tokens` (bm25s, Lucene
        variant), assembled with array operations instead of bm25s's per-paragraph loops. A reader passes its
        `vocabulary` and each document's key (its version) so a refresh maps only the new versions' terms."""
        vocabulary = vocabulary or Vocabulary()
        rows, cols, tf, lengths, offset = [], [], [], [], 0
        for n, counts in enumerate(documents):
            rows.append(counts.rows + offset)
            cols.append(vocabulary.columns(keys[n] if keys is not None else None, counts))
            tf.append(counts.tf)
            lengths.append(counts.lengths)
            offset += len(counts.lengths)
        if keys is not None:
            vocabulary.keep(set(keys))
        model = bm25s.BM25()
        model.scores = _bm25_matrix(
            np.concatenate(rows) if rows else np.zeros(0, np.int64),
            np.concatenate(cols) if cols else np.zeros(0, np.int64),
            np.concatenate(tf) if tf else np.zeros(0, np.float32),
            np.concatenate(lengths) if lengths else np.zeros(0, np.int64),
            len(vocabulary.ids), model.k1, model.b,
        )
        model.vocab_dict = dict(vocabulary.ids)  # a copy: a later refresh adds terms this index has no column for
        model.unique_token_ids_set = set(model.vocab_dict.values())
        model.nonoccurrence_array = None
        return cls(model, list(ids), compounds)

    def scores(self, query: str) -> np.ndarray:
        """A BM25 score for every paragraph (zeros when the query has no known token)."""
        vocab = self._model.vocab_dict
        tokens = [t for t in tokenize(query, self.compounds) if t in vocab]
        if not tokens or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)

    def knows(self, token: str) -> bool:
        """Whether any paragraph holds the token (a reader's vocabulary may remember terms of removed documents)."""
        column = self._model.vocab_dict.get(token)
        indptr = self._model.scores["indptr"]
        return column is not None and int(indptr[column + 1] - indptr[column]) > 0

    def idf(self, token: str) -> float:
        """Inverse document frequency of a token; unseen tokens get the highest value."""
        n = self._model.scores["num_docs"]
        column = self._model.vocab_dict.get(token)
        indptr = self._model.scores["indptr"]
        df = 0 if column is None else int(indptr[column + 1] - indptr[column])
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    def position(self, paragraph_id: str) -> int | None:
        return self._position.get(paragraph_id)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._model.save(str(folder), show_progress=False)
        (folder / "ids.json").write_text(json.dumps({"ids": self.ids, "compounds": self.compounds}))

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        meta = json.loads((folder / "ids.json").read_text())
        model = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
        return cls(model, meta["ids"], meta["compounds"])


def _bm25_matrix(rows, cols, tf, lengths, n_vocab: int, k1: float, b: float) -> dict:
    """bm25s's score matrix (CSC over terms), computed as bm25s computes it, value for value."""
    n_docs = len(lengths)
    avg = lengths.mean() if n_docs else 1.0
    df = np.bincount(cols, minlength=n_vocab)
    idf = np.array([math.log(1 + (n_docs - d + 0.5) / (d + 0.5)) for d in df.tolist()], dtype=np.float32)
    tfc = tf / (k1 * ((1 - b) + b * lengths[rows] / avg) + tf)
    data = (idf[cols] * tfc).astype(np.float32)
    order = np.argsort(cols, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
    return {"data": data[order], "indices": rows[order].astype(np.int32), "indptr": indptr, "num_docs": n_docs}
