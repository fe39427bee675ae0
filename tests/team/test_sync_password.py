"""Background sync without a remembered password (issue #15): the status bar asks for it, the
prompt hands it to hub.team for this session only, and a lock forgets it (pytest-qt on real
widgets, a real PostgreSQL, real hubs). The OS keyring is pinned: none, or an in-memory one
whose class path is on the allowlist (as tests/core/test_keystore.py does)."""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

from tests.core.test_keystore import fake_backend, offer
from tests.team.teamkit import MEMBER_PASSWORD, bea_window, join, make_team

LONG = 60_000


@pytest.fixture
def team_window(qtbot, make_laptop, team_url, monkeypatch):
    offer(monkeypatch)  # no secure keyring on this "laptop": nothing is remembered
    ctx, shown, admin, password, bea = bea_window(qtbot, make_laptop, team_url)
    yield shown, admin, password, bea
    ctx.runner.wait()
    ctx.search_runner.wait()
    if not bea.locked:  # a lock let go of the listeners already
        ctx.detach()


def _background(qtbot, window) -> object:
    with qtbot.waitSignal(window.sync.sig_finished, timeout=LONG) as done:
        window.sync.background_round()
    return done.args[0]


def _tip(window) -> str:
    from PySide6.QtGui import QTextDocumentFragment

    text = QTextDocumentFragment.fromHtml(window.sync.label.toolTip()).toPlainText()
    return text.replace("\xa0", " ")


def _prompt_by_button(qtbot, window):
    with qtbot.waitSignal(window.sync.sig_prompt, timeout=LONG) as opened:
        qtbot.mouseClick(window.sync.button, Qt.MouseButton.LeftButton)
    return opened.args[0]


def _answer(qtbot, window, form, password: str) -> object:
    qtbot.keyClicks(form.password, password)
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(window.sync.sig_finished, timeout=LONG) as done:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return done.args[0]


def test_no_password_asks_in_the_status_bar_and_the_right_one_syncs(qtbot, team_window,
                                                                    caplog):
    from expertise import SyncReport
    from ui.team.sync_status import NeedsPassword

    window, admin, password, bea = team_window
    note = admin.entries.add("advice", {"title": "Van de admin", "classification": "internal"})
    admin.team.sync(password)

    result = _background(qtbot, window)
    assert result == NeedsPassword(bea.team.role(), refused=False)
    assert window.sync.label.text() == "Team sync needs the server password"
    assert not window.sync.button.isHidden() and window.sync.prompt is None  # no dialog
    assert not window.findChildren(QMessageBox)

    form = _prompt_by_button(qtbot, window)
    assert form.password.echoMode() == QLineEdit.EchoMode.Password
    assert form.remember.isHidden()  # no secure keyring: "remember" is not offered
    assert form.problem.isHidden()
    report = _answer(qtbot, window, form, MEMBER_PASSWORD)
    assert isinstance(report, SyncReport) and report.created == [note.id]
    assert window.sync.label.text() == "Synced just now" and window.sync.button.isHidden()
    assert _tip(window).startswith("Last synced at 20")  # the date and time of the round
    assert bea.entries.get(note.id).title == "Van de admin"
    assert bea.team.holds_password()

    # The next background round uses the held password without asking.
    assert isinstance(_background(qtbot, window), SyncReport)
    assert window.sync.prompt is None
    # Never on the command line, in the environment or in a log line.
    assert MEMBER_PASSWORD not in " ".join(sys.argv)
    assert all(MEMBER_PASSWORD not in value for value in os.environ.values())
    assert MEMBER_PASSWORD not in caplog.text


def test_a_wrong_password_says_so_and_asks_again(qtbot, team_window):
    from expertise import SyncReport
    from ui.team.sync_status import NeedsPassword

    window, _, _, bea = team_window
    _background(qtbot, window)
    form = _prompt_by_button(qtbot, window)
    with qtbot.waitSignal(window.sync.sig_prompt, timeout=LONG) as again:
        result = _answer(qtbot, window, form, "not the password at all")
    assert result == NeedsPassword(bea.team.role(), refused=True)
    assert window.sync.label.text() == "The team server refused the password"
    assert not bea.team.holds_password()  # the refused one is not kept
    retry = again.args[0]
    assert retry is window.sync.prompt and retry is not form
    assert not retry.problem.isHidden() and "refused this password" in retry.problem.text()
    assert retry.password.text() == ""
    assert isinstance(_answer(qtbot, window, retry, MEMBER_PASSWORD), SyncReport)
    assert window.sync.label.text() == "Synced just now"


def test_an_unreachable_server_is_offline_and_retried_not_an_error_dialog(qtbot, team_window):
    window, _, _, bea = team_window
    bea.team.hold_password(MEMBER_PASSWORD)
    bea.team.set_setting("server", "postgresql://127.0.0.1:9/nowhere")
    error = _background(qtbot, window)
    assert type(error).__name__ == "ServerUnavailable"
    assert window.sync.label.text() == "Offline, will retry"
    assert "cannot be reached" in _tip(window)
    assert window.sync.prompt is None and not window.findChildren(QMessageBox)
    assert window.sync.button.isHidden()
    assert bea.team.holds_password()  # kept: the next round tries again with it
    assert window.sync._timer.isActive()


def test_sync_now_without_a_password_opens_the_prompt(qtbot, team_window):
    window, *_ = team_window
    with qtbot.waitSignal(window.sync.sig_prompt, timeout=LONG) as opened:
        window.sync.sync_now()
    assert opened.args[0] is window.sync.prompt


def test_lock_forgets_the_held_password(qtbot, team_window):
    window, _, _, bea = team_window
    _background(qtbot, window)
    _answer(qtbot, window, _prompt_by_button(qtbot, window), MEMBER_PASSWORD)
    assert bea.team.holds_password()
    window.ctx.runner.wait()
    bea.lock()
    assert not bea.team.holds_password()


def test_remember_is_offered_with_a_secure_keyring_and_stores_after_login(
    qtbot, make_laptop, team_url, monkeypatch
):
    from ui.context import AppContext
    from ui.shell.main_window import MainWindow
    from ui.tasks import TaskRunner

    ring = fake_backend("keyring.backends.SecretService.Keyring")
    offer(monkeypatch, ring)  # an empty secure keyring
    admin, bea = make_laptop("admin"), make_laptop("bea")
    join(bea, admin, make_team(admin, team_url), team_url, "Bea", "internal")
    ctx = AppContext(bea, TaskRunner(), TaskRunner(), language="en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        _background(qtbot, window)
        form = _prompt_by_button(qtbot, window)
        assert not form.remember.isHidden()
        form.remember.setChecked(True)
        _answer(qtbot, window, form, MEMBER_PASSWORD)
        assert window.sync.label.text() == "Synced just now"
        assert ring.store == {("expertise-hub-team", bea.team.role()): MEMBER_PASSWORD}
    finally:
        ctx.runner.wait()
        ctx.search_runner.wait()
        ctx.detach()
