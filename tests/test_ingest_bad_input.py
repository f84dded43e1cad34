"""Bad input is refused with one IngestError naming the file, the cause and the fix."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from assistant.errors import IngestError
from assistant.parsing.ingest import load_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LETTER = CORPUS / "16_kamerbrief_venj_2011-03-01_draagmoederschap.pdf"


def _refused(path: Path) -> IngestError:
    with pytest.raises(IngestError) as err:
        load_document(path)
    assert str(path) in str(err.value) and err.value.fix
    return err.value


def test_empty_file(tmp_path):
    path = tmp_path / "leeg.pdf"
    path.write_bytes(b"")
    assert "empty" in _refused(path).cause


def test_pdf_name_that_is_not_a_pdf(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_text("Dit is gewone tekst, geen PDF.", encoding="utf-8")
    assert "not a PDF" in _refused(path).cause


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(LETTER.read_bytes()[:3000])
    assert _refused(path).cause


def test_encrypted_pdf_with_password(tmp_path):
    writer = pypdf.PdfWriter(clone_from=str(LETTER))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    path = tmp_path / "versleuteld.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert "encrypted" in _refused(path).cause


def test_encrypted_pdf_with_empty_password_is_read(tmp_path):
    writer = pypdf.PdfWriter(clone_from=str(LETTER))
    writer.encrypt(user_password="", owner_password="eigenaar")
    path = tmp_path / "leesbaar.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert load_document(path).paragraphs


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "notitie.txt"
    path.write_bytes("Café en één bèta-opleiding kosten € 5 miljoen.\n".encode("cp1252"))
    doc = load_document(path)
    assert doc.paragraphs[0].text == "Café en één bèta-opleiding kosten € 5 miljoen."


def test_binary_text_file(tmp_path):
    path = tmp_path / "raar.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00")
    assert "binary" in _refused(path).cause


def test_markdown_headings_become_sections(tmp_path):
    path = tmp_path / "nota.md"
    path.write_text("# Nota\n\n## Budget\n\nHet budget is 3,5 miljoen euro.\n\nDe looptijd is vier jaar.\n",
                    encoding="utf-8")
    doc = load_document(path)
    body = [p for p in doc.paragraphs if p.kind == "paragraph"]
    assert [p.section for p in body] == [("Nota", "Budget"), ("Nota", "Budget")]
    headings = [(p.text, p.section) for p in doc.paragraphs if p.kind == "heading"]
    assert headings == [("Nota", ()), ("Budget", ("Nota",))]
    assert not any("Budget" in p.text for p in body)
