"""The entries a sync found changed here and by a teammate: keep mine, take theirs, keep both.

Loading and resolving run on ctx.runner; the table shows titles as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expertise import BOTH, MINE, THEIRS, ConflictRecord
from ui.context import AppContext
from ui.labels import kind_label
from ui.plaintext import plain_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ConflictsDialog(QDialog):
    sig_loaded = Signal()  # the table is filled (tests)
    sig_resolved = Signal(str)  # entry id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.note = plain_label(
            self.tr("These entries were changed on this laptop and by a teammate."), self, wrap=True
        )
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("This laptop"), self.tr("Teammate's version")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons: dict[str, QPushButton] = {
            MINE: QPushButton(self.tr("Keep &mine"), self),
            THEIRS: QPushButton(self.tr("Take &theirs"), self),
            BOTH: QPushButton(self.tr("Keep &both"), self),
        }
        row = QHBoxLayout()
        for choice, button in self.buttons.items():
            button.clicked.connect(lambda _=False, c=choice: self.resolve(c))
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._enable)
        self.resize(720, 360)
        self._enable()
        self.load()

    def load(self) -> None:
        hub = self.ctx.hub
        self.ctx.runner.submit(lambda _p: hub.team.conflicts(), self._fill)

    def _fill(self, found: list[ConflictRecord]) -> None:
        self.table.setRowCount(len(found))
        deleted = self.tr("(deleted)")
        for row, conflict in enumerate(found):
            cells = (
                kind_label(conflict.kind),
                conflict.title_here if conflict.title_here is not None else deleted,
                conflict.title_theirs if conflict.title_theirs is not None else deleted,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, conflict.entry_id)
                self.table.setItem(row, column, item)
        if found:
            self.table.selectRow(0)
        self._enable()
        self.sig_loaded.emit()

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(ID_ROLE)) if items else None

    def _enable(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(self.selected_id() is not None)

    def resolve(self, choice: str) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        for button in self.buttons.values():
            button.setEnabled(False)
        hub = self.ctx.hub

        def done(_: object) -> None:
            self.sig_resolved.emit(entry_id)
            self.load()

        self.ctx.runner.submit(lambda _p: hub.team.resolve(entry_id, choice), done)
