"""One small widget per field type of docs/FIELDS.md, all with value()/set_value().

Every widget emits `sig_edited` only for changes the user makes, so loading a
record into the form never looks like an edit to the autosave timer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from ui.plaintext import set_plain_tooltip
from ui.shell.banner import level_of

NO_DATE = QDate(1900, 1, 1)  # QDateEdit has no empty state: its minimum stands for "none"


class TextField(QLineEdit):
    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(self.sig_edited)

    def value(self) -> object:
        return self.text().strip()

    def set_value(self, value: object) -> None:
        self.setText("" if value is None else str(value))
        self.setCursorPosition(0)  # show the start of a long value, not its end


class LongTextField(QPlainTextEdit):
    """Several lines (context, lessons, results) without the height of a full editor."""

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self._loading = False
        self.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._loading:
            self.sig_edited.emit()

    def value(self) -> object:
        return self.toPlainText().strip()

    def set_value(self, value: object) -> None:
        self._loading = True
        self.setPlainText("" if value is None else str(value))
        self._loading = False


class EnumField(QComboBox):
    """Shows translated labels, hands back the stored key."""

    sig_edited = Signal()

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _shrinkable(self)
        for key, label in choices:
            self.addItem(label, key)
        self.activated.connect(lambda _: self.sig_edited.emit())

    def value(self) -> object:
        return self.currentData()

    def set_value(self, value: object) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class ClassificationField(EnumField):
    """The classification picker: a coloured mark makes the level visible at a glance."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(choices, parent)
        for index in range(self.count()):
            # the banner's colours, so picker and banner show a level alike
            self.setItemIcon(index, _dot(level_of(str(self.itemData(index))).colour))


def _shrinkable(combo: QComboBox) -> None:
    # long organisation names must not widen the side pane beyond the window
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class BoolField(QCheckBox):
    sig_edited = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.clicked.connect(lambda _: self.sig_edited.emit())

    def value(self) -> object:
        return self.isChecked()

    def set_value(self, value: object) -> None:
        self.setChecked(bool(value))


class DateField(QWidget):
    """A date, or none: the minimum date shows the "none" text; the × button clears."""

    sig_edited = Signal()

    def __init__(self, none_text: str, clear_tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText(none_text)
        self.edit.setAccessibleName(none_text)
        clear = QToolButton(self)
        clear.setText("×")
        set_plain_tooltip(clear, clear_tip)
        clear.setAccessibleName(clear_tip)
        clear.clicked.connect(self._clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(clear)
        self.setFocusProxy(self.edit)
        self._loading = False
        self._last: object = None
        self.set_value(None)
        self.edit.editingFinished.connect(self._emit_if_changed)
        self.edit.dateChanged.connect(self._date_changed)

    def _date_changed(self) -> None:
        # the calendar popup changes the date without editingFinished
        if not self._loading and self.edit.calendarWidget().isVisible():
            self._emit_if_changed()

    def _emit_if_changed(self) -> None:
        if self.value() != self._last:
            self._last = self.value()
            self.sig_edited.emit()

    def _clear(self) -> None:
        before = self.value()
        self.set_value(None)
        if before is not None:
            self.sig_edited.emit()

    def date_value(self) -> date | None:
        current = self.edit.date()
        return None if current == NO_DATE else date(current.year(), current.month(), current.day())

    def value(self) -> object:
        chosen = self.date_value()
        return chosen.isoformat() if chosen else None

    def set_value(self, value: object) -> None:
        self._loading = True
        parsed = _as_date(value)
        self.edit.setDate(QDate(parsed.year, parsed.month, parsed.day) if parsed else NO_DATE)
        if parsed is None:
            today = date.today()  # open the calendar on today, not on the "none" sentinel
            self.edit.calendarWidget().setCurrentPage(today.year, today.month)
        self._last = self.value()
        self._loading = False


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


class _ListCompleter(QCompleter):
    """Completes the item after the last comma, keeping the items before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt override)
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: object) -> str:  # noqa: N802 (Qt override)
        chosen = str(super().pathFromIndex(index))  # type: ignore[arg-type]
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0] if "," in typed else ""
        return f"{head.strip()}, {chosen}" if head.strip() else chosen


class ListField(QLineEdit):
    """A comma-separated list; `labels` maps stored keys to shown labels (themes)."""

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label_of: dict[str, str] = {}
        self._key_of: dict[str, str] = {}
        self._model = QStringListModel(self)
        completer = _ListCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.textEdited.connect(self.sig_edited)

    def set_options(self, options: Iterable[str], labels: dict[str, str] | None = None) -> None:
        self._label_of = dict(labels or {})
        self._key_of = {label.casefold(): key for key, label in self._label_of.items()}
        shown = [self._label_of.get(option, option) for option in options]
        self._model.setStringList(sorted(set(shown), key=str.casefold))

    def items(self) -> list[str]:
        return [part.strip() for part in self.text().split(",") if part.strip()]

    def value(self) -> object:
        return [self._key_of.get(item.casefold(), item) for item in self.items()]

    def set_value(self, value: object) -> None:
        values = value if isinstance(value, list | tuple) else []
        self.setText(", ".join(self._label_of.get(str(v), str(v)) for v in values))
        self.setCursorPosition(0)


class RefField(QComboBox):
    """An entry reference: pick by title, stored by id; typed text goes to the core as a title."""

    sig_edited = Signal()

    def __init__(self, none_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _shrinkable(self)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = QLineEdit(self)
        line.setPlaceholderText(none_text)
        self.setLineEdit(line)
        completer = self.completer()
        assert completer is not None  # an editable combo box always has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.activated.connect(lambda _: self.sig_edited.emit())
        line.textEdited.connect(self.sig_edited)

    def set_options(self, options: Iterable[tuple[str, str]]) -> None:
        """(id, title) pairs."""
        current = self.value()
        self.clear()
        self.addItem("", None)
        for entry_id, title in sorted(options, key=lambda o: o[1].casefold()):
            self.addItem(title, entry_id)
        self.set_value(current)

    def value(self) -> object:
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.itemData(index) if index > 0 else text

    def set_value(self, value: object) -> None:
        index = self.findData(value) if value else 0
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(str(value))


class RefListField(ListField):
    """Several references (partners): titles shown, ids handed back when known."""

    def set_refs(self, options: Iterable[tuple[str, str]]) -> None:
        pairs = list(options)
        self.set_options([entry_id for entry_id, _ in pairs], dict(pairs))
