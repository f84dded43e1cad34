"""Turn one source file (.pdf, .txt, .md) into a `Document` of citable paragraphs, or refuse it with a reason.

Metadata comes from `manifest.json` in the document's folder when present, else from the letter itself
(Datum, Betreft/Onderwerp, Kenmerk) or an official `*_metadata.xml` lying next to it, else the file name.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

from assistant.errors import IngestError
from assistant.parsing import tuning as T
from assistant.parsing.letter import LETTER_LABEL, letter_facts
from assistant.parsing.blocks import LIST_MARKER, Line, build_blocks
from assistant.parsing.footnotes import FOOTNOTE_GLUED, FOOTNOTE_ON_YEAR
from assistant.parsing.identity import identify, letter_head_paragraph
from assistant.parsing.paragraphs import assemble
from assistant.parsing.signature import join_signature
from assistant.types import Document

SUPPORTED = (".pdf", ".txt", ".md")
CONTINUES = ("|", ",", "-", "–", ":", "(")  # a footnote line ending like this wraps onto the next line


def iter_source_files(paths: list[Path]) -> list[Path]:
    """Expand folders (sorted) into the .pdf/.txt/.md files inside; other files are ignored."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        found.extend(p for p in candidates if p.suffix.lower() in SUPPORTED)
    return found


