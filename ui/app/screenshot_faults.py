"""Screenshots of real faults: the full-disk dialog and a read-only hub in the window.

The situations are real, set up by the caller (tests/ui/fault_shots.py makes
the docs/screenshots ones): for the full disk, the hub is open on a small
filesystem that `fill` fills up before the editor saves, so the dialog shows
what SQLite really reported; for read-only, the hub lies on a read-only mount.
A dialog is drawn over the window's centre, as a desktop would show it (the
offscreen platform has no compositor to do it).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from expertise.hub import Hub
from ui.app.screenshot import close, open_window, save, settle
from ui.editor.editor import EntryEditor
from ui.os_fault import set_hub_folder
from ui.shell.main_window import MainWindow

ADDED = (
    "\n\nAanvulling na de regionale overleggen: afspraken over gezamenlijke trainingsdagen, "
    "de verdeling van de werkvoorraad en het terugkoppelen aan de partners in de keten."
)
ADDED_TIMES = 2500  # ~400 kB more: the save needs pages the full disk does not have
WAIT_S = 20.0
TITLE_BAR = 26  # px: the offscreen platform draws no window frame, so we do


def fault_dialog() -> QDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.objectName() == "osFaultDialog":
            if widget.isVisible():
                return widget
    return None


def grab_with_dialog(window: QWidget) -> QPixmap:
    """The window with the fault dialog drawn over it, framed, if one is open."""
    shot = window.grab()
    dialog = fault_dialog()
    if dialog is None or dialog is window:
        return shot
    inner = dialog.grab()
    bar = TITLE_BAR
    width, height = inner.width() + 2, inner.height() + bar + 1
    left, top = (shot.width() - width) // 2, (shot.height() - height) // 3
    painter = QPainter(shot)
    painter.fillRect(left + 4, top + 4, width, height, QColor(0, 0, 0, 60))  # a soft shadow
    painter.fillRect(left, top, width, height, QColor("#5a606a"))  # the frame
    painter.setPen(QColor("white"))
    painter.drawText(
        QRect(left + 10, top, width - 20, bar), Qt.AlignmentFlag.AlignVCenter, dialog.windowTitle()
    )
    painter.drawPixmap(QPoint(left + 1, top + bar), inner)
    painter.end()
    return shot


def render_disk_full(hub: Hub, out: Path, language: str, fill: Callable[[], None]) -> str:
    """Edit the longest advice note, fill the disk, save; the PNG and the dialog's text.

    Returns "" (and writes nothing) when the save did not fail on a full disk.
    """
    set_hub_folder(hub.path)
    window, ctx = open_window(hub, language)
    try:
        editor = _edit_longest(window, hub)
        fill()
        editor.save_now()
        deadline = time.monotonic() + WAIT_S
        while fault_dialog() is None and time.monotonic() < deadline:
            settle(ctx, 200)
        dialog = fault_dialog()
        if dialog is None:
            print("the save did not fail: is the hub's disk really full?", file=sys.stderr)
            return ""
        settle(ctx, 600)
        save(window, out)
        text = str(dialog.text())  # type: ignore[attr-defined]  # a QMessageBox
        dialog.close()
        return text
    finally:
        set_hub_folder(None)
        close(window, ctx, 0)


def _edit_longest(window: MainWindow, hub: Hub) -> EntryEditor:
    rows = hub.list_entries("advice") or hub.list_entries()
    entry = max(rows, key=lambda row: len(hub.get_entry(row.id).body_md))
    window.edit_entry(entry.id)
    settle(window.ctx)
    editor = window.editor
    assert isinstance(editor, EntryEditor)
    editor.set_autosave_delay(3_600_000)
    editor.text.setPlainText(editor.text.toPlainText() + ADDED * ADDED_TIMES)
    editor.text.moveCursor(QTextCursor.MoveOperation.Start)
    return editor
