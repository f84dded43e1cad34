"""An ingest killed at any moment leaves the old or the new index, never a mix; old index formats are rebuilt."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from assistant.index import snapshot
from assistant.config import Settings
from assistant.errors import IndexUnavailable
from assistant.index.indexer import ingest_paths
from assistant.retrieval.hybrid import Retriever

from conftest import ANNEX

ROOT = Path(__file__).resolve().parent.parent


def _crash_module():
    spec = importlib.util.spec_from_file_location("crash_bench", ROOT / "benchmarks" / "crash.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_sigkill_during_ingest_never_mixes_versions(tmp_path, annex_settings):
    crash = _crash_module()
    tally = crash.run(8, seed=7, work=tmp_path, warm_cache=annex_settings.index_dir / "embeddings.sqlite", say=lambda _: None)
    assert tally.runs == 8
    assert tally.faults >= 1  # at least one kill landed while the child was still ingesting
    assert tally.errors == []
    assert tally.data_lost == 0


def _downgrade(index_dir: Path) -> None:
    """Make the live snapshot look as if an older version wrote it."""
    manifest = snapshot.current(index_dir).folder / "manifest.json"
    meta = json.loads(manifest.read_text())
    meta["format"] = snapshot.INDEX_FORMAT - 1
    manifest.write_text(json.dumps(meta))


def test_older_index_format_is_refused_then_rebuilt(tmp_path, annex_settings):
    settings = Settings(index_dir=tmp_path / "index")
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "embeddings.sqlite").write_bytes((annex_settings.index_dir / "embeddings.sqlite").read_bytes())
    ingest_paths([ANNEX], settings)
    _downgrade(settings.index_dir)
    with pytest.raises(IndexUnavailable, match="older version.*assistant ingest"):
        Retriever.open(settings)
    messages: list[str] = []
    report = ingest_paths([ANNEX], settings, progress=lambda message, _: messages.append(message))
    assert any("older version" in m and "rebuilding" in m for m in messages)
    assert report.added == [ANNEX.stem] and report.snapshot and report.embedded == 0
    assert snapshot.current(settings.index_dir).format == snapshot.INDEX_FORMAT
    hits = Retriever.open(settings).search("wanneer krijgen aanvragers uitsluitsel", k=1)
    assert "Uiterlijk 13 juni" in hits[0].paragraph.text
