"""The app syncs with a real PostgreSQL from its worker: the status bar follows, conflicts
are listed and resolved from the dialog (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

from tests.team.teamkit import MEMBER_PASSWORD, bea_window


@pytest.fixture
def window(qtbot, make_laptop, team_url):
    ctx, shown, admin, password, bea = bea_window(qtbot, make_laptop, team_url)
    bea.team.hold_password(MEMBER_PASSWORD)  # as the status bar's prompt would
    yield shown, admin, password, bea
    ctx.runner.wait()
    ctx.search_runner.wait()
    ctx.detach()


def _round(qtbot, window) -> object:
    with qtbot.waitSignal(window.sync.sig_finished, timeout=60_000) as done:
        window.sync.sync_now()
        assert window.sync.label.text() == "Syncing…"  # set at once, the work is on the worker
    return done.args[0]


def test_background_sync_updates_the_status_bar_and_lists_conflicts(qtbot, window):
    window, admin, password, bea = window
    note = admin.entries.add("advice", {"title": "Van de admin", "classification": "internal"})
    admin.team.sync(password)
    report = _round(qtbot, window)
    assert report.created == [note.id]
    assert window.sync.label.text() == "Synced just now" and not window.sync.label.isHidden()
    assert bea.entries.get(note.id).title == "Van de admin"

    admin.entries.update(note.id, {"title": "Admin"})
    bea.entries.update(note.id, {"title": "Bea"})
    admin.team.sync(password)
    _round(qtbot, window)
    assert window.sync.label.text() == "Conflicts: 1"

    dialog = window.show_conflicts()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert dialog.table.item(0, 1).text() == "Bea" and dialog.table.item(0, 2).text() == "Admin"
    with qtbot.waitSignal(window.sync.sig_finished, timeout=60_000):
        dialog.buttons["theirs"].click()  # resolving starts a round
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10_000)
    assert bea.entries.get(note.id).title == "Admin"
    assert window.sync.label.text() == "Synced just now"


def test_offline_shows_in_the_status_bar(qtbot, window):
    window, _, _, bea = window
    bea.team.set_setting("server", "postgresql://127.0.0.1:9/nowhere")
    error = _round(qtbot, window)
    assert type(error).__name__ == "ServerUnavailable"
    assert window.sync.label.text() == "Offline, will retry"
