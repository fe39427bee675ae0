"""Small pieces both pack dialogs use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from expertise.errors import HubError


def password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def plain_label(parent: QWidget, wrap: bool = False) -> QLabel:
    """A label for text that may come from a pack or the hub: never rendered as rich text.

    Rich text would load `<img src=...>` from local files or network shares.
    """
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def buddy_label(parent: QWidget, text: str, buddy: QWidget) -> QLabel:
    """A label whose &-shortcut focuses `buddy` (a form row holding a layout gets none)."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def error_message(error: Exception, fallback: str) -> str:
    # Core errors carry no content (ARCHITECTURE §11.10); anything else stays generic.
    return str(error) if isinstance(error, HubError) else fallback


def guarded(widget: QWidget, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """`callback`, or nothing if the dialog was closed and deleted before a job returned."""

    def call(value: Any) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return call
