"""Retrieval quality, the hybrid weight, ingest throughput and query latency up to a synthetic 50,000 paragraphs.

1. evals/dev.jsonl over an index of its document (the annex): recall@1, recall@5, MRR for
   lexical, dense and hybrid retrieval and a plain llama-index pipeline over the same file,
   judged by assistant.judge (a paragraph covers a quote at >= 80% of its words).
2. The hybrid blend weight swept 0.0..1.0 on dev, and on the other gold sets (held out
   from the tuning) over an index of the whole corpus, as the product runs.
3. Ingest throughput (cold: nothing cached) and query latency p50/p95 with peak memory at
   corpus size and at a synthetic index of --synthetic paragraphs. The synthetic index
   repeats the corpus paragraphs with words (and BM25 tokens) dropped and their vectors jittered (Gaussian,
   sigma 0.02 per dimension, renormalised): embedding 50,000 paragraphs for real would take
   hours on two cores. Latency runs in a fresh process so its peak memory is the index's.

Medians over --runs runs.   .venv/bin/python benchmarks/retrieval.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402

from assistant.index import snapshot  # noqa: E402
from assistant.evaluation.baseline import LlamaIndexBaseline  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.evaluation.runner import load_gold, summarise_retrieval  # noqa: E402
from assistant.index.indexer import ingest_paths  # noqa: E402
from assistant.evaluation.judge import GoldItem, judge_retrieval  # noqa: E402
from assistant.index.lexical import TermCounts  # noqa: E402
from assistant.index.snapshot import DocEntry  # noqa: E402
from assistant.retrieval.hybrid import Retriever  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEPTH = 10
WEIGHTS = [round(0.1 * i, 1) for i in range(11)]

# Peak resident memory of a child process since its exec (ru_maxrss would include the forking parent's).
PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

LATENCY_PROCESS = PEAK + """
import json, sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.retrieval.hybrid import Retriever
questions, runs = json.loads(sys.stdin.read()), int(sys.argv[2])
retriever = Retriever.open(Settings(index_dir=Path(sys.argv[1])))
for q in questions[:3]:
    retriever.search(q, k=10)
timings = []
for _ in range(runs):
    run = []
    for q in questions:
        started = time.perf_counter()
        retriever.search(q, k=10)
        run.append((time.perf_counter() - started) * 1000)
    timings.append(run)
print(json.dumps({"timings": timings, "peak_mb": peak_mb(), "paragraphs": len(retriever.paragraphs)}))
"""


def figures(items: list[GoldItem], search) -> dict:
    return summarise_retrieval([judge_retrieval(i.evidence, search(i.question), i.difficulty == "multi_hop") for i in items])


def mode_search(retriever: Retriever, mode: str):
    return lambda q: [h.paragraph.text for h in retriever.search(q, k=DEPTH, mode=mode)]


def line(label: str, f: dict) -> str:
    return (f"  {label:<24} recall@1 {f['recall@1']:.3f}   recall@5 {f['recall@5']:.3f}   MRR {f['mrr']:.3f}   "
            f"words in top 5 {f['words@5']:.0f}   (n={f['n']})")


def quality(items: list[GoldItem], retriever: Retriever, baseline: LlamaIndexBaseline | None) -> None:
    for mode in ("lexical", "dense", "hybrid"):
        print(line(f"{mode} (w={retriever.settings.dense_weight})" if mode == "hybrid" else mode,
                   figures(items, mode_search(retriever, mode))), flush=True)
    if baseline is not None:
        print(line("llama-index baseline", figures(items, lambda q: baseline.search(q, DEPTH))), flush=True)


def sweep(items: list[GoldItem], retriever: Retriever) -> dict[float, dict]:
    """Hybrid figures for every dense weight; the retriever's own weight is restored afterwards."""
    original = retriever.settings
    results = {}
    try:
        for w in WEIGHTS:
            retriever.settings = original.model_copy(update={"dense_weight": w})
            results[w] = figures(items, mode_search(retriever, "hybrid"))
    finally:
        retriever.settings = original
    return results


