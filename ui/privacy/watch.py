"""Marks possible personal data in the editor while the user types (docs/ARCHITECTURE.md §8).

Scanning waits until typing pauses (DEBOUNCE_MS), so a keystroke never waits
for it. Multi-line fields get a wavy underline through extra selections;
one-line fields a coloured frame. The explanation of the hit under the
cursor is a plain label, not a tooltip (ui/plaintext.py): the text it
describes came from the user and may come from a pack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from expertise import NameMatcher, is_guarded, scan_text, scan_values
from expertise import PersonalDataHit as Hit
from ui.privacy.labels import PatternText
from ui.tasks import Progress, TaskRunner

DEBOUNCE_MS = 400
# Up to this many characters a scan takes a few ms and runs in place; longer texts are
# scanned on the worker (about 80-100 ms per 100k characters) so typing never stalls.
INLINE_LIMIT = 20_000
LINE_STYLE = "QLineEdit { border: 2px solid #b26a00; }"
FRAME_STYLE = "border: 2px solid #b26a00;"
Watched = QLineEdit | QPlainTextEdit


@runtime_checkable
class StructuredField(Protocol):
    """A field of rows (the follow-up log): scanned through its value, marked with a frame."""

    sig_edited: SignalInstance

    def value(self) -> object: ...


def _text_of(widget: Watched) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


class PersonalDataWatch(QObject):
    sig_count = Signal(int)  # hits in every watched field together
    sig_explain = Signal(str)  # what the hit under the cursor looks like, or ""

    def __init__(self, runner: TaskRunner | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0  # bumped by every scan and clear, so a late answer is dropped
        self._names = NameMatcher(())
        self._fields: dict[str, Watched] = {}
        self._explainers: dict[str, Callable[[], None]] = {}
        # Structured fields (a follow-up log): widgets with value() and sig_edited.
        self._structured: dict[str, StructuredField] = {}
        self._kind = ""
        self._hits: dict[str, list[Hit]] = {}
        self._active = False
        self._labels = PatternText(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.scan_now)

    @property
    def count(self) -> int:
        return sum(len(hits) for hits in self._hits.values())

    def hits(self, field: str) -> list[Hit]:
        return list(self._hits.get(field, []))

    def watch(self, fields: Iterable[tuple[str, QWidget]], kind: str) -> None:
        """Follow these widgets (field name, widget) of an entry of `kind`, if it is guarded."""
        self.clear()
        self._active, self._kind = is_guarded(kind), kind
        if not self._active:
            return
        for name, widget in fields:
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.schedule)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self.schedule)
                explain = self._explain_cursor(name, widget)
                widget.cursorPositionChanged.connect(explain)
                self._explainers[name] = explain
            elif isinstance(widget, StructuredField):
                widget.sig_edited.connect(self.schedule)
                self._structured[name] = widget
                continue
            else:
                continue
            self._fields[name] = widget
        self.schedule()

    def set_names(self, forms: Iterable[str]) -> None:
        self._names = NameMatcher(forms)
        self.schedule()

    def schedule(self) -> None:
        if self._active:
            self._generation += 1  # a scan still running on the worker is now stale
            self._timer.start()

    def clear(self) -> None:
        self._timer.stop()
        self._generation += 1
        for name, widget in self._fields.items():
            _disconnect(widget, self.schedule, self._explainers.get(name))
            try:
                self._mark(widget, [])
            except RuntimeError:
                pass  # the form was rebuilt and this widget deleted
        for structured in self._structured.values():
            try:
                structured.sig_edited.disconnect(self.schedule)
                _frame(structured, False)
            except (RuntimeError, TypeError):
                pass  # deleted with the form
        self._fields, self._explainers, self._structured = {}, {}, {}
        self._hits = {}
        self._active = False
        self.sig_count.emit(0)
        self.sig_explain.emit("")

    def scan_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        texts = {name: _text_of(widget) for name, widget in self._fields.items()}
        values = {name: field.value() for name, field in self._structured.items()}
        names, kind = self._names, self._kind

        def scan() -> dict[str, list[Hit]]:
            found = _scan_all(texts, names)
            for name, value in values.items():
                found[name] = scan_values(kind, {name: value}, names)
            return found

        if self._runner is None or sum(len(t) for t in texts.values()) <= INLINE_LIMIT:
            self._apply(self._generation, scan())
            return
        generation = self._generation

        def job(_progress: Progress) -> dict[str, list[Hit]]:
            return scan()

        self._runner.submit(job, on_done=lambda found: self._apply(generation, found))

    def _apply(self, generation: int, found: dict[str, list[Hit]]) -> None:
        if generation != self._generation:
            return  # the text changed again, or the editor moved on
        for name, hits in found.items():
            widget = self._fields.get(name)
            if widget is not None:
                self._mark(widget, hits)
            elif name in self._structured:
                _frame(self._structured[name], bool(hits))
            self._hits[name] = hits
        self.sig_count.emit(self.count)

    def _mark(self, widget: Watched, hits: list[Hit]) -> None:
        if isinstance(widget, QLineEdit):
            widget.setStyleSheet(LINE_STYLE if hits else "")
            return
        selections = []
        for hit in hits:
            selection = QTextEdit.ExtraSelection()
            selection.format = _hit_format()
            cursor = QTextCursor(widget.document())
            cursor.setPosition(hit.start)
            cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        widget.setExtraSelections(selections)

    def _explain_cursor(self, name: str, widget: QPlainTextEdit) -> Callable[[], None]:
        def explain() -> None:
            position = widget.textCursor().position()
            hit = next((h for h in self._hits.get(name, []) if h.start <= position <= h.end), None)
            self.sig_explain.emit(self._labels.explain(hit.kind) if hit else "")

        return explain


def _frame(field: StructuredField, on: bool) -> None:
    if isinstance(field, QWidget):
        field.setStyleSheet(FRAME_STYLE if on else "")


def _scan_all(texts: dict[str, str], names: NameMatcher) -> dict[str, list[Hit]]:
    return {name: scan_text(text, name, names) for name, text in texts.items()}


def _hit_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor("#c62828"))
    fmt.setBackground(QColor(255, 224, 178, 140))
    return fmt


def _disconnect(
    widget: Watched, slot: Callable[[], None], explain: Callable[[], None] | None
) -> None:
    try:
        widget.textChanged.disconnect(slot)
        if explain is not None and isinstance(widget, QPlainTextEdit):
            widget.cursorPositionChanged.disconnect(explain)
    except (RuntimeError, TypeError):
        pass  # already gone with its widget
