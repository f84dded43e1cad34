"""The Dutch text layer: sentences, tokens (folding, stemming, compounds), language and the
acronyms a document defines.

Takes strings, returns strings, spans and token lists. Imports only `assistant.types` and the
standard Dutch text libraries (PyStemmer, bm25s stopwords, langdetect).
"""
