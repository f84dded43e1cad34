"""Dutch tokens for matching: folded, stemmed content words, hyphen parts and compound n-grams.

Dutch glues words together ("arbeidsmarktinfrastructuur", "Techkwadraat-subsidieregeling"),
so besides each stemmed word a text yields its hyphen parts and, for long words, the
character n-grams inside them; a question word then meets the compound that holds it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

# Question words and fillers that carry no topic in a question but would otherwise match at random.
_EXTRA_STOPWORDS = {
    "wat", "wie", "welke", "welk", "waar", "wanneer", "hoeveel", "hoe", "waarom", "waarvoor", "klopt", "juist",
    "gaat", "komt", "staat", "wordt", "worden", "zijn", "hebben", "heeft", "kan", "kunnen", "zal", "zullen",
    "ook", "nog", "er", "we", "ons", "onze", "eens", "paar", "precies", "eigenlijk", "the", "and", "of",
}
STOPWORDS = frozenset(STOPWORDS_DUTCH) | _EXTRA_STOPWORDS

_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
NGRAM = 5
MIN_COMPOUND = 10  # words this long also get their inner n-grams


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def fold(text: str) -> str:
    """Lowercase and strip accents, so 'bèta' meets 'beta' and 'één' meets 'een'."""
    decomposed = unicodedata.normalize("NFKD", text).lower()  # lower after NFKD: "𝕬" and "Ａ" decompose to capitals
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str, compounds: bool = True) -> list[str]:
    """Stemmed content words, their hyphen parts, and n-grams of long compounds."""
    stem = _stemmer().stemWord
    tokens: list[str] = []
    for match in _WORD.finditer(fold(text)):
        word = match.group()
        if word in STOPWORDS or (len(word) < 2 and not word.isdigit()):
            continue
        parts = word.split("-")
        tokens.append(stem(word.replace("-", "")))
        if len(parts) > 1:
            tokens.extend(stem(p) for p in parts if p not in STOPWORDS and len(p) > 1)
        if compounds:
            for part in parts:
                if len(part) >= MIN_COMPOUND:
                    tokens.extend("#" + part[i : i + NGRAM] for i in range(len(part) - NGRAM + 1))
    return tokens
