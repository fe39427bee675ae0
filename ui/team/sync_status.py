"""Background team sync and its status bar item ("Synced 2 min ago", "Offline", "Syncing…").

Every few minutes, and on "Sync now", one round runs on the serial worker (ctx.runner),
never on the UI thread; it uses the server password remembered in the OS keyring. A hub
that is not in a team shows nothing and is not asked again until "Sync now".
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from expertise import ServerRefused, ServerUnavailable, SyncReport, UserError
from ui.context import AppContext
from ui.plaintext import plain_label, set_plain_tooltip
from ui.tasks import Progress

INTERVAL_MS = 5 * 60 * 1000
FIRST_MS = 20 * 1000  # the first round shortly after unlock, not during it
LABEL_REFRESH_MS = 30 * 1000
NOT_IN_TEAM = "not-in-team"


class SyncStatus(QObject):
    """Owns the timer, the label and the state; the window adds the label to its status bar."""

    sig_finished = Signal(object)  # SyncReport, or the exception of a failed round
    sig_conflicts = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.label = plain_label("", parent, "syncStatus")
        self.running = False
        self.in_team = True  # until a round says otherwise
        self.conflicts = 0
        # None: the password remembered in the OS keyring (the usual case).
        self.password: str | None = None
        self._synced_at: float | None = None
        self._state = ""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._timer.start(interval_ms)
        QTimer.singleShot(min(FIRST_MS, interval_ms), self, self._first)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._show)
        self._tick.start(LABEL_REFRESH_MS)
        self.label.hide()

    def _first(self) -> None:
        if self._synced_at is None and not self.running:
            self.sync_now()

    def sync_now(self) -> None:
        if self.running or self.ctx.hub.read_only:
            return
        self.running = True
        self._state = "syncing"
        self._show()
        hub, password = self.ctx.hub, self.password

        def job(progress: Progress) -> SyncReport | str:
            if not hub.team.joined:
                return NOT_IN_TEAM
            return hub.team.sync(password, cancel=progress.cancelled)

        self.ctx.runner.submit(job, self._done, self._failed)

    def _done(self, result: SyncReport | str) -> None:
        self.running = False
        if result == NOT_IN_TEAM:
            self.in_team, self._state = False, ""
            self._timer.stop()
            self._show()
            self.sig_finished.emit(result)
            return
        assert isinstance(result, SyncReport)
        self.in_team, self._state = True, "synced"
        self._synced_at = time.monotonic()
        self.conflicts = result.open_conflicts
        self._show()
        self.sig_conflicts.emit(self.conflicts)
        self.sig_finished.emit(result)

    def _failed(self, error: Exception) -> None:
        self.running = False
        if isinstance(error, ServerUnavailable):
            self._state = "offline"
        elif isinstance(error, ServerRefused):
            self._state = "refused"
        else:
            self._state = "failed"
        tip = str(error) if isinstance(error, UserError | ServerRefused | ServerUnavailable) else ""
        try:
            set_plain_tooltip(self.label, tip)
        except RuntimeError:  # the window went (locked) while a round was failing
            return
        self._show()
        self.sig_finished.emit(error)

    # -- the label -----------------------------------------------------------------
    def text(self) -> str:
        if not self.in_team:
            return ""
        if self._state == "syncing":
            return self.tr("Syncing…")
        if self._state == "offline":
            return self.tr("Offline")
        if self._state == "refused":
            return self.tr("Sync refused by the server")
        if self._state == "failed":
            return self.tr("Sync failed")
        if self.conflicts:
            return self.tr("Conflicts: {count}").format(count=self.conflicts)
        if self._synced_at is None:
            return ""
        minutes = int((time.monotonic() - self._synced_at) // 60)
        if minutes < 1:
            return self.tr("Synced just now")
        return self.tr("Synced {minutes} min ago").format(minutes=minutes)

    def _show(self) -> None:
        text = self.text()
        try:
            self.label.setText(text)
            self.label.setVisible(bool(text))
        except RuntimeError:  # the window went (locked) while a round was finishing
            self.stop()

    def stop(self) -> None:
        self._timer.stop()
        self._tick.stop()
