"""Upload handling for the chat: a safe file name, size and type checks, ingest, and a Dutch outcome."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from assistant.config import Settings
from assistant.errors import AssistantError, IngestError

ALLOWED_SUFFIXES = (".pdf", ".txt", ".md")
Progress = Callable[[str, float], None]

# Known ingest causes (English, from the library) and how to say them to a Dutch reader.
_CAUSES_NL = (
    (("decompression bomb",), "het pakt uit tot onredelijk veel gegevens en is uit voorzorg geweigerd"),
    (("password", "encrypt"), "het bestand is beveiligd met een wachtwoord"),
    (("text layer", "scan", "no text", "no extractable"), "het bevat geen leesbare tekst (waarschijnlijk een scan)"),
    (("not a pdf", "invalid pdf", "damaged", "corrupt", "cannot be parsed", "eof", "malformed"),
     "het is geen geldige PDF of het is beschadigd"),
    (("empty", "no paragraphs"), "er staat geen tekst in"),
    (("utf-8", "encoding", "decode"), "de tekst is niet als UTF-8 opgeslagen"),
)


@dataclass(frozen=True)
class UploadOutcome:
    """What happened to one uploaded file, with the message shown to the user."""

    ok: bool
    message: str  # Dutch, names the file
    saved_as: Path | None = None
    doc_ids: tuple[str, ...] = field(default=())


def safe_file_name(name: str) -> str:
    """A file name without directories, '..' or odd characters: 'Brief (def).PDF' -> 'Brief_def.pdf'."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_-")[:100] or "upload"
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix).lower()[:8]
    return f"{stem}.{suffix}" if suffix else stem


def uploads_dir(settings: Settings) -> Path:
    return settings.index_dir / "uploads"


def refusal_reason(name: str, data: bytes, max_mb: int) -> str | None:
    """A Dutch reason to refuse the file before ingest, or None when it may be tried."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        return "alleen PDF-, TXT- en MD-bestanden kunnen worden toegevoegd"
    if not data.strip():
        return "het bestand is leeg"
    if len(data) > max_mb * 1024 * 1024:
        return f"het bestand is groter dan {max_mb} MB"
    if suffix == ".pdf" and not data[:1024].lstrip().startswith(b"%PDF-"):
        return "het is geen echte PDF (de inhoud begint niet als een PDF-bestand)"
    if suffix != ".pdf":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return "de tekst is niet als UTF-8 opgeslagen"
    return None


def dutch_cause(error: IngestError) -> str:
    """Translate an ingest error's cause for the user; unknown causes are quoted as they are."""
    cause = (error.cause or str(error)).lower()
    for words, dutch in _CAUSES_NL:
        if any(w in cause for w in words):
            return dutch
    return f"het kon niet worden gelezen ({error.cause})"


def add_upload(name: str, data: bytes, settings: Settings, progress: Progress | None = None) -> UploadOutcome:
    """Save an uploaded file under the index's uploads folder and ingest it; a refused file leaves nothing behind."""
    from assistant.index.indexer import ingest_paths

    shown = Path(re.split(r"[\\/]", name)[-1]).name or name
    reason = refusal_reason(shown, data, settings.max_upload_mb)
    if reason:
        return UploadOutcome(False, f"{shown} is niet toegevoegd: {reason}.")
    target = uploads_dir(settings) / safe_file_name(shown)
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = target.read_bytes() if target.exists() else None
    target.write_bytes(data)
    try:
        report = ingest_paths([target], settings, progress=progress)
    except AssistantError as err:
        _restore(target, previous)
        return UploadOutcome(False, f"{shown} is niet toegevoegd: {err}")
    if report.skipped:
        _restore(target, previous)
        return UploadOutcome(False, f"{shown} is niet toegevoegd: {dutch_cause(report.skipped[0])}.")
    doc_ids = tuple(report.added + report.updated + report.unchanged)
    status = "is bijgewerkt" if report.updated else ("stond al in de documenten" if report.unchanged else "is toegevoegd")
    return UploadOutcome(True, f"{shown} {status}; u kunt er nu vragen over stellen.", target, doc_ids)


def _restore(target: Path, previous: bytes | None) -> None:
    """Put back what was there before a refused upload (or remove the new file)."""
    if previous is None:
        target.unlink(missing_ok=True)
    else:
        target.write_bytes(previous)
