"""Shared fixtures: real indexes built from the real corpus, and a real `chroma run` server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ANNEX = CORPUS / "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt"


def _settings(index_dir: Path, **extra):
    from assistant.config import Settings

    return Settings(index_dir=index_dir, **extra)


@pytest.fixture(scope="session")
def annex_settings(tmp_path_factory):
    """An embedded index holding only the AGDB annex (fast to build)."""
    from assistant.index.indexer import ingest_paths

    settings = _settings(tmp_path_factory.mktemp("annex-index"))
    ingest_paths([ANNEX], settings)
    return settings


@pytest.fixture
def index_copy(annex_settings, tmp_path):
    """A private copy of the small annex index, so a test may ingest into it without touching the shared one."""
    folder = tmp_path / "index"
    shutil.copytree(annex_settings.index_dir, folder, ignore=shutil.ignore_patterns("ingest.lock"))
    return _settings(folder)


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory):
    """An embedded index of the whole shipped corpus, built once per test session.

    ASSISTANT_TEST_INDEX names a folder to keep it in across runs (ingest skips what is unchanged).
    """
    from assistant.index.indexer import ingest_paths

    kept = os.environ.get("ASSISTANT_TEST_INDEX")
    settings = _settings(Path(kept) if kept else tmp_path_factory.mktemp("corpus-index"))
    ingest_paths([CORPUS], settings)
    return settings


@pytest.fixture(scope="session")
def corpus_assistant(corpus_settings):
    from assistant.answering.qa import Assistant

    return Assistant.open(corpus_settings)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chroma(path: Path, port: int, log=subprocess.DEVNULL) -> subprocess.Popen:
    """A real `chroma run` on 127.0.0.1:port storing under `path`, returned once it answers its heartbeat."""
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with code {proc.returncode}")
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("chroma run did not answer within 60 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real Chroma server (`chroma run`) on 127.0.0.1 for the whole session; yields its URL."""
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    with open(data / "server.log", "w") as log:
        proc = start_chroma(data / "db", port, log)
        yield f"http://127.0.0.1:{port}"
        stop(proc)
