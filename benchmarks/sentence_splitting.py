"""text.sentences.sentence_spans against pysbd (Dutch rules) on every paragraph of corpus/: where they
disagree, a seeded sample of the disagreements to judge by eye, and the time each takes.

Usage: .venv/bin/python benchmarks/sentence_splitting.py [sample size]
Needs `pip install pysbd==0.3.4` (not a dependency of the product; see docs/text.md).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pysbd

from assistant.errors import IngestError
from assistant.parsing.ingest import iter_source_files, load_document
from assistant.text.sentences import sentence_spans

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def starts(text: str, spans) -> set[int]:
    """Where each sentence after the first begins (its first non-space character)."""
    found = set()
    for start, _ in spans:
        while start < len(text) and text[start].isspace():
            start += 1
        if 0 < start < len(text):
            found.add(start)
    return found


def corpus_paragraphs() -> list[str]:
    texts = []
    for path in iter_source_files([CORPUS]):
        try:
            texts += [p.text for p in load_document(path).paragraphs if p.kind != "table_row" and len(p.text.split()) > 1]
        except IngestError:
            continue
    return texts


def timed(split, texts: list[str]) -> tuple[list[set[int]], float]:
    started = time.perf_counter()
    found = [starts(t, split(t)) for t in texts]
    return found, time.perf_counter() - started


def main(sample: int = 40) -> None:
    texts = corpus_paragraphs()
    segmenter = pysbd.Segmenter(language="nl", clean=False, char_span=True)
    ours, ours_s = timed(sentence_spans, texts)
    theirs, theirs_s = timed(lambda t: [(s.start, s.end) for s in segmenter.segment(t)], texts)
    differ = [i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b]
    only_ours = [(i, at, "ours") for i in differ for at in sorted(ours[i] - theirs[i])]
    only_pysbd = [(i, at, "pysbd") for i in differ for at in sorted(theirs[i] - ours[i])]
    print(f"{len(texts)} paragraphs; split the same: {len(texts) - len(differ)}, differently: {len(differ)}")
    print(f"sentence starts: ours {sum(map(len, ours))}, pysbd {sum(map(len, theirs))}; "
          f"only ours {len(only_ours)}, only pysbd {len(only_pysbd)}")
    print(f"time per paragraph: ours {1e3 * ours_s / len(texts):.3f} ms, pysbd {1e3 * theirs_s / len(texts):.3f} ms")
    print(f"\nseeded sample of {sample} disagreements ('|' marks the break only that splitter makes):")
    random.seed(7)
    for i, at, who in sorted(random.sample(only_ours + only_pysbd, min(sample, len(only_ours) + len(only_pysbd)))):
        text = texts[i]
        print(f"  {who:5s}  …{text[max(0, at - 50):at]}|{text[at:at + 30]}…".replace("\n", " "))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
