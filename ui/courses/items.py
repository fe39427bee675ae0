"""The ordered items of a pack: drag to reorder, drop entry ids from other views.

The widget never reorders itself: a drop becomes a request (`sig_move`,
`sig_drop_ids`), the hub does it, and the list is rebuilt from the pack it
returns, so screen and database cannot drift apart.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from expertise import CourseItemRecord, CoursePackRecord
from ui.courses.mime import ENTRY_IDS_MIME, entry_ids_from_mime
from ui.labels import kind_label
from ui.plaintext import set_plain_tooltip
from ui.shell.banner import level_of

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
BLOCKED_COLOUR = "#C62828"


class PackItemList(QListWidget):
    sig_move = Signal(int, int)  # from position, to position (final index)
    sig_drop_ids = Signal(list, int)  # entry ids, insert position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Entries in the course pack"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self._dragging_row: int | None = None

    # -- content ---------------------------------------------------------------
    def show_pack(self, pack: CoursePackRecord, language: str) -> None:
        current = self.currentRow()
        self.clear()
        for item in pack.items:
            self.addItem(self._row(item, pack.ceiling, language))
        if self.count():
            self.setCurrentRow(min(max(current, 0), self.count() - 1))

    def _row(self, item: CourseItemRecord, ceiling: str, language: str) -> QListWidgetItem:
        level = level_of(item.classification).label(language)
        text = f"{item.position + 1}. {item.title}\n    {kind_label(item.kind)} · {level}"
        if item.note:
            text += " · " + self.tr("note")
        row = QListWidgetItem(text)
        row.setData(ENTRY_ROLE, item.entry_id)
        if item.above(ceiling):
            # Raised after it was added: it stays listed so the trainer sees why
            # it is missing from exports, which skip it.
            row.setText(text + "\n    " + self.tr("Above the pack's ceiling: left out of exports"))
            row.setForeground(QBrush(QColor(BLOCKED_COLOUR)))
        set_plain_tooltip(row, item.note or item.title)
        return row

    def entry_id_at(self, row: int) -> str | None:
        item = self.item(row)
        return str(item.data(ENTRY_ROLE)) if item is not None else None

    # -- drag and drop -------------------------------------------------------------
    # A drag that starts here is recognised by `_dragging_row` (set for the length
    # of startDrag, which runs the drag's event loop), not by QDropEvent.source():
    # that reads Qt's drag manager, which a drop without a live drag does not have.
    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt's name)
        return [*super().mimeTypes(), ENTRY_IDS_MIME]

    def startDrag(self, actions: Qt.DropAction) -> None:  # noqa: N802
        self._dragging_row = self.currentRow()
        try:
            super().startDrag(actions)
        finally:
            self._dragging_row = None

    def _accepts(self, mime: QMimeData) -> bool:
        return self._dragging_row is not None or mime.hasFormat(ENTRY_IDS_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
            return
        event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        super().dragMoveEvent(event)
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        target = self.insert_row_at(event.position().toPoint())
        source = self._dragging_row
        if source is not None and source >= 0:
            self.sig_move.emit(source, target - 1 if target > source else target)
        elif source is None:
            ids = entry_ids_from_mime(event.mimeData())
            if ids:
                self.sig_drop_ids.emit(ids, target)
        # Accepted, but as no action: the list is rebuilt from the hub's answer.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()

    def insert_row_at(self, point: QPoint) -> int:
        """The position a drop at `point` inserts before (count() = at the end)."""
        index = self.indexAt(point)
        if not index.isValid():
            return self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if point.y() > rect.center().y() else 0)
