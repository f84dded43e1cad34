"""Hostile and broken input is ingested as plain text or refused with a clear message, and nothing else is disturbed."""

from __future__ import annotations

import logging
import resource
import zlib
from pathlib import Path

import pypdf
import pytest
from pypdf.actions import JavaScript
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, StreamObject

from assistant.index import snapshot
from assistant.config import Settings
from assistant.errors import IndexUnavailable, IngestError, UploadRefused
from assistant.index.indexer import ingest_paths
from assistant.index.uploads import add_upload, safe_file_name, uploads_dir
from assistant.parsing.ingest import load_document
from assistant.answering.qa import Assistant
from conftest import ANNEX, free_port

ATTACHED = b"GEHEIME-BIJLAGE-7f3a9c-niet-uitpakken"
BODY = [
    "Het kabinet investeert in technisch onderwijs en in de opleiding van vakmensen voor de energietransitie.",
    "Scholen, bedrijven en regionale partners werken samen aan betere leerlijnen voor jongeren in de regio.",
]


def _writer_page(writer: pypdf.PdfWriter, lines: list[str], top: float = 780) -> None:
    """A page with one line of Helvetica text per entry, written as our own content stream."""
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    ops = ["BT /F1 11 Tf"]
    for n, line in enumerate(lines):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"1 0 0 1 72 {top - 14 * n:.0f} Tm ({escaped}) Tj")
    ops.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("cp1252", "replace"))
    page[NameObject("/Contents")] = writer._add_object(stream)


