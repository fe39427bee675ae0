"""The editor's top: kind, title, save state and buttons; and the conflict bar below it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from expertise import named_kinds
from ui.labels import kind_label
from ui.plaintext import PlainLabel, plain_label, set_plain_tooltip


class EditorHeader(QWidget):
    sig_save = Signal()
    sig_close = Signal()
    sig_preview = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_label = plain_label("", self)
        self.kind_label.setStyleSheet("font-weight: bold;")
        self.title = QLineEdit(self)
        self.title.setObjectName("editor_title")
        big = QFont(self.title.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.title.setFont(big)
        self.title_error = _error_label(self)
        self.state = plain_label("", self)
        # Possible personal data (ui/privacy): a count by the save button, the hit at the cursor.
        self.privacy_count = _warning_label(self, "privacy_count", wrap=False)
        self.privacy_note = _warning_label(self, "privacy_note", wrap=True)
        self.undo = self._tool(self.tr("Undo"), self.tr("Undo the last text change (Ctrl+Z)"))
        self.redo = self._tool(self.tr("Redo"), self.tr("Redo (Ctrl+Shift+Z)"))
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self.preview_toggle = self._tool(self.tr("Preview"), self.tr("Show or hide the preview"))
        self.preview_toggle.setCheckable(True)
        self.preview_toggle.setChecked(True)
        self.preview_toggle.toggled.connect(self.sig_preview)
        save = QPushButton(self.tr("Save"), self)
        set_plain_tooltip(save, self.tr("Save now (Ctrl+S); changes are also saved automatically"))
        save.clicked.connect(self.sig_save)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.sig_close)
        self._lay_out(save, close)

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        set_plain_tooltip(button, tip)
        button.setAccessibleName(text)
        return button

    def _lay_out(self, save: QPushButton, close: QPushButton) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.kind_label, 0, 0)
        grid.addWidget(self.title, 1, 0)
        grid.addWidget(self.title_error, 2, 0)
        buttons = QHBoxLayout()
        for button in (self.undo, self.redo, self.preview_toggle):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.privacy_count)
        buttons.addWidget(save)
        buttons.addWidget(close)
        grid.addLayout(buttons, 1, 1)
        grid.addWidget(self.state, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.privacy_note, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)

    def show_entry(self, kind: str, title: str) -> None:
        self.kind_label.setText(kind_label(kind))
        named = kind in named_kinds()  # the title is a name
        self.title.setPlaceholderText(self.tr("Name") if named else self.tr("Title"))
        self.title.setAccessibleName(self.tr("Name") if named else self.tr("Title"))
        self.title.setText(title)
        self.clear_title_error()

    def set_privacy(self, count_text: str) -> None:
        self.privacy_count.setText(count_text)
        self.privacy_count.setVisible(bool(count_text))

    def set_privacy_note(self, text: str) -> None:
        self.privacy_note.setText(text)
        self.privacy_note.setVisible(bool(text))

    def set_state(self, text: str, *, error: bool = False) -> None:
        self.state.setText(text)
        self.state.setStyleSheet("color: #c62828;" if error else "")

    def show_title_error(self, message: str) -> None:
        self.title_error.setText(message)
        self.title_error.show()
        self.title.setFocus()

    def clear_title_error(self) -> None:
        self.title_error.hide()

    def clear(self) -> None:
        self.kind_label.clear()
        self.title.clear()
        self.state.clear()
        self.clear_title_error()


class ConflictBar(QFrame):
    """Shown when the entry changed elsewhere: the user decides, nothing is overwritten."""

    sig_reload = Signal()
    sig_overwrite = Signal(int)  # the revision to replace

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._revision = 0
        self.setObjectName("conflict_bar")
        self.setStyleSheet(
            "#conflict_bar { background: #fff4e5; border: 1px solid #b26a00; border-radius: 3px; }"
            " QLabel { color: #5d3800; }"
        )
        self.message = plain_label("", self, wrap=True)
        reload_ = QPushButton(self.tr("Reload (discard my changes)"), self)
        reload_.clicked.connect(self.sig_reload)
        overwrite = QPushButton(self.tr("Keep mine (replace theirs)"), self)
        overwrite.clicked.connect(lambda: self.sig_overwrite.emit(self._revision))
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(reload_)
        layout.addWidget(overwrite)
        self.hide()

    def show_conflict(self, revision: int) -> None:
        self._revision = revision
        self.message.setText(
            self.tr(
                "This entry was changed elsewhere (now revision {revision}) while you edited it. "
                "Autosave is paused; your text is still here."
            ).format(revision=revision)
        )
        self.show()


def _error_label(parent: QWidget) -> PlainLabel:
    label = plain_label("", parent)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    return label


def _warning_label(parent: QWidget, name: str, *, wrap: bool) -> PlainLabel:
    label = plain_label("", parent, name, wrap=wrap)
    label.setStyleSheet("color: #8a4b00; font-weight: bold;")
    label.hide()
    return label
