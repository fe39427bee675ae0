"""The editor of a structured list field (follow-ups of a case, items of an agenda).

The side pane is narrow, so the table shows a few columns of each row and a row
is edited in a small dialog holding one field widget per column. value() hands
the rows to the core as lists of {column: value}; references stay ids when picked
from the list and titles when typed, like the other reference fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from expertise import FieldSpec
from ui.editor.field_widgets import (
    DateField,
    EnumField,
    LongTextField,
    RefField,
    RefListField,
    TextField,
)
from ui.labels import choice_items, shown
from ui.plaintext import buddy_label, set_plain_tooltip

Row = dict[str, object]
Options = Mapping[str, Sequence[tuple[str, str]]]  # ref kind -> (id, title) pairs


@dataclass(frozen=True)
class RowColumn:
    """One column as the editor shows it; `shown` columns appear in the table."""

    name: str
    label: str
    type: str  # date | text | multiline | enum | ref | reflist
    choices: tuple[tuple[str, str], ...] = ()  # (key, label) of an enum
    ref_kind: str | None = None
    shown: bool = False


# the columns the table shows of each row (the rest is in the row dialog)
SHOWN = {"follow_ups": ("date", "text"), "items": ("bottleneck", "progress")}


def row_columns(spec: FieldSpec) -> tuple[RowColumn, ...]:
    """The columns of a registry rows field, labelled in the UI's language."""
    in_table = SHOWN.get(spec.name, tuple(column.name for column in spec.columns[:2]))
    return tuple(
        RowColumn(
            column.name,
            shown(column.label),
            column.type,
            tuple(choice_items(column)),
            column.ref_kind,
            column.name in in_table,
        )
        for column in spec.columns
    )


def ref_options(spec: FieldSpec, entries: Options) -> tuple[tuple[str, str], ...]:
    """(id, title) pairs a reference field offers: of its kind, or of each of its kinds."""
    kinds = (spec.ref_kind,) if spec.ref_kind else spec.ref_kinds
    return tuple(pair for kind in kinds for pair in entries.get(kind, ()))


def referenced_kinds(specs: Sequence[FieldSpec]) -> set[str]:
    """Every kind the fields (and the columns of their rows) can refer to."""
    found: set[str] = set()
    for spec in specs:
        found.update((spec.ref_kind,) if spec.ref_kind else spec.ref_kinds)
        found |= referenced_kinds(spec.columns)
    return found


