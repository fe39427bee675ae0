"""Settling and grabbing a window for a screenshot, the fault dialog drawn over it.

The offscreen platform has no compositor and draws no window frames, so a
fault dialog open over the window is painted onto the grab here, framed.
Shared by the screenshot mode and the fault screenshots (ui/app/screenshot_faults.py).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ui.context import AppContext

TITLE_BAR = 26  # px: the offscreen platform draws no window frame, so we do


def settle(ctx: AppContext | None, msecs: int = 1200) -> None:
    """Let workers finish and the event loop paint, debounce timers included."""
    deadline = time.monotonic() + msecs / 1000
    while time.monotonic() < deadline:
        QTest.qWait(40)
        if ctx is not None:
            ctx.runner.wait(2000)
            ctx.search_runner.wait(2000)
    QApplication.processEvents()


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
