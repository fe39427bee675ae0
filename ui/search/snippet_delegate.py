"""Paints a hit: kind and title on the first line, the highlighted snippet below.

The snippet arrives HTML-escaped with <mark> around matches (S8). It is never
unescaped: the only change is <mark> → a styled <span>, because Qt's rich
text does not know <mark>; everything else stays text.
"""

from __future__ import annotations

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
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.search.results_model import ResultsModel

PAD = 6
MARK_OPEN = '<span style="background-color:#ffe08a; color:#000000;">'
CACHE_SIZE = 300  # laid-out snippets kept; a page of hits is 50


def snippet_html(snippet: str) -> str:
    """Qt rich text for an escaped snippet: only the <mark> tags are swapped."""
    return snippet.replace("<mark>", MARK_OPEN).replace("</mark>", "</span>")


class SnippetDelegate(QStyledItemDelegate):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._docs: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()

    def _document(self, text: str, width: int, option: QStyleOptionViewItem) -> QTextDocument:
        key = (text, width, option.font.key())
        doc = self._docs.get(key)
        if doc is None:
            doc = QTextDocument()
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
            return f"<i>{QCoreApplication.translate('SnippetDelegate', 'Title match')}</i>"
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
