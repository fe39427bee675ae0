"""Small pieces both pack dialogs use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QLineEdit, QWidget

from expertise import HubError
from ui import plaintext
from ui.os_fault import fault_of, fault_text


def password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def plain_label(parent: QWidget, wrap: bool = False) -> plaintext.PlainLabel:
    """A label for text that may come from a pack or the hub: never rendered as rich text.

    Rich text would load `<img src=...>` from local files or network shares.
    """
    return plaintext.plain_label("", parent, wrap=wrap)


def buddy_label(parent: QWidget, text: str, buddy: QWidget) -> plaintext.PlainLabel:
    """A label whose &-shortcut focuses `buddy` (a form row holding a layout gets none)."""
    return plaintext.buddy_label(text, parent, buddy)


def error_message(error: Exception, fallback: str) -> str:
    fault = fault_of(error)
    if fault is not None:
        return fault_text(fault)  # a full disk, a read-only folder: translated, no content
    # Core errors carry no content (ARCHITECTURE §11.10); anything else stays generic.
    return str(error) if isinstance(error, HubError) else fallback


def guarded(widget: QWidget, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """`callback`, or nothing if the dialog was closed and deleted before a job returned."""

    def call(value: Any) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return call
