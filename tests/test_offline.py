"""Ingest, search and ask with every outbound connection refused except to 127.0.0.1.

Connections and name lookups for other hosts raise and are recorded; the tests then
require that nothing was even attempted, so a library that quietly retries or swallows
the error (telemetry, model hubs, update checks) still fails them.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.indexer import ingest_paths
from assistant.retrieval.hybrid import Retriever
from assistant.answering.qa import Assistant

from conftest import ANNEX, CORPUS

PDF = CORPUS / "13_aanhangsel_ah-tk-20202021-3235_kamervragen_tozo_szw.pdf"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _host(address) -> str | None:
    return address[0] if isinstance(address, tuple) else None


@pytest.fixture
def attempts(monkeypatch) -> list[str]:
    """Refuse non-loopback connections and lookups; the returned list names every attempt."""
    seen: list[str] = []

    def guard(original):
        def connect(self, address, *args, **kwargs):
            if self.family in (socket.AF_INET, socket.AF_INET6) and _host(address) not in LOOPBACK:
                seen.append(f"connect {address}")
                raise OSError(f"network blocked in tests: {address}")
            return original(self, address, *args, **kwargs)

        return connect

    real_create = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo

    def create_connection(address, *args, **kwargs):
        if _host(address) not in LOOPBACK:
            seen.append(f"create_connection {address}")
            raise OSError(f"network blocked in tests: {address}")
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in LOOPBACK and name is not None:
            seen.append(f"getaddrinfo {name}")
            raise socket.gaierror(f"name lookup blocked in tests: {name}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guard(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guard(socket.socket.connect_ex))
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return seen


def test_the_guard_really_blocks(attempts):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80), timeout=2)
    assert attempts == ["create_connection ('example.org', 80)"]


def _ingest_search_ask(settings: Settings) -> None:
    report = ingest_paths([ANNEX, PDF], settings)
    assert len(report.added) == 2 and not report.skipped
    hits = Retriever.open(settings).search("wanneer krijgen aanvragers uitsluitsel", k=5)
    assert any("Uiterlijk 13 juni" in h.paragraph.text for h in hits)
    answer = Assistant.open(settings).ask("Wanneer ontvangen aanvragers van Techkwadraat de uitslag?")
    assert answer.citations and not answer.refused
    assert any("Uiterlijk 13 juni" in c.text for c in answer.citations)


def test_embedded_mode_is_offline(attempts, tmp_path):
    _ingest_search_ask(Settings(index_dir=tmp_path / "index"))
    assert attempts == []


def test_server_mode_talks_to_loopback_only(attempts, tmp_path, chroma_server):
    _ingest_search_ask(Settings(index_dir=tmp_path / "index", chroma_url=chroma_server))
    assert attempts == []
