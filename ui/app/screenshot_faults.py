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

from PySide6.QtGui import QTextCursor

from expertise import Hub
from ui.app.grab import fault_dialog, settle
from ui.app.screenshot import close, open_window, save
from ui.editor.editor import EntryEditor
from ui.os_fault import set_hub_folder
from ui.shell.main_window import MainWindow

ADDED = (
    "\n\nAanvulling na de regionale overleggen: afspraken over gezamenlijke trainingsdagen, "
    "de verdeling van de werkvoorraad en het terugkoppelen aan de partners in de keten."
)
ADDED_TIMES = 2500  # ~400 kB more: the save needs pages the full disk does not have
WAIT_S = 20.0


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
    rows = hub.entries.list("advice") or hub.entries.list()
    entry = max(rows, key=lambda row: len(hub.entries.get(row.id).body_md))
    window.edit_entry(entry.id)
    settle(window.ctx)
    editor = window.editor
    assert isinstance(editor, EntryEditor)
    editor.set_autosave_delay(3_600_000)
    editor.text.setPlainText(editor.text.toPlainText() + ADDED * ADDED_TIMES)
    editor.text.moveCursor(QTextCursor.MoveOperation.Start)
    return editor
