"""BM25 assembled from per-document term counts scores exactly as one bm25s index over all paragraphs."""

from __future__ import annotations

import numpy as np

from assistant.index.lexical import LexicalIndex, TermCounts, passage_tokens
from assistant.parsing.ingest import load_document

from conftest import ANNEX, CORPUS

MOTION = CORPUS / "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente.pdf"
QUERIES = ["Techkwadraat subsidieregeling", "wanneer ontvangen aanvragers de uitslag", "negatieve spaarrente motie",
           "groene en digitale banen", "arbeidsmarktinfrastructuur", "onbekendwoord"]


def test_segments_score_like_one_index_over_everything():
    documents = [load_document(ANNEX), load_document(MOTION)]
    tokens = [passage_tokens([p.text for p in d.paragraphs]) for d in documents]
    ids = [p.id for d in documents for p in d.paragraphs]
    whole = LexicalIndex.from_tokens(ids, [t for doc in tokens for t in doc])
    parts = LexicalIndex.from_counts(ids, [TermCounts.of(doc) for doc in tokens])
    for query in QUERIES:
        assert np.array_equal(whole.scores(query), parts.scores(query)), query
    for token in ("techkwadrat", "spaarrent", "ontbreekt"):
        assert whole.knows(token) == parts.knows(token) and whole.idf(token) == parts.idf(token)
    assert parts.scores("negatieve spaarrente").max() > 0


def test_an_empty_index_scores_nothing():
    assert LexicalIndex.from_counts([], []).scores("iets").size == 0


def test_a_reused_vocabulary_scores_like_a_fresh_one_after_a_document_leaves():
    """A reader's refresh maps only new versions' terms; what it forgets must not change a score or `knows`."""
    from assistant.index.lexical import Vocabulary

    documents = [load_document(ANNEX), load_document(MOTION)]
    counts = [TermCounts.of(passage_tokens([p.text for p in d.paragraphs])) for d in documents]
    ids = [[p.id for p in d.paragraphs] for d in documents]
    vocabulary = Vocabulary()
    before = LexicalIndex.from_counts(ids[0] + ids[1], counts, vocabulary=vocabulary, keys=["a1", "m1"])
    after = LexicalIndex.from_counts(ids[0], counts[:1], vocabulary=vocabulary, keys=["a1"])
    fresh = LexicalIndex.from_counts(ids[0], counts[:1])
    for query in QUERIES:
        assert np.array_equal(after.scores(query), fresh.scores(query)), query
    assert before.knows("spaarrent") and not after.knows("spaarrent") and not fresh.knows("spaarrent")
    assert after.idf("spaarrent") == fresh.idf("spaarrent")
