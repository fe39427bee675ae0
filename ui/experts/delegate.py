"""Paints one expert found: rank, name and a match bar, then why they match.

The bar shows the score relative to the best candidate, so the gap between
the first and the fifth expert is visible without reading numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
PAD = 6
BAR_WIDTH = 120
BAR_HEIGHT = 8
MAX_LINES = 4


@dataclass(frozen=True)
class ExpertItem:
    id: str
    rank: int
    name: str
    share: int  # percent of the best score
    areas: tuple[str, ...]  # matched areas of expertise (or every reason, before sorting)
    work: tuple[str, ...] = ()  # titles of entries they wrote, own or lead

    def lines(self, areas_label: str, work_label: str) -> list[tuple[str, str]]:
        """(label, text) rows; the label only on the first row of its group."""
        lines = [(areas_label, ", ".join(self.areas))] if self.areas else []
        lines += [(work_label if i == 0 else "", title) for i, title in enumerate(self.work)]
        return lines[:MAX_LINES]


class ExpertDelegate(QStyledItemDelegate):
    def __init__(self, areas_label: str, work_label: str, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._labels = (areas_label, work_label)

    def _item(self, index: QModelIndex | QPersistentModelIndex) -> ExpertItem | None:
        value = index.data(ITEM_ROLE)
        return value if isinstance(value, ExpertItem) else None

    def sizeHint(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        item = self._item(index)
        line = option.fontMetrics.height()
        count = 1 + (len(item.lines(*self._labels)) if item else 0)
        return QSize(max(option.rect.width(), 300), count * (line + 2) + 2 * PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = self._item(index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if item is None:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        self._paint_head(painter, opt, item, rect, role)
        self._paint_lines(painter, opt, item, rect, role)
        painter.restore()

    def _paint_head(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        item: ExpertItem,
        rect: QRect,
        role: QPalette.ColorRole,
    ) -> None:
        line = opt.fontMetrics.height()
        bar = QRect(
            rect.right() - BAR_WIDTH - 40,
            rect.top() + (line - BAR_HEIGHT) // 2,
            BAR_WIDTH,
            BAR_HEIGHT,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 40))
        painter.drawRoundedRect(bar, 3, 3)
        painter.setBrush(
            opt.palette.color(
                role if role == QPalette.ColorRole.HighlightedText else QPalette.ColorRole.Highlight
            )
        )
        painter.drawRoundedRect(
            bar.adjusted(0, 0, -(BAR_WIDTH * (100 - item.share)) // 100, 0), 3, 3
        )
        painter.setPen(opt.palette.color(role))
        painter.setFont(opt.font)
        share = QRect(bar.right() + 6, rect.top(), 40, line)
        painter.drawText(share, Qt.AlignmentFlag.AlignLeft, f"{item.share}%")
        font = QFont(opt.font)
        font.setBold(True)
        painter.setFont(font)
        head = QRect(rect.left(), rect.top(), bar.left() - rect.left() - 8, line)
        text = painter.fontMetrics().elidedText(
            f"{item.rank}.  {item.name}", Qt.TextElideMode.ElideRight, head.width()
        )
        painter.drawText(head, Qt.AlignmentFlag.AlignLeft, text)

    def _paint_lines(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        item: ExpertItem,
        rect: QRect,
        role: QPalette.ColorRole,
    ) -> None:
        painter.setFont(opt.font)
        metrics = opt.fontMetrics
        line = metrics.height() + 2
        indent = 18 + max(metrics.horizontalAdvance(label) for label in self._labels) + 8
        top = rect.top() + line
        muted = opt.palette.color(QPalette.ColorRole.PlaceholderText)
        for label, text in item.lines(*self._labels):
            painter.setPen(opt.palette.color(role) if role != QPalette.ColorRole.Text else muted)
            painter.drawText(QRect(rect.left() + 18, top, indent, line), 0, label)
            area = QRect(rect.left() + indent, top, rect.width() - indent, line)
            painter.setPen(opt.palette.color(role))
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
            painter.drawText(area, Qt.AlignmentFlag.AlignLeft, shown)
            top += line
