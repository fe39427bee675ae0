"""Attachment text for the index: PDF, DOCX and plain text, in memory only.

The bytes come decrypted from the vault and never touch the disk here:
pypdf and python-docx both read from a BytesIO. Broken or hostile files
yield "" (logged without content) rather than an exception, because one bad
attachment must not stop an entry, or a rebuild, from being indexed.
"""

from __future__ import annotations

import codecs
import io
import logging
from pathlib import PurePath

log = logging.getLogger(__name__)

MAX_CHARS = 1_000_000  # beyond this an attachment adds noise, not findability
MAX_PDF_PAGES = 2000
_PDF = "application/pdf"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown", "text/csv"})
_BY_SUFFIX = {
    ".pdf": _PDF,
    ".docx": _DOCX,
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".csv": "text/csv",
}


def _kind(media_type: str, filename: str) -> str | None:
    media = media_type.split(";")[0].strip().lower()
    if media == _PDF or media == _DOCX or media in _TEXT_TYPES:
        return media
    return _BY_SUFFIX.get(PurePath(filename).suffix.lower())


def extract_text(data: bytes, media_type: str, filename: str) -> str:
    """Plain text of an attachment; "" for unknown types and unreadable files."""
    kind = _kind(media_type or "", filename or "")
    if kind is None or not data:
        return ""
    try:
        if kind == _PDF:
            text = _pdf(data)
        elif kind == _DOCX:
            text = _docx(data)
        else:
            text = _plain(data)
    except Exception as exc:  # a hostile file may raise anything from deep inside a parser
        log.info("attachment text not extracted (%s: %s)", kind, type(exc).__name__)
        return ""
    return text.replace("\x00", " ")[:MAX_CHARS]


def _pdf(data: bytes) -> str:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        return ""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return ""
    parts: list[str] = []
    size = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or size > MAX_CHARS:
            break
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
    return "\n".join(parts)


def _docx(data: bytes) -> str:
    if not data.startswith(b"PK"):
        return ""
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(p for p in parts if p)


def _plain(data: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows tools still write cp1252; every byte decodes, so this cannot fail
        return data.decode("cp1252", errors="replace")
