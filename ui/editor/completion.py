"""Wiki-link completion in the entry editor: titles starting with what is typed after `[[`.

The titles come from the worker (hub.entries.titles), at most TITLE_LIMIT per request; an
answer that arrives after another entry was opened is dropped, and the entry being edited
is never offered as a link to itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ui.context import AppContext
from ui.editor.markdown_edit import MarkdownEdit

TITLE_LIMIT = 200  # titles per completion request; more means the user keeps typing

# (generation, entry id) of what the editor shows now; the generation changes on every open.
Current = Callable[[], tuple[int, str | None]]


class TitleCompletion(QObject):
    def __init__(self, ctx: AppContext, text: MarkdownEdit, current: Current) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._text = text
        self._current = current
        self._pending: str | None = None
        text.sig_titles_wanted.connect(self.fetch)

    def fetch(self, prefix: str) -> None:
        if self._pending == prefix:
            return
        self._pending = prefix
        generation, hub = self._current()[0], self._ctx.hub
        self._ctx.runner.submit(
            lambda _p: hub.entries.titles(prefix, TITLE_LIMIT),
            on_done=lambda rows: self._arrived(generation, prefix, rows),
        )

    def _arrived(self, generation: int, prefix: str, rows: list[tuple[str, str, str]]) -> None:
        self._pending = None
        now, own = self._current()
        if generation != now:
            return
        titles = [title for entry_id, title, _kind in rows if entry_id != own]
        self._text.set_titles(prefix, titles, complete=len(rows) < TITLE_LIMIT)
