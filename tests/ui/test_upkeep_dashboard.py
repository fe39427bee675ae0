"""The upkeep dashboard with real widgets: the start page after unlock, groups, opening a line."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def _fill(hub) -> dict[str, str]:
    def add(kind, title, **values):
        return hub.entries.add(kind, {"title": title, **values}).id

    return {
        "overdue": add("advice", "Advies bewaartermijnen", review_by=_day(-20)),
        "due": add("practice", "Werkwijze weging", review_by=_day(12)),
        "later": add("advice", "Advies later", review_by=_day(90)),
        "expert": add(
            "expert", "Analist Ruben Hoekstra", consent_date=_day(-800), last_verified=_day(-400)
        ),
        "fine": add("expert", "Analist Eva Brink", consent_date=_day(-30)),
    }


@pytest.fixture
def upkeep_folder(tmp_path):
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder = tmp_path / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        ids = _fill(hub)
    return folder, ids


@pytest.fixture
def app(qapp, qtbot, memory_settings, upkeep_folder):
    from ui.app.application import AppController
    from ui.i18n import Translations

    folder, ids = upkeep_folder
    controller = AppController(qapp, memory_settings, Translations(), "en")
    with qtbot.waitSignal(controller.sig_unlocked, timeout=30000):
        controller.start(folder, PASSPHRASE)
    dashboard = controller.window.upkeep
    if not dashboard.items:
        qtbot.waitSignal(dashboard.sig_loaded, timeout=10000).wait()
    yield controller, ids
    controller.shutdown()
    for ctx in list(controller._closing):
        ctx.runner.wait()


def _groups(dashboard) -> list[str]:
    tree = dashboard.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_unlock_shows_the_dashboard_grouped_by_reason(app):
    controller, ids = app
    window = controller.window
    dashboard = window.upkeep
    assert window.page() == "upkeep" and dashboard.isVisible()
    assert window.sidebar.place().what == "upkeep"
    assert _groups(dashboard) == [
        "Review date passed (1)",
        "Review due within 30 days (1)",
        "Experts not confirmed for over a year (consent or verification) (1)",
    ]
    lines = dashboard.lines()
    assert [line.data(0, Qt.ItemDataRole.UserRole + 1) for line in lines] == [
        ids["overdue"],
        ids["due"],
        ids["expert"],
    ]
    first = lines[0]
    assert (first.text(0), first.text(1), first.text(2)) == (
        _day(-20),
        "Advice note",
        "Advies bewaartermijnen",
    )
    assert dashboard.pages.currentIndex() == 0 and "3 lines" in dashboard.summary.text()


def test_opening_a_line_opens_its_entry(app, qtbot):
    controller, ids = app
    window = controller.window
    tree = window.upkeep.tree
    line = window.upkeep.lines()[1]
    rect = tree.visualItemRect(line)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.entry_view.current_id() == ids["due"], timeout=10000)
    assert window.page() == "browse"
    qtbot.waitUntil(lambda: window.entry_view.title.text() == "Werkwijze weging", timeout=10000)


def test_within_widens_the_window_and_an_edit_updates_the_list(app, qtbot):
    controller, ids = app
    dashboard = controller.window.upkeep
    with qtbot.waitSignal(dashboard.sig_loaded, timeout=10000):
        dashboard.within.setValue(120)
    assert ids["later"] in [
        line.data(0, Qt.ItemDataRole.UserRole + 1) for line in dashboard.lines()
    ]
    hub = controller.ctx.hub
    with qtbot.waitSignal(dashboard.sig_loaded, timeout=10000):
        hub.entries.update(ids["overdue"], {"review_by": _day(400)})
    assert ids["overdue"] not in [
        line.data(0, Qt.ItemDataRole.UserRole + 1) for line in dashboard.lines()
    ]


def test_nothing_due_shows_the_empty_state(qtbot, ctx_factory):
    from ui.upkeep.dashboard import UpkeepDashboard

    ctx = ctx_factory()
    dashboard = UpkeepDashboard(ctx)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.sig_loaded, timeout=10000):
        dashboard.show()
    assert dashboard.lines() == [] and dashboard.pages.currentIndex() == 1
    assert dashboard.empty.text().startswith("Nothing is due")
    assert dashboard.empty.isVisible()


@pytest.fixture
def ctx_factory(hub):
    from ui.context import AppContext
    from ui.tasks import TaskRunner

    made = []

    def make():
        context = AppContext(hub, TaskRunner(), TaskRunner(), language="en")
        made.append(context)
        return context

    yield make
    for context in made:
        context.runner.wait()
        context.detach()
