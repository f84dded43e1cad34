"""Adding one letter to indexes of 2k, 50k and 200k paragraphs: time, peak memory, disk; and query latency there.

The base index is the corpus without the letter, built by the real ingest (vectors from the
embedding cache). Larger sizes add synthetic documents written in the real segment format:
corpus documents repeated with 10% of their words (and BM25 tokens) dropped and their
vectors jittered (Gaussian, sigma 0.02 per dimension, renormalised), as
benchmarks/retrieval.py does; embedding 200,000 paragraphs for real would take days here.
The step that is measured is real: the letter (a 9-page Kamerbrief from corpus/) is copied
into an ingested folder and `ingest_paths` parses, tokenizes, looks up its vectors in the
cache, writes its segment and publishes; then it is removed the same way. Each step runs in a
fresh process, so its peak memory (VmHWM) is the ingest's own. As a baseline in the same
run, the old design's cost is measured at each size up to --baseline-max: a complete snapshot
(BM25 over every paragraph, every vector into a new embedded Chroma collection).

    .venv/bin/python benchmarks/incremental.py --sizes 2000 50000 200000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402

from assistant.config import Settings  # noqa: E402
from assistant.evaluation.runner import load_gold  # noqa: E402
from assistant.index import snapshot  # noqa: E402
from assistant.index.indexer import ingest_paths, paragraph_metadata  # noqa: E402
from assistant.index.lexical import LexicalIndex  # noqa: E402
from assistant.index.store import VectorStore, connect  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from retrieval import LATENCY_PROCESS, PEAK, grow_synthetic  # noqa: E402  (shared with benchmarks/retrieval.py)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
LETTER = CORPUS / "04_kamerbrief_ienw_2022-12-22_emissies_luchtvaart.pdf"

STEP = PEAK + """
import json, sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.index.indexer import ingest_paths
started = time.perf_counter()
report = ingest_paths([Path(sys.argv[1])], Settings(index_dir=Path(sys.argv[2])))
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "embedded": report.embedded, "paragraphs": report.paragraphs,
                  "added": report.added, "removed": report.removed,
                  "peak_mb": peak_mb()}))
"""

REFRESH = PEAK + """
import json, sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.index.indexer import ingest_paths
from assistant.retrieval.hybrid import Retriever
settings = Settings(index_dir=Path(sys.argv[2]))
started = time.perf_counter()
reader = Retriever.open(settings)
opened = time.perf_counter() - started
ingest_paths([Path(sys.argv[1])], settings)
started = time.perf_counter()
reader.refresh()
print(json.dumps({"open": opened, "refresh": time.perf_counter() - started, "peak_mb": peak_mb()}))
"""

def child(script: str, *args: str, stdin: str | None = None) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ})
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def disk_mb(index_dir: Path) -> float:
    """The index on disk without the embedding cache (shared by every size)."""
    total = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file() and p.name != "embeddings.sqlite")
    return total / 2**20


def base_index(work: Path, cache: Path) -> Settings:
    """The corpus without the letter, through the real ingest, vectors from the cache."""
    settings = Settings(index_dir=work / "index")  # ASSISTANT_CHROMA_URL, when set, puts the vectors on that server
    settings.index_dir.mkdir(parents=True)
    sqlite3.connect(cache).backup(sqlite3.connect(settings.index_dir / "embeddings.sqlite"))
    files = [p for p in sorted(CORPUS.iterdir()) if p.suffix in (".pdf", ".txt", ".md") and p != LETTER]
    report = ingest_paths(files, settings)
    print(f"base index: {report.paragraphs} paragraphs of {len(report.added)} documents "
          f"({report.embedded} texts embedded, the rest from the cache), {report.seconds:.0f} s", flush=True)
    return settings


def add_and_remove(settings: Settings, incoming: Path, runs: int) -> dict:
    added, removed = [], []
    for _ in range(runs):
        shutil.copy(LETTER, incoming / LETTER.name)
        add = child(STEP, str(incoming), str(settings.index_dir))
        assert add["added"] == [LETTER.stem], add
        entry = next(e for e in snapshot.current(settings.index_dir).entries if e.doc_id == LETTER.stem)
        add["written_mb"] = disk_mb(snapshot.segments_dir(settings.index_dir) / entry.version) + disk_mb(
            snapshot.current(settings.index_dir).folder)
        added.append(add)
        (incoming / LETTER.name).unlink()
        gone = child(STEP, str(incoming), str(settings.index_dir))
        assert gone["removed"] == [LETTER.stem], gone
        removed.append(gone)
    return {"added": added, "removed": removed}


def baseline(settings: Settings, work: Path) -> float:
    """The old design's cost of any change: BM25 over every paragraph and every vector into a new collection."""
    info = snapshot.current(settings.index_dir)
    segments = [snapshot.read_segment(settings.index_dir, e.version) for e in sorted(info.entries, key=lambda e: e.doc_id)]
    ids = [p.id for s in segments for p in s.document.paragraphs]
    meta = [paragraph_metadata(p, s.document) for s in segments for p in s.document.paragraphs]
    vectors = np.vstack([s.vectors for s in segments if len(s.vectors)])
    folder = work / f"baseline-{len(ids)}"  # a new path each time: Chroma keeps a client per path
    started = time.perf_counter()
    LexicalIndex.from_counts(ids, [s.terms for s in segments]).save(folder / "bm25")
    VectorStore(connect(folder / "chroma"), "paragraphs-baseline").add(ids, vectors, meta)
    seconds = time.perf_counter() - started
    shutil.rmtree(folder, ignore_errors=True)
    return seconds


