"""Paints a hit: kind and title on the first line, the highlighted snippet below.

The snippet arrives HTML-escaped with <mark> around matches. The delegate does
not rely on that: it splits the snippet at the <mark> tags, turns every piece
back into text and escapes it itself, and adds only its own highlight markup.
The title is painted as text. The document loads nothing (InertDocument).
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.safe_browser import InertDocument
from ui.search.results_model import ResultsModel

PAD = 6
MARK_OPEN = '<span style="background-color:#ffe08a; color:#000000;">'
MARK_CLOSE = "</span>"
CACHE_SIZE = 300  # laid-out snippets kept; a page of hits is 50
_MARKS = re.compile(r"(</?mark>)")


def snippet_html(snippet: str) -> str:
    """Qt rich text for a snippet: its text escaped here, our highlight the only markup."""
    parts: list[str] = []
    for piece in _MARKS.split(snippet):
        if piece == "<mark>":
            parts.append(MARK_OPEN)
        elif piece == "</mark>":
            parts.append(MARK_CLOSE)
        else:
            parts.append(html.escape(html.unescape(piece), quote=False))
    return "".join(parts)


class SnippetDelegate(QStyledItemDelegate):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._docs: OrderedDict[tuple[str, int, str], InertDocument] = OrderedDict()

    def _document(self, text: str, width: int, option: QStyleOptionViewItem) -> InertDocument:
        key = (text, width, option.font.key())
        doc = self._docs.get(key)
        if doc is None:
            doc = InertDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(0)
            doc.setHtml(text)
            doc.setTextWidth(width)
            self._docs[key] = doc
            if len(self._docs) > CACHE_SIZE:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(key)
        return doc

    def _snippet_text(self, index: QModelIndex | QPersistentModelIndex) -> str:
        if index.data(ResultsModel.TitleMatchRole):
            return (
                "<i>"
                + html.escape(QCoreApplication.translate("SnippetDelegate", "Title match"))
                + "</i>"
            )
        return snippet_html(str(index.data(ResultsModel.SnippetRole) or ""))

    def _title_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setBold(True)
        return font

    def sizeHint(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = max(option.rect.width(), 200) - 2 * PAD
        title_height = QFontMetrics(self._title_font(option)).height() + 2
        doc = self._document(self._snippet_text(index), width, option)
        return QSize(width + 2 * PAD, int(title_height + doc.size().height()) + 2 * PAD + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        top = self._paint_title(painter, opt, index, rect, role)
        self._paint_snippet(painter, opt, index, rect, top, role)
        painter.restore()

    def _paint_title(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        area: QRect,
        role: QPalette.ColorRole,
    ) -> int:
        kind = str(index.data(ResultsModel.KindLabelRole) or "")
        painter.setFont(opt.font)
        muted = opt.palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText)
        painter.setPen(
            opt.palette.color(role) if role == QPalette.ColorRole.HighlightedText else muted
        )
        kind_width = painter.fontMetrics().horizontalAdvance(kind + "  ")
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, kind)
        painter.setFont(self._title_font(opt))
        painter.setPen(opt.palette.color(role))
        title_area = area.adjusted(kind_width, 0, 0, 0)
        title = painter.fontMetrics().elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, title_area.width()
        )
        painter.drawText(title_area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
        return area.top() + painter.fontMetrics().height() + 2

    def _paint_snippet(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        area: QRect,
        top: int,
        role: QPalette.ColorRole,
    ) -> None:
        doc = self._document(self._snippet_text(index), area.width(), opt)
        painter.translate(area.left(), top)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        context.clip = QRectF(0, 0, area.width(), area.bottom() - top)
        layout = doc.documentLayout()
        layout.draw(painter, context)