def load_document(path: Path, progress: Callable[[str], None] | None = None, ocr_timeout_s: float = 60.0) -> Document:
    """Parse one file completely, or raise IngestError naming the file, the cause and the fix.

    A scanned PDF is read by OCR: `progress` hears of each page, and a page over `ocr_timeout_s` is skipped.
    """
    path = Path(path)
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from assistant.parsing.pdf import read_pdf

        extracted = read_pdf(path, data, progress, ocr_timeout_s)
        lines, page_count, facts = extracted.lines, extracted.page_count, dict(extracted.facts)
    elif suffix in (".txt", ".md"):
        text = _decode(path, data)
        lines, facts = plain_text_lines(text, markdown=suffix == ".md")
        page_count = text.count("\f") + 1
    else:
        raise IngestError(str(path), f"unsupported file type '{suffix or 'none'}'", "Use a .pdf, .txt or .md file.")
    blocks = join_signature(build_blocks(lines))
    try:
        clean_text, paragraphs = assemble(path.stem, blocks)
    except Exception as exc:  # a parser bug must not leave half a document behind
        raise IngestError(str(path), f"paragraph building failed ({exc})", "Report this file; it is skipped.") from exc
    if not paragraphs:
        raise IngestError(str(path), "no text found", "Check that the file contains readable text.")
    facts.update(_sidecar_metadata(path))
    head = letter_head_paragraph(path.stem, facts, paragraphs, len(clean_text) + 2)
    if head is not None:
        read = [p.ocr_confidence for p in paragraphs if p.ocr_confidence is not None]
        if read:  # a scan's letter head was read by OCR too: it carries the page's confidence
            head = replace(head, ocr_confidence=round(sum(read) / len(read), 3))
        clean_text, paragraphs = f"{clean_text}\n\n{head.text}", paragraphs + (head,)
    footer = facts.pop("running_footer", "")  # read for the identity only, like the letter head's own lines
    meta = _manifest_entry(path)
    title = meta.get("title") or facts.get("Betreft") or facts.get("Onderwerp") or facts.get("title") or _title_from_name(path)
    return Document(
        id=path.stem,
        path=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        title=title,
        doc_type=meta.get("doc_type") or facts.get("doc_type", ""),
        date=meta.get("date") or facts.get("date", ""),
        page_count=page_count,
        metadata={k: str(v) for k, v in facts.items()},
        text=clean_text,
        paragraphs=paragraphs,
        identity=identify(paragraphs, facts, meta.get("date") or facts.get("date", ""), footer, head.id if head else ""),
    )


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(str(path), "file not found", "Check the path.") from exc
    except OSError as exc:
        raise IngestError(str(path), f"cannot read the file ({exc.strerror})", "Check permissions.") from exc
    if not data.strip():
        raise IngestError(str(path), "the file is empty", "Use the complete file.")
    return data


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252; binary content is refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Windows 'Unicode' text: its NUL bytes are not binary content
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(str(path), "damaged UTF-16 text", "Save the file as UTF-8 and ingest it again.") from exc
    if b"\x00" in data[:4096]:
        raise IngestError(str(path), "binary content in a text file", "Use a plain-text .txt/.md or the PDF itself.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError(str(path), "unknown text encoding", "Save the file as UTF-8 and ingest it again.")


def plain_text_lines(text: str, markdown: bool = False) -> tuple[list[Line], dict[str, str]]:
    """Lines of a .txt/.md file with blank-line gaps, footnote lines and letter labels taken out."""
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    widths = sorted(len(r.strip()) for r in rows if r.strip()) or [1]
    full = max(widths[int(T.FULL_LINE_PERCENTILE * (len(widths) - 1))], 1)
    glued = [(m.start(2), int(m.group(2))) for rx in (FOOTNOTE_GLUED, FOOTNOTE_ON_YEAR) for m in rx.finditer(text)]
    lines, facts, page, gap, pos, last_note, note_len = [], {}, 1, False, 0, 0, None
    for index, row in enumerate(rows):
        start, pos = pos, pos + len(row) + 1
        page += row.count("\f")
        row = row.replace("\f", "")
        stripped = row.strip()
        if not stripped:
            gap, note_len = True, None
            continue
        label = LETTER_LABEL.match(row) if index < T.LETTER_HEAD_LINES else None
        if label and label.group(1) not in facts:
            facts[label.group(1)] = label.group(2).strip()
            continue
        note = re.match(r"(\d{1,3}) (\S.*)", stripped)
        number = int(note.group(1)) if note else 0
        if number > last_note and any(p < start and n == number for p, n in glued):
            lines.append(Line(row, page, gap, role="footnote", footnote_number=number))
            last_note, note_len, gap = number, stripped, False
            continue
        if note_len is not None and (stripped.startswith(("http", "www.")) or note_len.endswith(CONTINUES)):
            lines.append(Line(row, page, role="footnote"))
            note_len = stripped
            continue
        if note_len is not None:  # footnotes close a page: what follows starts after a break
            gap, note_len = True, None
        if markdown and stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            lines.append(Line(stripped.lstrip("#").strip(), page, True, style_rank=level - 1))
        else:
            lines.append(Line(row, page, gap or (markdown and LIST_MARKER.match(row) is not None), width_ratio=len(stripped) / full))
        gap = False
    return lines, letter_facts(facts)


def _sidecar_metadata(path: Path) -> dict[str, str]:
    """Facts from an official metadata XML next to the file sharing its leading prefix (e.g. '14_kamerstuk_...')."""
    prefix = re.match(r"[^_]+_", path.name)
    if not prefix:
        return {}
    for xml_path in sorted(path.parent.glob(f"{prefix.group(0)}*metadata.xml")):
        if _shared_prefix(xml_path.name, path.name) >= max(len(prefix.group(0)), 3):
            return _parse_metadata_xml(xml_path)
    return {}


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _parse_metadata_xml(xml_path: Path) -> dict[str, str]:
    """Flatten OVERHEIDop/DC metadata: repeated names are joined with '; '."""
    try:
        root = ET.parse(xml_path).getroot()
    except (ET.ParseError, OSError):
        return {}
    values: dict[str, list[str]] = {}
    for node in root.iter("metadata"):
        name, content = node.get("name", ""), node.get("content", "")
        if name and content and content not in values.setdefault(name, []):
            values[name].append(content)
    facts = {name.split(".", 1)[-1]: "; ".join(v) for name, v in values.items()}
    if "documenttitel" in facts:
        facts["title"] = facts["documenttitel"]
    if "issued" in facts:
        facts["date"] = facts["issued"]
    doc_type = values.get("DC.type", [])
    if doc_type:
        facts["doc_type"] = doc_type[-1].lower()
    return facts


def _manifest_entry(path: Path) -> dict[str, str]:
    manifest = path.parent / "manifest.json"
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entry = entries.get(path.name, {}) if isinstance(entries, dict) else {}
    return {k: str(v) for k, v in entry.items() if v}


def _title_from_name(path: Path) -> str:
    return re.sub(r"^\d+_", "", path.stem).replace("_", " ").strip() or path.stem


def format_inspection(doc: Document) -> str:
    """Metadata, then one line per paragraph (id, pages, section, kind, first words) to check parsing by eye."""
    out = [f"{doc.id}  ({doc.page_count} p., {len(doc.paragraphs)} paragraphs)", f"title: {doc.title}",
           f"type: {doc.doc_type}  date: {doc.date}  sha256: {doc.sha256[:16]}"]
    out += [f"  {k}: {v}" for k, v in sorted(doc.metadata.items())]
    if doc.identity:
        out += [f"identity: {k}={v}" for k, v in vars(doc.identity).items() if v]
    for p in doc.paragraphs:
        section = " > ".join(s[:30] for s in p.section[-2:])
        words = " ".join(p.text.split()[:14])
        extra = f" fn={','.join(x[-4:] for x in p.footnotes)}" if p.footnotes else ""
        extra += f" ref={p.refers_to[-4:]}" if p.refers_to else ""
        extra += f" ocr={p.ocr_confidence:.2f}" if p.ocr_confidence is not None else ""
        out.append(f"{p.id} p{p.page_label:<5} {p.kind[:5]:<5} {len(p.text.split()):>3}w [{section}]{extra} {words}")
    return "\n".join(out)
