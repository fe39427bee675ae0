"""HTML → A4 PDF through Qt's own text engine (QTextDocument + QPdfWriter).

No browser engine: QTextDocument lays out the sanitised HTML and this module
paints it page by page, adding what HTML cannot express reliably in Qt: the
classification banner at the top of every page and a footer with the export
facts and "page N / M". The table of contents needs the pages of its sections,
which are only known after layout, so the document is laid out again with the
numbers filled in until they stop moving (twice in practice).

Only QtCore and QtGui are used, so the CLI can export without any widget.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

RESOLUTION = 300  # device pixels per inch for layout; text stays vector either way
MARGIN_MM = (18.0, 26.0, 18.0, 20.0)  # left, top, right, bottom: room for banner and footer
BANNER_MM = (8.0, 9.0)  # top offset, height
MAX_LAYOUT_PASSES = 4
PLACEHOLDER_PAGE = 999  # widest number a pack will plausibly reach, for the first pass


@dataclass(frozen=True)
class PdfSection:
    anchor: str  # matches an <a name="..."> inside the html
    html: str


@dataclass(frozen=True)
class PdfSpec:
    title: str
    cover_html: str
    toc_html: Callable[[Mapping[str, int]], str]  # anchor -> page, gives the contents page
    sections: Sequence[PdfSection]
    css: str
    banner_text: str
    banner_colour: str
    footer_text: str
    page_label: str = "page {page} / {pages}"
    creator: str = "Expertise Hub"
    # name -> PNG bytes, made in memory by the caller (charts): an <img src="name"> shows it.
    # Nothing else is ever loaded, so a name the caller did not hand over stays blank.
    images: Mapping[str, bytes] = field(default_factory=dict)


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


class _InertDocument(QTextDocument):
    """Never loads a resource: no files, no network, whatever the HTML says.

    Every request gets an answer, as in the app's reading pane: returning
    nothing is not enough, because QTextDocument then reads file: URLs itself
    and its image handler loads any path straight from disk.
    """

    def loadResource(self, type: int, name: Any) -> Any:  # noqa: A002 - Qt's signature
        if type == QTextDocument.ResourceType.ImageResource.value:
            return _blank_image()
        return QByteArray()


@contextmanager
def gui_application() -> Iterator[None]:
    """A QGuiApplication for the length of one export if the process has none (the CLI).

    QTextDocument needs one for fonts. It is shut down again afterwards, so a
    process that later starts the desktop app (or a test run that goes on to
    widget tests) can still create its QApplication.
    """
    if QCoreApplication.instance() is not None:
        yield
        return
    app = QGuiApplication(["expertise", "-platform", "offscreen"])
    try:
        yield
    finally:
        app.shutdown()
        del app


def _px(mm: float) -> float:
    return mm * RESOLUTION / 25.4


def _new_writer(device: QIODevice, spec: PdfSpec) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(spec.title)
    writer.setCreator(spec.creator)
    return writer


def _content_size(writer: QPdfWriter) -> QSizeF:
    left, top, right, bottom = (_px(m) for m in MARGIN_MM)
    return QSizeF(writer.width() - left - right, writer.height() - top - bottom)


def _document_html(spec: PdfSpec, pages: Mapping[str, int]) -> str:
    # Qt honours page-break-after on a paragraph but not on a wrapping <div>; the
    # paragraph ends the previous page, where its one tiny space is never seen.
    brk = '<p style="page-break-after: always; margin: 0; font-size: 1pt;">&#160;</p>'
    parts = [spec.cover_html, spec.toc_html(pages), *(section.html for section in spec.sections)]
    return f"<html><body>{brk.join(parts)}</body></html>"


def _layout(spec: PdfSpec, writer: QPdfWriter, pages: Mapping[str, int]) -> QTextDocument:
    doc = _InertDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(QFont("DejaVu Sans", 10))
    doc.setDefaultStyleSheet(spec.css)
    doc.setDocumentMargin(0)
    doc.setPageSize(_content_size(writer))
    for name, data in spec.images.items():
        doc.addResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(name), QImage.fromData(data)
        )
    doc.setHtml(_document_html(spec, pages))
    doc.documentLayout().documentSize()  # forces the full layout now
    return doc


def section_pages(doc: QTextDocument, anchors: Sequence[str]) -> dict[str, int]:
    """1-based page of each anchor, read from the finished layout."""
    wanted = set(anchors)
    found: dict[str, int] = {}
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid() and len(found) < len(wanted):
        iterator = block.begin()
        while not iterator.atEnd():
            for name in iterator.fragment().charFormat().anchorNames():
                if name in wanted and name not in found:
                    found[name] = int(layout.blockBoundingRect(block).top() // height) + 1
            iterator += 1
        block = block.next()
    return {anchor: found.get(anchor, 0) for anchor in anchors}


def _settle(spec: PdfSpec, writer: QPdfWriter, cancel: Cancel | None) -> QTextDocument | None:
    anchors = [section.anchor for section in spec.sections]
    pages = {anchor: PLACEHOLDER_PAGE for anchor in anchors}
    doc = _layout(spec, writer, pages)
    for _ in range(MAX_LAYOUT_PASSES):
        if cancel is not None and cancel():
            return None
        measured = section_pages(doc, anchors)
        if measured == pages:
            break
        pages = measured
        doc = _layout(spec, writer, pages)
    return doc


def _paint_banner(painter: QPainter, spec: PdfSpec, width: float) -> None:
    left, _top, right, _bottom = (_px(m) for m in MARGIN_MM)
    offset, height = (_px(m) for m in BANNER_MM)
    rect = QRectF(left, offset, width - left - right, height)
    painter.fillRect(rect, QColor(spec.banner_colour))
    font = QFont("DejaVu Sans", 10, QFont.Weight.Bold)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.5)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, spec.banner_text)


def _paint_footer(painter: QPainter, spec: PdfSpec, size: QSizeF, page: int, pages: int) -> None:
    left, _top, right, bottom = (_px(m) for m in MARGIN_MM)
    y = size.height() - bottom + _px(6)
    rect = QRectF(left, y, size.width() - left - right, _px(6))
    painter.setPen(QColor("#9aa5b1"))
    painter.drawLine(rect.topLeft(), rect.topRight())
    painter.setFont(QFont("DejaVu Sans", 8))
    painter.setPen(QColor("#444444"))
    text_rect = rect.adjusted(0, _px(1.5), 0, 0)
    flags = Qt.AlignmentFlag.AlignTop
    painter.drawText(text_rect, flags | Qt.AlignmentFlag.AlignLeft, spec.footer_text)
    label = spec.page_label.format(page=page, pages=pages)
    painter.drawText(text_rect, flags | Qt.AlignmentFlag.AlignRight, label)


def _paint(
    doc: QTextDocument,
    writer: QPdfWriter,
    spec: PdfSpec,
    progress: Progress | None,
    cancel: Cancel | None,
) -> int:
    pages = doc.pageCount()
    page_height = doc.pageSize().height()
    full = QSizeF(writer.width(), writer.height())
    left, top = _px(MARGIN_MM[0]), _px(MARGIN_MM[1])
    painter = QPainter(writer)
    try:
        for index in range(pages):
            if cancel is not None and cancel():
                return 0
            if index:
                writer.newPage()
            painter.save()
            painter.translate(left, top - index * page_height)
            doc.drawContents(
                painter, QRectF(0, index * page_height, doc.pageSize().width(), page_height)
            )
            painter.restore()
            _paint_banner(painter, spec, full.width())
            _paint_footer(painter, spec, full, index + 1, pages)
            if progress is not None:
                progress(index + 1, pages)
    finally:
        painter.end()
    return pages


def write_pdf(
    spec: PdfSpec, out: Path, progress: Progress | None = None, cancel: Cancel | None = None
) -> int:
    """Write the PDF to `out` (replaced atomically); the page count, or 0 if cancelled."""
    with gui_application():
        data, pages = _render(spec, progress, cancel)
    if pages:
        _replace(Path(out), data)
    return pages


def _render(spec: PdfSpec, progress: Progress | None, cancel: Cancel | None) -> tuple[bytes, int]:
    """The PDF in memory and its page count (0 if cancelled); nothing touches the disk here."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _new_writer(buffer, spec)
    if progress is not None:
        progress(0, 1)
    doc = _settle(spec, writer, cancel)
    pages = _paint(doc, writer, spec, progress, cancel) if doc is not None else 0
    buffer.close()
    return bytes(data.data()), pages


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
