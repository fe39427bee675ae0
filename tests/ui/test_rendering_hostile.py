"""S8: the golden corpus of hostile notes (tests/ui/hostile/*.md) renders inert.

Each note goes through the real path (Markdown → nh3 → SafeBrowser). Checked:
only allowlisted tags and attributes survive, no URL outside http/https/mailto/
entry survives, the browser fetches nothing, and clicking every remaining link
either navigates inside the app, is refused, or asks before leaving.
"""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSize, QUrl
from PySide6.QtGui import QColor, QImage, QPixmap, QTextDocument

from expertise.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, markdown_to_html
from ui.safe_browser import EXTERNAL_SCHEMES, SafeBrowser

CORPUS = sorted((Path(__file__).parent / "hostile").glob("*.md"))
SAFE_SCHEMES = EXTERNAL_SCHEMES | {"entry"}
KNOWN_ID = "00000000-0000-4000-8000-000000000001"


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _render(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return markdown_to_html(text, lambda title: KNOWN_ID if title == "Known title" else None)


def _scheme(url: str) -> str:
    return QUrl(url.strip()).scheme().lower()


def _anchors(document: QTextDocument) -> list[str]:
    hrefs: list[str] = []
    block = document.begin()
    while block.isValid():
        for position in block:  # PySide yields QTextBlock.iterator objects
            fmt = position.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                hrefs.append(fmt.anchorHref())
        block = block.next()
    return hrefs


def test_the_corpus_is_there():
    assert len(CORPUS) >= 6


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_only_allowlisted_markup_survives(path):
    parser = Collect()
    parser.feed(_render(path))
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, name)
            assert not name.startswith("on")
            if name in ("href", "src") and value and _scheme(value):
                assert _scheme(value) in SAFE_SCHEMES, value


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_the_browser_fetches_nothing_and_links_are_guarded(qtbot, path):
    asked: list[str] = []
    opened: list[str] = []
    navigated: list[str] = []
    refused: list[str] = []
    requests: list[str] = []

    class Spy(SafeBrowser):
        def loadResource(self, kind, name):  # noqa: N802
            requests.append(QUrl(name).toString())
            return super().loadResource(kind, name)

    browser = Spy()
    qtbot.addWidget(browser)
    browser.confirm = lambda url: asked.append(url.toString()) or True
    browser.open_external = lambda url: opened.append(url.toString())
    browser.sig_open_entry.connect(navigated.append)
    browser.sig_refused_link.connect(refused.append)
    browser.setHtml(_render(path))
    browser.show()
    qtbot.wait(20)  # layout and paint: images would be requested now
    for href in _anchors(browser.document()):
        browser.anchorClicked.emit(QUrl(href))
    assert all(_scheme(url) in EXTERNAL_SCHEMES for url in opened)
    assert opened == asked  # nothing left without a confirmation
    assert all(entry_id == KNOWN_ID for entry_id in navigated)
    plain = browser.toPlainText()
    assert "alert('img onerror')" not in plain
    for request in list(requests):
        _assert_blank(
            browser.document().resource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(request)
            )
        )


def _assert_blank(resource) -> None:
    """No pixel of a real image, no byte of a real file."""
    if isinstance(resource, QImage | QPixmap):
        assert resource.size() == QSize(1, 1)
    elif isinstance(resource, QByteArray):
        assert resource.isEmpty()
    else:
        assert resource is None


def test_every_resource_kind_and_scheme_is_refused(qtbot):
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    urls = [
        "https://attacker.example/pixel.png",
        "http://attacker.example/x.css",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        "qrc:/images/x.png",
        "relative.png",
    ]
    for kind in QTextDocument.ResourceType:
        for url in urls:
            resource = browser.loadResource(kind.value, QUrl(url))
            assert resource is not None  # None would let QTextDocument load it itself
            _assert_blank(resource)


def test_raw_html_cannot_load_local_or_inline_images(qtbot, tmp_path, monkeypatch):
    """Defence in depth: even HTML that skipped the sanitiser reads no file and no data: URL."""
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    picture.save(str(tmp_path / "real.png"))
    monkeypatch.chdir(tmp_path)
    inline = (
        "data:image/png;base64," + base64.b64encode((tmp_path / "real.png").read_bytes()).decode()
    )
    sources = [(tmp_path / "real.png").as_uri(), str(tmp_path / "real.png"), "real.png", inline]
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.setHtml("".join(f'<img src="{src}">' for src in sources))
    browser.show()
    qtbot.wait(20)
    for src in sources:
        _assert_blank(
            browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(src))
        )


def test_a_confirmed_link_opens_and_a_declined_one_does_not(qtbot):
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    opened: list[str] = []
    browser.open_external = lambda url: opened.append(url.toString())
    browser.confirm = lambda url: False
    browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert opened == []
    browser.confirm = lambda url: True
    browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert opened == ["https://example.org/"]


def test_refused_schemes_never_reach_the_system(qtbot):
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    opened: list[str] = []
    browser.open_external = lambda url: opened.append(url.toString())
    browser.confirm = lambda url: True
    with qtbot.waitSignals([browser.sig_refused_link] * 4, timeout=1000):
        for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "smb://h/s"):
            browser.anchorClicked.emit(QUrl(url))
    assert opened == []


def test_clicking_never_navigates_the_browser_itself(qtbot):
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.setHtml('<p>Kept</p><a href="https://example.org/">out</a>')
    browser.confirm = lambda url: False
    browser.anchorClicked.emit(QUrl("https://example.org/"))
    browser.setSource(QUrl("file:///etc/passwd"))
    assert "Kept" in browser.toPlainText()
    assert browser.source().isEmpty()
