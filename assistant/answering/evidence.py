"""Sentences from retrieved paragraphs, scored as evidence for a question.

A sentence scores by how much of the question's weighted vocabulary it holds
(and its paragraph, heading and document title hold), by its paragraph's retrieval score, and by
whether it states the kind of fact the question wants (an amount, a date, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answering import tuning as T
from assistant.figures import compare as figures
from assistant.figures.amounts import WRITTEN_NUMBERS
from assistant.index.lexical import LexicalIndex
from assistant.parsing.blocks import topic_heading
from assistant.text.tokens import tokenize
from assistant.text.sentences import is_question, sentence_spans
from assistant.answering.question import Intent
from assistant.types import Hit, Paragraph

# Words the documents and questions use for one another: "alleen HTDM is toegestaan" / "slechts HTDM".
_WORDING = [
    (a, b) for group in (("alleen", "slechts", "enkel", "uitsluitend"), ("ongeveer", "circa", "rond")) for a in group for b in group if a != b
]
_ACTOR = re.compile(
    r"\b(?:[Dd]hr|[Mm]evr|[Dd]rs?|[Pp]rof|[Mm]r|[Ii]r)\.\s|\b[A-Z]\.(?:\s?[A-Z]\.)*\s?(?:van\s|de\s)?[A-Z][a-z]+"  # Dhr. W. Mul
    r"|\b[A-Z][A-Za-z]*[A-Z]{1,}[a-z]*\b|\b(?i:ministerie|minister|staatssecretaris|kabinet|gemeenten?|provincies?"
    r"|universiteit\w*|hogescho\w*|werkgevers?|vakbond\w*|sociale\s+partners|Raad\s+van\s+State|Kamer|Commissie"
    r"|toezichthouder\w*|autoriteit|stichting|platform|TNO|leden|lid|fractie\w*|ziekenhuis\w*|centrum|bank\w*)\b"
)
# A name or acronym inside a sentence (not its first word): "het KNMI", "door het Centre for ... (CRC)".
_NAMED = re.compile(r"(?<=[\s(‘'\"])(?:[A-Z]{2,}[a-z]?\b|[A-Z][a-z]+\s+(?:(?:van|voor|de|der|of|for|into)\s+)*[A-Z][a-z]+)")
_ANAPHOR = re.compile(
    r"(?:dit|deze|die|dat|hiervan|hiervoor|hiermee|daarvan|daarvoor|daarmee|daarnaast|ook|zij|ze|het\s+programma)\b",
    re.I,
)
# Names several things: "...: 1. A; 2. B", "punten: A, B en C".
ENUMERATES = re.compile(r"(?:^|\s)[1-9][.)]\s.*\s[2-9][.)]\s|:\s*[^.:]+?[;,][^.:]+?(?:[;,]|\sen\s)")
# When, said relative to an event: "op de twintigste dag na publicatie", "18 maanden na inwerkingtreding",
# "binnen twee jaar", "onmiddellijk van toepassing". Answers a 'wanneer' without naming a date.
_RELATIVE_TIME = re.compile(
    r"\b(?:\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|achttien|twintig|dertig|\w+(?:ste|de))\s+"
    r"(?:dag|dagen|week|weken|maand|maanden|jaar|jaren)\s+(?:na|voor|vóór|nadat|later|eerder)\b"
    r"|\bbinnen\s+(?:\S+\s+){1,2}(?:dagen|weken|maanden|jaar|jaren)\b|\bonmiddellijk\s+(?:van\s+toepassing|in\s+werking)\b",
    re.I,
)
# Speaks of what comes next: "wordt komend jaar opgeschaald", "Ik ben voornemens ...", "de volgende stap".
_NEXT = re.compile(
    r"\b(?:komende?|volgende?)\s+(?:jaar|jaren|periode|maanden|weken|fase|stap\w*|kabinetsperiode)\b|\bin\s+de\s+toekomst\b"
    r"|\bvervolgens\b|\bdaarna\b|\bvoornemens\b|\bvan\s+plan\b|\bin\s+het\s+vervolg\b|\bals\s+vervolg\b"
    r"|\bwordt\s+(?:\S+\s+){0,3}(?:opgeschaald|uitgebreid|voortgezet|verlengd)\b",
    re.I,
)
# Says where money goes: "wordt besteed aan", "is bestemd voor", "gaat naar", "komt ten goede aan".
_USE = re.compile(
    r"(?<!aandacht )\b(?:besteed|bestemd|ingezet|aangewend|gebruikt|uitgegeven|gereserveerd|geïnvesteerd)\s+(?:\S+\s+){0,2}?(?:aan|voor|in)\b"
    r"|\bga(?:at|an)\s+naar\b|\bten\s+goede\s+aan\b",
    re.I,
)
# Takes a position: "verwelkomt het voorstel", "steunt", "staat kritisch tegenover", "acht dit onwenselijk".
_STANCE = re.compile(
    r"\b(?:verwelkom\w*|steun(?:t|en|de|den)|onderschrij\w+|staat\s+(?:\w+\s+)?(?:positief|kritisch|terughoudend|open)"
    r"|(?:is|zijn)\s+(?:\w+\s+)?(?:positief|kritisch|terughoudend|voorstander|tegenstander)|ach(?:t|ten)\s+(?:\S+\s+){0,4}?"
    r"(?:wenselijk|onwenselijk|noodzakelijk|van\s+belang|belangrijk)|kan\s+zich\s+(?:\w+\s+)?vinden|pleit\w*|is\s+van\s+mening"
    r"|zet\s+zich\s+(?:\w+\s+)?in\s+voor|hecht\w*\s+(?:\w+\s+)?(?:aan|belang))\b",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_WRITTEN = re.compile(r"\b(?:" + "|".join(WRITTEN_NUMBERS) + r")\b", re.I)
FUTURE_TARGET = re.compile(r"\b(?:in|tegen|voor|uiterlijk|vanaf)\s+20[3-9]\d\b|\b(?:doel\w*|ambitie\w*|streef\w*|streven)\b", re.I)


@dataclass(frozen=True)
class Sentence:
    paragraph: Paragraph
    rank: int  # of its paragraph among the hits
    start: int  # offsets in paragraph.text
    end: int
    score: float
    coverage: float  # share of the question's weight found in the sentence
    context: float  # ... in the sentence's paragraph, heading and document title
    kinds: frozenset[str]  # which of WANTS it states (amount, date, actor, list, next, ...)

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end].strip()


@dataclass(frozen=True)
class Query:
    """The question's tokens with their weights."""

    weights: dict[str, float]
    # token -> token sets that stand for it: "consolidated" is matched by a paragraph saying "CT"
    alternatives: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0

    def share(self, tokens: set[str] | frozenset[str]) -> float:
        found = 0.0
        for token, weight in self.weights.items():
            if self.holds(token, tokens):
                found += weight
            elif not token.startswith("#") and _headed_by(token, tokens):
                found += T.HEAD_CREDIT * weight  # "wensouders" asked, "ouders" written
        return found / self.total

    def holds(self, token: str, tokens) -> bool:
        """Are the words `tokens` holding `token`, itself or a form that stands for it?"""
        return token in tokens or self._stood_for(token, tokens)

    def _stood_for(self, token: str, tokens) -> bool:
        return any(alternative <= tokens for alternative in self.alternatives.get(token, ()))


