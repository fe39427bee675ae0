"""A dated timeline: the follow-up log of an example case, the status history of a bottleneck.

Each point is a date, a heading (who wrote it, or the status reached) and a text,
drawn along a vertical line, oldest first so the case reads as it happened. Text
is shown as plain text: a follow-up is user content and never becomes markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ui.plaintext import PlainLabel, plain_label

LINE_COLOUR = "#90a4ae"
DOT_COLOUR = "#1565c0"
DOT_RADIUS = 5
GUTTER = 22


@dataclass(frozen=True)
class TimelinePoint:
    date: str  # ISO date; points are sorted on it
    heading: str
    text: str = ""
    accent: str = DOT_COLOUR  # the dot's colour (a status has its own)


class _Gutter(QWidget):
    """The line and the dot of one point; the line runs on unless it is the last point."""

    def __init__(self, accent: str, first: bool, last: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self._accent = QColor(accent)
        self._first = first
        self._last = last
        self.setFixedWidth(GUTTER)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(GUTTER, 2 * DOT_RADIUS + 8)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPoint(GUTTER // 2, DOT_RADIUS + 6)
        painter.setPen(QPen(QColor(LINE_COLOUR), 2))
        top = 0 if not self._first else centre.y()
        bottom = self.height() if not self._last else centre.y()
        painter.drawLine(centre.x(), top, centre.x(), bottom)
        painter.setPen(QPen(self._accent.darker(130), 1))
        painter.setBrush(self._accent)
        painter.drawEllipse(centre, DOT_RADIUS, DOT_RADIUS)
        painter.end()


class TimelineView(QScrollArea):
    """Shows points oldest first; `empty_text` when there are none."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.points: list[TimelinePoint] = []
        self.set_points(())

    def set_points(self, points: Sequence[TimelinePoint]) -> None:
        self.points = sorted(points, key=lambda point: point.date)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(0)
        if not self.points:
            empty = plain_label(self._empty_text, inner, wrap=True)
            empty.setObjectName("timelineEmpty")
            layout.addWidget(empty)
        last = len(self.points) - 1
        for index, point in enumerate(self.points):
            layout.addWidget(self._row(point, index == 0, index == last, inner))
        layout.addStretch(1)
        self.setWidget(inner)

    def _row(self, point: TimelinePoint, first: bool, last: bool, parent: QWidget) -> QWidget:
        row = QWidget(parent)
        row.setObjectName("timelinePoint")
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        box.addWidget(_Gutter(point.accent, first, last, row))
        text = QVBoxLayout()
        text.setContentsMargins(0, 2, 0, 10)
        text.setSpacing(2)
        head = plain_label(f"{point.date}  ·  {point.heading}", row, wrap=True)
        head.setStyleSheet("font-weight: bold;")
        text.addWidget(head)
        if point.text:
            body = plain_label(point.text, row, wrap=True)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.addWidget(body)
        box.addLayout(text, 1)
        return row

    def texts(self) -> list[str]:
        """What the points show, in order: for tests and accessibility checks."""
        inner = self.widget()
        return [label.text() for label in inner.findChildren(PlainLabel)] if inner else []
