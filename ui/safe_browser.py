"""A QTextBrowser that never fetches anything and opens links only on purpose (S8).

The HTML it shows was already sanitised by `expertise.render`; this is the
second wall. `loadResource` answers every request (images, style sheets) with
an empty stand-in, so remote, file: and data: URLs and relative paths are
never read. Clicking a link
never navigates the browser: `entry:` links become an in-app navigation
signal, http/https/mailto open in the system only after a confirmation, and
everything else is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QByteArray, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from ui import clipboard
from ui.plaintext import Button, ask

ENTRY_SCHEME = "entry"
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
# Mid greys read on both themes; the text colour itself comes from the palette.
DOCUMENT_CSS = """
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid #9AA0A8; padding: 3px 6px; }
th { font-weight: 600; }
pre { background-color: rgba(128, 128, 128, 0.12); padding: 6px; }
code { font-family: monospace; }
.missing-link { color: #9AA0A8; font-style: italic; }
"""


@cache
def blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


def blank_resource(kind: int) -> QImage | QByteArray:
    """The answer to every resource request: a blank pixel for images, no bytes otherwise.

    Returning nothing is not enough: QTextDocument then decodes data: URLs and
    reads local files itself, and its image handler loads an image straight
    from disk when the resource is not an image.
    """
    if kind == QTextDocument.ResourceType.ImageResource.value:
        return blank_image()
    return QByteArray()


class InertDocument(QTextDocument):
    """A document that loads nothing, whatever its HTML names: we have no resources of our own."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt's name)
        return blank_resource(kind)


def entry_id_of(url: QUrl) -> str | None:
    if url.scheme().lower() != ENTRY_SCHEME:
        return None
    target = url.path() or url.toString()[len(ENTRY_SCHEME) + 1 :]
    return target.strip() or None


class SafeBrowser(QTextBrowser):
    sig_open_entry = Signal(str)
    sig_refused_link = Signal(str)  # the scheme, for a status message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setSearchPaths([])
        # Two walls: the document refuses by itself, and so does the browser below.
        self.setDocument(InertDocument(self))
        self.document().setDefaultStyleSheet(DOCUMENT_CSS)
        # Hooks so tests can answer the confirmation and watch what would open.
        self.confirm: Callable[[QUrl], bool] = self._ask
        self.open_external: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.anchorClicked.connect(self._on_anchor)

    # -- never load, never navigate -------------------------------------------
    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt's name)
        return blank_resource(kind)

    def doSetSource(self, name: QUrl | str, kind: object = None) -> None:  # noqa: N802
        # Navigation by source (history, back/forward) would load the target as a document.
        return

    def setSource(self, name: QUrl | str, kind: object = None) -> None:  # noqa: N802
        return

    # -- links ---------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        target = entry_id_of(url)
        if target is not None:
            self.sig_open_entry.emit(target)
            return
        scheme = url.scheme().lower()
        if scheme not in EXTERNAL_SCHEMES or not url.isValid():
            self.sig_refused_link.emit(scheme or "?")
            return
        if self.confirm(url):
            self.open_external(url)

    def _ask(self, url: QUrl) -> bool:
        shown = url.toDisplayString()
        if len(shown) > 300:
            shown = shown[:300] + "…"
        answer = ask(
            self,
            self.tr("Open link outside Expertise Hub?"),
            self.tr(
                "This link opens in another program and leaves the encrypted hub:\n\n{url}\n\n"
                "Open it?"
            ).format(url=shown),
            Button.Open | Button.Cancel,
            Button.Cancel,
        )
        return answer == Button.Open

    # -- copies are ours and secret ----------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        mime = super().createMimeDataFromSelection()
        return clipboard.mark_secret(mime)

    def clear_content(self) -> None:
        self.clear()
        self.document().clearUndoRedoStacks()
