"""Background team sync and its status bar item ("Synced 2 min ago", "Offline", "Syncing…").

Every few minutes, and on "Sync now", one round runs on the serial worker (ctx.runner),
never on the UI thread. The password is the one this session holds (hub.team.hold_password,
gone on lock) or the one a secure OS keyring remembers; with neither, the status bar says
"Team sync needs the server password" beside a button that opens the prompt. A background
round never opens a dialog: only the button, "Sync now" and a refused typed password do.
A hub that is not in a team shows nothing and is not asked again until "Sync now".
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QDateTime, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from expertise import (
    PasswordNeeded,
    ServerRefused,
    ServerUnavailable,
    SyncReport,
    UserError,
    remember_team_password,
)
from ui.context import AppContext
from ui.plaintext import plain_label, set_plain_tooltip
from ui.tasks import Progress
from ui.team.team_forms import PasswordForm

INTERVAL_MS = 5 * 60 * 1000
FIRST_MS = 20 * 1000  # the first round shortly after unlock, not during it
LABEL_REFRESH_MS = 30 * 1000
NOT_IN_TEAM = "not-in-team"
ASKING = ("password", "refused")  # states in which a round needs a password first


@dataclass(frozen=True)
class NeedsPassword:
    """A round that could not log in: no password known, or the server refused it."""

    role: str
    refused: bool


class SyncStatus(QObject):
    """Owns the timer, the label, the password button and the state; the window adds the
    label and the button to its status bar."""

    sig_finished = Signal(object)  # SyncReport, NeedsPassword, or a failed round's exception
    sig_conflicts = Signal(int)
    sig_prompt = Signal(object)  # the PasswordForm just opened

    def __init__(self, ctx: AppContext, parent: QWidget, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self.label = plain_label("", parent, "syncStatus")
        self.button = QPushButton(self.tr("Enter the password…"), parent)
        self.button.setObjectName("syncPassword")
        self.button.clicked.connect(lambda: self.ask_password())
        self.running = False
        self.in_team = True  # until a round says otherwise
        self.conflicts = 0
        self.role = ""
        self.prompt: PasswordForm | None = None
        self._synced_at: float | None = None
        self._state = ""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.background_round)
        self._timer.start(interval_ms)
        QTimer.singleShot(min(FIRST_MS, interval_ms), self, self._first)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._show)
        self._tick.start(LABEL_REFRESH_MS)
        self.label.hide()
        self.button.hide()

    def _first(self) -> None:
        if self._synced_at is None and not self.running:
            self.background_round()

    def background_round(self) -> None:
        """The timer's round: quiet, and none while the password is still to be given."""
        if self._state not in ASKING:
            self._start(None, remember=False, by_user=False)

    def sync_now(self) -> None:
        """File → Sync now (and after team changes): a round; the prompt if it needs one."""
        self._start(None, remember=False, by_user=True)

    def submit_password(self, password: str, remember: bool = False) -> None:
        """The prompt's password: held in memory for this session, then a round with it."""
        self._start(password, remember=remember, by_user=True)

    def _start(self, password: str | None, *, remember: bool, by_user: bool) -> None:
        if self.running or self.ctx.hub.read_only:
            return
        self.running = True
        self._state = "syncing"
        self._show()
        hub = self.ctx.hub

        def job(progress: Progress) -> SyncReport | NeedsPassword | str:
            if not hub.team.joined:
                return NOT_IN_TEAM
            role = hub.team.role() or ""
            if password is not None:
                hub.team.hold_password(password)
            try:
                report = hub.team.sync(cancel=progress.cancelled)
            except PasswordNeeded:
                return NeedsPassword(role, refused=False)
            except ServerRefused:  # the held password was dropped by the facade
                return NeedsPassword(role, refused=True)
            if remember and password is not None:  # only once the server accepted it
                remember_team_password(role, password)
            return report

        self.ctx.runner.submit(
            job, lambda result: self._done(result, by_user), self._failed
        )

    # -- results ---------------------------------------------------------------------
    def _done(self, result: SyncReport | NeedsPassword | str, by_user: bool) -> None:
        self.running = False
        if result == NOT_IN_TEAM:
            self.in_team, self._state = False, ""
            self.stop()
        elif isinstance(result, NeedsPassword):
            self.in_team, self.role = True, result.role
            self._state = "refused" if result.refused else "password"
        else:
            assert isinstance(result, SyncReport)
            self.in_team, self._state = True, "synced"
            self._synced_at = time.monotonic()
            self.conflicts = result.open_conflicts
        if not self._alive():
            return
        self._tooltip(result)
        self._show()
        if isinstance(result, SyncReport):
            self.sig_conflicts.emit(self.conflicts)
        self.sig_finished.emit(result)
        if isinstance(result, NeedsPassword) and by_user:
            self.ask_password()

    def _failed(self, error: Exception) -> None:
        self.running = False
        if isinstance(error, ServerUnavailable):
            self._state = "offline"  # the timer's next round tries again
        else:
            self._state = "failed"
        if not self._alive():
            return
        tip = str(error) if isinstance(error, UserError | ServerUnavailable) else ""
        set_plain_tooltip(self.label, tip)
        self._show()
        self.sig_finished.emit(error)

    def _tooltip(self, result: object) -> None:
        tip = ""
        if isinstance(result, SyncReport):
            at = QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm")
            tip = self.tr("Last synced at {time}").format(time=at)
        set_plain_tooltip(self.label, tip)

    # -- the password prompt -------------------------------------------------------------
    def ask_password(self) -> PasswordForm | None:
        """Open the prompt (once); its OK starts a round with what was typed."""
        if not self._alive():
            return None
        if self.prompt is not None:
            self.prompt.raise_()
            return self.prompt
        problem = ""
        if self._state == "refused":
            problem = self.tr("The server refused this password (or this member is no longer "
                              "in the team). Check it and try again.")
        form = PasswordForm(self.role, self._parent, problem)
        form.finished.connect(lambda code: self._answered(form, code))
        self.prompt = form
        form.open()  # window-modal, never exec(): the event loop and the worker keep running
        self.sig_prompt.emit(form)
        return form

    def _answered(self, form: PasswordForm, code: int) -> None:
        self.prompt = None
        password, remember = form.password.text(), form.remember.isChecked()
        form.password.clear()
        form.deleteLater()
        if code == QDialog.DialogCode.Accepted and password:
            self.submit_password(password, remember)

    # -- the label -----------------------------------------------------------------
    def text(self) -> str:
        if not self.in_team:
            return ""
        if self._state == "syncing":
            return self.tr("Syncing…")
        if self._state == "offline":
            return self.tr("Offline, will retry")
        if self._state == "password":
            return self.tr("Team sync needs the server password")
        if self._state == "refused":
            return self.tr("The team server refused the password")
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

    def _alive(self) -> bool:
        """False once the window went (closed or locked) while a round was running: the
        round's callback still runs, but this object's label and timers are deleted."""
        return shiboken6.isValid(self) and shiboken6.isValid(self.label)

    def _show(self) -> None:
        if not self._alive():
            return
        text = self.text()
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.button.setVisible(self.in_team and self._state in ASKING)

    def stop(self) -> None:
        for timer in (self._timer, self._tick):
            if shiboken6.isValid(timer):  # gone with the window, or still ours to stop
                timer.stop()
