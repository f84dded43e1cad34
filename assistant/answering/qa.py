"""`Assistant.ask()`: one Dutch question in, one cited `Answer` out.

retrieve → read the intent → score sentences → compose (claim check, sum,
lookup or refusal) → optionally let a local LLM rephrase, keeping only what
passes the citation and figure checks.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from functools import partial
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answering import answer as compose
from assistant.answering import claims, drafts, tables
from assistant.answering.table_lists import list_answer
from assistant.answering import tuning as T
from assistant.config import Settings
from assistant.errors import QuestionError
from assistant.answering.calculation import asked_kind, calculate, series_change, term_figure
from assistant.answering.document_facts import document_fact_answer
from assistant.answering.follow_ups import from_history
from assistant.index.embedding import EmbeddingCache
from assistant.answering.evidence import Sentence, make_query, score_sentences, sentences_of
from assistant.answering.multipart import with_parts
from assistant.answering.parts import part_answers
from assistant.answering.confidence import IDENTITY_SIGNAL, answer_signals, calibrated
from assistant.answering.selection import answers_kind, states_asked_fact
from assistant.answering.shares import share_of_amount
from assistant.text.tokens import tokenize
from assistant.types import following_id, ordinal_of
from assistant.text.sentences import sentence_spans
from assistant.text.language import detect_language, is_probably_text
from assistant.answering.levels import level_before
from assistant.answering.question import FACTS, STATED_IN_HEADINGS, Intent, analyse
from assistant.retrieval.handles import without_identifiers
from assistant.retrieval.hybrid import Retriever
from assistant.types import Answer, Filters, Hit, Paragraph

if TYPE_CHECKING:
    from llama_index.core.schema import NodeWithScore

ENGLISH_NOTE = "De vraag lijkt Engels; het antwoord is in het Nederlands, op basis van de Nederlandse documenten."
# A sentence that announces a list ends in ":". (Also following "twee indicatoren …" sentences cost
# citation precision on the held-out gold sets, 0.827 -> 0.811, without a correct answer more.)
_ANNOUNCES = re.compile(r":\s*$")
LEVELS = frozenset({"amount", "quantity", "level"})  # asked kinds a level before a change answers (or none asked)


# A drafter writes an answer from the question and its numbered sources (a local LLM), or returns None.
# The sources are the retrieved paragraphs as llama-index nodes, as `ParagraphRetriever` returns them.
Drafter = Callable[[str, "list[NodeWithScore]"], "str | None"]


class Assistant:
    def __init__(self, settings: Settings, retriever: Retriever | None = None, drafter: Drafter | None = None):
        self.settings = settings
        self.retriever = retriever or Retriever.open(settings)
        self.drafter = drafter
        self._sentence_cache = EmbeddingCache(settings.index_dir / "embeddings.sqlite", self.retriever.embedder)
        self._cache_lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings) -> "Assistant":
        return cls(settings)

    def refresh(self) -> bool:
        return self.retriever.refresh()

    def check_claim(self, claim: str, filters: Filters | None = None) -> Answer:
        claim = claim.strip().rstrip("?")
        return self.ask(f"Klopt het dat {claim}?", filters=filters)

    def ask(self, question: str, history: list[Answer] | None = None, filters: Filters | None = None) -> Answer:
        started = time.perf_counter()
        try:
            language = self._validate(question)
        except QuestionError as err:
            return Answer(question=question, text=err.message_nl, refused=True, notes=["ongeldige vraag"])
        self.retriever.refresh()
        intent = analyse(question, has_history=bool(history))
        searched = search_text = self._search_text(intent, history)
        narrowed = self.retriever.narrowed(search_text, filters)  # "kst-32545-143", "de brief van 30 mei 2023"
        if narrowed != filters:  # searched inside the named document: its number no longer needs matching
            filters, search_text = narrowed, without_identifiers(search_text)
        query_vector = self.retriever.embedder.embed_query(search_text)
        hits = self.retriever.search(search_text, k=self.settings.top_k, filters=filters, query_vector=query_vector)
        retrieved_at = time.perf_counter()
        candidates = self._with_headings(self._with_continuations(hits), intent)
        similarity = self._sentence_similarity(candidates, query_vector)
        book = compose.CitationBook(self.retriever.title, self.retriever.identity)
        composed, signals = self._compose(intent, search_text, candidates, filters, similarity, book, earlier=history or [])
        composed = with_parts(intent, composed, book, partial(self._answer_part, filters, intent.question), self._own_query,
                              lambda c, quote: book.cite(self.retriever.paragraphs[c.paragraph_id], quote or c.quote))
        notes = [ENGLISH_NOTE] if language == "en" else []
        if self.drafter and not (composed.refused or intent.claim or intent.operation or signals.get("route_calculation")):
            composed = self._generated(question, hits, composed, notes)
        result = replace(
            composed,
            question=question,
            language=language,
            retrieved=hits,
            confidence=0.0 if composed.refused else calibrated(signals),
            signals=signals,
            notes=notes,
            searched=searched,  # with the handle: a follow-up stays in the named document
        )
        done = time.perf_counter()
        result.timings_ms = {
            "retrieve": (retrieved_at - started) * 1000,
            "answer": (done - retrieved_at) * 1000,
            "total": (done - started) * 1000,
        }
        return result

    def _validate(self, question: str) -> str:
        text = question.strip()
        if not text:
            raise QuestionError("The question is empty.", "Typ een vraag, bijvoorbeeld: Wanneer is de Monitor AGDB gelanceerd?")
        if len(text) > self.settings.max_question_chars:
            raise QuestionError(
                f"The question is longer than {self.settings.max_question_chars} characters.",
                f"Deze vraag is te lang ({len(text)} tekens). Stel een kortere vraag, van hoogstens "
                f"{self.settings.max_question_chars} tekens.",
            )
        if not is_probably_text(text):
            raise QuestionError("The question is not readable text.", "Deze vraag bestaat niet uit leesbare tekst. Typ uw vraag opnieuw.")
        return detect_language(text)

    @staticmethod
    def _search_text(intent: Intent, history: list[Answer] | None) -> str:
        if intent.follow_up and history:
            return f"{history[-1].searched or history[-1].question} {intent.claim or intent.question}"
        return intent.claim or intent.question

    def _with_continuations(self, hits: list[Hit]) -> list[Hit]:
        """The best hits' next paragraphs join the candidates, read as continuing them: a topic named in one
        paragraph is often stated on in the next ("... een Nationale database." / "De database is in ...")."""
        by_id = {h.paragraph.id: h for h in hits}
        result = list(hits)
        for hit in hits[: T.CONTINUED]:
            next_id = following_id(hit.paragraph.id)
            following = by_id[next_id].paragraph if next_id in by_id else self.retriever.paragraphs.get(next_id)
            if following is None or following.kind != "paragraph" or not _continues(hit.paragraph.text, following.text):
                continue
            if next_id in by_id:
                result[result.index(by_id[next_id])] = replace(by_id[next_id], lead=hit.paragraph.text)
            else:
                result.append(_read_with(hit, following))
        return result

    def _with_headings(self, hits: list[Hit], intent: Intent) -> list[Hit]:
        """The headings right above the best hits join the candidates when the question asks for a date or a
        name: a Kamerstuk states them there ("Voorgesteld 6 juli 2021", "MOTIE VAN HET LID ...")."""
        if not intent.strict & STATED_IN_HEADINGS:
            return hits
        by_id = {h.paragraph.id: h for h in hits}
        result = list(hits)
        for hit in hits[: T.CONTINUED]:
            for step in range(1, min(T.HEADINGS_READ, ordinal_of(hit.paragraph.id)) + 1):
                heading_id = following_id(hit.paragraph.id, -step)
                heading = self.retriever.paragraphs.get(heading_id)
                if heading is None or heading.kind != "heading":
                    break
                if heading_id not in by_id:
                    by_id[heading_id] = _read_with(hit, heading)
                    result.append(by_id[heading_id])
        return result

    def _sentence_similarity(self, hits: list[Hit], query_vector) -> dict[str, float]:
        """Dense similarity of each candidate sentence to the question (sentence vectors come from the ingest cache)."""
        texts = list(dict.fromkeys(t for t in sentences_of(hits) if t))
        if not texts:
            return {}
        with self._cache_lock:
            vectors = self._sentence_cache.embed_passages(texts)
        return dict(zip(texts, (vectors @ query_vector).tolist()))

    def _answer_part(self, filters: Filters | None, question: str, intent: Intent, search_text: str, part: str) -> Answer:
        """One part of a question, retrieved on its own and composed with a citation book of its own."""
        book = compose.CitationBook(self.retriever.title, self.retriever.identity)
        vector = self.retriever.embedder.embed_query(search_text)
        hits = self.retriever.search(search_text, k=self.settings.top_k, filters=filters, query_vector=vector)
        candidates = self._with_headings(self._with_continuations(hits), intent)
        similarity = self._sentence_similarity(candidates, vector)
        return self._compose(intent, part, candidates, filters, similarity, book, context=question)[0]

    def _own_query(self, text: str):
        return make_query(text, self.retriever.loaded.lexical)

    def _compose(self, intent: Intent, search_text: str, hits: list[Hit], filters: Filters | None, similarity, book,
                 context: str = "", earlier: list[Answer] | None = None):
        """The answer and the signals its confidence is read from (see confidence.py)."""
        lexical = self.retriever.loaded.lexical
        query = make_query(
            search_text, lexical, keep_figures=not (intent.claim or intent.premise), context=context,
            synonyms=self.retriever.loaded.acronyms.pairs_in(search_text),
        )
        scored = score_sentences(hits, query, intent, similarity)
        if intent.document_fact:  # who signed, which ministry, when: the document's identity, cited where stated
            about = document_fact_answer(intent.document_fact, hits, self.retriever.documents, book, query)
            if about is not None:
                answer, sure = about
                return answer, {IDENTITY_SIGNAL: sure}
        # "opgeteld, hoeveel is dat?": a calculation over the figures the conversation's earlier answers cite
        from_earlier = from_history(intent, earlier or [], self.retriever.paragraphs.get, book, partial(self._term_figure, filters))
        answer, route = (from_earlier, "calculation") if from_earlier else self._route(intent, hits, filters, similarity, query, scored, book)
        return answer, answer_signals(route, intent, query, scored, hits, answer)

    def _route(self, intent: Intent, hits: list[Hit], filters: Filters | None, similarity, query, scored, book):
        """Compose by what is asked: a table cell, a claim, a calculation, a change or a lookup; else refuse."""
        # a table row is matched on its label and its table's title, which the context measure does not read
        from_table = tables.table_answer(intent, hits, query, book, self._table_rows)
        if from_table is not None:
            return from_table, "table"
        listed = list_answer(intent, hits, book, self._table_rows)  # "welke regelingen van I&M": a table of words
        if listed is not None:
            return listed, "table"
        if not scored or scored[0].context < T.MIN_CONTEXT:
            return compose.refusal(scored), "refusal"
        if intent.claim:
            return claims.check_claim(intent, scored, query, book), "claim"
        if intent.operation:
            calculated = calculate(intent, scored, book, partial(self._term_figure, filters))
            if calculated is not None:
                return calculated
        if (intent.asks_current or intent.asks_prior) and (intent.strict & LEVELS or not intent.strict & FACTS):
            before = level_before(intent, scored, book)  # "waar ligt het nu?" of a change "met A tot B" still to come
            if before is not None:
                return before, "calculation"
        if not intent.operation and "amount" in intent.wants:  # "hoeveel kost dat bij € 30 mln?" of "2,2% van het budget"
            applied = share_of_amount(intent.question, scored, book)
            if applied is not None:
                return applied, "calculation"
        if not states_asked_fact(intent, scored):
            return compose.refusal(scored), "refusal"
        if intent.change and not intent.operation:
            typed = next((s for s in scored[: T.CHANGE_READ] if answers_kind(s, intent)), None)
            changed = compose.change(typed, book) if typed else None
            if changed is None and len(intent.years) == 2:
                changed = series_change(intent.years, asked_kind(intent)[0], scored, book)
            if changed:
                return changed, "calculation"
        parts = part_answers(intent, hits, self.retriever.loaded.lexical, self.retriever.loaded.acronyms, similarity, scored)
        announced = self._announced_list(scored[0])
        if announced is not None:
            parts.append(announced)
        return compose.lookup(intent, scored, query, book, parts), "lookup"

    def _table_rows(self, row: Paragraph) -> list[Paragraph]:
        """The rows of the table a row stands in: its neighbours under the same title and header."""
        paragraphs, found = self.retriever.paragraphs, [row]
        for step in (-1, 1):
            pid = following_id(row.id, step)
            while (p := paragraphs.get(pid)) is not None and p.kind == "table_row" and (p.table, p.section) == (row.table, row.section):
                found.insert(0, p) if step < 0 else found.append(p)
                pid = following_id(pid, step)
        return found

    def _generated(self, question: str, hits: list[Hit], fallback: Answer, notes: list[str]) -> Answer:
        """A local LLM's answer, kept only sentence by sentence where citations and figures check out."""
        from assistant.retrieval.nodes import hit_node  # here: only a drafting assistant loads llama-index

        raw = self.drafter(question, [hit_node(hit) for hit in hits])
        if raw is None:
            notes.append("Het taalmodel gaf geen antwoord; dit is het letterlijke antwoord uit de documenten.")
            return fallback
        checked = drafts.check_draft(raw, hits)
        if not checked.sentences:
            return fallback
        book = compose.CitationBook(self.retriever.title, self.retriever.identity)
        parts = []
        for sentence in checked.sentences:
            markers = [book.cite(hits[n - 1].paragraph, _supporting(hits[n - 1].paragraph.text, sentence.text)) for n in sentence.markers]
            parts.append(drafts.DraftSentence(sentence.text, tuple(dict.fromkeys(markers))).rendered)
        if checked.dropped:
            notes.append(f"{len(checked.dropped)} zin(nen) van het taalmodel weggelaten: zonder geldige bron of met een cijfer dat niet in de bron staat.")
        return Answer(text=" ".join(parts), citations=book.citations())

    def _announced_list(self, best: Sentence) -> Sentence | None:
        """A sentence ending its paragraph with ':' announces items that follow in the next paragraph."""
        text = best.paragraph.text
        if text[best.end :].strip() or not _ANNOUNCES.search(best.text):
            return None
        for step in range(1, T.LIST_LOOKAHEAD + 1):
            following = self.retriever.paragraphs.get(following_id(best.paragraph.id, step))
            if following is None or following.doc_id != best.paragraph.doc_id:
                return None
            if following.kind in ("paragraph", "list_item", "table_row"):
                spans = sentence_spans(following.text) or [(0, len(following.text))]
                return replace(best, paragraph=following, rank=best.rank + 0.5, start=spans[0][0], end=spans[0][1])
        return None

    def _term_figure(self, filters: Filters | None, term: str, kind: str, unit: str | None, exclude: list, context: str,
                     years, doc_id: str | None):
        """The best sentence and figure for one term of a calculation ('het bedrag voor de LLO-plannen'), searched on
        its own, or in `doc_id` with the other term's words (`context`) when it is the second term."""
        if doc_id and (not filters or not filters.doc_ids or doc_id in filters.doc_ids):
            filters = replace(filters or Filters(), doc_ids=(doc_id,))
        hits = self.retriever.search(f"{term} {context}".strip(), k=T.TERM_HITS, filters=filters)
        query = make_query(term, self.retriever.loaded.lexical, context=context)
        return term_figure(term, hits, query, kind, unit, exclude, years)


def _read_with(hit: Hit, paragraph) -> Hit:
    """A paragraph next to a hit (its continuation, its heading), scored below it and read with its text."""
    return Hit(paragraph, T.CONTINUATION_WEIGHT * hit.score, doc_title=hit.doc_title, lead=hit.paragraph.text)


def _continues(previous: str, text: str) -> bool:
    """Does the paragraph open on something the previous one named ("De database ...")?"""
    spans = sentence_spans(text) or [(0, len(text))]
    opening = set(tokenize(text[: spans[0][1]], compounds=False))
    return bool(opening & set(tokenize(previous, compounds=False)))


def _supporting(paragraph: str, sentence: str) -> str:
    """The paragraph sentence sharing most words with a generated sentence: the quote behind its citation."""
    words = set(sentence.lower().split())
    spans = sentence_spans(paragraph) or [(0, len(paragraph))]
    start, end = max(spans, key=lambda span: len(words & set(paragraph[span[0] : span[1]].lower().split())))
    return paragraph[start:end].strip()
