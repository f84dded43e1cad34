"""The README's "Use from llama-index" example, run as written on a real index of the annex, and the LLM
path drafting from the nodes the llama-index retriever returns."""

from __future__ import annotations

import re

import pytest
from llama_index.core.schema import MetadataMode, NodeWithScore

from conftest import ANNEX, ROOT

DOC_ID = ANNEX.stem


def readme_example() -> str:
    """The Python block under the README heading "Use from llama-index"."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Use from llama-index\n", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.fixture(scope="module")
def example(annex_settings):
    """The names the README example defines, after running it against the annex index."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ASSISTANT_INDEX_DIR", str(annex_settings.index_dir))
        env.delenv("ASSISTANT_LLM_URL", raising=False)
        names: dict = {}
        exec(compile(readme_example(), "README.md", "exec"), names)
    return names


def test_retrieved_nodes_are_the_hybrid_hits_with_flat_metadata(example):
    bot, nodes = example["bot"], example["nodes"]
    hits = bot.retriever.search("Techkwadraat leerecosystemen", k=5, filters=example["annexes"])
    assert [(n.node_id, n.score) for n in nodes] == [(h.paragraph.id, h.score) for h in hits]
    assert "leerecosystemen" in nodes[0].node.get_content()
    for node in nodes:
        paragraph = bot.retriever.paragraphs[node.node_id]
        assert node.metadata["doc"] == DOC_ID and node.metadata["paragraph_id"] == paragraph.id
        assert node.metadata["page"] == paragraph.page >= 1 and node.metadata["pages"] == paragraph.page_label
        assert node.metadata["kind"] == paragraph.kind and node.metadata["section"] == " > ".join(paragraph.section)
        assert node.metadata["title"].startswith("Bijlage 2")
        assert all(isinstance(v, (str, int, float)) for v in node.metadata.values())
        # neither the embedding nor an LLM gets the metadata with the text
        assert node.node.get_content(MetadataMode.EMBED) == node.node.get_content(MetadataMode.LLM) == paragraph.text


def test_filters_given_at_construction_apply(example):
    from assistant.retrieval.nodes import ParagraphRetriever
    from assistant.types import Filters

    elsewhere = ParagraphRetriever(example["bot"].retriever, filters=Filters(doc_types=("kamerbrief",)))
    assert elsewhere.retrieve("Techkwadraat leerecosystemen") == []


def test_source_nodes_are_the_answers_citations_in_marker_order(example):
    bot, response = example["bot"], example["response"]
    answer = bot.ask("Hoeveel geld gaat er naar Techkwadraat?", filters=example["annexes"])
    assert response.response == answer.text and "351,6 miljoen" in response.response
    assert answer.citations and len(response.source_nodes) == len(answer.citations)
    for source, citation in zip(response.source_nodes, answer.citations, strict=True):
        assert source.node_id == source.metadata["paragraph_id"] == citation.paragraph_id
        assert source.metadata["marker"] == citation.marker and f"[{citation.marker}]" in response.response
        assert source.metadata["quote"] == citation.quote and citation.quote in source.node.get_content()
        assert (source.metadata["doc"], source.metadata["page"]) == (citation.doc, citation.pages[0])
        assert source.metadata["reference"] == f"{citation.title}, p. {citation.pages[0]}"  # the annex has no identity
    assert [s.metadata["marker"] for s in response.source_nodes] == list(range(1, len(answer.citations) + 1))
    assert response.metadata["refused"] is False and response.metadata["verdict"] is None
    assert response.metadata["language"] == "nl" and response.metadata["confidence"] > 0.5


def test_a_refusal_cites_nothing_and_keeps_the_nearest_passages_apart(example):
    refusal = example["refusal"]
    assert refusal.metadata["refused"] is True and refusal.metadata["confidence"] == 0.0
    assert refusal.response.startswith("Dat staat niet in de documenten")
    assert refusal.source_nodes == []
    nearest = refusal.metadata["retrieved"]
    assert nearest and all(isinstance(n, NodeWithScore) and n.metadata["doc"] == DOC_ID for n in nearest)


def test_a_figure_check_carries_its_verdict(example):
    check = example["check"]
    assert check.metadata["verdict"] == "nee" and check.metadata["refused"] is False
    assert "2031" in check.response and any("2031" in s.metadata["quote"] for s in check.source_nodes)


def test_a_follow_up_reads_the_history(example):
    assert "2031" in example["later"].response
    assert example["first"].metadata["answer"].question == "Wat is het budget van het Versterkingsplan Microchip-talent?"


def test_the_llm_drafts_from_the_retrievers_nodes(example, annex_settings):
    from fake_llm_server import FakeLLMServer

    from assistant.answering.engine import AssistantQueryEngine
    from assistant.llm import open_assistant
    from assistant.llm.generation import build_prompt
    from assistant.retrieval.nodes import ParagraphRetriever

    question = "Welk bedrag trekt het Rijk uit voor Techkwadraat?"
    with FakeLLMServer() as fake:
        fake.script("Techkwadraat omvat een investering van €351,6 miljoen [1]. Daarvan is €400 miljoen vrij [1].")
        bot = open_assistant(annex_settings.model_copy(update={"llm_url": fake.url, "llm_timeout_s": 5.0}))
        response = AssistantQueryEngine(assistant=bot).query(question)
    sources = ParagraphRetriever(bot.retriever).retrieve(question)
    assert fake.requests[0]["messages"][0]["content"] == build_prompt(question, sources)
    assert response.response == "Techkwadraat omvat een investering van €351,6 miljoen [1]."
    assert [s.node_id for s in response.source_nodes] == [sources[0].node_id]
    assert response.source_nodes[0].score == sources[0].score
    assert any("weggelaten" in note for note in response.metadata["notes"])
