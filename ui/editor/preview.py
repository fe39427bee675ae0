"""Live preview of the Markdown being edited: debounced, rendered off the UI thread.

Rendering goes through `expertise.render.markdown_to_html` (nh3 allowlist) and
is shown in the SafeBrowser, which loads nothing: the same two walls as the
entry view. Wiki-link targets are looked up through the serial Hub runner and
cached, so a keystroke never costs a database query.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from expertise import WIKI, HubError, markdown_to_html
from ui.context import AppContext
from ui.safe_browser import SafeBrowser
from ui.tasks import Progress, TaskRunner

DEBOUNCE_MS = 400
# Beyond this the preview shows the start only: QTextBrowser lays a whole
# document out on the UI thread, and a megabyte of HTML would freeze it.
PREVIEW_MAX_CHARS = 150_000


def wiki_titles(text: str) -> set[str]:
    return {match.group(1).strip() for match in WIKI.finditer(text)}


def _key(title: str) -> str:
    return title.strip().casefold()


class Preview(QWidget):
    sig_rendered = Signal()
    sig_open_entry = Signal(str)

    def __init__(
        self, ctx: AppContext, text: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._text = text
        self._ids: dict[str, str | None] = {}  # casefolded title -> entry id
        self._seq = 0
        self._renderer = TaskRunner(self)  # its own worker: a slow render never delays a save
        self.browser = SafeBrowser(self)
        self.browser.setAccessibleName(self.tr("Preview"))
        self.browser.sig_open_entry.connect(self.sig_open_entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        ctx.events.sig_changed.connect(lambda _change: self._ids.clear())

    def set_debounce(self, msecs: int) -> None:
        self._timer.setInterval(msecs)

    def schedule(self) -> None:
        self._timer.start()

    def clear(self) -> None:
        self._timer.stop()
        self._seq += 1  # late renders of the old text are dropped
        self._ids.clear()
        self.browser.clear()

    def render_now(self) -> None:
        self._timer.stop()
        if not self.isVisible():
            return
        self._seq += 1
        seq, text = self._seq, self._text()
        shown = text[:PREVIEW_MAX_CHARS]
        missing = [t for t in wiki_titles(shown) if _key(t) not in self._ids]
        if missing:
            self._ctx.runner.submit(
                lambda _p: self._lookup(missing),
                on_done=lambda found: self._resolved(seq, shown, len(text), found),
                on_failed=lambda _e: self._render(seq, shown, len(text)),
            )
        else:
            self._render(seq, shown, len(text))

    def _lookup(self, titles: list[str]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for title in titles:
            try:
                record = self._ctx.hub.entries.find_by_title(title)
            except HubError:
                record = None
            found[_key(title)] = record.id if record else None
        return found

    def _resolved(
        self, seq: int, text: str, full_length: int, found: dict[str, str | None]
    ) -> None:
        self._ids.update(found)
        self._render(seq, text, full_length)

    def _render(self, seq: int, text: str, full_length: int) -> None:
        if seq != self._seq:
            return
        ids = dict(self._ids)

        def job(_progress: Progress) -> str:
            return markdown_to_html(text, lambda title: ids.get(_key(title)))

        self._renderer.submit(
            job, on_done=lambda html: self._show(seq, html, full_length > len(text))
        )

    def _show(self, seq: int, html: str, cut: bool) -> None:
        if seq != self._seq:
            return
        if cut:
            note = self.tr("The preview shows the beginning only; the whole text is saved.")
            html = f"<p><i>{escape(note)}</i></p>{html}"
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(html)
        self.browser.verticalScrollBar().setValue(scroll)
        self.sig_rendered.emit()

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # type: ignore[arg-type]
        self.schedule()

    def wait(self) -> None:
        """Let a pending render finish (tests, shutdown)."""
        self._renderer.wait()
