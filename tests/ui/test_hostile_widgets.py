"""Content is never rich text in a widget (docs/SECURITY.md, hostile content).

A hub is filled with entries, experts, tags, a course pack and a publisher
whose names are hostile markup: an <img> pointing at a real local picture (a
rich-text widget would load and paint it), a UNC path (on Windows an SMB
connection that leaks the user's credentials), a link, a <style> block and
entities. Every view that shows them is opened for real; the checks are:

- every QLabel on screen is plain text and shows the content literally;
- no pixel of the local picture is painted anywhere (it has a colour nothing
  else in the app uses), so nothing was loaded;
- every tooltip, rendered the way QToolTip renders it, reads literally and asks
  for no resource;
- message boxes that name content are plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE
from tests.core.packkit import export

MARKER = QColor(18, 254, 52)  # a green no theme or banner uses


# -- the hostile names -----------------------------------------------------------------
def hostile_names(picture: Path) -> list[str]:
    uri = picture.as_uri()
    return [
        f'<img src="{uri}" width="60" height="40"> Image by URL',
        f'<img src="{picture}" width="60" height="40"> Image by path',
        "<img src=\\\\attacker-host\\share\\x.png> UNC image",
        '<a href="https://attacker.example/">Click me</a> link',
        "<style>p { color: red }</style><b>Styled</b> block",
        "R&amp;D &lt;b&gt; &#x41; entities",
    ]


def rendered(text: str) -> tuple[str, list[str]]:
    """What a tooltip shows (Qt's own rule: rich text if it looks like it) and what it loads."""
    if not QtGui.Qt.mightBeRichText(text):
        return text, []
    requests: list[str] = []

    class Counting(QTextDocument):
        def loadResource(self, kind, name):  # noqa: N802 (Qt's name)
            requests.append(name.toString())
            return (
                QImage()
                if kind == QTextDocument.ResourceType.ImageResource.value
                else (QByteArray())
            )

    doc = Counting()
    doc.setHtml(text)
    doc.size()  # lays out: images are asked for now
    return doc.toPlainText().replace("\u2028", "\n"), requests


def _words(text: str) -> str:
    return " ".join(text.split())


def assert_literal_tooltip(tip: object, *expected: str) -> None:
    assert isinstance(tip, str) and tip
    shown, requests = rendered(tip)
    assert requests == []
    for part in expected:
        assert _words(part) in _words(shown), (part, shown)


def marker_pixels(widget: QWidget) -> int:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    wanted = MARKER.rgb()
    return sum(
        1
        for y in range(0, image.height())
        for x in range(0, image.width())
        if image.pixel(x, y) == wanted
    )


def assert_labels_plain(widget: QWidget) -> None:
    for label in widget.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text())


# -- a hub full of them ------------------------------------------------------------------
@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "local-picture.png"
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(MARKER)
    assert image.save(str(path))
    return path


@pytest.fixture
def names(picture: Path) -> list[str]:
    return hostile_names(picture)


@pytest.fixture
def hostile_hub(tmp_path: Path, names: list[str]) -> Iterator[Hub]:
    hub = Hub.create(tmp_path / "hub", PASSPHRASE, kdf=KdfParams.floor())
    for number, name in enumerate(names):
        hub.entries.add(
            "advice",
            {
                "title": name,
                "summary": name,
                "tags": [name],
                "body_md": f"Grooming method {number}. {name}",
            },
        )
        hub.entries.add(
            "expert",
            {"title": f"{name} expert", "expertise": ["grooming", name], "body_md": "Grooming."},
        )
    yield hub
    hub.close()


@pytest.fixture
def hctx(qapp, hostile_hub) -> Iterator[object]:
    from ui.context import AppContext
    from ui.tasks import TaskRunner

    context = AppContext(hostile_hub, TaskRunner(), TaskRunner(), language="en")
    yield context
    context.runner.wait()
    context.search_runner.wait()
    context.detach()


def _show(widget: QWidget, qtbot) -> QWidget:
    widget.resize(1400, 900)
    widget.show()
    qtbot.addWidget(widget)
    return widget


# -- the reading pane and the entry list -------------------------------------------------
def test_an_opened_entry_shows_its_title_literally_and_loads_nothing(
    qtbot, hctx, hostile_hub, names, wait_idle
):
    from ui.entries.entry_view import EntryView

    view = _show(EntryView(hctx), qtbot)
    for name in names:
        entry = hostile_hub.entries.find_by_title(name, "advice")
        assert entry is not None
        view.show_entry(entry.id)
        wait_idle(hctx)
        assert view.current_id() == entry.id
        assert view.title.text() == name
        assert marker_pixels(view) == 0, name
        assert_labels_plain(view)
        assert name in view.details.toPlainText()  # the tag row, escaped into the table


def test_the_whole_window_stays_plain_while_browsing(qtbot, hctx, hostile_hub, names, wait_idle):
    from ui.shell.main_window import MainWindow
    from ui.shell.sidebar import Place

    window = _show(MainWindow(hctx), qtbot)
    window.restore(None)
    window.go_to(Place("kind", "advice"))
    wait_idle(hctx)
    model = window.entry_list.table.model()
    assert model.rowCount() == len(names)
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        assert index.data() in names  # the cell is painted as text by the view
        assert_literal_tooltip(index.data(Qt.ItemDataRole.ToolTipRole), index.data())
        window.entry_list.table.setCurrentIndex(index)
        wait_idle(hctx)
        assert marker_pixels(window) == 0
    assert_labels_plain(window)
    tags = _sidebar_items(window.sidebar.tree.invisibleRootItem())
    for tag in (name.lower() for name in names):  # tags are kept in lower case
        tip = next(item.toolTip() for item in tags if item.text().startswith(tag))
        assert_literal_tooltip(tip, tag)
    window.clear_all()
    wait_idle(hctx)


