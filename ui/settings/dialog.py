"""Settings: language, idle-lock minutes, theme, remember on this device, passphrase and keys.

The dialog only collects choices; the application applies them (a language
switch rebuilds the window, the idle lock takes the new timeout at once).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.keyring_state import keyring_status
from ui.plaintext import PlainLabel, buddy_label, plain_label
from ui.settings.store import IDLE_MINUTES_RANGE, Settings
from ui.shell.theme import styled_label


@dataclass(frozen=True)
class SettingsChoice:
    language: str  # '' = follow the system
    idle_minutes: int
    theme: str
    remember_on_device: bool


class SettingsDialog(QDialog):
    sig_change_passphrase = Signal()
    sig_rekey = Signal()

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, *, hub_open: bool = False
    ) -> None:
        super().__init__(parent)
        self._hub_open = hub_open
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        self.idle = QSpinBox(self)
        self.theme = QComboBox(self)
        self.remember = QCheckBox(self.tr("Remember the key of this hub on this device"), self)
        self._build(settings)

    def _build(self, settings: Settings) -> None:
        for code, name in (
            ("", self.tr("Same as the system")),
            ("en", "English"),
            ("nl", "Nederlands"),
        ):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setAccessibleName(self.tr("Language"))
        self.idle.setRange(*IDLE_MINUTES_RANGE)
        self.idle.setValue(settings.idle_minutes)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setAccessibleName(self.tr("Lock after this many idle minutes"))
        for code, name in (("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.theme.setAccessibleName(self.tr("Theme"))
        available, reason = keyring_status()
        self.remember.setEnabled(available)
        self.remember.setChecked(available and settings.remember_on_device)
        form = QFormLayout()
        form.addRow(self._label(self.tr("&Language:"), self.language), self.language)
        form.addRow(self._label(self.tr("Lock when &idle for:"), self.idle), self.idle)
        form.addRow(self._label(self.tr("&Theme:"), self.theme), self.theme)
        form.addRow("", self.remember)
        if not available:
            form.addRow("", styled_label(reason, self, "strengthHint", wrap=True))
        if self._hub_open:
            form.addRow(self._key_buttons())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _key_buttons(self) -> QWidget:
        # The work itself runs from ui/settings/key_changes.py; this dialog only asks for it.
        box = QGroupBox(self.tr("Passphrase and keys"), self)
        self.passwd_button = QPushButton(self.tr("Change &passphrase…"), box)
        self.rekey_button = QPushButton(self.tr("&Re-key…"), box)
        self.passwd_button.clicked.connect(self.sig_change_passphrase)
        self.rekey_button.clicked.connect(self.sig_rekey)
        hint = plain_label(
            self.tr(
                "Change passphrase is instant. Re-key makes a new key and encrypts the whole "
                "hub again: use it if your passphrase may be known to someone."
            ),
            box,
            wrap=True,
        )
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.passwd_button)
        row.addWidget(self.rekey_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(hint)
        return box

    def _label(self, text: str, buddy: QWidget) -> PlainLabel:
        return buddy_label(text, self, buddy)

    def choice(self) -> SettingsChoice:
        return SettingsChoice(
            language=str(self.language.currentData() or ""),
            idle_minutes=self.idle.value(),
            theme=str(self.theme.currentData() or "light"),
            remember_on_device=self.remember.isEnabled() and self.remember.isChecked(),
        )