def _write(writer: pypdf.PdfWriter, path: Path) -> Path:
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _bomb(path: Path, megabytes: int = 250) -> Path:
    """One page whose FlateDecode content stream inflates to `megabytes` MB of text operators (file < 1 MB)."""
    writer = pypdf.PdfWriter()
    _writer_page(writer, BODY)
    block = b"BT /F1 11 Tf 72 700 Td (Beleid en banen.) Tj ET\n" * 20000
    packer = zlib.compressobj(9)
    packed = b"".join(packer.compress(block) for _ in range(megabytes * 2 ** 20 // len(block))) + packer.flush()
    stream = StreamObject()
    stream._data = packed
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    return _write(writer, path)


def _blank(path: Path, pages: int = 3000) -> Path:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    return _write(writer, path)


def _encrypted(path: Path) -> Path:
    writer = pypdf.PdfWriter()
    _writer_page(writer, BODY)
    writer.encrypt(user_password="geheim", owner_password="geheim")
    return _write(writer, path)


def _refused(path: Path) -> IngestError:
    with pytest.raises(IngestError) as err:
        load_document(path)
    assert str(path) in str(err.value) and err.value.fix
    return err.value


# 1. Active content: ingested as text only; nothing is run or unpacked.

def test_javascript_and_attachment_are_ignored_and_text_is_kept(tmp_path):
    writer = pypdf.PdfWriter()
    _writer_page(writer, BODY)
    writer.add_open_action(JavaScript("app.alert('uitgevoerd');"))
    writer.add_attachment("geheim.txt", ATTACHED)
    path = _write(writer, tmp_path / "actief.pdf")
    assert b"/JavaScript" in path.read_bytes() and b"/EmbeddedFiles" in path.read_bytes()

    doc = load_document(path)

    assert [p.text for p in doc.paragraphs] == [" ".join(BODY)]
    assert "GEHEIME-BIJLAGE" not in doc.text and "alert" not in doc.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actief.pdf"]  # nothing was extracted next to it


# 2. Thousands of blank pages: refused as having no text, quickly.

def test_three_thousand_blank_pages_are_refused_as_without_text(tmp_path):
    err = _refused(_blank(tmp_path / "leeg_3000.pdf"))
    assert err.cause == "no text layer and no scanned page images"  # blank pages are not sent to OCR
    assert "readable text" in err.fix


# 3. A long PDF of real text: every page yields paragraphs.

def test_three_hundred_pages_of_real_text_are_ingested_in_full(tmp_path):
    source = [line.strip() for line in ANNEX.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 30]
    writer = pypdf.PdfWriter()
    pages = 300
    for n in range(pages):  # rotate through the annex so no line sits at the same height on many pages
        start = (n * 7) % len(source)
        lines = (source + source)[start : start + 12]
        _writer_page(writer, [f"Pagina-eigen regel {n + 1}: nummer {n + 1} van dit lange document."] + lines)
    path = _write(writer, tmp_path / "lang.pdf")

    doc = load_document(path)

    assert doc.page_count == pages
    assert {p.page for p in doc.paragraphs} == set(range(1, pages + 1))
    assert "Techkwadraat" in doc.text


# 4. A decompression bomb: refused by name, in bounded memory.

def test_decompression_bomb_is_refused_in_bounded_memory(tmp_path):
    path = _bomb(tmp_path / "bom.pdf")
    assert path.stat().st_size < 1_000_000

    err = _refused(path)

    assert "possible decompression bomb" in err.cause and err.cause.startswith("page 1 unpacks")
    assert "print it to a new PDF" in err.fix
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1_500_000  # kB on Linux: well below 1.5 GB


# 5. Odd encodings and scripts.

def test_cp1252_text_keeps_euro_and_diaeresis(tmp_path):
    path = tmp_path / "ansi.txt"
    path.write_bytes("Het budget is €12 miljoen voor de financiële ondersteuning van scholen.".encode("cp1252"))
    assert load_document(path).paragraphs[0].text == "Het budget is €12 miljoen voor de financiële ondersteuning van scholen."


def test_utf16_text_with_bom_is_decoded(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("Het budget is €12 miljoen voor financiële steun aan scholen.".encode("utf-16"))
    assert path.read_bytes()[:2] == b"\xff\xfe"
    assert load_document(path).paragraphs[0].text == "Het budget is €12 miljoen voor financiële steun aan scholen."


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_right_to_left_text_is_ingested_as_written(tmp_path, suffix):
    arabic = "تستثمر الحكومة في التعليم التقني وتدريب العمال المهرة."
    hebrew = "הממשלה משקיעה בחינוך טכני ובהכשרת עובדים מקצועיים."
    path = tmp_path / f"rtl{suffix}"
    path.write_text(f"{arabic}\n\n{hebrew}\n", encoding="utf-8")
    assert [p.text for p in load_document(path).paragraphs] == [arabic, hebrew]


@pytest.mark.parametrize("question, message", [
    ("\x00\x01\x02\xff\xfe" * 40, "Deze vraag bestaat niet uit leesbare tekst. Typ uw vraag opnieuw."),
    ("Wat is het budget? " * 5500, "Deze vraag is te lang (104499 tekens). Stel een kortere vraag, van hoogstens 2000 tekens."),
    ("", "Typ een vraag, bijvoorbeeld: Wanneer is de Monitor AGDB gelanceerd?"),
])
def test_unusable_questions_get_the_dutch_message(annex_settings, question, message):
    answer = Assistant.open(annex_settings).ask(question)
    assert (answer.text, answer.refused, answer.notes, answer.citations) == (message, True, ["ongeldige vraag"], [])


def test_question_in_arabic_script_gets_the_dutch_not_found_message(annex_settings):
    answer = Assistant.open(annex_settings).ask("ما هي ميزانية برنامج تكنولوجيا التعليم؟")
    assert answer.text == "Dat staat niet in de documenten. Hieronder staan de passages die er het dichtst bij komen."
    assert answer.refused and not answer.citations


# 6. Uploads: safe names inside the uploads folder; too large is refused and the index stays as it was.

@pytest.mark.parametrize("name, saved", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\brief.txt", "brief.txt"),
    ("brief\x00.pdf.txt", "brief_pdf.txt"),
    ("a" * 400 + ".txt", "a" * 100 + ".txt"),
    ("Bеleid 🚀 ﬁnanciën ∕ ..txt", "Bleid_financien.txt"),  # the Cyrillic look-alike е is dropped
    ("....txt", "upload.txt"),
])
def test_upload_names_are_made_safe(name, saved):
    assert safe_file_name(name) == saved


def test_hostile_upload_name_is_saved_inside_the_uploads_folder(index_copy):
    data = "\n\n".join(BODY).encode("utf-8")
    added = add_upload("../../../tmp/..\\evil\x00 naam ∕ ..txt", data, index_copy)
    assert added.saved_as.parent == uploads_dir(index_copy)
    assert added.saved_as.name == "evil_naam.txt" and added.saved_as.read_bytes() == data


def test_oversized_or_hostile_uploads_are_refused_and_the_index_is_unchanged(index_copy, tmp_path):
    settings = index_copy.model_copy(update={"max_upload_mb": 1})
    live = snapshot.current_name(settings.index_dir)
    uploads = [
        ("groot.txt", b"a" * (2 ** 20 + 1), "groot.txt is niet toegevoegd: het bestand is groter dan 1 MB."),
        ("bom.pdf", _bomb(tmp_path / "bom.pdf").read_bytes(),
         "bom.pdf is niet toegevoegd: het pakt uit tot onredelijk veel gegevens en is uit voorzorg geweigerd."),
        ("leeg.pdf", _blank(tmp_path / "leeg.pdf", 50).read_bytes(),
         "leeg.pdf is niet toegevoegd: het bevat geen leesbare tekst (waarschijnlijk een scan)."),
    ]
    for name, data, message in uploads:
        with pytest.raises(UploadRefused) as refused:
            add_upload(name, data, settings)
        assert refused.value.message_nl == message and str(refused.value).startswith(f"{name} was not added: ")
        assert snapshot.current_name(settings.index_dir) == live
    assert not uploads_dir(settings).exists() or not any(uploads_dir(settings).iterdir())  # nothing left behind


# 7. Secrets never appear in errors or logs.

def test_chroma_token_never_appears_in_the_error_or_the_log(tmp_path, caplog):
    token = "s3cr3t-token"
    settings = Settings(index_dir=tmp_path / "index", chroma_url=f"http://127.0.0.1:{free_port()}", chroma_token=token)
    good = tmp_path / "goed.txt"
    good.write_text("\n\n".join(BODY), encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(IndexUnavailable) as err:
        ingest_paths([good], settings)
    assert "does not answer" in str(err.value)
    shown = [str(err.value), repr(err.value), str(err.value.__cause__), caplog.text]
    assert not any(token in text for text in shown)


# 8. One batch with every bad file and one good one.

def test_batch_of_bad_files_skips_each_by_name_and_keeps_answering(index_copy, tmp_path):
    folder = tmp_path / "map"
    folder.mkdir()
    _blank(folder / "leeg_3000.pdf")
    _bomb(folder / "bom.pdf")
    _encrypted(folder / "versleuteld.pdf")
    (folder / "nep.pdf").write_text("Gewone tekst met een PDF-naam.", encoding="utf-8")
    (folder / "binair.txt").write_bytes(b"\x00\x01\x02binair\x00" * 100)
    (folder / "leeg.md").write_bytes(b"")
    (folder / "goed.txt").write_text("\n\n".join(BODY), encoding="utf-8")
    before = snapshot.current_name(index_copy.index_dir)

    report = ingest_paths([folder], index_copy)

    skipped = {Path(err.path).name: err.cause for err in report.skipped}
    assert set(skipped) == {"leeg_3000.pdf", "bom.pdf", "versleuteld.pdf", "nep.pdf", "binair.txt", "leeg.md"}
    assert all(name in str(err) for err in report.skipped for name in [Path(err.path).name])
    assert report.added == ["goed"] and report.unchanged == [] and report.snapshot != before
    answer = Assistant.open(index_copy).ask("Hoeveel cofinanciering leverden de partners van de HIP's?")
    assert not answer.refused and answer.citations and answer.citations[0].doc == ANNEX.stem
