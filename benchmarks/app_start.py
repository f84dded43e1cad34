"""Time from `streamlit run ui/app.py` to a usable chat (the chat input visible in headless Chromium).

Uses an existing index: ASSISTANT_INDEX_DIR, or the default index/ (build it with `make index`).
Prints each run and the median of --runs (default 3). Target: under 5 s.

    .venv/bin/python benchmarks/app_start.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120) -> float:
    """Seconds until /_stcore/health answers."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            sys.exit("streamlit exited early; is there an index? (make index)")
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    sys.exit("streamlit did not answer")


def one_run(browser, index_dir: str) -> tuple[float, float, float]:
    """Seconds from process start to: health check answering, chat input visible, index loaded (sidebar)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ASSISTANT_INDEX_DIR": index_dir, "OMP_WAIT_POLICY": "PASSIVE"}
    command = [str(Path(sys.executable).parent / "streamlit"), "run", str(ROOT / "ui" / "app.py"),
               "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        healthy = wait_healthy(url, proc)
        page = browser.new_page()
        page.goto(url)
        page.get_by_test_id("stChatInputTextArea").wait_for(state="visible", timeout=120_000)
        usable = time.perf_counter() - started
        page.get_by_test_id("stSidebar").get_by_text("alinea's").wait_for(state="visible", timeout=120_000)
        loaded = time.perf_counter() - started
        page.close()
        return healthy, usable, loaded
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    from playwright.sync_api import sync_playwright

    from assistant.config import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    index_dir = str(Settings().index_dir)
    if not (Path(index_dir) / "CURRENT").exists():
        sys.exit(f"No index in {index_dir}; build one with `make index` or set ASSISTANT_INDEX_DIR.")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        results = []
        for n in range(1, args.runs + 1):
            healthy, usable, loaded = one_run(browser, index_dir)
            results.append((usable, loaded))
            print(f"run {n}: healthy {healthy:.2f} s, chat input {usable:.2f} s, index loaded {loaded:.2f} s",
                  flush=True)
        browser.close()
    print(f"app start to usable chat: median {statistics.median(r[0] for r in results):.2f} s; "
          f"to index loaded: median {statistics.median(r[1] for r in results):.2f} s "
          f"over {len(results)} runs (index {index_dir})")


if __name__ == "__main__":
    main()
