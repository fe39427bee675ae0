"""Settings → Change passphrase / Re-key: a new passphrase asked twice, the work off the UI thread.

Change passphrase only rewraps the master key (instant). Re-key makes a new
master key and re-encrypts every file of the hub (expertise.rekey): for when
the passphrase may be known to someone. It runs on the serial worker behind
a progress dialog; Cancel works until the commit point. A new recovery key,
if the hub had one, is shown once like at creation.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from expertise import (
    IntegrityError,
    NotEnoughSpace,
    RekeyCancelled,
    UserError,
    WrongPassphrase,
)
from ui.context import AppContext
from ui.os_fault import fault_of, fault_text
from ui.plaintext import Icon, MessageBox, buddy_label, message_box, plain_label
from ui.progress import run_with_progress
from ui.shell.theme import styled_label
from ui.tasks import Progress
from ui.unlock.create_hub_dialog import RecoveryKeyDialog, passphrase_problem, strength_text

SEARCH_WAIT_MS = 5000


class NewPassphraseDialog(QDialog):
    """The new passphrase twice, with what the action does and when to choose it."""

    def __init__(self, rekey: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rekey = rekey
        title = self.tr("Re-key the hub") if rekey else self.tr("Change the passphrase")
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        self.strength = styled_label(strength_text(""), self, "strengthHint", wrap=True)
        self.message = styled_label("", self, "errorMessage", wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(
            self.tr("&Re-key") if rekey else self.tr("&Change"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self._build()

    def _explanation(self) -> str:
        if self.rekey:
            return self.tr(
                "Use this when your passphrase, your recovery key or a copy of the hub may be "
                "known to someone. A new key is made and every file of the hub is encrypted "
                "again; this takes about as long as a backup and needs about the hub's size "
                "free on the disk. Afterwards the old passphrase, the old recovery key and old "
                "copies of vault.json open nothing. Backups made before stay readable with the "
                "old passphrase."
            )
        return self.tr(
            "Only the wrap of the key changes, so this is instant. Anyone who copied the hub "
            "before can still open that copy with the old passphrase: if your passphrase may "
            "be known to someone, use Re-key instead."
        )

    def _build(self) -> None:
        for field, name in (
            (self.first, self.tr("New passphrase")),
            (self.second, self.tr("Repeat the new passphrase")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        self.first.textChanged.connect(lambda text: self.strength.setText(strength_text(text)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(buddy_label(self.tr("&New passphrase:"), self, self.first), self.first)
        form.addRow("", self.strength)
        form.addRow(buddy_label(self.tr("Re&peat:"), self, self.second), self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self._explanation(), self, wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        problem = passphrase_problem(self.first.text(), self.second.text())
        if problem:
            self.message.setText(problem)
            return
        super().accept()

    def take_passphrase(self) -> str:
        """The chosen passphrase; the fields are emptied so the widgets no longer hold it."""
        secret = self.first.text()
        self.first.clear()
        self.second.clear()
        return secret


class KeyChanges(QObject):
    """Runs passwd and rekey for the open hub; `sig_message` says how it ended."""

    sig_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent = parent
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self.notice: MessageBox | None = None

    def change_passphrase(self) -> NewPassphraseDialog:
        return self._ask(rekey=False)

    def rekey(self) -> NewPassphraseDialog:
        return self._ask(rekey=True)

    def _ask(self, rekey: bool) -> NewPassphraseDialog:
        dialog = NewPassphraseDialog(rekey, self._parent)
        dialog.accepted.connect(lambda: self._start(rekey, dialog.take_passphrase()))
        dialog.open()
        return dialog

    def _start(self, rekey: bool, secret: str) -> None:
        hub, searches = self._ctx.hub, self._ctx.search_runner
        if not rekey:
            run_with_progress(
                self._parent,
                self._ctx.runner,
                self.tr("Changing the passphrase…"),
                lambda _p: hub.keys.change_passphrase(secret),
                lambda _r: self._finished(self.tr("The passphrase was changed.")),
                self._failed,
            )
            return

        def job(progress: Progress) -> str | None:
            searches.wait(SEARCH_WAIT_MS)  # the index is reopened under the new key
            return hub.keys.rekey(secret, progress=progress.report, cancel=progress.cancelled)

        run_with_progress(
            self._parent, self._ctx.runner, self.tr("Re-keying the hub…"), job, self._rekeyed,
            self._failed,
        )  # fmt: skip

    def _rekeyed(self, recovery: str | None) -> None:
        done = self.tr(
            "The hub was re-keyed. The old passphrase, the old recovery key and old copies of "
            "vault.json open nothing."
        )
        if recovery is None:
            self._finished(done)
            return
        self.recovery_dialog = RecoveryKeyDialog(recovery, self._parent)
        self.recovery_dialog.setWindowTitle(self.tr("Your new recovery key"))
        self.recovery_dialog.finished.connect(lambda _code: self._finished(done))
        self.recovery_dialog.open()

    def _finished(self, text: str) -> None:
        self._notify(Icon.Information, text)

    def _failed(self, error: Exception) -> None:
        self._notify(Icon.Warning, self.failure_text(error))

    def failure_text(self, error: Exception) -> str:
        if isinstance(error, RekeyCancelled):
            return self.tr("The re-key was cancelled; nothing was changed.")
        if isinstance(error, NotEnoughSpace):
            return self.tr(
                "Re-keying needs about {needed} MB free on the hub's disk; {free} MB are free. "
                "Make room and try again; nothing was changed."
            ).format(needed=error.needed_mb, free=error.free_mb)
        if isinstance(error, WrongPassphrase | UserError):
            return self.tr("That new passphrase cannot be used; nothing was changed.")
        if isinstance(error, IntegrityError):
            return self.tr(
                "A file of the hub failed its integrity check, so nothing was changed. Run "
                "Check (expertise check) and restore the damaged part from a backup first."
            )
        fault = fault_of(error)  # a full disk, a pulled drive: what happened, what to do
        if fault is not None:
            return fault_text(fault)
        # Whatever happened, the hub on disk opens with the old or the new passphrase.
        return self.tr(
            "The change did not finish. Lock the hub and open it again: it opens with the old "
            "or the new passphrase and has lost nothing."
        )

    def _notify(self, icon: Icon, text: str) -> None:
        self.sig_message.emit(text)
        self.notice = message_box(self._parent, icon, self.tr("Passphrase and keys"), text)
        self.notice.open()
