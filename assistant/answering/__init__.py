"""Questions to cited answers: what is asked, which sentences state it, how the answer is composed
(lookup, sums and changes, claim checks, premise corrections, refusals) and how a generated draft is
checked against its sources.

Takes a question (and history, filters), returns an `Answer` with `Citation`s (`qa`), or a llama-index
`Response` with the cited paragraphs as source nodes (`engine`). Pure apart from the retriever it is given. May import `assistant.retrieval` and everything below it.
"""
