"""Which scored sentences make the answer: the best one, what it lacks, what it leans on, the lists it announces."""

from __future__ import annotations

import itertools
import re

from assistant.answering import tuning as T
from assistant.answering.evidence import ENUMERATES, FUTURE_TARGET, Query, Sentence
from assistant.text.sentences import is_question, sentence_spans
from assistant.answering.question import COUNTED, FACTS, STATED_IN_HEADINGS, WHICH_PLURAL, Intent

# A sentence that cannot stand alone: "Mocht dit vertragen, dan ...", "Daarmee komt ...". Quoted with the one before.
_LEANS_BACK = re.compile(
    r"(?:(?:mocht|indien|als|wanneer|nu|omdat)\s+)?(?:dit|deze|dat|hiermee|daarmee|hierdoor|daardoor|hiervan|daarvan"
    r"|hiervoor|daarvoor|hierbij|daarbij|hierin|daarin)\b",
    re.I,
)
_NAMES_SEVERAL = re.compile(r"\w[^,.;:]*,[^.;:]+?,?\sen\s\w")  # "A, B en C", "A (via X), B, en C"
_BULLET = re.compile(r"[-•▪●◦\uf0b7]\s")


def answers_kind(sentence: Sentence, intent: Intent) -> bool:
    """Does the sentence state a fact of a kind the question wants (and not only a future target when asked for now)?"""
    wanted = set(intent.strict & FACTS)
    if not wanted:
        return True
    if "quantity" in wanted:
        wanted.add("amount")  # "hoeveel ..." is answered by any stated number, money included
    if not (wanted & sentence.kinds):
        return False
    return not (intent.asks_current and FUTURE_TARGET.search(sentence.text))


def select(scored: list[Sentence], intent: Intent, query: Query, limit: int = T.MAX_ANSWER_SENTENCES) -> list[Sentence]:
    """The best sentence, plus sentences that add what it lacks (the wanted fact, or uncovered question words)."""
    statements = [s for s in scored if not is_question(s.text) and (s.paragraph.kind != "heading" or _heading_states(s, intent))]
    scored = statements or scored  # quote what the source states, not what it asks
    if not scored:
        return []
    best = scored[0]
    chosen = [best]
    # Two sentences scoring nearly alike are both quoted: which one answers, the scores cannot tell.
    chosen += [s for s in scored[1:limit] if s.score >= T.TIED_SCORE * best.score][:1]
    for candidate in scored[1 : T.SELECT_FROM]:
        if candidate in chosen:
            continue
        if len(chosen) >= limit:
            break
        same_paragraph = candidate.paragraph.id == best.paragraph.id
        adds_kind = bool((intent.wants - _kinds(chosen)) & candidate.kinds) and candidate.context >= T.ADDS_KIND_CONTEXT * best.context
        # Open questions ("wat doet ...") are answered by a passage more often than by one sentence.
        close = candidate.score >= (T.OPEN_CLOSE_SCORE if intent.kind in ("open", "next", "stance") else T.CLOSE_SCORE) * best.score
        if (same_paragraph and (close or adds_kind) and _adjacent(candidate, chosen)) or (adds_kind and close):
            chosen.append(candidate)
    chosen = _with_antecedents(chosen, scored)
    chosen = sorted(chosen, key=lambda s: (s.rank, s.start))
    chosen = _with_announced_lists(chosen, scored, _asked_count(intent.question))
    return _with_naming_sentence(chosen, scored) if WHICH_PLURAL.search(intent.question) else chosen


def _heading_states(sentence: Sentence, intent: Intent) -> bool:
    """A heading answers only when it states the date or name asked for outright ("Voorgesteld 6 juli 2021")."""
    return bool(intent.strict & STATED_IN_HEADINGS & sentence.kinds)


def _with_antecedents(chosen: list[Sentence], scored: list[Sentence]) -> list[Sentence]:
    """The best sentence, if it leans on the one before it ("Mocht dit ..."), comes with that sentence."""
    best = chosen[0]
    if not _LEANS_BACK.match(best.text):
        return chosen
    before = [s for s in scored if s.paragraph.id == best.paragraph.id and s.end <= best.start + 1]
    if not before:
        return chosen
    antecedent = max(before, key=lambda s: s.start)
    return chosen if antecedent in chosen else [*chosen, antecedent]


