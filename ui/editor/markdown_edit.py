"""Plain-text Markdown editing with `[[` wiki-link completion.

The titles come from the Hub through the editor (off the UI thread): this
widget only asks for a prefix with `sig_titles_wanted` and shows what it is
given, so typing never waits for the database.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QListView, QPlainTextEdit, QWidget

OPEN = "[["
CLOSE = "]]"
MAX_PREFIX = 120  # longer than any sensible title start: the user is not completing
POPUP_KEYS = {
    Qt.Key.Key_Enter,
    Qt.Key.Key_Return,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
}


def wiki_prefix(line_before_cursor: str) -> str | None:
    """The text typed after an unclosed `[[` on this line, or None outside a link."""
    start = line_before_cursor.rfind(OPEN)
    if start < 0:
        return None
    typed = line_before_cursor[start + len(OPEN) :]
    if "]" in typed or "|" in typed or len(typed) > MAX_PREFIX:
        return None
    return typed


class MarkdownEdit(QPlainTextEdit):
    sig_titles_wanted = Signal(str)  # prefix; answer with set_titles(prefix, titles)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.setPlaceholderText(
            self.tr("Write the text in Markdown. Type [[ to link to another entry.")
        )
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.activated.connect(self._insert_title)
        self._popup = QListView()
        self._popup.setAccessibleName(self.tr("Link to entry"))
        self._completer.setPopup(self._popup)
        self._cache_prefix: str | None = None  # prefix the current title list answers
        self._cache_complete = False  # the list held every title with that prefix

    @property
    def completer(self) -> QCompleter:
        return self._completer

    def set_titles(self, prefix: str, titles: list[str], complete: bool = True) -> None:
        """Titles starting with `prefix`; `complete` says the list was not cut at a limit."""
        self._model.setStringList(titles)
        self._cache_prefix = prefix.casefold()
        self._cache_complete = complete
        current = self.current_wiki_prefix()
        if current is not None:
            self._show_popup(current)

    def clear_titles(self) -> None:
        self._model.setStringList([])
        self._cache_prefix = None
        self._popup.hide()

    def current_wiki_prefix(self) -> str | None:
        cursor = self.textCursor()
        line = cursor.block().text()[: cursor.positionInBlock()]
        return wiki_prefix(line)

    # -- keys -------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self._popup.isVisible() and event.key() in POPUP_KEYS:
            event.ignore()  # the completer's popup takes these
            return
        super().keyPressEvent(event)
        if event.text() or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._after_typing()

    def _after_typing(self) -> None:
        prefix = self.current_wiki_prefix()
        if prefix is None:
            self._popup.hide()
            return
        if self._cached_for(prefix):
            self._show_popup(prefix)
        else:
            self.sig_titles_wanted.emit(prefix)

    def _cached_for(self, prefix: str) -> bool:
        cached = self._cache_prefix
        if cached is None:
            return False
        folded = prefix.casefold()
        return folded == cached or (self._cache_complete and folded.startswith(cached))

    def _show_popup(self, prefix: str) -> None:
        self._completer.setCompletionPrefix(prefix)
        popup = self._popup
        if self._completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self._completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8)
        self._completer.complete(rect)

    def _insert_title(self, title: str) -> None:
        prefix = self.current_wiki_prefix()
        if prefix is None:
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()  # one undo step for the whole completion
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix)
        )
        cursor.insertText(title)
        if self._closed_after(cursor):
            cursor.movePosition(QTextCursor.MoveOperation.Right, n=len(CLOSE))
        else:
            cursor.insertText(CLOSE)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self._popup.hide()

    def _closed_after(self, cursor: QTextCursor) -> bool:
        block = cursor.block().text()
        return block[cursor.positionInBlock() :].startswith(CLOSE)
