"""Copies that clipboard managers should not keep, and clearing them on lock (S6).

Qt cannot always tell whether the clipboard still holds our data
(`ownsClipboard()` is false on several platforms), so we remember a digest of
what we put there, not the text itself, and clear the clipboard at lock time
only if its current content matches.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

# Each platform's clipboard managers honour a different marker.
SECRET_HINTS: dict[str, bytes] = {
    "x-kde-passwordManagerHint": b"secret",  # KDE Klipper and most X11/Wayland managers
    "org.nspasteboard.ConcealedType": b"",  # macOS managers (nspasteboard.org)
    # Windows clipboard history and cloud clipboard (DWORD 0 = do not include).
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\0",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\0\0\0\0",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\0\0\0\0",
}

_MODES = (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection)
_ours: set[str] = set()
_tracking = False


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def mark_secret(mime: QMimeData) -> QMimeData:
    """Add the 'do not keep' hints and remember the text as ours."""
    for fmt, value in SECRET_HINTS.items():
        mime.setData(fmt, value)
    remember(mime.text())
    return mime


def remember(text: str) -> None:
    if text:
        _ours.add(_digest(text))


def copy_text(text: str) -> None:
    """Put plain text on the clipboard, marked secret."""
    mime = QMimeData()
    mime.setText(text)
    # The clipboard takes ownership of `mime`; keep no Python reference to it.
    QGuiApplication.clipboard().setMimeData(mark_secret(mime), QClipboard.Mode.Clipboard)


def track_application_copies() -> None:
    """Remember copies made by any of our widgets (editors, line edits) too.

    A change while one of our windows has focus came from us: another program
    can only take the clipboard while it has the focus itself.
    """
    global _tracking
    if _tracking:
        return
    _tracking = True
    board = QGuiApplication.clipboard()

    def changed() -> None:
        if QGuiApplication.focusWindow() is not None:
            remember(board.text(QClipboard.Mode.Clipboard))

    board.dataChanged.connect(changed)


def holds_ours(mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> bool:
    board = QGuiApplication.clipboard()
    if mode == QClipboard.Mode.Selection and not board.supportsSelection():
        return False
    text = board.text(mode)
    return bool(text) and _digest(text) in _ours


def clear_if_ours() -> bool:
    """Empty every clipboard mode that still holds our content; True if one did."""
    board = QGuiApplication.clipboard()
    cleared = False
    for mode in _MODES:
        if mode == QClipboard.Mode.Selection and not board.supportsSelection():
            continue
        owns = board.ownsClipboard() if mode == QClipboard.Mode.Clipboard else board.ownsSelection()
        if owns or holds_ours(mode):
            board.clear(mode)
            cleared = True
    _ours.clear()
    return cleared