def _with_announced_lists(chosen: list[Sentence], scored: list[Sentence], asked: re.Pattern | None = None) -> list[Sentence]:
    """A sentence ending in ':' announces what follows ("twee indicatoren:"): bring the next sentence along,
    or, when list items follow ("- A", "• B"), the items. So does a sentence naming the count the question
    asks for ("welke twee indicatoren" / "... dat twee indicatoren belangrijk zijn."): its paragraph goes on
    to name them."""
    result: list[Sentence] = []
    for s in chosen:
        result.append(s)
        counted = asked is not None and s is chosen[0] and asked.search(s.text) and not ENUMERATES.search(s.text)
        if not (s.text.rstrip().endswith(":") or counted):
            continue
        following = sorted((c for c in scored if c.paragraph.id == s.paragraph.id and c.start >= s.end - 1), key=lambda c: c.start)
        if counted:
            # ... up to the sentence that names them all at once ("Deze randvoorwaarden zijn A, B en C.")
            named = next((i for i, c in enumerate(following[: T.MAX_NAMING]) if _NAMES_SEVERAL.search(c.text)), T.MAX_NAMING - 1)
            items = following[: named + 1]
        else:
            items = list(itertools.takewhile(lambda c: _BULLET.match(c.text), following))[: T.MAX_LIST_ITEMS] or following[:1]
        result.extend(c for c in items if c not in chosen and c not in result)
    return result


def _with_naming_sentence(chosen: list[Sentence], scored: list[Sentence]) -> list[Sentence]:
    """'In welke wijken ...': when no chosen sentence names several things, the first sentence after the best one
    in its paragraph that does ("We beginnen met A, B en C") names them."""
    best = chosen[0]
    if any(_NAMES_SEVERAL.search(s.text) or ENUMERATES.search(s.text) for s in chosen):
        return chosen
    following = sorted((c for c in scored if c.paragraph.id == best.paragraph.id and c.start >= best.end - 1), key=lambda c: c.start)
    naming = next((c for c in following[: T.MAX_NAMING] if _NAMES_SEVERAL.search(c.text)), None)
    return chosen if naming is None or naming in chosen else [*chosen, naming]


# "Welke maatregelen stelt de Commissie voor": a sentence counting them ("vier maatregelen") announces the ones its
# paragraph goes on to name.
_ANY_COUNT = r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d{1,2})"


def _asked_count(question: str) -> re.Pattern | None:
    """'Welke twee indicatoren ...' -> a pattern for 'twee indicatoren' (any inflection of the noun); 'welke
    maatregelen ...' -> one for any count of them ('vier maatregelen')."""
    match = COUNTED.search(question)
    if match:
        count, noun = re.escape(match.group(1)), match.group(2)
    elif plural := WHICH_PLURAL.search(question):
        count, noun = _ANY_COUNT, plural.group(1)
    else:
        return None
    return re.compile(rf"\b{count}\s+(?:\w+\s+)?{re.escape(noun[: max(T.COUNTED_NOUN_STEM, len(noun) - T.COUNTED_NOUN_TRIM)])}\w*", re.I)


def _kinds(sentences: list[Sentence]) -> frozenset[str]:
    return frozenset().union(*(s.kinds for s in sentences))


def _adjacent(candidate: Sentence, chosen: list[Sentence]) -> bool:
    spans = sentence_spans(candidate.paragraph.text)
    starts = [s for s, _ in spans]
    index = starts.index(candidate.start) if candidate.start in starts else -9
    return any(
        c.paragraph.id == candidate.paragraph.id and c.start in starts and abs(starts.index(c.start) - index) == 1
        for c in chosen
    )


def states_asked_fact(intent: Intent, scored: list[Sentence]) -> bool:
    """For 'hoeveel'/'wanneer' questions: does a sentence on the question's subject state that kind of fact?"""
    if not intent.strict & FACTS:
        return True
    subject = max(s.context for s in scored)
    floor = max(T.SAME_SUBJECT * subject, T.MIN_CONTEXT)
    return any(answers_kind(s, intent) and s.context >= floor and s.coverage >= T.MIN_COVERAGE for s in scored[: T.FACT_READ])
