"""Create a new hub: folder, passphrase twice with a strength hint, optional recovery key.

The recovery key is shown exactly once, with Print and Save steps and a tick
box the user must set before going on: the core keeps only a wrap of the
master key, so a key that was never written down is lost for good.
"""

from __future__ import annotations

import math
import string
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertise import HubFolder, KdfParams, write_private_text
from ui.plaintext import PlainLabel, plain_label
from ui.safe_browser import InertDocument
from ui.settings.store import Settings
from ui.shell.theme import styled_label
from ui.tasks import Progress, TaskRunner
from ui.unlock.messages import error_text

if TYPE_CHECKING:
    from expertise import Hub

MIN_LENGTH = 12


def estimate_bits(passphrase: str) -> float:
    """A rough guess of strength: length times the size of the character pool used."""
    pools = [
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
        (string.punctuation + " ", 33),
    ]
    pool = sum(size for chars, size in pools if any(c in chars for c in passphrase))
    pool += 100 if any(ord(c) > 127 for c in passphrase) else 0
    # Repeats add little: count distinct characters at full weight, the rest at a quarter.
    distinct = len(set(passphrase))
    effective = distinct + (len(passphrase) - distinct) / 4
    return effective * math.log2(pool) if pool else 0.0


def strength_text(passphrase: str) -> str:
    if not passphrase:
        return QCoreApplication.translate(
            "Strength", "Use at least {n} characters; several unrelated words work well."
        ).format(n=MIN_LENGTH)
    bits = estimate_bits(passphrase)
    if len(passphrase) < MIN_LENGTH or bits < 50:
        return QCoreApplication.translate(
            "Strength", "Strength: weak. Make it longer, e.g. four or more unrelated words."
        )
    if bits < 75:
        return QCoreApplication.translate(
            "Strength", "Strength: fair. A few more words would make it strong."
        )
    return QCoreApplication.translate("Strength", "Strength: strong.")


def passphrase_problem(first: str, second: str) -> str | None:
    if len(first) < MIN_LENGTH:
        return QCoreApplication.translate(
            "Strength", "The passphrase needs at least {n} characters."
        ).format(n=MIN_LENGTH)
    if first != second:
        return QCoreApplication.translate("Strength", "The two passphrases are not the same.")
    return None


def folder_problem(folder: Path | None) -> str | None:
    if folder is None:
        return QCoreApplication.translate("CreateHub", "Choose a folder for the new hub.")
    if not HubFolder(folder).is_free():
        return QCoreApplication.translate(
            "CreateHub", "Choose a new or empty folder; this one already holds files."
        )
    return None


class RecoveryKeyDialog(QDialog):
    """Shows the recovery key once; Continue stays disabled until the user confirms."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key = key
        self.setWindowTitle(self.tr("Your recovery key"))
        self.key_label = styled_label(key, self, "recoveryKey")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.confirm = QCheckBox(self.tr("I have &printed or saved the recovery key safely"), self)
        self.buttons = QDialogButtonBox(self)
        self.print_button = self.buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button = self.buttons.addButton(
            self.tr("&Save to file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.continue_button = self.buttons.addButton(
            self.tr("&Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setEnabled(False)
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)
        self.buttons.accepted.connect(self.accept)
        text = plain_label(
            self.tr(
                "This key opens the hub if the passphrase is forgotten. It is shown only now: "
                "print it or save it somewhere safe, away from this laptop. Anyone with the key "
                "can open the hub."
            ),
            self,
            wrap=True,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.key_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        # Escape must not skip the one chance to keep the key.
        if self.confirm.isChecked():
            super().reject()

    def _document(self) -> InertDocument:
        doc = InertDocument(self)
        doc.setPlainText(self.tr("Expertise Hub recovery key") + "\n\n" + self._key + "\n")
        return doc

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self._document().print_(printer)

    def _save(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery key"), "expertise-hub-recovery-key.txt"
        )
        if target:
            write_private_text(Path(target), self._document().toPlainText())


class CreateHubDialog(QDialog):
    def __init__(
        self, settings: Settings, parent: QWidget | None = None, *, kdf: KdfParams | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._kdf = kdf  # None: calibrate to this machine (tests pass the floor)
        self._runner = TaskRunner(self)
        self.hub: Hub | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self.setWindowTitle(self.tr("Create a new hub"))
        self.setMinimumWidth(560)
        self.folder_edit = QLineEdit(self)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        self.strength = styled_label(strength_text(""), self, "strengthHint", wrap=True)
        self.with_recovery = QCheckBox(
            self.tr("Create a &recovery key (shown once, to print or save)"), self
        )
        self.message = styled_label("", self, "errorMessage", wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton(
            self.tr("C&reate"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._build()

    def _build(self) -> None:
        for field, name in (
            (self.first, self.tr("Passphrase")),
            (self.second, self.tr("Repeat the passphrase")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        self.folder_edit.setAccessibleName(self.tr("New hub folder"))
        self.with_recovery.setChecked(True)
        self.first.textChanged.connect(lambda text: self.strength.setText(strength_text(text)))
        self.browse_button.clicked.connect(self._browse)
        self.buttons.accepted.connect(self.create_hub)
        self.buttons.rejected.connect(self.reject)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self._label(self.tr("New hub &folder:"), self.folder_edit), folder_row)
        form.addRow(self._label(self.tr("&Passphrase:"), self.first), self.first)
        form.addRow("", self.strength)
        form.addRow(self._label(self.tr("Re&peat:"), self.second), self.second)
        form.addRow("", self.with_recovery)
        layout = QVBoxLayout(self)
        layout.addWidget(styled_label(self.tr("Create a new hub"), self, "dialogHeading"))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _label(self, text: str, buddy: QWidget) -> PlainLabel:
        label = plain_label(text, self)
        label.setBuddy(buddy)
        return label

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the new hub"))
        if chosen:
            self.folder_edit.setText(chosen)

    def folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return Path(text).expanduser() if text else None

    def create_hub(self) -> None:
        folder, passphrase = self.folder(), self.first.text()
        problem = folder_problem(folder) or passphrase_problem(passphrase, self.second.text())
        if problem or folder is None:
            self.message.setText(problem or "")
            return
        recovery, kdf = self.with_recovery.isChecked(), self._kdf

        def job(_: Progress) -> tuple[Hub, str | None]:
            return HubFolder(folder).create(
                passphrase, kdf=kdf, with_recovery_key=recovery, index_async=True
            )

        self._set_busy(True)
        self._runner.submit(job, self._created, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.message.setText(self.tr("Creating the hub…") if busy else "")
        for widget in (self.folder_edit, self.first, self.second, self.create_button):
            widget.setEnabled(not busy)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.message.setText(error_text(error))

    def _created(self, result: tuple[Hub, str | None]) -> None:
        hub, key = result
        self.hub = hub
        self.first.clear()
        self.second.clear()
        self._settings.add_recent_hub(hub.path)
        if key is None:
            self.accept()
            return
        self.recovery_dialog = RecoveryKeyDialog(key, self)
        self.recovery_dialog.finished.connect(lambda _code: self.accept())
        self.recovery_dialog.open()
