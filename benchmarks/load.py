"""Throughput and latency under concurrent askers: threads on one Assistant, and processes on a Chroma server.

Questions are the gold questions of evals/dev.jsonl, asked round-robin. Each setting runs
several times; the figures printed are medians over runs. Loopback only.

    .venv/bin/python benchmarks/load.py --runs 3 --per-asker 12
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
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from assistant.config import Settings  # noqa: E402
from assistant.evaluation.runner import load_gold  # noqa: E402
from assistant.index.indexer import ingest_paths  # noqa: E402
from assistant.answering.qa import Assistant  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ANNEX = ROOT / "corpus" / "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt"
QUESTIONS = [item.question for item in load_gold(ROOT / "evals" / "dev.jsonl")]

ASKER_PROCESS = """
import json, sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.answering.qa import Assistant
index_dir, url, offset, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
questions = json.loads(sys.stdin.readline())
bot = Assistant.open(Settings(index_dir=Path(index_dir), chroma_url=url))
bot.ask(questions[0])  # warm up: model and collection loaded
print("READY", flush=True)
sys.stdin.readline()  # "go": all askers start together
latencies, errors = [], 0
for i in range(count):
    started = time.perf_counter()
    try:
        bot.ask(questions[(offset + i) % len(questions)])
    except Exception:
        errors += 1
    latencies.append((time.perf_counter() - started) * 1000)
print(json.dumps({"latencies": latencies, "errors": errors}), flush=True)
"""


@dataclass(frozen=True)
class LoadRun:
    askers: int
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def thread_run(bot: Assistant, askers: int, per_asker: int) -> LoadRun:
    """`askers` threads, each asking `per_asker` questions on the same Assistant."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def asker(offset: int) -> None:
        nonlocal errors
        for i in range(per_asker):
            started = time.perf_counter()
            try:
                bot.ask(QUESTIONS[(offset * 7 + i) % len(QUESTIONS)])
                failed = 0
            except Exception:  # counted, not hidden
                failed = 1
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                errors += failed

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=askers) as pool:
        list(pool.map(asker, range(askers)))
    seconds = time.perf_counter() - started
    return LoadRun(askers, len(latencies), errors, seconds, percentile(latencies, 0.5), percentile(latencies, 0.95))


def process_run(index_dir: Path, url: str, processes: int, per_asker: int) -> LoadRun:
    """`processes` separate Python processes, each with its own Assistant on the Chroma server."""
    children = []
    for n in range(processes):
        child = subprocess.Popen(
            [sys.executable, "-c", ASKER_PROCESS, str(index_dir), url, str(n * 7), str(per_asker)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        child.stdin.write(json.dumps(QUESTIONS) + "\n")
        child.stdin.flush()
        children.append(child)
    for child in children:
        assert child.stdout.readline().strip() == "READY"
    started = time.perf_counter()
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    results = [json.loads(child.stdout.readline()) for child in children]
    seconds = time.perf_counter() - started
    for child in children:
        child.wait()
    latencies = [ms for r in results for ms in r["latencies"]]
    errors = sum(r["errors"] for r in results)
    return LoadRun(processes, len(latencies), errors, seconds, percentile(latencies, 0.5), percentile(latencies, 0.95))


def median_run(runs: list[LoadRun]) -> LoadRun:
    return LoadRun(
        runs[0].askers,
        runs[0].requests,
        sum(r.errors for r in runs),
        statistics.median(r.seconds for r in runs),
        statistics.median(r.p50_ms for r in runs),
        statistics.median(r.p95_ms for r in runs),
    )


def report(label: str, run: LoadRun, runs: int) -> None:
    print(
        f"{label:<28} askers={run.askers:>2}  requests/run={run.requests:>4}  throughput={run.throughput:6.1f}/s  "
        f"p50={run.p50_ms:7.1f} ms  p95={run.p95_ms:7.1f} ms  errors={run.errors} (over {runs} runs)",
        flush=True,
    )


def start_chroma(data: Path) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("chroma run did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-asker", type=int, default=12, help="questions each asker asks per run")
    parser.add_argument("--docs", nargs="*", type=Path, default=[ANNEX], help="files to index (default: the annex)")
    args = parser.parse_args()
    print(f"{len(QUESTIONS)} dev questions; {os.cpu_count()} cores; documents: {', '.join(p.name for p in args.docs)}")
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        embedded = Settings(index_dir=Path(tmp) / "embedded")
        ingest_paths(args.docs, embedded)
        bot = Assistant.open(embedded)
        bot.ask(QUESTIONS[0])
        for askers in (1, 4, 16):
            runs = [thread_run(bot, askers, args.per_asker) for _ in range(args.runs)]
            report("threads, embedded Chroma", median_run(runs), args.runs)
        server, url = start_chroma(Path(tmp) / "chroma-db")
        try:
            served = Settings(index_dir=Path(tmp) / "served", chroma_url=url)
            served.index_dir.mkdir()
            shutil.copy(embedded.index_dir / "embeddings.sqlite", served.index_dir / "embeddings.sqlite")
            ingest_paths(args.docs, served)
            bot = Assistant.open(served)
            bot.ask(QUESTIONS[0])
            for askers in (1, 4, 16):
                runs = [thread_run(bot, askers, args.per_asker) for _ in range(args.runs)]
                report("threads, Chroma server", median_run(runs), args.runs)
            for processes in (1, 4):
                runs = [process_run(served.index_dir, url, processes, args.per_asker) for _ in range(args.runs)]
                report("processes, Chroma server", median_run(runs), args.runs)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
