"""A hub on write-protected media, open in the app: it reads, searches and says it is read-only.

Real read-only media: the hub folder behind a read-only bind mount. Its index
folder is left out of the copy, as on a hub handed out without one, so search
falls back to the core's plain scan and the "limited search" notice shows.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import PASSPHRASE
from tests.ui.mounts import need_mount, read_only_bind
from ui.plaintext import tooltip_text

READ_ONLY_TIP = "This hub is read-only: copy it to a writable folder to change it."


@pytest.fixture
def read_only_window(qtbot, demo_hub_template, tmp_path, wait_idle):
    need_mount()
    from expertise.hub import Hub
    from ui.context import AppContext
    from ui.shell.main_window import MainWindow
    from ui.tasks import TaskRunner

    store = tmp_path / "store"
    shutil.copytree(
        demo_hub_template, store / "hub", ignore=shutil.ignore_patterns(".lock", "index")
    )
    with read_only_bind(store, tmp_path / "medium") as medium:
        hub = Hub.open(medium / "hub", PASSPHRASE)
        ctx = AppContext(hub, TaskRunner(), TaskRunner(), language="en")
        window = MainWindow(ctx)
        window.show()
        window.restore(None)
        wait_idle(ctx)
        yield window
        wait_idle(ctx)
        window.clear_all()
        wait_idle(ctx)
        ctx.detach()
        window.hide()
        window.deleteLater()
        hub.lock()


def test_a_read_only_hub_says_so_and_offers_no_editing(read_only_window, qtbot, wait_idle):
    window = read_only_window
    hub = window.ctx.hub
    assert hub.read_only
    assert window._status_lock.text() == "Unlocked, read-only"
    assert window.editing_actions  # New, Import, Import pack, Rebuild index, Edit
    for action in window.editing_actions:
        assert not action.isEnabled() and action.toolTip() == tooltip_text(READ_ONLY_TIP)
    assert not window.entry_view.edit_button.isEnabled()
    entry = hub.entries.list("advice")[0].id
    window.open_entry(entry)
    wait_idle(window.ctx)
    assert window.entry_view.current_id() == entry  # reading works
    window.edit_entry(entry)
    assert window.page() == "browse"  # the editor is not offered


def test_search_on_a_read_only_hub_shows_the_limited_search_notice(
    read_only_window, qtbot, wait_idle
):
    window = read_only_window
    notice = window.search.findChild(type(window._status_lock), "noticeBar")
    window.show_search()
    with qtbot.waitSignal(window.search.sig_searched, timeout=15000):
        window.search.run_query("grooming")
    assert window.ctx.hub.search.notice is not None
    assert notice is not None and notice.isVisible()
    assert notice.text().startswith("Limited search:")
    assert window.search.model.rowCount() > 0
    assert not window.search.save_button.isEnabled()  # saving a search would write
    assert not window.search.facets.isVisible()  # a plain scan has no facets to offer


def test_a_writable_hub_shows_none_of_it(window):
    assert window._status_lock.text() == "Unlocked"
    assert all(action.isEnabled() for action in window.editing_actions)
    assert window.search.findChild(type(window._status_lock), "noticeBar") is None
