"""Welcome and unlock: open a recent hub, create one, or open the demo hub.

The key derivation (Argon2id, ~1 s by design) runs on a worker so the dialog
stays responsive. A wrong passphrase keeps what was typed (selected, so the
user can retype or fix a typo) and says so; nothing else about the hub is shown
before it is unlocked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertise import HubError, HubFolder, KdfParams
from ui.keyring_state import keyring_status
from ui.plaintext import buddy_label, plain_label, set_plain_tooltip
from ui.settings.store import Settings
from ui.shell.theme import styled_label
from ui.startup import demo_hub_folder
from ui.tasks import Progress, TaskRunner
from ui.unlock.messages import error_text

if TYPE_CHECKING:
    from expertise import Hub
    from ui.unlock.create_hub_dialog import CreateHubDialog


def hub_class() -> type[Hub]:
    """The core, imported on first use: the dialog shows while it loads (~2 s here)."""
    from expertise import Hub

    return Hub


def apply_remember(hub: Hub, remember: bool) -> bool:
    """Store or drop the master key in the OS keyring; False if the keyring refused."""
    try:
        if remember:
            hub.keys.remember_on_device()
        else:
            hub.keys.forget_on_device()
    except HubError:
        return False
    return True


class UnlockDialog(QDialog):
    sig_unlocked = Signal(object)  # the opened Hub

    def __init__(
        self,
        settings: Settings,
        folder: Path | None = None,
        *,
        offer_remembered: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._runner = TaskRunner(self)
        self.hub: Hub | None = None
        self.create_dialog: CreateHubDialog | None = None
        self.create_kdf: KdfParams | None = None  # None: calibrated; tests use the floor
        # Runs on the worker before opening: after a lock, the old hub may still be closing.
        self.before_open: Callable[[], None] | None = None
        self.setWindowTitle(self.tr("Expertise Hub"))
        self.setMinimumWidth(560)
        self.folder_box = QComboBox(self, editable=True)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.secret = QLineEdit(self)
        self.use_recovery = QCheckBox(self.tr("Use the &recovery key instead"), self)
        self.remember = QCheckBox(self.tr("Re&member on this device"), self)
        self.message = styled_label("", self, "errorMessage", wrap=True)
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.remembered_button = QPushButton(self.tr("Unlock with the &key remembered here"), self)
        self.create_button = QPushButton(self.tr("&Create a new hub…"), self)
        self.demo_button = QPushButton(self.tr("Open the &demo hub"), self)
        self.quit_button = QPushButton(self.tr("&Quit"), self)
        # Only at start: after a lock, the passphrase is asked again, or locking would be moot.
        self._offer_remembered = offer_remembered and settings.remember_on_device
        self._build()
        self._fill_folders(folder)
        self._update_remembered()
        # Load the core on the worker while the user types; the unlock job queues behind it.
        self._runner.submit(lambda _p: hub_class())

    # -- layout --------------------------------------------------------------------
    def _build(self) -> None:
        heading = styled_label(self.tr("Unlock a hub"), self, "dialogHeading")
        intro = plain_label(
            self.tr("Everything in a hub is encrypted. Enter its passphrase to open it."),
            self,
            wrap=True,
        )
        self.folder_box.setAccessibleName(self.tr("Hub folder"))
        self.folder_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.folder_box.currentTextChanged.connect(lambda _t: self._update_remembered())
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Passphrase"))
        self.secret.returnPressed.connect(self.unlock)
        self.message.setAccessibleName(self.tr("Message"))
        self.use_recovery.toggled.connect(self._recovery_mode)
        available, reason = keyring_status()
        self.remember.setEnabled(available)
        set_plain_tooltip(self.remember, reason)
        self.remember.setChecked(available and self._settings.remember_on_device)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_box, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout()
        self.secret_label = buddy_label(self.tr("&Passphrase:"), self, self.secret)
        folder_label = buddy_label(self.tr("Hub &folder:"), self, self.folder_box)
        form.addRow(folder_label, folder_row)
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.use_recovery)
        form.addRow("", self.remember)
        if not available:
            form.addRow("", styled_label(reason, self, "strengthHint", wrap=True))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(self._button_rows())
        self.browse_button.clicked.connect(self._browse)
        self.unlock_button.clicked.connect(self.unlock)
        self.remembered_button.clicked.connect(self.unlock_remembered)
        self.create_button.clicked.connect(self._create)
        self.demo_button.clicked.connect(self.open_demo)
        self.quit_button.clicked.connect(self.reject)
        self.unlock_button.setDefault(True)
        self.setTabOrder(self.folder_box, self.browse_button)
        self.setTabOrder(self.browse_button, self.secret)

    def _button_rows(self) -> QVBoxLayout:
        top = QHBoxLayout()
        top.addWidget(self.remembered_button)
        top.addStretch(1)
        top.addWidget(self.unlock_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.create_button)
        bottom.addWidget(self.demo_button)
        bottom.addStretch(1)
        bottom.addWidget(self.quit_button)
        rows = QVBoxLayout()
        rows.addLayout(top)
        rows.addSpacing(8)
        rows.addLayout(bottom)
        return rows

    def _fill_folders(self, folder: Path | None) -> None:
        recent = [str(p) for p in self._settings.recent_hubs]
        if folder is not None and str(folder) not in recent:
            recent.insert(0, str(folder))
        self.folder_box.addItems(recent)
        if folder is not None:
            self.folder_box.setCurrentText(str(folder))

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)  # type: ignore[arg-type]
        (self.secret if self.folder_box.currentText() else self.folder_box).setFocus()

    # -- state -----------------------------------------------------------------------
    def folder(self) -> Path | None:
        text = self.folder_box.currentText().strip()
        return Path(text).expanduser() if text else None

    def _recovery_mode(self, on: bool) -> None:
        self.secret_label.setText(self.tr("&Recovery key:") if on else self.tr("&Passphrase:"))
        self.secret.setAccessibleName(self.tr("Recovery key") if on else self.tr("Passphrase"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    def _update_remembered(self) -> None:
        folder = self.folder()
        show = (
            self._offer_remembered
            and folder is not None
            and HubFolder(folder).has_remembered_key()
        )
        self.remembered_button.setVisible(bool(show))

    def _busy(self, busy: bool, text: str = "") -> None:
        for widget in (
            self.folder_box,
            self.browse_button,
            self.secret,
            self.unlock_button,
            self.create_button,
            self.demo_button,
            self.remembered_button,
        ):
            widget.setEnabled(not busy)
        self.message.setObjectName("" if busy else "errorMessage")
        self.message.setText(text)
        self.message.style().polish(self.message)

    def show_error(self, error: BaseException) -> None:
        self._busy(False, error_text(error))
        self.secret.setFocus()
        self.secret.selectAll()

    # -- actions -----------------------------------------------------------------------
    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a hub folder"))
        if chosen:
            self.folder_box.setCurrentText(chosen)
            self.secret.setFocus()

    def unlock(self) -> None:
        folder, secret = self.folder(), self.secret.text()
        if folder is None:
            self.message.setText(self.tr("Choose a hub folder first."))
            return
        if not secret:
            self.message.setText(self.tr("Enter the passphrase."))
            return
        hub_folder = HubFolder(folder)
        if self.use_recovery.isChecked():
            self._open(lambda: hub_folder.unlock_with_recovery_key(secret, index_async=True))
        else:
            self._open(lambda: hub_folder.unlock(secret, index_async=True))

    def unlock_remembered(self) -> None:
        folder = self.folder()
        if folder is None or not HubFolder(folder).has_remembered_key():
            self._update_remembered()
            return
        self._open(lambda: HubFolder(folder).unlock_remembered(index_async=True))

    def open_demo(self) -> None:
        folder = demo_hub_folder()
        self.folder_box.setCurrentText(str(folder))
        self._open(lambda: HubFolder(folder).open_demo(index_async=True))

    def _create(self) -> None:
        from ui.unlock.create_hub_dialog import CreateHubDialog  # loads the core: on first use

        self.create_dialog = CreateHubDialog(self._settings, self, kdf=self.create_kdf)
        self.create_dialog.accepted.connect(self._created)
        self.create_dialog.open()

    def _created(self) -> None:
        if self.create_dialog is not None and self.create_dialog.hub is not None:
            self._accept_hub(self.create_dialog.hub)

    def _open(self, opener: Callable[[], Hub]) -> None:
        self._busy(True, self.tr("Unlocking…"))
        wish = self.remember.isChecked() if self.remember.isEnabled() else None

        before = self.before_open

        def job(_: Progress) -> Hub:
            if before is not None:
                before()
            hub = opener()
            # The keyring may talk over D-Bus: keep it off the UI thread too.
            if wish is not None:
                apply_remember(hub, wish)
            return hub

        self._runner.submit(job, self._accept_hub, self.show_error)

    def _accept_hub(self, hub: Hub) -> None:
        self.secret.clear()
        self._settings.add_recent_hub(hub.path)
        if self.remember.isEnabled():
            self._settings.remember_on_device = self.remember.isChecked()
        self.hub = hub
        self.sig_unlocked.emit(hub)
        self.accept()

    def wait(self, msecs: int = 30000) -> bool:
        return self._runner.wait(msecs)
