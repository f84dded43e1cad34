"""A Dutch policy-letter assistant that answers with citations to source paragraphs.

Packages in data-flow order; each may import only the ones before it (tests/test_layering.py):

    types, config, errors   the records, the one Settings object, errors a person can act on
    text                    Dutch sentences, tokens, language, acronyms
    figures                 amounts, counts, dates and periods, compared and written in Dutch
    parsing                 files to Documents and citable Paragraphs
    index                   embeddings, Chroma, BM25, snapshots
    retrieval               hybrid search (also as a llama-index retriever)
    answering               questions to cited Answers (also as a llama-index query engine)
    llm                     the optional local LLM
    evaluation              gold sets judged
    cli                     the command line
"""

__version__ = "0.1.0"
