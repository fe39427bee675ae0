"""Writers for the three export formats; they receive data already filtered by the ceiling.

The PDF writer is Qt code and lives outside the core (`pdfout`); it is imported
inside `write_pdf` only, so importing `expertise` never loads Qt.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from expertise.atomic import atomic_write_bytes
from expertise.blobstore import BlobStore
from expertise.courses import labels
from expertise.courses.document import (
    HIDDEN_FIELDS,
    Cancel,
    PackDocument,
    PackSource,
    Progress,
    SourceItem,
    withhold_links,
)
from expertise.courses.htmlpage import cover_html, css, html_page, toc_html
from expertise.courses.inert_md import inert
from expertise.errors import UserError
from expertise.frontmatter import render_document
from expertise.services.convert import jsonable
from expertise.services.transfer import export_meta, slug


def write_html(doc: PackDocument, out: Path) -> None:
    atomic_write_bytes(out, html_page(doc).encode("utf-8"))


def write_pdf(
    doc: PackDocument, out: Path, progress: Progress | None, cancel: Cancel | None
) -> int:
    from pdfout import PdfSection, PdfSpec
    from pdfout import write_pdf as render

    spec = PdfSpec(
        title=doc.pack.title,
        cover_html=cover_html(doc),
        toc_html=lambda pages: toc_html(doc, dict(pages), links=False),
        sections=[PdfSection(s.anchor, s.html) for s in doc.sections],
        css=css(doc, for_web=False),
        banner_text=doc.banner_text,
        banner_colour=doc.banner.colour,
        footer_text=doc.footer,
        page_label=doc.page_label(),
    )
    return render(spec, out, progress, cancel)


# -- Markdown folder --------------------------------------------------------------
@dataclass(frozen=True)
class MarkdownOutcome:
    entries: int
    attachments: int


def check_target_folder(out_dir: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise UserError(f"{out_dir}: choose a new or empty folder")
    if not out_dir.parent.is_dir():
        raise UserError(f"{out_dir.parent}: no such folder")


def write_markdown(
    source: PackSource,
    doc: PackDocument,
    out_dir: Path,
    read_blob: Callable[[str], bytes],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> MarkdownOutcome | None:
    """Entries under entries/, allowed attachments under attachments/, an overview README.md.

    Every text a viewer renders passes through `inert`: no raw HTML, no images, no
    javascript: or file: links, whatever the entries and trainer notes hold.

    Everything goes to a hidden sibling folder first and is renamed into place at
    the end, so a cancel or an error never leaves half a pack behind.
    """
    check_target_folder(out_dir)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        outcome = _fill_folder(source, doc, work, read_blob, progress, cancel)
        if outcome is None:
            return None
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(work, out_dir)
        return outcome
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def _fill_folder(
    source: PackSource,
    doc: PackDocument,
    work: Path,
    read_blob: Callable[[str], bytes],
    progress: Progress | None,
    cancel: Cancel | None,
) -> MarkdownOutcome | None:
    (work / "entries").mkdir()
    allowed = {section.anchor.removeprefix("entry-") for section in doc.sections}
    items = [item for item in source.items if item.entry.id in allowed]
    lines = _overview_head(doc)
    copied = 0
    for number, item in enumerate(items, start=1):
        if cancel is not None and cancel():
            return None
        stem = f"{number:02d}-{item.entry.kind}-{slug(item.entry.title)}"
        meta = {k: _withhold(v, doc) for k, v in entry_meta(item).items()}
        # Front matter stays data (it parses back); the body is what viewers render.
        text = render_document(meta, inert(withhold_links(item.entry.body_md, doc.scope)))
        atomic_write_bytes(work / "entries" / f"{stem}.md", text.encode("utf-8"))
        files = _copy_attachments(item, work / "attachments" / stem, read_blob)
        copied += len(files)
        lines += _overview_item(doc, number, item, stem, files)
        if progress is not None:
            progress(number, len(items))
    atomic_write_bytes(work / "README.md", inert("\n".join(lines)).encode("utf-8"))
    return MarkdownOutcome(len(items), copied)


def entry_meta(item: SourceItem) -> dict[str, object]:
    """Front matter of an entry; references to entries above the ceiling are left out."""
    data = jsonable(item.entry.as_dict())
    for name in HIDDEN_FIELDS:
        data.pop(name, None)
    for name, ids in item.ref_ids.items():
        if name in data:
            data[name] = list(ids) if isinstance(data[name], list) else (ids[0] if ids else None)
    return export_meta(data)


def _withhold(value: object, doc: PackDocument) -> object:
    return withhold_links(value, doc.scope) if isinstance(value, str) else value


def _copy_attachments(
    item: SourceItem, folder: Path, read_blob: Callable[[str], bytes]
) -> list[str]:
    names: list[str] = []
    for attachment in item.attachments:
        name = Path(attachment.file_name.replace("\\", "/")).name or attachment.id
        if name in names:
            name = f"{attachment.id[:8]}-{name}"
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(folder / name, read_blob(attachment.id))
        names.append(name)
    return names


def _overview_head(doc: PackDocument) -> list[str]:
    lang = doc.lang
    lines = [f"# {doc.pack.title}", ""]
    lines.append(f"**{labels.word(lang, 'ceiling')}:** {doc.banner.label}  ")
    if doc.pack.audience:
        lines.append(f"**{labels.word(lang, 'audience')}:** {doc.pack.audience}  ")
    lines.append(f"{doc.footer}")
    lines.append("")
    if doc.pack.description:
        lines += [withhold_links(doc.pack.description, doc.scope), ""]
    lines += [f"## {labels.word(lang, 'contents')}", ""]
    return lines


def _overview_item(
    doc: PackDocument, number: int, item: SourceItem, stem: str, files: list[str]
) -> list[str]:
    kind = labels.kind_name(doc.lang, item.entry.kind)
    title = item.entry.title.replace("[", "(").replace("]", ")")
    lines = [f"{number}. [{title}](entries/{stem}.md) ({kind})"]
    for name in files:
        lines.append(f"    - [{name}](attachments/{stem}/{_url_path(name)})")
    if doc.with_notes and item.note:
        note = withhold_links(item.note, doc.scope).splitlines()
        lines.append("")
        lines += [f"    > **{labels.word(doc.lang, 'note')}:** " + note[0]]
        lines += [f"    > {line}" for line in note[1:]]
    lines.append("")
    return lines


def _url_path(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def blob_reader(blobs: BlobStore) -> Callable[[str], bytes]:
    return blobs.get
