"""`Assistant.ask` as a llama-index query engine: the answer as `Response.response`, its citations as sources.

`AssistantQueryEngine(assistant=bot).query("budget Techkwadraat?")` gives a `Response` whose
`source_nodes` are the cited paragraphs, one per citation in marker order (metadata: marker, quote,
doc, title, page, pages, paragraph_id, reference), and whose `metadata` holds verdict, refused, confidence, notes
and language, the retrieved paragraphs as nodes and the `Answer` itself. A refusal cites nothing: the
nearest passages it shows are in `metadata["retrieved"]`, never among the sources.
A follow-up question is read like `Assistant.ask(question, history=...)` reads it: give the earlier
answers as `history` (`AssistantQueryEngine(assistant=bot, history=[first.metadata["answer"]])`).
"""

from __future__ import annotations

from llama_index.core.base.response.schema import Response
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore
from pydantic import Field

from assistant.answering.qa import Assistant
from assistant.answering.references import reference
from assistant.retrieval.nodes import hit_node, text_node
from assistant.types import Answer, Citation, Filters, page_label


def citation_node(citation: Citation, score: float | None) -> NodeWithScore:
    """A cited paragraph as a node with its retrieval score (None when read beside a hit or found for a sum's term)."""
    metadata = {
        "marker": citation.marker,
        "quote": citation.quote,
        "doc": citation.doc,
        "title": citation.title,
        "page": citation.pages[0] if citation.pages else 0,
        "pages": page_label(citation.pages),
        "paragraph_id": citation.paragraph_id,
        "reference": reference(citation),  # "Kamerstuk 32 545, nr. 143, p. 3"
    }
    return NodeWithScore(node=text_node(citation.paragraph_id, citation.text, metadata), score=score)


def answer_response(answer: Answer) -> Response:
    """The llama-index form of an `Answer`: nothing added, nothing left out."""
    scores = {hit.paragraph.id: hit.score for hit in answer.retrieved}
    return Response(
        response=answer.text,
        source_nodes=[citation_node(c, scores.get(c.paragraph_id)) for c in answer.citations],
        metadata={
            "verdict": answer.verdict,
            "refused": answer.refused,
            "confidence": answer.confidence,
            "notes": list(answer.notes),
            "language": answer.language,
            "retrieved": [hit_node(hit) for hit in answer.retrieved],
            "answer": answer,
        },
    )


class AssistantQueryEngine(CustomQueryEngine):
    """The product's answerer behind llama-index's query-engine interface (extractive, or LLM-drafted)."""

    assistant: Assistant
    filters: Filters | None = Field(None, description="Only these documents are searched.")
    history: list[Answer] = Field(default_factory=list, description="Earlier answers of the conversation.")

    def custom_query(self, query_str: str) -> Response:
        return answer_response(self.assistant.ask(query_str, history=self.history, filters=self.filters))
