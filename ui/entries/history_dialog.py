"""Revision history of one entry: the list of saves, a diff, and restore.

Restoring never deletes a revision: the core saves the old content as a new
revision, so a restore can itself be undone from this same dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from expertise import EntryRecord, RevisionRecord
from ui.context import AppContext
from ui.plaintext import Button, ask, plain_label, warn
from ui.tasks import Progress

REVISION_ROLE = Qt.ItemDataRole.UserRole


class DiffHighlighter(QSyntaxHighlighter):
    """Colours a unified diff: additions green, removals red, hunks grey."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats = {
            "+": self._format("#2E7D32"),
            "-": self._format("#C62828"),
            "@": self._format("#6A707A"),
        }

    @staticmethod
    def _format(colour: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(colour))
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if text.startswith(("+++", "---")):
            return
        fmt = self._formats.get(text[:1])
        if fmt is not None:
            self.setFormat(0, len(text), fmt)


class HistoryDialog(QDialog):
    sig_restored = Signal(str)

    def __init__(self, ctx: AppContext, entry_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entry_id = entry_id
        self._current = 0  # the entry's current revision number
        self.setWindowTitle(self.tr("Revision history"))
        self.resize(900, 600)
        self.revisions = QListWidget(self)
        self.revisions.setAccessibleName(self.tr("Revisions"))
        self.diff = QPlainTextEdit(self)
        self.diff.setReadOnly(True)
        self.diff.setAccessibleName(self.tr("Changes compared with the current version"))
        self.diff.setFont(QFont("monospace"))
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._highlighter = DiffHighlighter(self.diff.document())
        self.caption = plain_label("", self)
        self.restore_button = QPushButton(self.tr("&Restore this revision"), self)
        self.restore_button.setEnabled(False)
        self._build()
        self.revisions.currentItemChanged.connect(self._on_pick)
        self.restore_button.clicked.connect(self._restore)
        self._load()

    def _build(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.revisions)
        split.addWidget(self.diff)
        split.setStretchFactor(1, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.caption)
        layout.addWidget(buttons)

    def _load(self) -> None:
        hub, entry_id = self._ctx.hub, self._entry_id

        def job(_: Progress) -> tuple[EntryRecord, list[RevisionRecord]]:
            return hub.entries.get(entry_id), hub.entries.revisions(entry_id)

        self._ctx.runner.submit(job, self._fill)

    def _fill(self, loaded: tuple[EntryRecord, list[RevisionRecord]]) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        record, revisions = loaded
        self._current = record.revision
        self.revisions.clear()
        for rev in revisions:
            text = self.tr("Revision {n} — {when} — {who}").format(
                n=rev.revision, when=rev.saved_at.strftime("%Y-%m-%d %H:%M"), who=rev.saved_by
            )
            item = QListWidgetItem(text, self.revisions)
            item.setData(REVISION_ROLE, rev.revision)
        if not revisions:
            self.caption.setText(self.tr("This entry has no earlier revisions."))
        else:
            self.revisions.setCurrentRow(0)

    def _on_pick(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        number = int(item.data(REVISION_ROLE))
        self.restore_button.setEnabled(number != self._current)
        hub, entry_id, current = self._ctx.hub, self._entry_id, self._current
        if number == current:
            self.diff.setPlainText("")
            self.caption.setText(self.tr("This is the current version."))
            return
        self.caption.setText(
            self.tr("Changes from revision {old} to the current revision {new}.").format(
                old=number, new=current
            )
        )
        self._ctx.runner.submit(
            lambda _p: hub.entries.revision_diff(entry_id, number, current), self._show_diff
        )

    def _show_diff(self, text: str) -> None:
        if isValid(self):
            self.diff.setPlainText(text)

    def selected_revision(self) -> int | None:
        item = self.revisions.currentItem()
        return int(item.data(REVISION_ROLE)) if item else None

    def _restore(self) -> None:
        number = self.selected_revision()
        if number is None:
            return
        answer = ask(
            self,
            self.tr("Restore revision"),
            self.tr(
                "Restore revision {n}? The current text is kept as a revision, "
                "so this can be undone."
            ).format(n=number),
        )
        if answer == Button.Yes:
            self.restore(number)

    def restore(self, number: int) -> None:
        hub, entry_id = self._ctx.hub, self._entry_id
        self._ctx.runner.submit(
            lambda _p: hub.entries.restore_revision(entry_id, number),
            lambda _record: self._restored(),
            lambda _error: self._restore_failed(),
        )

    def _restore_failed(self) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        warn(self, self.tr("Restore revision"), self.tr("The revision could not be restored."))

    def _restored(self) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        self.sig_restored.emit(self._entry_id)
        self._load()

    def clear(self) -> None:
        self.revisions.clear()
        self.diff.clear()
