"""Questions that ask several things ("X, en hoe gaat het verder?"): a sentence for each part.

A part the best sentence already answers needs nothing more. A part that continues the
question's subject is likelier answered near the best sentence; a part naming a subject
of its own is looked for wherever it is.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answering import tuning as T
from assistant.answering.evidence import Sentence, make_query, score_sentences
from assistant.text.sentences import has_question_word
from assistant.text.tokens import tokenize
from assistant.types import ordinal_of
from assistant.answering.question import Intent, analyse
from assistant.answering.selection import answers_kind
from assistant.types import Hit



def part_answers(intent: Intent, hits: list[Hit], lexical, acronyms, similarity, scored: list[Sentence]) -> list[Sentence]:
    """For 'X, en wat Y?': the best sentence for each part not yet answered, scored on that part's words."""
    answers = []
    main = scored[0] if scored else None
    for part in intent.parts:
        asked, synonyms = part_intent(part, intent), acronyms.pairs_in(part)
        own = make_query(part, lexical, synonyms=synonyms)
        if main and _answers_part(main, own, asked):
            continue
        part_query = make_query(part, lexical, context=intent.question, synonyms=synonyms)
        nearby = main is not None and _same_subject(own, main.paragraph, hits)
        ranked = score_sentences(hits, part_query, asked, similarity)
        ranked.sort(key=lambda s: -(s.score + (T.PART_NEARBY if nearby and _near(s.paragraph, main.paragraph) else 0.0)))
        taken = {(s.paragraph.id, s.start) for s in [*scored[:1], *answers]}
        best = next(
            (
                s for s in ranked
                if (s.paragraph.id, s.start) not in taken and _answers_part_kind(s, asked)
                and s.paragraph.kind != "heading"
            ),
            None,
        )
        if best is None or best.score < T.PART_MIN_SCORE * scored[0].score:
            continue
        # "hoe gaat het verder" has no words of its own to find: what comes next, right after the answer, is it.
        follows_on = "next" in asked.wants and nearby and _near(best.paragraph, main.paragraph)
        if follows_on or _holds_part(best, own):
            answers.append(best)
    return answers


def _near(a, b) -> bool:
    """Same paragraph, or the next or previous one in the same document."""
    if a.doc_id != b.doc_id:
        return False
    return abs(ordinal_of(a.id) - ordinal_of(b.id)) <= 1


def part_intent(part: str, intent: Intent) -> Intent:
    """A part without a question word of its own ("Wanneer ... X en over Y?") asks what the question asks."""
    own = analyse(part)
    if has_question_word(part):
        return own
    return replace(own, wants=own.wants | intent.wants, strict=own.strict | intent.strict)


def _answers_part(sentence: Sentence, own, part_intent: Intent) -> bool:
    """Does the sentence hold most of a part's own words and the kind of fact it asks for?"""
    return own.share(set(tokenize(sentence.text))) >= T.PART_ANSWERED and _answers_part_kind(sentence, part_intent)


def _holds_part(sentence: Sentence, own) -> bool:
    """Is the sentence about the part: holding a fifth of its words, or a few with its paragraph holding half?"""
    share = own.share(set(tokenize(sentence.text)))
    return share >= T.PART_OWN_SHARE or (share > 0 and own.share(set(tokenize(sentence.paragraph.text))) >= T.PART_SUBJECT)


def _answers_part_kind(sentence: Sentence, part_intent: Intent) -> bool:
    if "next" in part_intent.wants and "next" not in sentence.kinds:
        return False
    return answers_kind(sentence, part_intent)


def _same_subject(own, paragraph, hits: list[Hit]) -> bool:
    """Does a part speak of the best paragraph's subject, rather than name one found elsewhere?"""
    here = own.share(set(tokenize(paragraph.text)))
    elsewhere = max((own.share(set(tokenize(h.paragraph.text))) for h in hits), default=0.0)
    return here >= min(T.SUBJECT_HERE * elsewhere, T.SUBJECT_ENOUGH)
