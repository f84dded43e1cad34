"""Ingest: files in, the changed documents' new versions live, embedding only what changed.

Unchanged files (same bytes, same parser) are neither parsed nor embedded again;
changed files get a new version of their document; files gone from an ingested
folder leave the index; a file whose bytes or extracted text equal another indexed
document is reported and not indexed twice. Each new version is written as its own
segment (and, on a server, its own vectors); the new list of live versions goes live
in one atomic step, so the cost of an ingest grows with the change, not the corpus
(see snapshot.py and docs/incremental.md).
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from assistant.index import snapshot
from assistant.config import Settings
from assistant.index.embedding import EmbeddingCache, make_embedder
from assistant.errors import IngestError, IndexUnavailable
from assistant.parsing.ingest import iter_source_files, load_document
from assistant.index.lexical import TermCounts, passage_tokens
from assistant.index.snapshot import DocEntry, SnapshotInfo
from assistant.index.store import VectorStore, connect, vector_id
from assistant.parsing.blocks import topic_heading
from assistant.text.acronyms import find_definitions
from assistant.types import Document, Paragraph, date_number

Progress = Callable[[str, float], None]
# Every module that turns a file into paragraphs.
# Paths under assistant/ of every module the parser runs (the test checks the list is complete).
PARSER_MODULES = (
    "parsing/ingest.py", "parsing/pdf.py", "parsing/blocks.py", "parsing/paragraphs.py", "parsing/footnotes.py",
    "parsing/letter.py", "parsing/runs.py", "parsing/tables.py", "parsing/text_tables.py", "parsing/tuning.py",
    "parsing/identity.py", "parsing/signature.py", "parsing/ocr.py", "parsing/forms.py",
    "figures/cells.py", "figures/periods.py", "figures/amounts.py", "figures/compare.py", "figures/notation.py",
    "text/sentences.py", "text/acronyms.py",
)


PASSAGE_FORMAT = "5"  # raise when `passage_text` changes: every file is then indexed again


def _parser_version() -> str:
    """A hash of the parsing code (and of the passage format): when it changes, unchanged files are parsed again."""
    digest = hashlib.sha256(PASSAGE_FORMAT.encode())
    for name in PARSER_MODULES:
        digest.update((Path(__file__).resolve().parent.parent / name).read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = _parser_version()


@dataclass(frozen=True)
class Duplicate:
    """A file not indexed because an indexed document already holds the same bytes or the same text."""

    file: str  # the file's name
    doc_id: str  # the document that holds it
    title: str
    same: str  # "bytes" or "text"

    @property
    def sentence_en(self) -> str:
        return f"this document is already indexed as {self.doc_id} ({self.title}); not indexed twice."

    @property
    def sentence_nl(self) -> str:
        return f"dit document staat er al in als {self.doc_id} ({self.title})"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[IngestError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    embedded: int = 0  # paragraphs that had to be embedded (not in the cache)
    paragraphs: int = 0  # paragraphs in the live index afterwards
    snapshot: str | None = None
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    @property
    def failed_all(self) -> bool:
        return bool(self.skipped) and not (self.added or self.updated or self.unchanged)

    def summary(self) -> str:
        lines = [f"skipped {e}" for e in self.skipped]
        lines += [f"skipped {d.file}: {d.sentence_en}" for d in self.duplicates]
        lines.append(
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped) + len(self.duplicates)} skipped; {self.embedded} paragraphs embedded, "
            f"{self.paragraphs} in the index ({self.seconds:.1f} s)"
        )
        return "\n".join(lines)


# A document this short (a fiche, a motie, Kamervragen) is about one thing, which its title names and its
# paragraphs often do not ("In eerste jaren opbrengst van € 470 miljoen" of fiche 141's measure). Holdout recall@5
# 0.779 -> 0.799, correctness +1 item; tuned recall@5 0.840 -> 0.856.
SHORT_DOCUMENT_PAGES = 4
# ... and this many paragraphs at most: a text file counts as one page, however long (the 95-paragraph annex).
SHORT_DOCUMENT_PARAGRAPHS = 40


def passage_text(p: Paragraph, doc: Document) -> str:
    """What gets embedded and lexically indexed: the nearest heading gives a paragraph its topic, and a short
    document's title gives it its subject.

    Measured on the 134 gold questions with evidence (hybrid, w=0.8): text alone R@1 0.746 / MRR 0.820,
    with the heading 0.784 / 0.842. Adding the title of every document (0.784 / 0.855) pulls all paragraphs of a
    long document together, which cost paraphrase recall inside it and made the approximate nearest-neighbour
    order unstable, so a long document's title is left out.
    """
    if p.cells:  # a table row's subject is its table (or the caption above it) and, in a fiche, the measure
        title = p.table or next((t for t in reversed(p.section) if t != p.table_header), "")
        topic = topic_heading(p.section, p.table_header)
        return "\n".join(t for t in (doc.title, topic, title, p.text) if t)
    heading = p.section[-1] if p.section else ""
    text = f"{heading}\n{p.text}" if heading and heading not in p.text else p.text
    topic = topic_heading(p.section)  # the measure "141. Afschaffen carry-back" above its "Budgettaire aspecten"
    text = f"{topic}\n{text}" if topic else text
    short = 0 < doc.page_count <= SHORT_DOCUMENT_PAGES and len(doc.paragraphs) <= SHORT_DOCUMENT_PARAGRAPHS
    return f"{doc.title}\n{text}" if short else text


def sentence_texts(paragraphs: list[Paragraph]) -> list[str]:
    """The sentences the answerer weighs, embedded at ingest so questions only look them up."""
    from assistant.text.sentences import sentence_spans

    return [p.text[a:b].strip() for p in paragraphs for a, b in sentence_spans(p.text) if p.text[a:b].strip()]


def paragraph_metadata(p: Paragraph, doc: Document) -> dict:
    return {
        "doc_id": doc.id,
        "doc_type": doc.doc_type or "",
        "date": date_number(doc.date),
        "kind": p.kind,
        "page": p.page,
    }


def ingest_paths(
    paths: list[Path],
    settings: Settings,
    show_progress: bool = False,
    prune: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Parse the files under `paths`, write new versions of the documents that changed and publish them together."""
    started = time.perf_counter()
    say = _reporter(show_progress, progress)
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with _ingest_lock(settings.index_dir):
        info, previous = _previous_entries(settings, say)
        report, kept, new = _collect(paths, previous, prune, say, settings.ocr_page_timeout_s)
        if not kept and not new:
            say("Nothing to index: no readable documents.", 1.0)
        elif report.changed or info is None:
            report.snapshot, report.embedded = _publish(info, kept, new, settings, say)
            _collect_garbage(settings)
        report.paragraphs = sum(e.paragraphs for e in kept) + sum(len(d.paragraphs) for d in new)
    report.seconds = time.perf_counter() - started
    return report


