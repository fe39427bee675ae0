"""Work off the UI thread (ARCHITECTURE §11.4): serial QThreadPool workers, results by signal.

Every call into `expertise.Hub` that may touch the disk goes through a
TaskRunner; the UI thread only receives plain records back.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from expertise import stack_only

# Where failures of jobs submitted without `on_failed` go (ui/app/application.py installs
# ui/os_fault.report_unhandled), so a full disk is never silently dropped.
_fallback_failure: Callable[[Exception], None] | None = None


def set_fallback_failure(handler: Callable[[Exception], None] | None) -> None:
    global _fallback_failure
    _fallback_failure = handler


def _unhandled(error: Exception) -> None:
    if _fallback_failure is not None:
        _fallback_failure(error)


Callback = Callable[[Any], None] | None


class Progress:
    """Handed to a job: report progress, ask whether the user pressed Cancel."""

    def __init__(self, emit: Callable[[int, int], None]) -> None:
        self._emit = emit
        self._cancelled = threading.Event()

    def report(self, done: int, total: int) -> None:
        self._emit(done, total)

    def cancel(self) -> None:
        self._cancelled.set()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class TaskSignals(QObject):
    sig_progress = Signal(int, int)
    sig_done = Signal(object)
    sig_failed = Signal(object)  # the exception


class Task(QRunnable):
    def __init__(self, job: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.signals = TaskSignals()
        self.progress = Progress(self.signals.sig_progress.emit)
        self._job: Callable[[Progress], Any] | None = job
        self.setAutoDelete(True)

    def run(self) -> None:
        # The job (often a closure over the hub) is let go as soon as it ran, so a
        # task that lingers in Qt's hands keeps no hub alive after a lock.
        job, self._job = self._job, None
        if job is None:
            return
        try:
            result = job(self.progress)
        except Exception as error:  # delivered to the UI thread, which shows it
            error.__traceback_text__ = stack_only(error)  # type: ignore[attr-defined]
            # The frames hold the job's locals (the hub among them): keep only the text.
            error.__traceback__ = None
            self.signals.sig_failed.emit(error)
            return
        self.signals.sig_done.emit(result)


class _Pending(NamedTuple):
    task: Task
    on_done: Callback
    on_failed: Callback


class TaskRunner(QObject):
    """One serial pool: jobs run in order, never two at once on the same hub."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Tasks waiting for their result, with their callbacks, by a plain number: the
        # signal connections hold only that number, so no cycle through Qt keeps a
        # finished task, its job or its callbacks (and the hub they close over) alive.
        self._live: dict[int, _Pending] = {}
        self._numbers = itertools.count()

    def submit(
        self,
        job: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task:
        task = Task(job)
        number = next(self._numbers)
        # Keep a Python reference until a signal arrives: the pool owns the C++ side only.
        self._live[number] = _Pending(task, on_done, on_failed or _unhandled)
        task.signals.sig_done.connect(partial(self._finish, number, False))
        task.signals.sig_failed.connect(partial(self._finish, number, True))
        if on_progress is not None:
            task.signals.sig_progress.connect(on_progress)
        self._pool.start(task)
        return task

    def _finish(self, number: int, failed: bool, value: Any) -> None:
        pending = self._live.pop(number, None)
        if pending is None:
            return
        callback = pending.on_failed if failed else pending.on_done
        del pending  # the task goes now, not when this callback returns
        if callback is not None:
            callback(value)

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
