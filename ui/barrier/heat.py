"""Heat-map colours for the barrier matrix, readable on the light and the dark theme.

A cell with entries gets a colour from a fixed sequential ramp (pale yellow to
deep red) and the text colour with the better contrast on it, so the theme's
palette never decides readability; an empty cell keeps the view's own
background and shows no number.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

RAMP = ("#FFF1C1", "#FED28A", "#FDAE61", "#F46D43", "#D73027", "#A50026")
DARK_TEXT, LIGHT_TEXT = "#111111", "#FFFFFF"


def _mix(low: QColor, high: QColor, share: float) -> QColor:
    return QColor(
        round(low.red() + (high.red() - low.red()) * share),
        round(low.green() + (high.green() - low.green()) * share),
        round(low.blue() + (high.blue() - low.blue()) * share),
    )


def cell_colour(count: int, highest: int) -> QColor | None:
    """The background for `count` on a scale up to `highest`; None for an empty cell."""
    if count <= 0 or highest <= 0:
        return None
    share = min(count / highest, 1.0) * (len(RAMP) - 1)
    step = min(int(share), len(RAMP) - 2)
    return _mix(QColor(RAMP[step]), QColor(RAMP[step + 1]), share - step)


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(first: QColor, second: QColor) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(background: QColor) -> QColor:
    dark, light = QColor(DARK_TEXT), QColor(LIGHT_TEXT)
    return dark if contrast(background, dark) >= contrast(background, light) else light


class HeatScale(QWidget):
    """The colour ramp as a small bar, for the legend beside the matrix."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(140, 14)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        gradient = QLinearGradient(0, 0, self.width(), 0)
        for step, colour in enumerate(RAMP):
            gradient.setColorAt(step / (len(RAMP) - 1), QColor(colour))
        painter.fillRect(self.rect(), gradient)
        painter.setPen(self.palette().mid().color())
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