def latency(index_dir: Path, questions: list[str], runs: int) -> dict:
    result = child(LATENCY_PROCESS, str(index_dir), str(runs), stdin=json.dumps(questions))
    p50 = statistics.median(statistics.median(t) for t in result["timings"])
    p95 = statistics.median(sorted(t)[int(round(0.95 * (len(t) - 1)))] for t in result["timings"])
    return {"p50": p50, "p95": p95, "peak_mb": result["peak_mb"]}


def med(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 50_000, 200_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=ROOT / "index" / "embeddings.sqlite",
                        help="an embedding cache that holds the corpus (copied, never written)")
    parser.add_argument("--baseline-max", type=int, default=50_000, help="largest size the old design is timed at")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--chroma-url", default=None,
                        help="a `chroma run` server: measure server mode at the corpus size (no synthetic growth there)")
    args = parser.parse_args()
    if args.chroma_url:
        os.environ["ASSISTANT_CHROMA_URL"] = args.chroma_url  # read by Settings here and in every child
        args.sizes, args.baseline_max = [0], -1
    work = args.work or Path(tempfile.mkdtemp(prefix="incremental-bench-"))
    shutil.rmtree(work / "index", ignore_errors=True)
    questions = [i.question for path in [ROOT / "evals" / "dev.jsonl", *sorted((ROOT / "evals").glob("gold_*.jsonl"))]
                 for i in load_gold(path)]
    rng = np.random.default_rng(0)
    started = time.perf_counter()
    settings = base_index(work, args.cache)
    incoming = work / "incoming"
    incoming.mkdir(exist_ok=True)
    print(f"the letter: {LETTER.name}", flush=True)
    for size in args.sizes:
        t0 = time.perf_counter()
        grow_synthetic(settings, size, rng)
        live = sum(e.paragraphs for e in snapshot.current(settings.index_dir).entries)
        print(f"== {live} paragraphs (grown in {time.perf_counter() - t0:.0f} s), index on disk {disk_mb(settings.index_dir):.0f} MB",
              flush=True)
        steps = add_and_remove(settings, incoming, args.runs)
        add, gone = steps["added"], steps["removed"]
        each = ", ".join(f"{r['seconds']:.2f}" for r in add)
        print(f"  add the letter ({add[0]['paragraphs'] - live} paragraphs, {med(add, 'embedded'):.0f} texts embedded): "
              f"median {med(add, 'seconds'):.2f} s (runs: {each}), "
              f"peak memory {med(add, 'peak_mb'):.0f} MB, written {med(add, 'written_mb'):.2f} MB "
              f"(its segment and the new manifest)", flush=True)
        print(f"  remove it again: median {med(gone, 'seconds'):.2f} s, peak memory {med(gone, 'peak_mb'):.0f} MB", flush=True)
        if size <= args.baseline_max:
            print(f"  baseline, old design (complete snapshot per change): {baseline(settings, work):.2f} s", flush=True)
        shutil.copy(LETTER, incoming / LETTER.name)
        reader = child(REFRESH, str(incoming), str(settings.index_dir))
        (incoming / LETTER.name).unlink()
        child(STEP, str(incoming), str(settings.index_dir))
        print(f"  a reader: opens the index in {reader['open']:.2f} s, takes in the added letter (refresh) in "
              f"{reader['refresh']:.2f} s, peak memory {reader['peak_mb']:.0f} MB", flush=True)
        lat = latency(settings.index_dir, questions, args.runs)
        print(f"  hybrid search ({len(questions)} questions, median of {args.runs} passes): p50 {lat['p50']:.1f} ms, "
              f"p95 {lat['p95']:.1f} ms, peak memory {lat['peak_mb']:.0f} MB", flush=True)
    print(f"({time.perf_counter() - started:.0f} s; work folder {work})")


if __name__ == "__main__":
    main()
