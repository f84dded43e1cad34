"""Adding one file to the live index, as the chat's upload box and `assistant add` do.

A file is checked (type, size, a PDF that is a PDF, UTF-8 text), saved under a safe name in the
index's uploads folder and ingested; when the ingest fails, what was in the folder before is put
back, so a refused file leaves neither a file nor a paragraph behind. Refusals raise
`UploadRefused`: English for the CLI, `message_nl` for the chat.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.config import Settings
from assistant.errors import AssistantError, IngestError, UploadRefused
from assistant.parsing.ingest import SUPPORTED

if TYPE_CHECKING:  # the indexer loads chromadb and numpy (~2 s); checking and naming files needs neither
    from assistant.index.indexer import IngestReport, Progress

Status = Literal["added", "updated", "unchanged"]
_STATUS_NL = {"added": "is toegevoegd", "updated": "is bijgewerkt", "unchanged": "stond al in de documenten"}

# Known ingest causes (English, from the parser) and how to say them to a Dutch reader.
_CAUSES_NL = (
    (("decompression bomb",), "het pakt uit tot onredelijk veel gegevens en is uit voorzorg geweigerd"),
    (("password", "encrypt"), "het bestand is beveiligd met een wachtwoord"),
    (("ocr is not available",), "het is een scan en OCR (Tesseract) is op deze computer niet geïnstalleerd"),
    (("ocr read no page", "ocr failed"), "het is een scan en OCR kon de pagina's niet lezen"),
    (("text layer", "scan", "no text", "no extractable"), "het bevat geen leesbare tekst (waarschijnlijk een scan)"),
    (("not a pdf", "invalid pdf", "damaged", "corrupt", "cannot be parsed", "eof", "malformed"),
     "het is geen geldige PDF of het is beschadigd"),
    (("empty", "no paragraphs"), "er staat geen tekst in"),
    (("utf-8", "encoding", "decode"), "de tekst is niet als UTF-8 opgeslagen"),
)


@dataclass(frozen=True)
class Upload:
    """A file that may be tried: its name as given (for messages), the safe name it is saved under, its bytes."""

    name: str
    safe_name: str
    data: bytes


@dataclass(frozen=True)
class SavedUpload:
    """An upload written into the uploads folder, with the bytes it replaced so a failed ingest can put them back."""

    path: Path
    previous: bytes | None


@dataclass(frozen=True)
class AddedUpload:
    """An upload that is live in the index and can be asked about."""

    name: str
    saved_as: Path
    status: Status
    doc_ids: tuple[str, ...]

    @property
    def message_nl(self) -> str:
        return f"{self.name} {_STATUS_NL[self.status]}; u kunt er nu vragen over stellen."

    def summary(self) -> str:
        return f"{self.name}: {self.status} as {self.saved_as} (document {', '.join(self.doc_ids)}); ask about it now."


def shown_name(name: str) -> str:
    """The file's own name without the folders a browser or a path put before it: 'C:\\x\\Brief.pdf' -> 'Brief.pdf'."""
    return Path(_last_part(name)).name or name


def safe_file_name(name: str) -> str:
    """A file name without directories, '..' or odd characters: 'Brief (def).PDF' -> 'Brief_def.pdf'."""
    base = unicodedata.normalize("NFKD", _last_part(name)).encode("ascii", "ignore").decode()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_-")[:100] or "upload"
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix).lower()[:8]
    return f"{stem}.{suffix}" if suffix else stem


def _last_part(name: str) -> str:
    return re.split(r"[\\/]", name)[-1]


def uploads_dir(settings: Settings) -> Path:
    """Where uploads are kept: inside the index folder, so they travel with the index they are part of."""
    return settings.index_dir / "uploads"


