"""A background sync round that finishes after its window went (closed, locked, or a test's
window torn down) must not touch the deleted label or timers: seen in CI as 'Internal C++
object (QTimer) already deleted' raised in another test's event loop (pytest-qt, real hub)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.tasks import TaskRunner
from ui.team import sync_status as sync_status_module
from ui.team.sync_status import NOT_IN_TEAM, SyncStatus


def _status_with_a_held_round(qtbot, hub, monkeypatch, outcome):
    """A SyncStatus whose round blocks until released, then returns or raises `outcome`."""
    release = threading.Event()

    def job(progress):
        release.wait(10)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def start(self, password, *, remember, by_user):  # SyncStatus._start with a held job
        self.running = True
        self.ctx.runner.submit(job, lambda result: self._done(result, by_user), self._failed)

    monkeypatch.setattr(SyncStatus, "_start", start)
    ctx = AppContext(hub, TaskRunner(), TaskRunner(), language="en")
    parent = QWidget()
    status = SyncStatus(ctx, parent, interval_ms=60_000)
    status.sync_now()
    return ctx, parent, status, release


def _finish_after_the_window_went(qtbot, ctx, parent, release) -> None:
    parent.deleteLater()  # the window goes, and with it the SyncStatus, its label and timers
    qtbot.waitUntil(lambda: not _alive(parent), timeout=5000)
    release.set()
    assert ctx.runner.wait(10_000)
    qtbot.wait(50)  # let the queued done/failed signal reach the callback


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_a_round_done_after_the_window_went_touches_nothing(qtbot, hub, monkeypatch):
    ctx, parent, status, release = _status_with_a_held_round(qtbot, hub, monkeypatch,
                                                             NOT_IN_TEAM)
    _finish_after_the_window_went(qtbot, ctx, parent, release)
    # pytest-qt fails the test if the callback raised in the event loop; the state is kept
    assert status.running is False and status.in_team is False


def test_a_round_failing_after_the_window_went_touches_nothing(qtbot, hub, monkeypatch):
    error = sync_status_module.ServerUnavailable("the team server went away")
    ctx, parent, status, release = _status_with_a_held_round(qtbot, hub, monkeypatch, error)
    _finish_after_the_window_went(qtbot, ctx, parent, release)
    assert status.running is False and status._state == "offline"
