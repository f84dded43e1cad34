"""Question language and plausibility: which language a question is in, and whether it is text at all.

langdetect alone is unreliable on the short, terse questions people type
("Waarom stopt de EZ-subsidie al na 2025?" comes out Afrikaans, "bbz rente
percentage" Italian). The rule, measured in tests/test_language.py:

1. Short text (up to SHORT_WORDS words) is decided by distinctive function
   words (question words, articles, auxiliaries) when one language clearly
   leads. A short keyword query without such words carries no reliable
   language signal and is taken as Dutch, the language of the product.
2. Longer text goes to langdetect when it is confident, with Afrikaans read
   as Dutch (the corpus and its users are Dutch; the two are close enough to
   answer an Afrikaans question as Dutch), then to the vote, then Dutch.
"""

from __future__ import annotations

import re
import unicodedata

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0  # langdetect is random without a seed; results must not vary run to run

DEFAULT_LANGUAGE = "nl"
SHORT_WORDS = 12  # up to this many words the function-word vote decides, not langdetect
MIN_CONFIDENCE = 0.90
ALIASES = {"af": "nl"}

# Distinctive function words only: words shared between the languages ("de", "die", "in", "is",
# "was", "en", "of", "over", "den", "we") would mislead the vote. "wie" counts for Dutch ("who")
# only; German "wie" ("how") comes with "ist", "das", "viel" and the like.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "het een van voor wat welk welke hoeveel hoelang wanneer waar waarom waarvoor hoe wie zijn niet ook "
        "naar door bij dat deze dit er te wordt worden werd heeft hebben klopt gaat gaan kan kunnen moet "
        "moeten zal zullen nog uit tot met aan op zit zitten staat staan komt wil hoeveelheid "
        "sinds tussen wij ik u jullie hun onze mijn waarin waarmee daarvan hiervan ervan geen".split()
    ),
    "en": frozenset(
        "the what which who whom whose when where why how are does did do much many will would has have "
        "this that these those to from with about by there their its can could should for and not been "
        "being were".split()
    ),
    "de": frozenset(
        "der das und ist wer wann warum welche welcher welches wieviel viel nicht auch für mit von zu "
        "dem des ein eine einen im wird werden hat gibt es sich über bis nach sind wurde".split()
    ),
    "fr": frozenset(
        "le la les du une est sont quel quelle quels quelles combien qui quand pourquoi comment pour "
        "avec dans sur ce cette ces qu'est".split()
    ),
}

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def words(text: str) -> list[str]:
    """Lowercased letter-only words."""
    return [w.lower() for w in _WORD.findall(text)]


def function_word_vote(tokens: list[str]) -> str | None:
    """The language whose function words clearly lead in `tokens`, or None on a tie or no evidence."""
    counts = {lang: sum(t in vocab for t in tokens) for lang, vocab in FUNCTION_WORDS.items()}
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 1 and top > second else None


def confident_guess(text: str) -> str | None:
    """langdetect's language when it is confident, with aliases applied (af -> nl); else None."""
    try:
        candidates = detect_langs(text)
    except LangDetectException:
        return None
    merged: dict[str, float] = {}
    for c in candidates:
        code = ALIASES.get(c.lang, c.lang)
        merged[code] = merged.get(code, 0.0) + c.prob
    lang, prob = max(merged.items(), key=lambda kv: kv[1])
    return lang if prob >= MIN_CONFIDENCE else None


def detect_language(text: str) -> str:
    """ISO 639-1 code of the question's language ('nl', 'en', 'de', ...); Dutch when undecided."""
    tokens = words(text)
    if not tokens:
        return DEFAULT_LANGUAGE
    voted = function_word_vote(tokens)
    if len(tokens) <= SHORT_WORDS:
        return voted or DEFAULT_LANGUAGE
    return confident_guess(" ".join(tokens)) or voted or DEFAULT_LANGUAGE


def is_probably_text(text: str) -> bool:
    """False for empty input and binary garbage (control bytes, replacement chars, no words); True for text."""
    stripped = text.strip()
    if not stripped:
        return False
    control = sum(1 for ch in stripped if _is_control(ch))
    if "\x00" in stripped or control / len(stripped) > 0.02:
        return False
    visible = [ch for ch in stripped if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    if letters < 2 or letters / len(visible) < 0.4:
        return False
    tokens = stripped.split()
    longest = max(len(t) for t in tokens)
    return longest <= 80 or len(tokens) > 3  # one endless token is an encoded blob, not a question


def _is_control(ch: str) -> bool:
    if ch in "\n\r\t":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
