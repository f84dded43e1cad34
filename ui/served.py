"""Expose indexed source files under ui/static/ so a citation can open the original PDF at its page."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from assistant.index.uploads import safe_file_name
from assistant.types import Document

STATIC_DIR = Path(__file__).resolve().parent / "static"
DOCS_DIR = STATIC_DIR / "docs"


def served_name(doc: Document) -> str:
    """The file name under static/docs/: the document id (file stem) plus the original suffix."""
    return safe_file_name(doc.id + Path(doc.path).suffix.lower())


def publish(documents: dict[str, Document], folder: Path = DOCS_DIR) -> dict[str, str]:
    """Hard-link (or copy) each source file into the static folder; returns doc id -> path under static/."""
    folder.mkdir(parents=True, exist_ok=True)
    served = {}
    for doc in documents.values():
        source = Path(doc.path)
        if not source.is_file():
            continue
        target = folder / served_name(doc)
        if not _same_file(source, target):
            _place(source, target)
        served[doc.id] = f"{folder.name}/{target.name}"
    return served


def _same_file(source: Path, target: Path) -> bool:
    if not target.exists():
        return False
    a, b = source.stat(), target.stat()
    return (a.st_ino == b.st_ino and a.st_dev == b.st_dev) or (a.st_size == b.st_size and a.st_mtime <= b.st_mtime)


def _place(source: Path, target: Path) -> None:
    """Streamlit refuses symlinks that leave static/, so link the inode itself, or copy across file systems."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copy2(source, tmp)
    os.replace(tmp, target)