def print_sweep(results: dict[float, dict], chosen: float) -> None:
    best = max(results, key=lambda w: (round(results[w]["mrr"], 4), round(results[w]["recall@1"], 4)))
    for w, f in results.items():
        marks = (" <- best MRR" if w == best else "") + (" <- configured" if abs(w - chosen) < 1e-9 else "")
        print(f"  w={w:.1f}  recall@1 {f['recall@1']:.3f}  recall@5 {f['recall@5']:.3f}  MRR {f['mrr']:.3f}{marks}")


def ingest_throughput(files: list[Path], runs: int, work: Path) -> list[float]:
    """Paragraphs per second of a cold ingest (empty embedding cache; the model is already loaded)."""
    rates = []
    for n in range(runs):
        settings = Settings(index_dir=work / f"cold-{n}")
        report = ingest_paths(files, settings)
        rates.append(report.paragraphs / report.seconds)
        shutil.rmtree(settings.index_dir, ignore_errors=True)
    return rates


def latency(index_dir: Path, questions: list[str], runs: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", LATENCY_PROCESS, str(index_dir), str(runs)],
        input=json.dumps(questions), capture_output=True, text=True, check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    p50 = statistics.median(statistics.median(t) for t in result["timings"])
    p95 = statistics.median(sorted(t)[int(round(0.95 * (len(t) - 1)))] for t in result["timings"])
    return {"p50": p50, "p95": p95, "peak_mb": result["peak_mb"], "paragraphs": result["paragraphs"]}


def _drop(words: list[str], rng: np.random.Generator, sep: str | None = None):
    """About 10% of the words (or tokens) dropped, at least one kept."""
    kept = [w for w in words if rng.random() > 0.1] or words
    return sep.join(kept) if sep is not None else kept


def _drop_terms(terms: TermCounts, paragraphs: int, rng: np.random.Generator) -> TermCounts:
    """The first `paragraphs` paragraphs' term counts with about 10% of each paragraph's terms dropped."""
    keep = (terms.rows < paragraphs) & (rng.random(len(terms.rows)) > 0.1)
    rows, tf = terms.rows[keep], terms.tf[keep]
    lengths = np.bincount(rows, weights=tf, minlength=paragraphs).astype(np.int64)
    return TermCounts(terms.vocab, rows, terms.cols[keep], tf, np.maximum(lengths, 1))


def grow_synthetic(settings: Settings, size: int, rng: np.random.Generator) -> None:
    """Add synthetic document versions (the real segment format) until the live index holds `size` paragraphs:
    the real documents repeated with words and tokens dropped and vectors jittered."""
    info = snapshot.current(settings.index_dir)
    entries = list(info.entries)
    total = sum(e.paragraphs for e in entries)
    sources = [snapshot.read_segment(settings.index_dir, e.version) for e in info.entries if "~" not in e.doc_id]
    copy = 1 + max((int(e.doc_id.rsplit("~", 1)[1]) for e in entries if "~" in e.doc_id), default=0)
    while total < size:
        for source in sources:
            room = size - total
            if room <= 0:
                break
            doc = source.document
            keep = doc.paragraphs[:room]
            doc_id = f"{doc.id}~{copy:04d}"
            paragraphs = tuple(replace(p, id=f"{p.id}~{copy:04d}", doc_id=doc_id, text=_drop(p.text.split(), rng, " "))
                               for p in keep)
            terms = _drop_terms(source.terms, len(keep), rng)
            vectors = source.vectors[: len(keep)] + rng.normal(0, 0.02, (len(keep), source.vectors.shape[1])).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            synthetic = replace(doc, id=doc_id, sha256=f"synthetic-{doc_id}", text="", paragraphs=paragraphs)
            version = snapshot.write_segment(settings.index_dir, synthetic, terms, vectors, source.acronyms)
            entries.append(DocEntry(doc_id, version, synthetic.sha256, f"synthetic-{doc_id}", "", doc.path, doc.title,
                                    len(paragraphs)))
            total += len(paragraphs)
        copy += 1
    name = snapshot.write_snapshot(settings.index_dir, entries, info.embedder, info.collection, info.chroma_url)
    snapshot.publish(settings.index_dir, name)


def synthesise(source: Settings, target: Path, size: int, seed: int = 0) -> Settings:
    """A published index of `size` paragraphs: the source index's live versions plus jittered copies."""
    info = snapshot.current(source.index_dir)
    target.mkdir(parents=True)
    for entry in info.entries:
        shutil.copytree(snapshot.segments_dir(source.index_dir) / entry.version, snapshot.segments_dir(target) / entry.version)
    settings = Settings(index_dir=target)
    name = snapshot.write_snapshot(target, list(info.entries), info.embedder, info.collection, info.chroma_url)
    snapshot.publish(target, name)
    grow_synthetic(settings, size, np.random.default_rng(seed))
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=50_000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "assistant-retrieval-bench",
                        help="indexes and embedding caches kept here between runs")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    dev = load_gold(ROOT / "evals" / "dev.jsonl")
    held_out = [i for path in sorted((ROOT / "evals").glob("gold_*.jsonl")) for i in load_gold(path)]
    dev_files = sorted({CORPUS / i.doc for i in dev})

    print(f"== 1. dev.jsonl ({len(dev)} questions) over an index of {', '.join(p.name for p in dev_files)}", flush=True)
    dev_settings = Settings(index_dir=args.work / "dev-index")
    ingest_paths(dev_files, dev_settings)
    dev_retriever = Retriever.open(dev_settings)
    quality(dev, dev_retriever, LlamaIndexBaseline.build(dev_files, dev_settings))

    print("== 2. hybrid dense weight sweep on dev.jsonl", flush=True)
    print_sweep(sweep(dev, dev_retriever), dev_settings.dense_weight)
    corpus_settings = Settings(index_dir=args.work / "corpus-index")
    started = time.perf_counter()
    corpus_report = ingest_paths([CORPUS], corpus_settings)
    corpus_retriever = Retriever.open(corpus_settings)
    print(f"== 2b. held-out gold sets ({len(held_out)} questions, {len({i.doc for i in held_out})} documents) "
          f"over the whole corpus ({len(corpus_retriever.paragraphs)} paragraphs)", flush=True)
    quality(held_out, corpus_retriever, None)
    print_sweep(sweep(held_out, corpus_retriever), corpus_settings.dense_weight)
    print(f"  dev.jsonl over the whole corpus:")
    quality(dev, corpus_retriever, None)

    print("== 3. ingest throughput and query latency", flush=True)
    if corpus_report.embedded:
        print(f"  corpus ingest: {corpus_report.paragraphs} paragraphs in {time.perf_counter() - started:.0f} s, "
              f"{corpus_report.embedded} of them embedded (the rest from the cache)")
    rates = ingest_throughput(dev_files, args.runs, args.work)
    print(f"  cold ingest of {dev_files[0].name}: median {statistics.median(rates):.1f} paragraphs/s "
          f"(runs: {', '.join(f'{r:.1f}' for r in rates)})", flush=True)
    questions = [i.question for i in dev + held_out]
    at_corpus = latency(corpus_settings.index_dir, questions, args.runs)
    print(f"  hybrid search, {at_corpus['paragraphs']} paragraphs: p50 {at_corpus['p50']:.1f} ms, "
          f"p95 {at_corpus['p95']:.1f} ms, peak memory {at_corpus['peak_mb']:.0f} MB ({len(questions)} questions)", flush=True)
    target = args.work / f"synthetic-{args.synthetic}"
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    synthesise(corpus_settings, target, args.synthetic)
    print(f"  synthetic index of {args.synthetic} paragraphs built in {time.perf_counter() - started:.0f} s", flush=True)
    big = latency(target, questions, args.runs)
    print(f"  hybrid search, {big['paragraphs']} paragraphs (synthetic): p50 {big['p50']:.1f} ms, "
          f"p95 {big['p95']:.1f} ms, peak memory {big['peak_mb']:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
