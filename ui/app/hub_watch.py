"""Notice a hub that vanished (USB stick pulled, network share gone) and its return.

A timer polls every ~2 s whether the hub folder still holds its header and its
database, and whether the database is still the file that was opened (same
device and inode: a different stick mounted at the same place is not our hub).
The check runs on a short-lived thread, because a stat on a dead network share
can hang for minutes; a check that has not answered after a few ticks counts
as "gone". The watcher only reports; ui/app/application.py locks, and the two functions at
the end put the news into the unlock dialog.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from expertise import HubFolder

if TYPE_CHECKING:
    from ui.unlock.unlock_dialog import UnlockDialog

POLL_MS = 2000
HUNG_TICKS = 3  # a check still running after this many ticks: the share is gone

Identity = tuple[int, int]


def hub_identity(folder: Path) -> Identity | None:
    """(device, inode) of the hub's database, or None when the hub is not reachable."""
    return HubFolder(folder).identity()


class HubWatch(QObject):
    """Emits sig_vanished once while watching an open hub, sig_returned once when it is back."""

    sig_vanished = Signal()
    sig_returned = Signal()
    _sig_checked = Signal(object, object)  # (round, Identity | None), from the check thread

    def __init__(self, interval_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder: Path | None = None
        self._expected: Identity | None = None
        self._waiting_for_return = False
        self._round = 0  # answers of earlier rounds are dropped
        self._pending_ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._sig_checked.connect(self._checked)

    @property
    def folder(self) -> Path | None:
        return self._folder

    @property
    def waiting_for_return(self) -> bool:
        return self._timer.isActive() and self._waiting_for_return

    def watch_open(self, folder: Path) -> None:
        """Watch an unlocked hub: report when it goes away."""
        self._start(folder, waiting_for_return=False)
        self._expected = hub_identity(folder)

    def watch_return(self, folder: Path) -> None:
        """Watch a vanished hub: report when it can be opened again."""
        self._start(folder, waiting_for_return=True)

    def stop(self) -> None:
        self._timer.stop()
        self._round += 1
        self._pending_ticks = 0

    def _start(self, folder: Path, *, waiting_for_return: bool) -> None:
        self.stop()
        self._folder, self._waiting_for_return = Path(folder), waiting_for_return
        self._timer.start()

    # -- the check ---------------------------------------------------------------------
    def _tick(self) -> None:
        if self._pending_ticks:
            self._pending_ticks += 1
            if self._pending_ticks > HUNG_TICKS:
                if not self._waiting_for_return:
                    self._gone()
                    return
                self._round += 1  # still away: forget the hung check, try afresh
                self._pending_ticks = 0
            return
        folder, round_, emit = self._folder, self._round, self._sig_checked.emit
        if folder is None:
            return
        self._pending_ticks = 1

        def check() -> None:
            emit(round_, hub_identity(folder))

        threading.Thread(target=check, name="hub-watch", daemon=True).start()

    def _checked(self, round_: int, identity: Identity | None) -> None:
        if round_ != self._round or not self._timer.isActive():
            return
        self._pending_ticks = 0
        if self._waiting_for_return:
            if identity is not None:
                self.stop()
                self.sig_returned.emit()
        elif identity is None or (self._expected is not None and identity != self._expected):
            self._gone()

    def _gone(self) -> None:
        self.stop()
        self.sig_vanished.emit()


# -- what the unlock dialog says -------------------------------------------------------------
def tell_vanished(dialog: UnlockDialog, folder: Path) -> None:
    dialog.message.setText(
        QCoreApplication.translate(
            "HubWatch",
            "The hub folder {folder} can no longer be reached (drive removed or network "
            "share gone), so the hub was locked. Everything saved is safe in the hub; unsaved "
            "text is kept in memory. Reconnect the drive: the hub can be unlocked again as "
            "soon as it is back.",
        ).format(folder=folder)
    )


def tell_returned(dialog: UnlockDialog) -> None:
    dialog.message.setText(
        QCoreApplication.translate(
            "HubWatch", "The hub folder is back. Enter the passphrase to unlock it again."
        )
    )
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.secret.setFocus()