class RowDialog(QDialog):
    """One row's fields; OK hands them back through values()."""

    def __init__(
        self,
        title: str,
        columns: Sequence[RowColumn],
        options: Options,
        texts: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for column in columns:
            widget = _widget_for(column, options, texts)
            widget.setObjectName(f"row_{column.name}")
            widget.setAccessibleName(column.label)
            self.widgets[column.name] = widget
            form.addRow(buddy_label(column.label, self, widget), widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def set_values(self, row: Row) -> None:
        for name, widget in self.widgets.items():
            widget.set_value(row.get(name))  # type: ignore[attr-defined]

    def values(self) -> Row:
        return {name: widget.value() for name, widget in self.widgets.items()}  # type: ignore[attr-defined]


def _widget_for(column: RowColumn, options: Options, texts: Mapping[str, str]) -> QWidget:
    if column.type == "date":
        return DateField(texts["none"], texts["clear"])
    if column.type == "enum":
        return EnumField(column.choices)
    if column.type == "ref":
        field = RefField(texts["none"])
        field.set_options(options.get(column.ref_kind or "", ()))
        return field
    if column.type == "reflist":
        many = RefListField()
        many.set_refs(options.get(column.ref_kind or "", ()))
        return many
    if column.type == "multiline":
        return LongTextField()
    return TextField()


def _arrow(arrow: str, name: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(arrow)
    button.setAccessibleName(name)
    set_plain_tooltip(button, name)
    return button


class RowsField(QWidget):
    """A table of rows with Add, Edit, Remove, Up and Down; edits go through RowDialog."""

    sig_edited = Signal()

    def __init__(self, columns: Sequence[RowColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._shown = [c for c in self.columns if c.shown] or list(self.columns[:2])
        self._rows: list[Row] = []
        self._options: dict[str, tuple[tuple[str, str], ...]] = {}
        self.table = QTableWidget(0, len(self._shown), self)
        self.table.setHorizontalHeaderLabels([c.label for c in self._shown])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # one line per row, cut with "…"; the whole text is the cell's tooltip
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for index, column in enumerate(self._shown):
            short = column.type in ("date", "enum")
            mode = (
                QHeaderView.ResizeMode.ResizeToContents if short else QHeaderView.ResizeMode.Stretch
            )
            header.setSectionResizeMode(index, mode)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 9)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.edit_row(row))
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        # arrows keep the button row inside the narrow side pane; the words are their names
        self.up_button = _arrow("↑", self.tr("Up"), self)
        self.down_button = _arrow("↓", self.tr("Down"), self)
        self.add_button.clicked.connect(self.add_row)
        self.edit_button.clicked.connect(lambda: self.edit_row(self.table.currentRow()))
        self.remove_button.clicked.connect(lambda: self.remove_row(self.table.currentRow()))
        self.up_button.clicked.connect(lambda: self.move_row(self.table.currentRow(), -1))
        self.down_button.clicked.connect(lambda: self.move_row(self.table.currentRow(), 1))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self._update_buttons()

    # -- data ------------------------------------------------------------------
    def set_options(self, options: Options) -> None:
        """Entries to pick references from, by kind: (id, title) pairs."""
        self._options = {kind: tuple(pairs) for kind, pairs in options.items()}
        self._fill()

    def value(self) -> object:
        return [dict(row) for row in self._rows]

    def set_value(self, value: object) -> None:
        rows = value if isinstance(value, list | tuple) else []
        self._rows = [dict(row) for row in rows if isinstance(row, Mapping)]
        self._fill()

    # -- actions (public so tests and shortcuts drive the same paths) ----------
    def add_row(self) -> None:
        dialog = self.row_dialog(self.tr("Add a row"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.insert_row(dialog.values())

    def insert_row(self, row: Row) -> None:
        self._rows.append(row)
        self._fill()
        self.table.selectRow(len(self._rows) - 1)
        self.sig_edited.emit()

    def edit_row(self, index: int) -> None:
        if not 0 <= index < len(self._rows):
            return
        dialog = self.row_dialog(self.tr("Edit the row"))
        dialog.set_values(self._rows[index])
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.replace_row(index, dialog.values())

    def replace_row(self, index: int, row: Row) -> None:
        if self._rows[index] != row:
            self._rows[index] = row
            self._fill()
            self.table.selectRow(index)
            self.sig_edited.emit()

    def remove_row(self, index: int) -> None:
        if 0 <= index < len(self._rows):
            del self._rows[index]
            self._fill()
            self.sig_edited.emit()

    def move_row(self, index: int, step: int) -> None:
        target = index + step
        if 0 <= index < len(self._rows) and 0 <= target < len(self._rows):
            self._rows[index], self._rows[target] = self._rows[target], self._rows[index]
            self._fill()
            self.table.selectRow(target)
            self.sig_edited.emit()

    def row_dialog(self, title: str) -> RowDialog:
        texts = {"none": self.tr("none"), "clear": self.tr("Clear the date")}
        return RowDialog(title, self.columns, self._options, texts, self)

    # -- showing ---------------------------------------------------------------
    def cell_text(self, row: Row, column: RowColumn) -> str:
        value = row.get(column.name)
        if value is None or value == "" or value == []:
            return ""
        if column.type == "enum":
            return dict(column.choices).get(str(value), str(value))
        if column.type in ("ref", "reflist"):
            titles = dict(self._options.get(column.ref_kind or "", ()))
            items = value if isinstance(value, list) else [value]
            return ", ".join(titles.get(str(item), str(item)) for item in items)
        return str(value)

    def _fill(self) -> None:
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            for c, column in enumerate(self._shown):
                text = self.cell_text(row, column)
                item = QTableWidgetItem(text.replace("\n", " "))
                set_plain_tooltip(item, text)  # user text, shown literally
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        current = self.table.currentRow() if self.table.selectedItems() else -1
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(current >= 0)
        self.up_button.setEnabled(current > 0)
        self.down_button.setEnabled(0 <= current < len(self._rows) - 1)
