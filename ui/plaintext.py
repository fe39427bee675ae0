"""Content is never rich text in a widget (docs/SECURITY.md, "Hostile content").

Qt guesses: a QLabel, a tooltip or a message box whose text merely *looks*
like HTML is shown as rich text, and rich text loads whatever an <img> names:
a local file, or on Windows a \\\\host\\share path, which opens an SMB connection
and hands the user's network credentials to that host. Titles, names, tags,
notes and publisher names arrive through imports and partner packs, so every
label, tooltip and message box in ui/ goes through these helpers, which never
let Qt guess. tests/ui/test_plaintext_scan.py holds the rest of ui/ to that.

Labels are plain text; tooltips are always rich text whose every character
was escaped (a plain tooltip cannot wrap, and a tooltip that is *sometimes*
rich would turn "&lt;" into "<"); message boxes are plain text.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QStandardItem
from PySide6.QtWidgets import (
    QFormLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QTableWidgetItem,
    QTreeWidgetItem,
    QWidget,
)

Button = QMessageBox.StandardButton
MessageBox = QMessageBox  # for annotations only: boxes are made by message_box()
Icon = QMessageBox.Icon
Role = QMessageBox.ButtonRole
Tooltipped = QWidget | QListWidgetItem | QTableWidgetItem | QStandardItem | QAction


class PlainLabel(QLabel):
    """A QLabel that shows its text as it is: no HTML, no images, no links."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def plain_label(
    text: str, parent: QWidget | None, name: str = "", *, wrap: bool = False
) -> PlainLabel:
    """A plain label; `name` is an objectName the style sheets know (entryTitle, …)."""
    label = PlainLabel(text, parent)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def buddy_label(text: str, parent: QWidget | None, buddy: QWidget) -> PlainLabel:
    """A plain label whose &-shortcut focuses `buddy`."""
    label = PlainLabel(text, parent)
    label.setBuddy(buddy)
    return label


def form_row(form: QFormLayout, text: str, field: QWidget | QLayout) -> PlainLabel:
    """form.addRow(text, field), but the label QFormLayout would make guesses rich text."""
    label = PlainLabel(text, form.parentWidget())
    if isinstance(field, QWidget):
        label.setBuddy(field)
    form.addRow(label, field)
    return label


# -- tooltips ---------------------------------------------------------------------------
def tooltip_text(text: str) -> str:
    """Rich text that shows `text` literally: every <, > and & escaped, lines kept."""
    return QtGui.Qt.convertFromPlainText(text) if text else ""


def set_plain_tooltip(target: Tooltipped, text: str) -> None:
    target.setToolTip(tooltip_text(text))


def set_plain_item_tooltip(item: QTreeWidgetItem, column: int, text: str) -> None:
    item.setToolTip(column, tooltip_text(text))


# -- message boxes -------------------------------------------------------------------------
def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return box


def _run(box: QMessageBox) -> Button:
    return Button(box.exec())


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _run(message_box(parent, QMessageBox.Icon.Warning, title, text))


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
    default: Button = Button.NoButton,
) -> Button:
    """The button the user chose (Escape gives the escape button, e.g. No or Cancel)."""
    return _run(message_box(parent, QMessageBox.Icon.Question, title, text, buttons, default))


# -- dialogs with a label of their own ----------------------------------------------------
def ask_text(parent: QWidget | None, title: str, prompt: str, text: str = "") -> str | None:
    """One line of text from the user, or None if cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(prompt)
    dialog.setTextValue(text)
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value if accepted else None


def progress_dialog(parent: QWidget, text: str, cancel_text: str) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setLabel(PlainLabel(text, dialog))
    dialog.setCancelButtonText(cancel_text)
    return dialog
