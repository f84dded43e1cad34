"""Index snapshots on disk: immutable folders, and one pointer file that says which is live.

An ingest writes a complete new snapshot, then replaces `CURRENT` atomically, so
readers (the chat, another CLI) see the old index or the new one, never a mix, and a
crash mid-ingest leaves the old index answering.

    index/
      CURRENT                  name of the live snapshot
      embeddings.sqlite        passage embeddings by content hash
      ingest.lock              held while an ingest runs
      snapshots/<name>/
        manifest.json          written last: a snapshot without it is incomplete
        documents.jsonl        document metadata and clean text
        paragraphs.jsonl       every paragraph, in index order
        bm25/                  the lexical index
        chroma/                embedded Chroma (absent in server mode)
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.types import Document, Paragraph, identity_from_dict, paragraph_from_dict, paragraph_to_dict

INDEX_FORMAT = 3  # 3: wide HNSW search beam; passages are heading + text


@dataclass(frozen=True)
class SnapshotInfo:
    name: str
    folder: Path
    format: int
    created: float
    embedder: str
    collection: str  # Chroma collection name (embedded or on the server)
    chroma_url: str | None


def new_name() -> str:
    return time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def snapshots_dir(index_dir: Path) -> Path:
    return index_dir / "snapshots"


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
    )


def current(index_dir: Path) -> SnapshotInfo | None:
    name = current_name(index_dir)
    return read_info(snapshots_dir(index_dir) / name) if name else None


def write_documents(folder: Path, documents: list[Document]) -> None:
    with open(folder / "documents.jsonl", "w", encoding="utf-8") as out:
        for doc in documents:
            record = asdict(doc)
            record.pop("paragraphs")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(folder / "paragraphs.jsonl", "w", encoding="utf-8") as out:
        for doc in documents:
            for p in doc.paragraphs:
                out.write(json.dumps(paragraph_to_dict(p), ensure_ascii=False) + "\n")


def read_documents(folder: Path) -> list[Document]:
    """Documents with their paragraphs, in index order."""
    by_doc: dict[str, list[Paragraph]] = {}
    with open(folder / "paragraphs.jsonl", encoding="utf-8") as lines:
        for line in lines:
            p = paragraph_from_dict(json.loads(line))
            by_doc.setdefault(p.doc_id, []).append(p)
    documents = []
    with open(folder / "documents.jsonl", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            record["paragraphs"] = tuple(by_doc.get(record["id"], ()))
            record["identity"] = identity_from_dict(record.get("identity"))
            documents.append(Document(**record))
    return documents


def write_manifest(folder: Path, embedder: str, collection: str, chroma_url: str | None, extra: dict) -> None:
    meta = {
        "format": INDEX_FORMAT,
        "created": time.time(),
        "embedder": embedder,
        "collection": collection,
        "chroma_url": chroma_url,
        **extra,
    }
    _atomic_write(folder / "manifest.json", json.dumps(meta, indent=1))


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
