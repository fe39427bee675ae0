"""Idle auto-lock (S6): a deadline on the wall clock, checked by a timer.

A QTimer alone would be unsafe: while the laptop sleeps no timer fires, and a
monotonic clock on Linux does not advance during suspend either, so the idle
time would silently restart on wake-up. The deadline is therefore kept in
wall-clock seconds and *also* in monotonic seconds, and the hub locks when
either has passed: sleep advances the wall clock, and setting the system
clock back does not help because the monotonic deadline still expires.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
CHECK_INTERVAL_MS = 5000


class IdleLock(QObject):
    """Emits `sig_idle` once the user has been away for `timeout_seconds`."""

    sig_idle = Signal()

    def __init__(
        self,
        timeout_seconds: float,
        *,
        check_interval_ms: int = CHECK_INTERVAL_MS,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._timeout = float(timeout_seconds)
        self._wall = wall
        self._monotonic = monotonic
        self._deadlines = (0.0, 0.0)
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)
        self._filtering = False

    # -- control -----------------------------------------------------------------
    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self.touch()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_timeout(self, seconds: float) -> None:
        self._timeout = float(seconds)
        self.touch()

    @property
    def timeout(self) -> float:
        return self._timeout

    # -- the deadline --------------------------------------------------------------
    def touch(self) -> None:
        self._deadlines = (self._wall() + self._timeout, self._monotonic() + self._timeout)

    def expired(self) -> bool:
        wall_deadline, mono_deadline = self._deadlines
        return self._wall() >= wall_deadline or self._monotonic() >= mono_deadline

    def check(self) -> None:
        if self.active and self.expired():
            self.stop()
            self.sig_idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in ACTIVITY_EVENTS:
            # Check first: input after a long sleep must not buy the thief more time.
            if self.expired():
                self.check()
            else:
                self.touch()
        return False
