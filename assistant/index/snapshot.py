"""Index snapshots on disk: immutable document segments, small manifests, one pointer file.

Each document version is written once as a segment (its paragraphs, their BM25 term counts
and, in embedded mode, their vectors) and never changed. A snapshot is only a manifest
that lists which version of each document is live; an ingest writes the segments of
the documents that changed, then a new manifest, then replaces `CURRENT` atomically.
Readers therefore see every document entirely old or entirely new, and a crash
mid-ingest leaves the old index answering. Segments no retained manifest lists are
garbage (an interrupted ingest's, or ones replaced long enough ago) and are deleted.
See docs/incremental.md.

    index/
      CURRENT                   name of the live snapshot
      embeddings.sqlite         passage embeddings by content hash
      ingest.lock               held while an ingest runs
      snapshots/<name>/
        manifest.json           the live (document, version) list; written last
      segments/<version>/       one document version, complete once renamed into place
        document.json           document metadata and clean text
        paragraphs.jsonl        its paragraphs, in order
        terms.npz               its vocabulary and each paragraph's BM25 term counts
        acronyms.json           the acronyms it defines ("consolidated tape (CT)")
        vectors.npy             each paragraph's vector (embedded mode; in server mode
                                they are in the shared Chroma collection)
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.index.lexical import TermCounts
from assistant.types import Document, identity_from_dict, paragraph_from_dict, paragraph_to_dict

INDEX_FORMAT = 4  # 4: per-document segments and a manifest of live versions (3: one full snapshot per ingest)


@dataclass(frozen=True)
class DocEntry:
    """One live document in a manifest: enough to decide on unchanged files and duplicates without reading segments."""

    doc_id: str
    version: str  # the segment holding this version
    sha256: str  # of the file's bytes
    text_hash: str  # of the extracted clean text
    parser: str
    path: str
    title: str
    paragraphs: int


@dataclass(frozen=True)
class SnapshotInfo:
    name: str
    folder: Path
    format: int
    created: float
    embedder: str
    collection: str  # the shared Chroma collection on the server ("" in embedded mode)
    chroma_url: str | None
    entries: tuple[DocEntry, ...] = ()


@dataclass(frozen=True)
class Segment:
    """One document version as written: the document with its paragraphs, their term counts and (embedded mode) vectors."""

    version: str
    document: Document
    terms: TermCounts
    vectors: np.ndarray | None
    acronyms: dict[str, str]


def new_name() -> str:
    """A name that sorts by creation time, to the microsecond: garbage collection keeps the newest by name."""
    now = time.time()
    return time.strftime("%Y%m%dT%H%M%S", time.localtime(now)) + f".{int(now % 1 * 1e6):06d}-" + uuid.uuid4().hex[:6]


def snapshots_dir(index_dir: Path) -> Path:
    return index_dir / "snapshots"


def segments_dir(index_dir: Path) -> Path:
    return index_dir / "segments"


def current_name(index_dir: Path) -> str | None:
    try:
        return (index_dir / "CURRENT").read_text().strip() or None
    except FileNotFoundError:
        return None


def read_info(folder: Path) -> SnapshotInfo | None:
    """The snapshot's manifest, or None when the snapshot is incomplete."""
    try:
        meta = json.loads((folder / "manifest.json").read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return SnapshotInfo(
        name=folder.name,
        folder=folder,
        format=meta.get("format", 0),
        created=meta.get("created", 0.0),
        embedder=meta.get("embedder", ""),
        collection=meta.get("collection", ""),
        chroma_url=meta.get("chroma_url"),
        entries=tuple(DocEntry(**e) for e in meta.get("entries", ())),
    )


def current(index_dir: Path) -> SnapshotInfo | None:
    name = current_name(index_dir)
    return read_info(snapshots_dir(index_dir) / name) if name else None


def write_segment(
    index_dir: Path, document: Document, terms: TermCounts, vectors: np.ndarray | None, acronyms: dict[str, str]
) -> str:
    """Write one document version under a new name, complete and synced before it appears; returns the version."""
    version = f"{document.id[:40]}.{uuid.uuid4().hex[:12]}"
    final = segments_dir(index_dir) / version
    tmp = segments_dir(index_dir) / f".{version}.tmp"
    tmp.mkdir(parents=True)
    record = asdict(document)
    record.pop("paragraphs")
    (tmp / "document.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with open(tmp / "paragraphs.jsonl", "w", encoding="utf-8") as out:
        for p in document.paragraphs:
            out.write(json.dumps(paragraph_to_dict(p), ensure_ascii=False) + "\n")
    np.savez(tmp / "terms.npz", vocab=np.array(terms.vocab, dtype=str), rows=terms.rows, cols=terms.cols, tf=terms.tf,
             lengths=terms.lengths)
    (tmp / "acronyms.json").write_text(json.dumps(acronyms, ensure_ascii=False), encoding="utf-8")
    if vectors is not None:
        np.save(tmp / "vectors.npy", np.asarray(vectors, dtype=np.float32))
    _fsync_tree(tmp)
    os.replace(tmp, final)
    _fsync_dir(final.parent)
    return version


def read_segment(index_dir: Path, version: str) -> Segment:
    folder = segments_dir(index_dir) / version
    record = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    with open(folder / "paragraphs.jsonl", encoding="utf-8") as lines:
        record["paragraphs"] = tuple(paragraph_from_dict(json.loads(line)) for line in lines)
    with np.load(folder / "terms.npz") as arrays:
        terms = TermCounts(arrays["vocab"].tolist(), arrays["rows"], arrays["cols"], arrays["tf"], arrays["lengths"])
    vectors_file = folder / "vectors.npy"
    vectors = np.load(vectors_file) if vectors_file.exists() else None
    acronyms = json.loads((folder / "acronyms.json").read_text(encoding="utf-8"))
    record["identity"] = identity_from_dict(record.get("identity"))
    return Segment(version, Document(**record), terms, vectors, acronyms)


def read_documents(index_dir: Path, info: SnapshotInfo) -> list[Document]:
    """The snapshot's documents with their paragraphs, in index order (by document id)."""
    return [read_segment(index_dir, e.version).document for e in sorted(info.entries, key=lambda e: e.doc_id)]


def write_snapshot(
    index_dir: Path, entries: list[DocEntry], embedder: str, collection: str, chroma_url: str | None
) -> str:
    """Write a manifest listing the live versions as a new (not yet live) snapshot; returns its name."""
    name = new_name()
    folder = snapshots_dir(index_dir) / name
    folder.mkdir(parents=True)
    meta = {
        "format": INDEX_FORMAT,
        "created": time.time(),
        "embedder": embedder,
        "collection": collection,
        "chroma_url": chroma_url,
        "documents": len(entries),
        "paragraphs": sum(e.paragraphs for e in entries),
        "entries": [asdict(e) for e in sorted(entries, key=lambda e: e.doc_id)],
    }
    _atomic_write(folder / "manifest.json", json.dumps(meta, ensure_ascii=False))
    return name


def publish(index_dir: Path, name: str) -> None:
    """Make snapshot `name` the live one (atomic rename of the pointer file)."""
    _fsync_tree(snapshots_dir(index_dir) / name)
    _atomic_write(index_dir / "CURRENT", name + "\n")


def stale_snapshots(index_dir: Path, keep: int) -> list[Path]:
    """Snapshots to delete: all but the newest `keep` complete ones; incomplete ones except the newest."""
    folders = sorted(p for p in snapshots_dir(index_dir).glob("*") if p.is_dir())
    live = current_name(index_dir)
    complete = [p for p in folders if read_info(p) is not None]
    keepers = {p.name for p in complete[-keep:]} | ({live} if live else set())
    return [p for p in folders if p.name not in keepers]


def unreferenced_segments(index_dir: Path, kept: list[SnapshotInfo]) -> list[str]:
    """Versions no kept manifest lists: replaced long enough ago, or left by an interrupted ingest."""
    referenced = {e.version for info in kept for e in info.entries}
    folder = segments_dir(index_dir)
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name.lstrip(".").removesuffix(".tmp") not in referenced)


def remove_segment(index_dir: Path, name: str) -> None:
    shutil.rmtree(segments_dir(index_dir) / name, ignore_errors=True)


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                os.fsync(f.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