def _headed_by(compound: str, tokens) -> bool:
    """Is the compound's last part ("wens|ouder") one of the words?"""
    return len(compound) >= T.MIN_HEAD + T.MIN_MODIFIER and any(
        len(t) >= T.MIN_HEAD and len(compound) - len(t) >= T.MIN_MODIFIER and compound.endswith(t) and not t.startswith("#")
        for t in tokens
    )


def make_query(
    text: str, lexical: LexicalIndex, keep_figures: bool = True, context: str = "",
    synonyms: list[tuple[str, str]] = (),
) -> Query:
    """Weighted question tokens; figures are left out when they are to be checked rather than matched.

    `context` (the whole question, for one of its parts) adds its words at a quarter weight.
    `synonyms` are (long form, acronym) pairs the question uses one side of: either side matches.
    """
    weights: dict[str, float] = {}
    if context:
        weights = {t: w * T.QUESTION_CONTEXT_WEIGHT for t, w in make_query(context, lexical, keep_figures).weights.items()}
    for token in tokenize(text if keep_figures else _without_figures(text)):
        if not lexical.knows(token):
            # Absent from the corpus: phrasing ("naartoe") or a typo; it cannot be matched, so it weighs little.
            weight = 0.0 if token.startswith("#") else T.UNKNOWN_WEIGHT
        else:
            weight = lexical.idf(token) * (T.NGRAM_WEIGHT if token.startswith("#") else 1.0)
        weights[token] = max(weights.get(token, 0.0), weight)
    return Query(weights, _alternatives(weights, [*synonyms, *_WORDING]))


def _alternatives(weights: dict[str, float], synonyms) -> dict[str, tuple[frozenset[str], ...]]:
    found: dict[str, tuple[frozenset[str], ...]] = {}
    for long_form, acronym in synonyms:
        long_tokens = frozenset(tokenize(long_form, compounds=False))
        short_tokens = frozenset(tokenize(acronym, compounds=False))
        for token in weights:
            if token in long_tokens or (token.startswith("#") and any(token[1:] in t for t in long_tokens)):
                found[token] = found.get(token, ()) + (short_tokens,)
            elif token in short_tokens:
                found[token] = found.get(token, ()) + (long_tokens,)
    return found


def _without_figures(text: str) -> str:
    """Numbers in a question are checked, not matched: "€400 miljoen" must not pull in any sentence with 400."""
    text = re.sub(r"[€$]?\s?\d[\d.,]*\s*(?:%|procent|miljoen|miljard|mln\.?|mld\.?)?", " ", text)
    return _WRITTEN.sub(" ", text)


