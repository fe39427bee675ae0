"""The search hits as a Qt list model: one row per hit, title matches first."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from expertise import Hit, TitleHit
from ui.labels import kind_label
from ui.plaintext import tooltip_text

_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class ResultRow:
    id: str
    kind: str
    title: str
    snippet: str = ""  # escaped HTML with <mark> highlights, straight from the index
    title_match: bool = False  # a title suggestion for what is being typed, not a full hit

    @classmethod
    def of_hit(cls, hit: Hit) -> ResultRow:
        return cls(hit.id, hit.kind, hit.title, hit.snippet)

    @classmethod
    def of_title(cls, hit: TitleHit) -> ResultRow:
        return cls(hit.id, hit.kind, hit.title, "", True)


def plain_snippet(snippet: str) -> str:
    """Text for screen readers and tooltips; never rendered as HTML."""
    return html.unescape(_TAG.sub("", snippet))


class ResultsModel(QAbstractListModel):
    IdRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2
    SnippetRole = Qt.ItemDataRole.UserRole + 3
    TitleMatchRole = Qt.ItemDataRole.UserRole + 4
    KindLabelRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []

    def rowCount(  # noqa: N802 (Qt override)
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._described(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(self._described(row))
        return self._role_value(row, role)

    def _described(self, row: ResultRow) -> str:
        return f"{kind_label(row.kind)}: {row.title}. {plain_snippet(row.snippet)}"

    def _role_value(self, row: ResultRow, role: int) -> object:
        values: dict[int, object] = {
            self.IdRole: row.id,
            self.KindRole: row.kind,
            self.SnippetRole: row.snippet,
            self.TitleMatchRole: row.title_match,
            self.KindLabelRole: kind_label(row.kind),
        }
        return values.get(role)

    def set_rows(self, rows: Sequence[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[ResultRow]) -> None:
        known = {row.id for row in self._rows}
        fresh = [row for row in rows if row.id not in known]
        if not fresh:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[ResultRow]:
        return list(self._rows)