def _reporter(show_progress: bool, progress: Progress | None) -> Progress:
    def say(message: str, fraction: float) -> None:
        if progress:
            progress(message, fraction)
        if show_progress:
            print(message, flush=True)

    return say


@contextmanager
def _ingest_lock(index_dir: Path) -> Iterator[None]:
    with open(index_dir / "ingest.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another ingest is running on this index; waiting for it to finish…", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _previous_entries(settings: Settings, say: Progress) -> tuple[SnapshotInfo | None, dict[str, DocEntry]]:
    """The live snapshot and its documents; none when it must be rebuilt (older format, other vector store)."""
    info = snapshot.current(settings.index_dir)
    if info is None:
        return None, {}
    if info.format != snapshot.INDEX_FORMAT:
        say(f"The index in {settings.index_dir} was written by an older version; rebuilding it.", 0.0)
        return None, {}
    if info.chroma_url != settings.chroma_url:
        say(f"The index in {settings.index_dir} was built for another vector store; rebuilding it.", 0.0)
        return None, {}
    return info, {e.doc_id: e for e in info.entries}


def _collect(
    paths: list[Path], previous: dict[str, DocEntry], prune: bool, say: Progress, ocr_timeout_s: float = 60.0
) -> tuple[IngestReport, list[DocEntry], list[Document]]:
    """Decide per file: keep its live version, parse a new one, skip it, or drop it.

    Returns the report, the live versions that stay, and the documents that get a new version.
    """
    report = IngestReport()
    files = iter_source_files(paths)
    current: dict[str, DocEntry | Document] = {} if prune else dict(previous)
    contents = _Contents(current)
    for n, path in enumerate(files, 1):
        fraction = n / max(len(files), 1) * 0.5
        say(f"[{n}/{len(files)}] {path.name}", fraction)
        doc = _load_if_changed(path, previous, contents, report, lambda message, f=fraction: say(message, f), ocr_timeout_s)
        if doc is not None:
            contents.put(doc)
    for doc_id, entry in previous.items():
        if doc_id in current and _gone(Path(entry.path), paths):
            del current[doc_id]
        if doc_id not in current:
            report.removed.append(doc_id)
    kept = [d for d in current.values() if isinstance(d, DocEntry)]
    new = sorted((d for d in current.values() if isinstance(d, Document)), key=lambda d: d.id)
    return report, kept, new


def _id(doc: DocEntry | Document) -> str:
    return doc.doc_id if isinstance(doc, DocEntry) else doc.id


class _Contents:
    """The documents live after this ingest, and which of them holds which file bytes and which extracted text."""

    def __init__(self, current: dict[str, DocEntry | Document]):
        self.current = current
        self._by_bytes: dict[str, DocEntry | Document] = {}
        self._by_text: dict[str, DocEntry | Document] = {}
        for doc in list(current.values()):
            self.put(doc)

    def put(self, doc: DocEntry | Document) -> None:
        self.current[_id(doc)] = doc
        self._by_bytes[doc.sha256] = doc
        self._by_text[_text_hash(doc)] = doc

    def with_bytes(self, sha256: str, other_than: str) -> DocEntry | Document | None:
        return self._live(self._by_bytes.get(sha256), other_than)

    def with_text(self, text_hash: str, other_than: str) -> DocEntry | Document | None:
        return self._live(self._by_text.get(text_hash), other_than)

    def _live(self, doc: DocEntry | Document | None, other_than: str) -> DocEntry | Document | None:
        """A holder that is still live (not replaced since) and is another document than the one being read."""
        if doc is None or _id(doc) == other_than or self.current.get(_id(doc)) is not doc:
            return None
        return doc


def _load_if_changed(
    path: Path, previous: dict[str, DocEntry], contents: _Contents, report: IngestReport,
    progress: Callable[[str], None] | None = None, ocr_timeout_s: float = 60.0,
) -> DocEntry | Document | None:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        report.skipped.append(IngestError(str(path), f"cannot be read ({err.strerror})", "Check the path and permissions."))
        return None
    old = previous.get(path.stem)
    if old is not None and old.sha256 == digest and old.parser == PARSER_VERSION:
        report.unchanged.append(old.doc_id)
        return old
    if (twin := contents.with_bytes(digest, path.stem)) is not None:
        report.duplicates.append(Duplicate(path.name, _id(twin), twin.title, "bytes"))
        return old
    try:
        doc = load_document(path, progress, ocr_timeout_s)
    except IngestError as err:
        report.skipped.append(err)
        return old  # a broken new version leaves the indexed one in place
    text_hash = hashlib.sha256(doc.text.encode()).hexdigest()
    if (twin := contents.with_text(text_hash, doc.id)) is not None:
        report.duplicates.append(Duplicate(path.name, _id(twin), twin.title, "text"))
        return old
    metadata = {**doc.metadata, "parser": PARSER_VERSION, "text_sha256": text_hash}
    doc = replace(doc, path=str(path.resolve()), metadata=metadata)
    (report.updated if old is not None else report.added).append(doc.id)
    return doc


def _text_hash(doc: DocEntry | Document) -> str:
    return doc.text_hash if isinstance(doc, DocEntry) else doc.metadata["text_sha256"]


def _gone(source: Path, ingested: list[Path]) -> bool:
    """A previously indexed file that lived under an ingested folder but no longer exists."""
    if source.exists():
        return False
    return any(p.is_dir() and source.parent == p.resolve() for p in ingested)


def _publish(
    info: SnapshotInfo | None, kept: list[DocEntry], new: list[Document], settings: Settings, say: Progress
) -> tuple[str, int]:
    """Write a segment (and server vectors) for each new version, then one manifest of all live versions, then go live."""
    embedder = make_embedder(settings.embed_backend, settings.embed_url)
    collection = info.collection if info is not None and info.collection else ""
    store = None
    if settings.chroma_url:
        collection = collection or f"paragraphs-{snapshot.new_name()}"
        store = VectorStore(connect(url=settings.chroma_url, token=settings.chroma_token), collection)
    cache = EmbeddingCache(settings.index_dir / "embeddings.sqlite", embedder)
    entries = list(kept)
    say(f"Indexing {sum(len(d.paragraphs) for d in new)} paragraphs of {len(new)} changed documents…", 0.55)
    try:
        for n, doc in enumerate(new, 1):
            entries.append(_write_version(doc, settings, cache, store, say, f"{n}/{len(new)}"))
    finally:
        cache.close()
    say("Writing the list of live versions…", 0.97)
    name = snapshot.write_snapshot(settings.index_dir, entries, embedder.name, collection, settings.chroma_url)
    snapshot.publish(settings.index_dir, name)
    say(f"Index {name} is live: {len(entries)} documents, {sum(e.paragraphs for e in entries)} paragraphs.", 1.0)
    return name, cache.embedded


def _write_version(
    doc: Document, settings: Settings, cache: EmbeddingCache, store: VectorStore | None, say: Progress, step: str
) -> DocEntry:
    """One document's new version: embedded, tokenized, written as a segment; on a server its vectors added after."""
    texts = [passage_text(p, doc) for p in doc.paragraphs]
    vectors = _embed(cache, texts, say)
    say(f"Embedding sentences for answer selection ({step})…", 0.9)
    cache.embed_passages(sentence_texts(list(doc.paragraphs)))
    say(f"Writing document segment {step}…", 0.92)
    acronyms = find_definitions(p.text for p in doc.paragraphs)
    terms = TermCounts.of(passage_tokens(texts))
    version = snapshot.write_segment(settings.index_dir, doc, terms, None if store else vectors, acronyms)
    if store is not None:  # after the segment, so vectors on the server always have a segment that records them
        say(f"Adding vectors to the server collection ({step})…", 0.95)
        store.add(
            [vector_id(p.id, version) for p in doc.paragraphs],
            vectors,
            [{**paragraph_metadata(p, doc), "version": version} for p in doc.paragraphs],
        )
    return DocEntry(
        doc_id=doc.id,
        version=version,
        sha256=doc.sha256,
        text_hash=_text_hash(doc),
        parser=doc.metadata.get("parser", ""),
        path=doc.path,
        title=doc.title,
        paragraphs=len(doc.paragraphs),
    )


def _embed(cache: EmbeddingCache, texts: list[str], say: Progress) -> np.ndarray:
    step = 256
    parts = []
    for i in range(0, len(texts), step):
        parts.append(cache.embed_passages(texts[i : i + step]))
        say(f"Embedded {min(i + step, len(texts))}/{len(texts)} paragraphs", 0.55 + 0.4 * min(i + step, len(texts)) / len(texts))
    return np.vstack(parts) if parts else np.zeros((0, 384), dtype=np.float32)


def _collect_garbage(settings: Settings) -> None:
    """Delete snapshots beyond the kept ones, then versions no kept snapshot lists (server vectors before files)."""
    index_dir = settings.index_dir
    stale = snapshot.stale_snapshots(index_dir, settings.keep_snapshots)
    kept = [i for p in snapshot.snapshots_dir(index_dir).glob("*") if p not in stale and (i := snapshot.read_info(p))]
    client = connect(url=settings.chroma_url, token=settings.chroma_token) if settings.chroma_url else None
    for folder in stale:
        info = snapshot.read_info(folder)
        if client is not None and info is not None and info.collection and info.collection not in {k.collection for k in kept}:
            try:
                VectorStore(client, info.collection).drop()
            except IndexUnavailable:
                continue
        snapshot.remove(folder)
    live = snapshot.current(index_dir)
    store = VectorStore(client, live.collection) if client is not None and live and live.collection else None
    for name in snapshot.unreferenced_segments(index_dir, kept):
        if store is not None and not name.startswith("."):
            try:
                store.delete_version(name)
            except IndexUnavailable:
                continue
        snapshot.remove_segment(index_dir, name)
