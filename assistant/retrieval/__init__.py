"""Hybrid retrieval: dense and BM25 legs, min-max scaled and blended, filters in both.

Takes a question and `Filters`, returns ranked `Hit`s (`hybrid`), or llama-index `NodeWithScore`s
through the `BaseRetriever` in `nodes`. May import `assistant.index` and everything below it.
"""
