"""Attachment text: PDF, DOCX, plain text; in memory; "" for anything unreadable."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import extract_text
from index.extract import MAX_CHARS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_pdf(text: str) -> bytes:
    """A one-page PDF written by hand, with a correct xref table."""
    stream = f"BT /F1 18 Tf 72 700 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_pdf_text(tmp_path: Path) -> None:
    text = extract_text(make_pdf("Slachtofferidentificatie werkt"), "application/pdf", "a.pdf")
    assert "Slachtofferidentificatie werkt" in text


def test_pdf_by_extension_when_the_media_type_is_vague() -> None:
    data = make_pdf("Rapport over grooming")
    assert "grooming" in extract_text(data, "application/octet-stream", "Rapport.PDF")


def test_docx_paragraphs_and_tables() -> None:
    data = make_docx(["Advies over sextortion", "Tweede alinea"], [["cel een", "cel twee"]])
    text = extract_text(data, DOCX, "advies.docx")
    assert "Advies over sextortion" in text and "Tweede alinea" in text
    assert "cel een cel twee" in text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Financiële notitie".encode(), "Financiële notitie"),
        ("\ufeffmet BOM".encode(), "met BOM"),
        ("UTF-16 tekst".encode("utf-16"), "UTF-16 tekst"),
        ("Café in cp1252".encode("cp1252"), "Café in cp1252"),
        (b"nul\x00byte", "nul byte"),
    ],
)
def test_plain_text_encodings(data: bytes, expected: str) -> None:
    assert extract_text(data, "text/plain; charset=utf-8", "notitie.txt") == expected


def test_markdown_by_extension() -> None:
    assert extract_text(b"# Kop\ntekst", "", "lees.md") == "# Kop\ntekst"


@pytest.mark.parametrize(
    ("data", "media", "name"),
    [
        (b"%PDF-1.4\n garbage", "application/pdf", "x.pdf"),
        (b"not a pdf at all", "application/pdf", "x.pdf"),
        (b"PK\x03\x04 broken zip", DOCX, "x.docx"),
        (b"plain", DOCX, "x.docx"),
        (make_pdf("ok")[:60], "application/pdf", "x.pdf"),
        (make_docx(["ok"])[:200], DOCX, "x.docx"),
        (b"", "text/plain", "x.txt"),
    ],
)
def test_corrupt_input_gives_empty_text(data: bytes, media: str, name: str) -> None:
    assert extract_text(data, media, name) == ""


def test_unknown_types_give_empty_text() -> None:
    assert extract_text(b"\x89PNG\r\n", "image/png", "foto.png") == ""
    assert extract_text(b"<html>", "text/html", "page.html") == ""
    assert extract_text(b"data", "", "") == ""


def test_huge_text_is_capped() -> None:
    assert len(extract_text(b"a" * (MAX_CHARS + 10), "text/plain", "x.txt")) == MAX_CHARS


def test_extraction_writes_nothing_to_the_temp_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own_temp = tmp_path / "tmp"
    own_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own_temp))
    extract_text(make_pdf("Geheim"), "application/pdf", "a.pdf")
    extract_text(make_docx(["Geheim"]), DOCX, "a.docx")
    assert list(own_temp.iterdir()) == []


@given(st.binary(max_size=400), st.sampled_from(["application/pdf", DOCX, "text/plain"]))
@settings(max_examples=150, deadline=None)
def test_fuzzed_attachments_never_raise(data: bytes, media: str) -> None:
    assert isinstance(extract_text(data, media, "f"), str)
    assert isinstance(extract_text(b"%PDF-1.7\n" + data, "application/pdf", "f.pdf"), str)
    assert isinstance(extract_text(b"PK\x03\x04" + data, DOCX, "f.docx"), str)
