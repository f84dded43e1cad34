"""The hybrid search as a llama-index retriever: paragraphs as `TextNode`s scored with the fused score.

`ParagraphRetriever(retriever).retrieve("budget Techkwadraat")` gives `NodeWithScore`s whose node id is
the paragraph id and whose flat metadata says where the paragraph stands (doc, title, page, pages,
paragraph_id, kind, section). The LLM drafter reads its sources in this form too (`hit_node`).
Imported only by llama-index users and the LLM path: the extractive product never loads llama-index.
"""

from __future__ import annotations

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.retrieval.hybrid import Retriever
from assistant.types import Filters, Hit, Paragraph

SECTION_SEPARATOR = " > "  # the heading path as one string: metadata stays flat (str/int/float only)


def paragraph_metadata(paragraph: Paragraph, title: str) -> dict[str, str | int]:
    """Where a paragraph stands, as flat values a vector store or a llama-index filter can hold."""
    return {
        "doc": paragraph.doc_id,
        "title": title,
        "page": paragraph.page,
        "pages": paragraph.page_label,
        "paragraph_id": paragraph.id,
        "kind": paragraph.kind,
        "section": SECTION_SEPARATOR.join(paragraph.section),
    }


def text_node(node_id: str, text: str, metadata: dict) -> TextNode:
    """A node whose embed and LLM text is the paragraph text alone.

    llama-index puts "key: value" lines of the metadata before the text it embeds and shows to an LLM
    unless told not to. Neither is wanted here: the index embedded each paragraph under its heading
    (indexer.passage_text), not with ids and page numbers, and the LLM prompt names document and page
    in its own source blocks, while the draft checks hold a figure only to the paragraph text, so a page
    number or date from the metadata would be a figure the model could quote and no paragraph states.
    """
    keys = list(metadata)
    return TextNode(
        id_=node_id, text=text, metadata=metadata, excluded_embed_metadata_keys=keys, excluded_llm_metadata_keys=keys
    )


def hit_node(hit: Hit) -> NodeWithScore:
    """A retrieved paragraph as a llama-index node, scored with the fused hybrid score."""
    p = hit.paragraph
    node = text_node(p.id, p.text, paragraph_metadata(p, hit.doc_title or p.doc_id))
    return NodeWithScore(node=node, score=hit.score)


class ParagraphRetriever(BaseRetriever):
    """The product's hybrid `Retriever` behind llama-index's `BaseRetriever` interface.

    Example: `ParagraphRetriever(Retriever.open(Settings()), k=5, filters=Filters(doc_types=("bijlage",)))`.
    """

    def __init__(
        self, retriever: Retriever, k: int | None = None, filters: Filters | None = None, mode: str = "hybrid"
    ):
        """`k` paragraphs per query (default `Settings.top_k`), `mode` one of hybrid.MODES."""
        super().__init__()
        self._retriever = retriever
        self._k = k or retriever.settings.top_k
        self._filters = filters
        self._mode = mode

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        self._retriever.refresh()  # like Assistant.ask: answer from the snapshot an ingest published last
        hits = self._retriever.search(query_bundle.query_str, k=self._k, mode=self._mode, filters=self._filters)
        return [hit_node(hit) for hit in hits]
