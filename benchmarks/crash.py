"""Kill `ingest` at random moments; after every kill the index must hold the old or the new content, never a mix.

The ingest is incremental: only the changed documents get a new version (segment) and
the list of live versions switches atomically, so the kills land while a document's new
version is being embedded, written, or listed.

Each round writes a new version of a small real corpus (the annex with one sentence
changed, a real PDF, and a note that comes and goes), starts an ingest in a child
process, SIGKILLs it after a random delay, and checks the live index: it opens,
answers, every document is entirely the previous or the new version, all documents
come from the same version, and paragraphs, BM25 ids and Chroma vectors agree.
Then an ingest in this process must complete and publish the new version.

    .venv/bin/python benchmarks/crash.py --runs 30
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from assistant.index import snapshot  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.parsing.ingest import load_document  # noqa: E402
from assistant.index.indexer import ingest_paths  # noqa: E402
from assistant.retrieval.hybrid import Retriever  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ANNEX = ROOT / "corpus" / "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt"
PDF = ROOT / "corpus" / "14_kamerstuk_kst-32545-143_motie_negatieve_spaarrente.pdf"
SENTENCE = "Uiterlijk 13 juni ontvangen aanvragers de uitslag."
NOTE = "notitie"
QUESTION = "wanneer ontvangen aanvragers de uitslag"

CHILD = """
import sys
from pathlib import Path
from assistant.config import Settings
from assistant.index.indexer import ingest_paths
print("READY", flush=True)
ingest_paths([Path(sys.argv[1])], Settings(index_dir=Path(sys.argv[2])), progress=lambda m, _: print("PHASE", m, flush=True))
print("DONE", flush=True)
"""

Content = dict[str, frozenset[str]]  # doc id -> its paragraph texts


@dataclass
class Tally:
    runs: int = 0
    faults: int = 0  # kills that landed while the ingest was still running
    phases: dict[str, int] = field(default_factory=dict)  # where the kills landed
    published_before_kill: int = 0
    errors: list[str] = field(default_factory=list)
    data_lost: int = 0


class CrashRig:
    """A scratch corpus folder and index whose versions are known, and the checks after a kill."""

    def __init__(self, work: Path, warm_cache: Path | None = None):
        self.folder = work / "docs"
        self.folder.mkdir(parents=True)
        (work / "index").mkdir()
        if warm_cache and warm_cache.exists():
            shutil.copy(warm_cache, work / "index" / "embeddings.sqlite")
        self.settings = Settings(index_dir=work / "index")
        self.versions: dict[int, Content] = {}
        shutil.copy(PDF, self.folder / PDF.name)

    def write_version(self, n: int) -> None:
        """Version n: the annex says day n in one sentence; the note exists in even versions only."""
        text = ANNEX.read_text(encoding="utf-8").replace(SENTENCE, f"Uiterlijk {n} juni ontvangen aanvragers de uitslag.")
        (self.folder / ANNEX.name).write_text(text, encoding="utf-8")
        note = self.folder / f"{NOTE}.txt"
        if n % 2 == 0:
            note.write_text(f"Notitie versie {n}.\n\nDe regeling wordt in ronde {n} herzien en geëvalueerd.\n", encoding="utf-8")
        elif note.exists():
            note.unlink()
        self.versions[n] = {p.stem: frozenset(x.text for x in load_document(p).paragraphs) for p in self.folder.iterdir()}

    def live_content(self) -> Content:
        info = snapshot.current(self.settings.index_dir)
        return {d.id: frozenset(p.text for p in d.paragraphs) for d in snapshot.read_documents(self.settings.index_dir, info)}

    def which_version(self, allowed: tuple[int, ...]) -> int | None:
        """The allowed version the live index equals as a whole, or None for a mix or a loss."""
        live = self.live_content()
        return next((n for n in allowed if self.versions[n] == live), None)

    def consistency_problems(self) -> list[str]:
        """Paragraph records, BM25 ids and vectors of the live versions must be the same set."""
        retriever = Retriever.open(self.settings)
        ids = set(retriever.paragraphs)
        problems = []
        if set(retriever.loaded.lexical.ids) != ids:
            problems.append("BM25 ids differ from paragraphs")
        store = retriever.loaded.vectors
        if store.count() != len(ids) or set(store.vectors(sorted(ids))) != ids:
            problems.append("vectors differ from paragraphs")
        if not retriever.search(QUESTION, k=3):
            problems.append("search returned nothing")
        return problems

    def killed_ingest(self, delay: float, trigger: str | None = None) -> str:
        """Run an ingest in a child and SIGKILL it `delay` s after it is ready (or after its first progress
        line starting with `trigger`); return the step it was in."""
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(self.folder), str(self.settings.index_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        said = [child.stdout.readline().strip()]  # READY: imports done
        while trigger is not None and said[-1] and not (said[-1].startswith("PHASE ") and step_of(said[-1][6:]) == trigger):
            said.append(child.stdout.readline().strip())
        time.sleep(delay)
        running = child.poll() is None
        child.send_signal(signal.SIGKILL)
        child.wait()
        said += child.stdout.read().splitlines()
        child.stdout.close()
        return phase_of(said) if running else "after the child had finished"

    def timed_child_ingest(self) -> tuple[float, list[str]]:
        """Seconds from READY to exit of an uncut child ingest, and the steps it announced (kill targets)."""
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(self.folder), str(self.settings.index_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        child.stdout.readline()
        started = time.perf_counter()
        said = child.stdout.read().splitlines()
        child.wait()
        child.stdout.close()
        steps = [step_of(line[6:]) for line in said if line.startswith("PHASE ")]
        return time.perf_counter() - started, list(dict.fromkeys(s for s in steps if not s.startswith("published")))


def step_of(message: str) -> str:
    """A progress message without its numbers and file names: the ingest step it announces."""
    if message.startswith("["):
        return "reading files"
    if " is live" in message:
        return "published, cleaning up"
    return re.sub(r"\d+", "N", message).rstrip("…. ")


def phase_of(lines: list[str]) -> str:
    """The step a child was in, from the last progress line it printed."""
    steps = [step_of(line[6:]) for line in lines if line.startswith("PHASE ")]
    if "DONE" in lines or (steps and steps[-1].startswith("published")):
        return "after publishing, while cleaning up"
    return f"after '{steps[-1]}'" if steps else "while starting"


def run(runs: int, seed: int, work: Path, warm_cache: Path | None = None, say=print) -> Tally:
    """`runs` rounds of write version → killed ingest → check → completing ingest → check."""
    rng = random.Random(seed)
    rig = CrashRig(work, warm_cache)
    rig.write_version(0)
    ingest_paths([rig.folder], rig.settings)
    rig.write_version(1)
    window, steps = rig.timed_child_ingest()
    triggers: list[str | None] = [None] * max(len(steps), 1) + steps  # half random, half just after each step
    say(f"an uncut ingest of one changed version takes {window:.2f} s after start-up; random kills drawn "
        f"from [0, {window * 1.1:.2f}] s, targeted ones 0-50 ms after a progress line")
    tally, current = Tally(), 1
    for n in range(2, runs + 2):
        rig.write_version(n)
        tally.runs += 1
        trigger = rng.choice(triggers)
        delay = rng.uniform(0, window * 1.1) if trigger is None else rng.uniform(0, 0.05)
        phase = rig.killed_ingest(delay, trigger)
        tally.phases[phase] = tally.phases.get(phase, 0) + 1
        tally.faults += phase != "after the child had finished"
        _check(rig, (current, n), tally, f"run {n - 1} after kill at {delay:.2f} s after {trigger or 'start'}")
        try:
            ingest_paths([rig.folder], rig.settings)
        except Exception as err:  # the point is to count these
            tally.errors.append(f"run {n - 1}: next ingest failed: {type(err).__name__}: {err}")
        seen = _check(rig, (n,), tally, f"run {n - 1} after the completing ingest")
        current = seen if seen is not None else current
    leftovers = [p.name for p in snapshot.snapshots_dir(rig.settings.index_dir).iterdir()]
    if len(leftovers) > rig.settings.keep_snapshots:
        tally.errors.append(f"{len(leftovers)} snapshot folders left (keep {rig.settings.keep_snapshots})")
    kept = [i for p in snapshot.snapshots_dir(rig.settings.index_dir).iterdir() if (i := snapshot.read_info(p))]
    if garbage := snapshot.unreferenced_segments(rig.settings.index_dir, kept):
        tally.errors.append(f"{len(garbage)} document versions left that no kept snapshot lists: {garbage[:3]}")
    return tally


def _check(rig: CrashRig, allowed: tuple[int, ...], tally: Tally, where: str) -> int | None:
    try:
        seen = rig.which_version(allowed)
        problems = rig.consistency_problems()
    except Exception as err:  # an index that does not open is data lost
        tally.errors.append(f"{where}: {type(err).__name__}: {err}")
        tally.data_lost += 1
        return None
    if seen is None:
        tally.data_lost += 1
        live = rig.live_content()
        odd = sorted(d for d in set(live) | {d for n in allowed for d in rig.versions[n]}
                     if all(live.get(d) != rig.versions[n].get(d) for n in allowed))
        tally.errors.append(f"{where}: live index is none of versions {allowed}; documents matching neither: {odd}")
    if problems:
        tally.errors.append(f"{where}: " + "; ".join(problems))
    if seen == allowed[-1] and len(allowed) == 2:
        tally.published_before_kill += 1
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crash-") as tmp:
        tally = run(args.runs, args.seed, Path(tmp))
    for line in tally.errors:
        print("  error:", line)
    print(f"runs: {tally.runs}")
    print(f"faults injected (SIGKILL while ingest running): {tally.faults}")
    print(f"kills after which the new version was already live: {tally.published_before_kill}")
    for phase, count in sorted(tally.phases.items(), key=lambda kv: -kv[1]):
        print(f"  killed {phase}: {count}")
    print(f"errors: {len(tally.errors)}")
    print(f"data lost: {tally.data_lost}")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
