"""What every view needs, passed in one object instead of reached for globally."""

from __future__ import annotations

import warnings
from contextlib import suppress
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from expertise import Change, Hub
from ui.tasks import TaskRunner


class HubEvents(QObject):
    """Qt face of Hub.subscribe: the Change arrives on the UI thread by queued signal."""

    sig_changed = Signal(object)  # expertise.records.Change
    sig_locked = Signal()

    def disconnect_all(self) -> None:
        """Drop every receiver: a view's lambda connected here would otherwise keep the
        view, and through it the hub, alive in a cycle the garbage collector cannot see
        (Qt holds the connection)."""
        with warnings.catch_warnings():  # PySide warns when nothing was connected
            warnings.simplefilter("ignore", RuntimeWarning)
            for signal in (self.sig_changed, self.sig_locked):
                with suppress(RuntimeError, TypeError):
                    signal.disconnect()


@dataclass
class AppContext:
    hub: Hub
    runner: TaskRunner  # serial: every Hub call that writes or reads the database
    search_runner: TaskRunner  # serial too, separate so typing never waits behind an import
    events: HubEvents = field(default_factory=HubEvents)
    language: str = "en"

    def __post_init__(self) -> None:
        self._unsubscribe = self.hub.subscribe(self._forward)

    def _forward(self, change: Change) -> None:
        # Hub listeners run on the worker thread; emitting a signal queues it to the UI.
        self.events.sig_changed.emit(change)

    def detach(self) -> None:
        """Stop forwarding the hub's changes and let go of every view listening here."""
        self._unsubscribe()
        self.events.disconnect_all()
