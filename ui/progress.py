"""Long work (import, export, reindex, backup) behind a modal progress dialog with Cancel.

The job runs on a TaskRunner worker and polls `progress.cancelled()`; the
dialog stays up, saying it is cancelling, until the job has really stopped,
so the user never starts a second long job on a half-stopped first one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from expertise import HubError
from ui.os_fault import show_fault
from ui.plaintext import progress_dialog, warn
from ui.tasks import Progress, TaskRunner

T = TypeVar("T")
SHOW_AFTER_MS = 300  # quick jobs finish before a dialog would only flash


def run_with_progress(
    parent: QWidget,
    runner: TaskRunner,
    title: str,
    job: Callable[[Progress], T],
    on_done: Callable[[T], None],
    on_failed: Callable[[Exception], None] | None = None,
) -> QProgressDialog:
    """Run `job` off the UI thread; the returned dialog is modal and cancellable."""
    dialog = _make_dialog(parent, title)
    finished = False

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        nonlocal finished
        finished = True
        dialog.hide()
        dialog.deleteLater()
        callback(value)

    task = runner.submit(
        job,
        on_done=lambda result: finish(on_done, result),
        on_failed=lambda error: finish(on_failed or default_failure(parent, title), error),
        on_progress=lambda done, total: _show_progress(dialog, done, total),
    )
    dialog.canceled.connect(lambda: _cancel(dialog, task.progress))
    QTimer.singleShot(SHOW_AFTER_MS, dialog, lambda: None if finished else dialog.show())
    return dialog


def _make_dialog(parent: QWidget, title: str) -> QProgressDialog:
    dialog = progress_dialog(parent, title, QCoreApplication.translate("ProgressDialog", "Cancel"))
    dialog.setRange(0, 0)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(360)
    # Qt hides the dialog on Cancel; ours stays until the worker has really stopped.
    dialog.canceled.disconnect(dialog.cancel)
    dialog.hide()
    return dialog


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if total <= 0:
        dialog.setRange(0, 0)  # busy indicator: the job does not know its size
        return
    dialog.setRange(0, total)
    dialog.setValue(min(done, total))


def _cancel(dialog: QProgressDialog, progress: Progress) -> None:
    progress.cancel()
    dialog.setLabelText(QCoreApplication.translate("ProgressDialog", "Cancelling…"))
    for button in dialog.findChildren(QPushButton):
        button.setEnabled(False)


def default_failure(parent: QWidget, title: str) -> Callable[[Exception], None]:
    def show(error: Exception) -> None:
        if show_fault(parent, title, error):
            return  # a full disk, a pulled drive, …: what happened and what to do
        # Core errors carry no content (ARCHITECTURE §11.10); anything else stays generic.
        text = (
            str(error)
            if isinstance(error, HubError)
            else QCoreApplication.translate("ProgressDialog", "The operation failed.")
        )
        warn(parent, title, text)

    return show
