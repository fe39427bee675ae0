"""Confirm each possible personal datum an export would carry, or stop the export.

One row per hit: entry title, field, pattern and a redacted preview (the
matched text itself is never shown again here). Export is enabled only once
every row is ticked; the ticked rows' keys go to the core, which exports only
if they cover every hit it finds then, and audits the override.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expertise import EntryHits, PersonalDataFound, confirmation_key
from ui.labels import field_label
from ui.plaintext import plain_label
from ui.privacy.labels import PatternText

KEY_ROLE = Qt.ItemDataRole.UserRole


class PersonalDataDialog(QDialog):
    def __init__(self, found: Sequence[EntryHits], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Possible personal data"))
        self.setMinimumWidth(640)
        patterns = PatternText(self)
        intro = plain_label(
            self.tr(
                "This export would carry text that looks like personal data. Example cases and "
                "practices must be anonymised. Tick each item once you have checked that it may "
                "be shared, or cancel and correct the text."
            ),
            self,
            wrap=True,
        )
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [self.tr("Entry"), self.tr("Field"), self.tr("Pattern"), self.tr("Preview")]
        )
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for item in found:
            for hit in item.hits:
                base = re.split(r"[\[.]", hit.field)[0]  # "follow_ups[2].text" -> "follow_ups"
                field = (patterns.field(base) or field_label(base)) + hit.field[len(base) :]
                row = QTreeWidgetItem([item.title, field, patterns.name(hit.kind), hit.preview])
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Unchecked)
                row.setData(0, KEY_ROLE, confirmation_key(item.entry_id, hit))
                self.table.addTopLevelItem(row)
        self.table.itemChanged.connect(self._update)
        self.counter = plain_label("", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = QPushButton(self.tr("Export anyway"), self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.table, self.counter, buttons):
            layout.addWidget(widget)
        self._update()

    def _rows(self) -> list[QTreeWidgetItem]:
        rows = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        return [row for row in rows if row is not None]

    def confirmed(self) -> list[str]:
        return [
            str(row.data(0, KEY_ROLE))
            for row in self._rows()
            if row.checkState(0) == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        done, total = len(self.confirmed()), len(self._rows())
        self.counter.setText(self.tr("{done} of {total} confirmed").format(done=done, total=total))
        self.export_button.setEnabled(total > 0 and done == total)


def confirm_hits(parent: QWidget | None, error: PersonalDataFound) -> list[str] | None:
    """The confirmation keys if the user ticked every hit and chose to export, else None."""
    dialog = PersonalDataDialog(error.found, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    keys = dialog.confirmed()
    dialog.deleteLater()
    return keys if accepted else None

