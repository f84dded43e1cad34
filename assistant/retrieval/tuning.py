"""Retrieval's tuned numbers, in one place: priors on what a paragraph is, and how identifiers are searched.

The blend's dense weight, the candidates per leg and the hits handed on are settings (assistant/config.py).
Each comment says what raising the number buys and what it costs, then how it was set: the gold-set recall
its commit reports, or "by hand", with the commit it came in.
"""

from __future__ import annotations

# Blend factor for headings and bare reference notes, which both legs overrate: lower keeps them out, and motions found by title. By hand (99ec360).
HEADING_WEIGHT = 0.75
# Blend factor for a question in the source (Kamervragen): lower lets its answer outrank it. gold_13 R@1 0.545 -> 0.727 against 1.0 (4a7e80d).
QUESTION_WEIGHT = 0.85
# Footnotes shorter than this are bare reference notes, weighed as headings: higher discounts real notes. gold_04 R@1 0.692 -> 0.769 with it (ef55b7a).
SHORT_NOTE_WORDS = 12
# Dense weight for queries of identifiers ("35 538"), which BM25 matches exactly: higher trusts e5 with numbers. By hand (99ec360, test_store).
IDENTIFIER_DENSE_WEIGHT = 0.3
# Share of a query's words holding a digit to count as identifiers: lower sends questions naming a year or amount to BM25. By hand (99ec360).
IDENTIFIER_SHARE = 0.5
