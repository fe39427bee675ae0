"""The import dialog's per-entry questions: lower classifications and entries deleted here.

Each row defaults to the safe answer (keep the classification, leave deleted);
only a row the user changes becomes an explicit, listed choice for the import.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from expertise import PlanItem
from ui.shell.banner import level_of

KEEP, ACCEPT = "keep", "accept"


class _ChoiceTable(QTableWidget):
    """Rows of plan items, the last column a choice; the first choice is the safe one."""

    def _setup(self, headers: list[str], name: str) -> None:
        self.setColumnCount(len(headers))
        self.setAccessibleName(name)
        self.setHorizontalHeaderLabels(headers)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVisible(False)

    def _fill(self, rows: list[tuple[str, list[str]]], options: list[tuple[str, str]]) -> None:
        self.setRowCount(len(rows))
        for row, (entry_id, cells) in enumerate(rows):
            # Table items are plain text: a title cannot load anything.
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
            box = QComboBox(self)
            header = self.horizontalHeaderItem(len(cells))
            box.setAccessibleName(header.text() if header is not None else "")
            for label, value in options:
                box.addItem(label, value)
            box.setProperty("entry_id", entry_id)
            self.setCellWidget(row, len(cells), box)
        self.setVisible(bool(rows))

    def boxes(self) -> list[QComboBox]:
        last = self.columnCount() - 1
        rows = range(self.rowCount())
        return [box for r in rows if isinstance(box := self.cellWidget(r, last), QComboBox)]

    def chosen(self) -> list[str]:
        """Ids of the rows where the user picked the non-default answer."""
        return [str(b.property("entry_id")) for b in self.boxes() if b.currentData() == ACCEPT]

    def clear_rows(self) -> None:
        self.setRowCount(0)
        self.setVisible(False)


class DowngradeTable(_ChoiceTable):
    def __init__(self, parent: QWidget, language: str) -> None:
        super().__init__(parent)
        self._language = language
        headers = [self.tr("Entry"), self.tr("Here"), self.tr("In pack"), self.tr("Classification")]
        self._setup(headers, self.tr("Lower classifications"))

    def fill(self, items: list[PlanItem]) -> None:
        rows = [
            (
                item.entry_id,
                [
                    f"{item.local_title or item.title} ({item.kind})",
                    self._label(item.local_classification),
                    self._label(item.remote_classification),
                ],
            )
            for item in items
        ]
        options = [
            (self.tr("Keep the classification here"), KEEP),
            (self.tr("Accept the lower classification"), ACCEPT),
        ]
        self._fill(rows, options)

    def _label(self, level: str | None) -> str:
        return level_of(level).label(self._language) if level else ""


class DeletedTable(_ChoiceTable):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._setup(
            [self.tr("Entry deleted here"), self.tr("Choice")], self.tr("Entries deleted here")
        )

    def fill(self, items: list[PlanItem]) -> None:
        rows = [(item.entry_id, [f"{item.title} ({item.kind})"]) for item in items]
        self._fill(rows, [(self.tr("Leave deleted"), KEEP), (self.tr("Restore"), ACCEPT)])