def check_upload(name: str, data: bytes, max_mb: int) -> Upload:
    """The upload as it will be saved, or UploadRefused when it is not worth trying to ingest."""
    shown = shown_name(name)
    suffix = Path(shown).suffix.lower()
    if suffix not in SUPPORTED:
        raise UploadRefused(shown, "only .pdf, .txt and .md files can be added", "Save it as PDF, TXT or MD first.",
                            "alleen PDF-, TXT- en MD-bestanden kunnen worden toegevoegd")
    if not data.strip():
        raise UploadRefused(shown, "the file is empty", "Check that this is the complete file.", "het bestand is leeg")
    if len(data) > max_mb * 1024 * 1024:
        raise UploadRefused(shown, f"the file is larger than {max_mb} MB",
                            "Split it, or raise the limit with ASSISTANT_MAX_UPLOAD_MB.",
                            f"het bestand is groter dan {max_mb} MB")
    if suffix == ".pdf" and not data[:1024].lstrip().startswith(b"%PDF-"):
        raise UploadRefused(shown, "it is not a real PDF (it does not start with %PDF-)",
                            "Check the file; give it the suffix of what it holds (.txt for text).",
                            "het is geen echte PDF (de inhoud begint niet als een PDF-bestand)")
    if suffix != ".pdf":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise UploadRefused(shown, "the text is not saved as UTF-8", "Save it as UTF-8 and add it again.",
                                "de tekst is niet als UTF-8 opgeslagen") from None
    return Upload(shown, safe_file_name(shown), data)


def dutch_cause(error: IngestError) -> str:
    """Translate an ingest error's cause for the user; unknown causes are quoted as they are."""
    cause = (error.cause or str(error)).lower()
    for words, dutch in _CAUSES_NL:
        if any(w in cause for w in words):
            return dutch
    return f"het kon niet worden gelezen ({error.cause})"


def save_upload(upload: Upload, folder: Path) -> SavedUpload:
    """Write the upload into `folder`, keeping the bytes of a file it replaces."""
    target = folder / upload.safe_name
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = target.read_bytes() if target.exists() else None
    target.write_bytes(upload.data)
    return SavedUpload(target, previous)


def restore(saved: SavedUpload) -> None:
    """Put back what was there before a refused upload (or remove the new file)."""
    if saved.previous is None:
        saved.path.unlink(missing_ok=True)
    else:
        saved.path.write_bytes(saved.previous)


def add_upload(
    name: str, data: bytes, settings: Settings, progress: Progress | None = None, show_progress: bool = False
) -> AddedUpload:
    """Check, save and ingest one file; on UploadRefused nothing of it is left in the folder or the index."""
    from assistant.index.indexer import ingest_paths

    upload = check_upload(name, data, settings.max_upload_mb)
    saved = save_upload(upload, uploads_dir(settings))
    try:
        report = ingest_paths([saved.path], settings, show_progress=show_progress, progress=progress)
    except BaseException as err:
        restore(saved)  # also when interrupted: a file in the uploads folder should be one the index holds
        if isinstance(err, AssistantError):
            raise UploadRefused(upload.name, "the index could not be updated", str(err), str(err)) from err
        raise
    if report.duplicates:  # the same bytes or text are indexed already, under another name: not indexed twice
        restore(saved)
        twin = report.duplicates[0]
        raise UploadRefused(upload.name, twin.sentence_en.rstrip("."), "Ask about the indexed document.", twin.sentence_nl)
    if report.skipped:
        restore(saved)
        error = report.skipped[0]
        raise UploadRefused(upload.name, error.cause, error.fix, dutch_cause(error))
    return AddedUpload(upload.name, saved.path, _status(report), tuple(report.added + report.updated + report.unchanged))


def add_file(path: Path, settings: Settings, show_progress: bool = False) -> AddedUpload:
    """Add a file from disk exactly as the chat adds an upload; reads at most one byte past the size limit."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(settings.max_upload_mb * 1024 * 1024 + 1)
    except OSError as err:
        raise UploadRefused(path.name, f"it cannot be read ({err.strerror})", "Check the path and permissions.",
                            f"het kon niet worden gelezen ({err.strerror})") from err
    return add_upload(path.name, data, settings, show_progress=show_progress)


def _status(report: IngestReport) -> Status:
    return "updated" if report.updated else ("unchanged" if report.unchanged else "added")