@lru_cache(maxsize=4096)
def _tokens(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


@lru_cache(maxsize=4096)
def kinds_of(text: str, scale: float = 1.0) -> frozenset[str]:
    kinds = set()
    if figures.find_amounts(text, scale):
        kinds.add("amount")
    if figures.find_periods(text) or _RELATIVE_TIME.search(text):
        kinds.add("date")
    quantities = figures.find_quantities(text)
    if quantities:
        kinds.add("quantity")
    if "amount" in kinds or any(q.unit in figures.LEVEL_UNITS for q in quantities):
        kinds.add("level")
    if _ACTOR.search(text):
        kinds.add("actor")
    if _NAMED.search(text):
        kinds.add("named")  # a named actor (an acronym, a name): what "wie ..." asks, more than "de minister"
    if ENUMERATES.search(text):
        kinds.add("list")
    if kinds & {"quantity", "level"} and FUTURE_TARGET.search(text):
        kinds.add("target")  # "In 2030 is de kwaliteit van leven ... met 25% toegenomen"
    if _NEXT.search(text):
        kinds.add("next")
    if _USE.search(text):
        kinds.add("use")
    if _STANCE.search(text):
        kinds.add("stance")
    return frozenset(kinds)


def on_subject(scored: list[Sentence], read: int) -> list[Sentence]:
    """The best `read` sentences that are about the question's subject: a paragraph matching the question at least
    SAME_SUBJECT of the best one does. A figure stated elsewhere is another subject's."""
    subject = max((s.context for s in scored), default=0.0)
    return [s for s in scored[:read] if s.context >= T.SAME_SUBJECT * subject]


def paragraph_scale(p: Paragraph) -> float:
    """A table row's amounts are in the unit its caption states ("bedragen x € 1.000")."""
    if p.kind != "table_row":
        return 1.0
    for heading in reversed(p.section):
        scale = figures.table_scale(heading)
        if scale:
            return scale
    return 1.0


def sentences_of(hits: list[Hit]) -> list[str]:
    """The sentence texts `score_sentences` will weigh, for embedding them in one batch."""
    return [h.paragraph.text[a:b].strip() for h in hits for a, b in sentence_spans(h.paragraph.text)]


def score_sentences(
    hits: list[Hit], query: Query, intent: Intent, similarity: dict[str, float] | None = None
) -> list[Sentence]:
    """Every sentence of the hits, best evidence first.

    `similarity` maps sentence text to its dense similarity with the question; it catches
    paraphrases ("bereiken" for "heeft als doel") that shared words miss.
    """
    top = max((h.score for h in hits), default=1.0) or 1.0
    years = set() if intent.claim or intent.premise else {str(y) for y in intent.years}
    dense = _scaled(similarity or {})
    scored: list[Sentence] = []
    for rank, hit in enumerate(hits):
        p = hit.paragraph
        # the document's title names what all its paragraphs are about ("fiche 7. Afschaffen parkeervergunning")
        context = query.share(_tokens(" ".join((hit.doc_title, topic_heading(p.section), *p.section[-1:], hit.lead, p.text))))
        scale = paragraph_scale(p)
        previous: frozenset[str] = frozenset()
        for start, end in sentence_spans(p.text):
            text = p.text[start:end].strip()
            if len(text) < T.MIN_FRAGMENT_CHARS or (p.kind == "paragraph" and len(_WORD.findall(text)) < T.MIN_FRAGMENT_WORDS):
                continue  # a fragment ("to 2.") says nothing
            own = _tokens(text)
            # "Dit programma heeft als doel ..." speaks of what the sentence before named.
            anaphoric = bool(_ANAPHOR.match(text))
            tokens = own | previous if anaphoric else own
            previous = own
            coverage = max(query.share(tokens), T.ANAPHOR_CONTEXT * context) if anaphoric else query.share(tokens)
            kinds = kinds_of(text, scale)
            bonus = sum(T.STRICT_KIND_BONUS if want in intent.strict else T.MENTIONED_KIND_BONUS for want in intent.wants if want in kinds)
            if "actor" in intent.strict and "named" in kinds:
                bonus += T.MENTIONED_KIND_BONUS  # "wie berekent ...": the KNMI, not "de gemeente"
            if years and years & own:
                bonus += T.YEAR_BONUS  # "wat gebeurt er in 2027": a sentence naming 2027
            if dense:
                score = (
                    T.SCORE_COVERAGE * coverage + T.SCORE_CONTEXT * context + T.SCORE_RETRIEVAL * (hit.score / top)
                    + T.SCORE_DENSE * dense.get(text, 0.0)
                )
            else:
                score = T.WORDS_ONLY_COVERAGE * coverage + T.WORDS_ONLY_CONTEXT * context + T.WORDS_ONLY_RETRIEVAL * (hit.score / top)
            score += min(bonus, T.BONUS_CAP)
            if is_question(text):
                score *= T.QUESTION_PENALTY  # a question in the source (Kamervragen) does not answer one
            scored.append(Sentence(p, rank, start, end, score, coverage, context, kinds))
    scored.sort(key=lambda s: -s.score)
    return scored


def _scaled(similarity: dict[str, float]) -> dict[str, float]:
    if not similarity:
        return {}
    low, high = min(similarity.values()), max(similarity.values())
    span = high - low if high - low > 1e-6 else 1.0
    return {text: (value - low) / span for text, value in similarity.items()}
