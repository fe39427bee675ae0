"""The Qt table model of the barrier matrix: themes are rows, phases are columns."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget

from expertise import BarrierMatrix, Cell, Heading
from ui.barrier.heat import cell_colour, text_colour
from ui.plaintext import tooltip_text

Index = QModelIndex | QPersistentModelIndex
HEADER_WIDTH = 14  # phase labels wrap at this many characters in the column header


VOWELS = frozenset("aeiouyáéíóúëïöü")


def split_word(word: str) -> list[str]:
    """A word too long for a header line, hyphenated once between a vowel and a consonant as
    near its middle as possible (recidive-beperking); good enough for compound phase names."""
    cuts = [
        i
        for i in range(2, len(word) - 2)
        if word[i - 1].lower() in VOWELS and word[i].lower() not in VOWELS and word[i].isalpha()
    ]
    if not cuts:
        return [word]
    cut = min(cuts, key=lambda i: abs(i - len(word) / 2))
    return [word[:cut] + "-", word[cut:]]


def header_lines(label: str, width: int = HEADER_WIDTH) -> list[str]:
    words = [
        part
        for word in label.split()
        for part in (split_word(word) if len(word) > width else [word])
    ]
    return textwrap.wrap(" ".join(words), width, break_long_words=False, break_on_hyphens=True) or [
        label
    ]


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: BarrierMatrix | None = None
        self._language = "en"

    def set_matrix(self, matrix: BarrierMatrix | None, language: str) -> None:
        self.beginResetModel()
        self._matrix, self._language = matrix, language
        self.endResetModel()

    def matrix(self) -> BarrierMatrix | None:
        return self._matrix

    def place(self, index: Index) -> tuple[Heading, Heading] | None:
        """(theme, phase) of a cell."""
        if self._matrix is None or not index.isValid():
            return None
        return self._matrix.themes[index.row()], self._matrix.phases[index.column()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.themes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.phases)

    def cell(self, index: Index) -> Cell | None:
        place = self.place(index)
        if place is None or self._matrix is None:
            return None
        return self._matrix.cell(place[0].key, place[1].key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self.cell(index)
        if cell is None or self._matrix is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{cell.measure_total} / {cell.open_bottlenecks}" if cell.total else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return self._colour(cell, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(self.describe(index))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.describe(index)
        return None

    def _colour(self, cell: Cell, role: int) -> QBrush | None:
        assert self._matrix is not None
        background = cell_colour(cell.total, self._matrix.highest())
        if background is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(background)
        return QBrush(text_colour(background))

    def describe(self, index: Index) -> str:
        """A cell in words, for the tooltip and screen readers."""
        place, cell = self.place(index), self.cell(index)
        if place is None or cell is None:
            return ""
        theme, phase = (heading.label(self._language) for heading in place)
        return self.tr(
            "{theme} × {phase}: {advice} advice notes, {innovation} innovation projects, "
            "{practice} best practices; {bottlenecks} open bottlenecks"
        ).format(
            theme=theme,
            phase=phase,
            advice=cell.measures.get("advice", 0),
            innovation=cell.measures.get("innovation", 0),
            practice=cell.measures.get("practice", 0),
            bottlenecks=cell.open_bottlenecks,
        )

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if self._matrix is None:
            return None
        horizontal = orientation == Qt.Orientation.Horizontal
        heading = (self._matrix.phases if horizontal else self._matrix.themes)[section]
        label = heading.label(self._language)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(label)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal:  # long phase names wrap instead of widening every column
            return "\n".join(header_lines(label))
        return label
