"""Property-based fuzzing of the pure text functions and the PDF reader on mutated real PDFs."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.index import lexical
from assistant.parsing import blocks, footnotes, paragraphs
from assistant.text import tokens

ROOT = Path(__file__).resolve().parent.parent
SMALL_PDF = ROOT / "corpus" / "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente.pdf"

BOUNDED = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like extracted Dutch policy prose: words, numbers, hyphens, accents, footnote digits, junk.
_DUTCH_PIECES = st.sampled_from(
    [
        "aanvra-", "gen", "NGF-voorstel", "arbeidsmarktinfrastructuur", "€", "3,8", "mln", "2025", "jaar2",
        "Dé", "één", "bèta", "CO2", "re- integratie", "o.a.", "d.w.z.", "i.p.v.", "Uiterlijk", "13", "juni",
        ".", ",", ";", "(", ")", "\u00ad", "\xa0", "\u202f", "\n", " ", "-", "–", "…", "1)", "•", "Kamerstuk",
        "35 538", "nr.", "4", "\f", "\t", "ß", "İ", "ﬁ", "²", "½",
    ]
)
DUTCHISH = st.lists(st.one_of(_DUTCH_PIECES, st.text(max_size=12)), max_size=40).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=400), DUTCHISH)


# --- tokens.tokenize ------------------------------------------------------
@BOUNDED
@given(ANY_TEXT)
def test_tokenize_returns_nonempty_string_tokens_without_stopwords(text):
    found = tokens.tokenize(text)
    assert all(isinstance(t, str) and t for t in found)
    assert found == tokens.tokenize(text)  # deterministic


def test_stopwords_alone_give_no_tokens():
    # A stem may equal a stopword ("waarde" -> "waar"), so this is checked on stopwords themselves.
    assert tokens.tokenize(" ".join(sorted(tokens.STOPWORDS))) == []


@BOUNDED
@given(ANY_TEXT)
def test_tokenize_ignores_case_and_accents(text):
    assert tokens.tokenize(tokens.fold(text)) == tokens.tokenize(text)


@BOUNDED
@given(ANY_TEXT)
def test_compound_ngrams_only_add_tokens(text):
    plain = tokens.tokenize(text, compounds=False)
    full = tokens.tokenize(text, compounds=True)
    assert [t for t in full if not t.startswith("#")] == plain
    assert all(len(t) == tokens.NGRAM + 1 for t in full if t.startswith("#"))


@BOUNDED
@given(st.lists(DUTCHISH, min_size=1, max_size=6), DUTCHISH)
def test_lexical_index_scores_any_query(texts, query):
    index = lexical.LexicalIndex.build([f"p{i}" for i in range(len(texts))], texts)
    scores = index.scores(query)
    assert scores.shape == (len(texts),)
    assert (scores >= 0).all()


# --- paragraphs: the pure cleaning functions ---------------------------------
ONE_LINE = ANY_TEXT.map(lambda s: " ".join(s.splitlines()))


@BOUNDED
@given(st.lists(ONE_LINE, max_size=12))
def test_join_lines_gives_one_trimmed_line(lines):
    out = paragraphs.join_lines(lines, paragraphs.hyphen_vocabulary(lines))
    assert out == out.strip()
    assert not re.search(r"\s{2}", out) and "\u00ad" not in out


@BOUNDED
@given(ANY_TEXT)
def test_sentence_spans_tile_the_text(text):
    spans = paragraphs.sentence_spans(text)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(s < e for s, e in spans)


@BOUNDED
@given(st.lists(st.sampled_from(["De", "raad", "stelt", "vast.", "Dit", "kost", "€", "3,8", "mln.", "o.a.", "Zie", "art.", "12."]), max_size=600).map(" ".join))
def test_split_long_keeps_every_word_in_order(text):
    spans = paragraphs.split_long(text, trigger=150, max_words=120)
    assert all(0 <= s <= e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert " ".join(text[s:e] for s, e in spans).split() == text.split()


@BOUNDED
@given(ANY_TEXT, st.sets(st.integers(1, 12), max_size=6), st.integers(1, 10))
def test_strip_footnote_markers_only_removes_digits(text, defined, expected):
    clean, markers, following = footnotes.strip_footnote_markers(text, defined, expected)
    assert following >= expected
    assert len(text) - len(clean) == sum(len(str(n)) for _, n in markers)
    assert [c for c in text if not c.isdigit()] == [c for c in clean if not c.isdigit()]
    assert all(0 <= offset <= len(clean) for offset, _ in markers)


@BOUNDED
@given(st.lists(st.tuples(ANY_TEXT, st.integers(1, 5), st.booleans()), max_size=25))
def test_blocks_and_assembly_never_crash(raw_lines):
    lines = [blocks.Line(text=t, page=p, gap_before=g) for t, p, g in raw_lines]
    clean, found = paragraphs.assemble("fuzz-doc", blocks.build_blocks(lines))
    for p in found:
        assert p.text.strip()
        assert 0 <= p.start <= p.end <= len(clean)
    assert len({p.id for p in found}) == len(found)


# --- the PDF reader on mutated bytes of a real PDF ---------------------------
def _mutate(data: bytes, seed: int, kind: int) -> bytes:
    rng = random.Random(seed)
    buf = bytearray(data)
    if kind == 0:  # flip random bytes
        for _ in range(rng.randint(1, 50)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif kind == 1:  # truncate
        del buf[rng.randrange(len(buf)) :]
    elif kind == 2:  # cut a random slice out
        a = rng.randrange(len(buf))
        del buf[a : a + rng.randint(1, 4096)]
    else:  # splice a slice of the file somewhere else
        a, b = sorted(rng.randrange(len(buf)) for _ in range(2))
        at = rng.randrange(len(buf))
        buf[at:at] = buf[a : min(b, a + 4096)]
    return bytes(buf)


@settings(max_examples=200, deadline=10000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), kind=st.integers(0, 3))
def test_pdf_reader_raises_ingest_error_or_returns_document(tmp_path, seed, kind):
    ingest = pytest.importorskip("assistant.parsing.ingest")
    from assistant.errors import IngestError
    from assistant.types import Document

    target = tmp_path / f"mutated-{seed}-{kind}.pdf"
    target.write_bytes(_mutate(SMALL_PDF.read_bytes(), seed, kind))
    try:
        doc = ingest.load_document(target)
    except IngestError as err:
        assert str(target) in str(err) or target.name in str(err)
    else:
        assert isinstance(doc, Document)
        assert all(p.text.strip() for p in doc.paragraphs)
