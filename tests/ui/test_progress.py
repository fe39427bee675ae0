"""run_with_progress: the job runs off the UI thread, reports progress and honours Cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressBar, QPushButton, QWidget

from expertise.errors import UserError
from ui.progress import run_with_progress
from ui.tasks import TaskRunner


@pytest.fixture
def runner():
    pool = TaskRunner()
    yield pool
    pool.wait()  # no job outlives its test


def _host(qtbot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    return host


def test_job_reports_progress_and_delivers_its_result(qtbot, runner):
    host = _host(qtbot)
    seen: list[int] = []
    results: list[str] = []

    def job(progress):
        assert threading.current_thread() is not threading.main_thread()
        for step in range(1, 6):
            progress.report(step, 5)
            time.sleep(0.05)
        return "built"

    dialog = run_with_progress(host, runner, "Rebuilding", job, results.append)
    dialog.findChild(QProgressBar).valueChanged.connect(seen.append)
    gone: list[bool] = []
    dialog.destroyed.connect(lambda: gone.append(True))
    qtbot.waitUntil(lambda: results == ["built"], timeout=5000)
    assert seen[-1] == 5 and seen == sorted(seen)
    qtbot.waitUntil(lambda: gone == [True], timeout=2000)  # closed and released


def test_cancel_reaches_the_job_and_the_dialog_waits_for_it(qtbot, runner):
    host = _host(qtbot)
    results: list[str] = []
    started = threading.Event()

    def job(progress):
        started.set()
        deadline = time.monotonic() + 10
        while not progress.cancelled():
            if time.monotonic() > deadline:
                return "never cancelled"
            progress.report(0, 0)
            time.sleep(0.02)
        time.sleep(0.2)  # a job takes a moment to stop cleanly
        return "cancelled"

    dialog = run_with_progress(host, runner, "Reindexing", job, results.append)
    qtbot.waitUntil(started.is_set, timeout=5000)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    button = dialog.findChildren(QPushButton)[0]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not button.isEnabled()  # stays until the job stops
    assert "Cancelling" in dialog.labelText()
    qtbot.waitUntil(lambda: results == ["cancelled"], timeout=5000)


def test_failure_goes_to_on_failed(qtbot, runner):
    host = _host(qtbot)
    failures: list[Exception] = []

    def job(_progress):
        raise UserError("nothing to export")

    run_with_progress(host, runner, "Exporting", job, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert isinstance(failures[0], UserError)


def test_the_ui_thread_keeps_running_during_the_job(qtbot, runner):
    host = _host(qtbot)
    results: list[str] = []
    ticks: list[float] = []

    def job(_progress):
        time.sleep(0.6)
        return "done"

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    run_with_progress(host, runner, "Backing up", job, results.append)
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 10 and max(gaps) < 0.3
