"""The lexical leg: BM25 over Dutch-stemmed tokens, with compounds opened up.

Dutch glues words together ("arbeidsmarktinfrastructuur", "Techkwadraat-subsidieregeling"),
so besides each stemmed word we index its hyphen parts and, for long words, the
character n-grams inside them; a question word then meets the compound that holds it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import bm25s
import numpy as np

from assistant.text.tokens import tokenize

class LexicalIndex:
    """BM25 over paragraph texts, aligned with a list of paragraph ids."""

    def __init__(self, model: bm25s.BM25, ids: list[str], compounds: bool = True):
        self._model = model
        self.ids = ids
        self.compounds = compounds
        self._position = {pid: i for i, pid in enumerate(ids)}

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str], compounds: bool = True) -> "LexicalIndex":
        model = bm25s.BM25()
        corpus = [tokenize(t, compounds) or ["\u2205"] for t in texts]
        model.index(corpus, show_progress=False)
        return cls(model, list(ids), compounds)

    def scores(self, query: str) -> np.ndarray:
        """A BM25 score for every paragraph (zeros when the query has no known token)."""
        vocab = self._model.vocab_dict
        tokens = [t for t in tokenize(query, self.compounds) if t in vocab]
        if not tokens or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)

    def knows(self, token: str) -> bool:
        return token in self._model.vocab_dict

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