def _sidebar_items(parent) -> list:
    found = []
    for row in range(parent.rowCount()):
        child = parent.child(row)
        found.append(child)
        found.extend(_sidebar_items(child))
    return found


# -- search, facets, experts ---------------------------------------------------------------
def test_search_results_and_facets_are_plain(qtbot, hctx, names, wait_idle):
    from ui.search.panel import SearchPanel

    panel = _show(SearchPanel(hctx), qtbot)
    with qtbot.waitSignal(panel.sig_searched, timeout=20000):
        panel.run_query("grooming")
    wait_idle(hctx)
    titles = [row.title for row in panel.model.rows()]
    assert set(names) <= set(titles)
    for row in range(panel.model.rowCount()):
        index = panel.model.index(row, 0)
        assert_literal_tooltip(index.data(Qt.ItemDataRole.ToolTipRole), index.data())
    panel.results.viewport().update()
    qtbot.wait(50)
    assert marker_pixels(panel) == 0
    assert_labels_plain(panel)
    for tag in (name.lower() for name in names):
        item = panel.facets.item_for("tags", tag)
        assert item is not None, tag
        assert item.text(0).startswith(tag)
        assert_literal_tooltip(item.toolTip(0), tag)


def test_a_snippet_is_escaped_even_if_the_index_were_not(qtbot):
    """The delegate escapes every piece itself; only its own highlight markup is rich."""
    from ui.search.snippet_delegate import snippet_html

    hostile = '<img src="file:///etc/passwd"> <mark>grooming</mark> &amp; <a href="x">y</a>'
    shown, requests = rendered(snippet_html(hostile))
    assert requests == []
    assert shown == '<img src="file:///etc/passwd"> grooming & <a href="x">y</a>'


def test_experts_found_are_plain(qtbot, hctx, names, wait_idle):
    from ui.experts import ExpertFinder

    finder = _show(ExpertFinder(hctx), qtbot)
    with qtbot.waitSignal(finder.sig_found, timeout=20000):
        finder.find_topic("grooming")
    wait_idle(hctx)
    found = {item.name for item in finder.items()}
    assert {f"{name} expert" for name in names} <= found
    for row in range(finder.results.count()):
        item = finder.results.item(row)
        assert_literal_tooltip(item.toolTip(), item.data(Qt.ItemDataRole.DisplayRole))
    assert marker_pixels(finder) == 0
    assert_labels_plain(finder)
    finder.clear()
    wait_idle(hctx)


# -- course packs --------------------------------------------------------------------------
def test_course_items_and_the_pack_heading_are_plain(qtbot, hctx, hostile_hub, names, wait_idle):
    from ui.courses.view import CoursePackView

    courses = hostile_hub.courses
    pack = courses.create(names[0], "internal", names[1], names[2])
    ids = [entry.id for entry in hostile_hub.entries.list(kind="advice")]
    courses.add_entries(pack.id, ids)
    for position, name in enumerate(names):
        courses.set_note(pack.id, position, name)
    view = _show(CoursePackView(hctx), qtbot)
    wait_idle(hctx)
    assert view.heading.text() == names[0]
    assert view.items.count() == len(names)
    for row in range(view.items.count()):
        item = view.items.item(row)
        assert item.text().split(". ", 1)[1].split("\n")[0] in names
        assert_literal_tooltip(item.toolTip(), names[row])
    assert marker_pixels(view) == 0
    assert_labels_plain(view)
    box = _answer_next_box(qtbot, QMessageBox.StandardButton.No)
    view.delete_pack()
    assert box["format"] == Qt.TextFormat.PlainText
    assert names[0] in box["text"]
    view.clear()
    wait_idle(hctx)


def _answer_next_box(qtbot, button: QMessageBox.StandardButton) -> dict[str, object]:
    """Reads the next modal message box as it is shown, then answers it."""
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["format"] = box.textFormat()
        seen["text"] = box.text()
        box.done(button.value)

    QTimer.singleShot(20, answer)
    return seen


def test_a_warning_that_names_content_is_plain(qtbot, names):
    from ui.plaintext import warn

    host = QWidget()
    qtbot.addWidget(host)
    box = _answer_next_box(qtbot, QMessageBox.StandardButton.Ok)
    warn(host, "Course packs", names[0])
    assert box == {"format": Qt.TextFormat.PlainText, "text": names[0]}


# -- the pack import dialog: the publisher before trust -----------------------------------
def test_the_pack_dialog_shows_a_hostile_publisher_literally(qtbot, tmp_path, names, wait_idle):
    from ui.packs import ImportPackDialog
    from ui.tasks import TaskRunner

    publisher = names[0]
    with Hub.create(tmp_path / "source", PASSPHRASE, kdf=KdfParams.floor()) as source:
        source.entries.add("advice", {"title": names[3], "body_md": "Method."})
        packs = source.packs
        packs.set_publisher_name(publisher)
        path = export(packs, tmp_path / "hostile.ekp")
    runner = TaskRunner()
    with Hub.create(tmp_path / "target", PASSPHRASE, kdf=KdfParams.floor()) as target:
        dialog = ImportPackDialog(target.packs, runner, "en", None, path=path)
        _show(dialog, qtbot)
        qtbot.waitUntil(lambda: dialog.info is not None, timeout=30000)
        assert marker_pixels(dialog) == 0
        assert dialog.publisher.text() == publisher
        assert_labels_plain(dialog)
        dialog.close()
        runner.wait()


def test_tooltips_helper_escapes_everything(names):
    from ui.plaintext import tooltip_text

    for name in names:
        assert_literal_tooltip(tooltip_text(name), name)
    assert tooltip_text("") == ""
