"""The small forms of the Team dialog: create a team, request to join, admit, a password.

Each only collects values (checked for being filled in); the Team dialog hands them to
hub.team on the worker. Passwords stay in memory: never logged, never in a setting.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from expertise import CLASSIFICATIONS, TEAM_PASSWORD_MIN
from ui.keyring_state import keyring_status
from ui.labels import classification_label
from ui.plaintext import form_row, plain_label


def password_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def remember_row(form: QFormLayout, parent: QWidget) -> QCheckBox:
    """'Remember on this device', offered only with a secure OS keyring (as the unlock dialog
    decides); without one the box is hidden and never ticked."""
    box = QCheckBox(QCoreApplication.translate("TeamForms", "Re&member on this device"), parent)
    if keyring_status()[0]:
        form.addRow("", box)
    else:
        box.hide()
    return box


class _Form(QDialog):
    """A form with OK/Cancel whose OK is enabled only while `ready()` holds."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.note = plain_label("", self, wrap=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def watch(self, *fields: QLineEdit) -> None:
        for field in fields:
            field.textChanged.connect(self._check)
        self._check()

    def ready(self) -> bool:
        return True

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.ready())


class CreateForm(_Form):
    """Server URL (with the admin's database role), team name, my name, password, remember."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Create a team on a server"), parent)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("postgresql://ROLE@host:5432/database")
        self.team_name = QLineEdit(self)
        self.display_name = QLineEdit(self)
        self.password = password_field(self)
        form_row(self.form, self.tr("Server &URL:"), self.url)
        form_row(self.form, self.tr("Team &name:"), self.team_name)
        form_row(self.form, self.tr("&Your name:"), self.display_name)
        form_row(self.form, self.tr("Database &password:"), self.password)
        self.remember = remember_row(self.form, self)
        self.note.setText(
            self.tr(
                "The database must be empty; its role becomes the team admin. The password "
                "is kept only in a secure OS keyring, and only if you tick the box."
            )
        )
        self.watch(self.url, self.team_name, self.display_name, self.password)

    def ready(self) -> bool:
        fields = (self.url, self.team_name, self.display_name, self.password)
        return all(field.text().strip() for field in fields)


class RequestForm(_Form):
    """My name, the server (optional), a new password twice, the request file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Request to join a team"), parent)
        self.display_name = QLineEdit(self)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("postgresql://host:5432/database")
        self.password = password_field(self)
        self.repeat = password_field(self)
        self.file = QLineEdit(self)
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file)
        row.addWidget(browse)
        form_row(self.form, self.tr("&Your name:"), self.display_name)
        form_row(self.form, self.tr("Server &URL (optional):"), self.url)
        form_row(self.form, self.tr("Choose a &password:"), self.password)
        form_row(self.form, self.tr("&Repeat it:"), self.repeat)
        self.remember = remember_row(self.form, self)
        form_row(self.form, self.tr("Request &file:"), row)
        self.watch(self.display_name, self.password, self.repeat, self.file)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the request"), "team-request.json", "JSON (*.json)"
        )
        if path:
            self.file.setText(path)

    def ready(self) -> bool:
        filled = all(f.text().strip() for f in (self.display_name, self.file))
        same = self.password.text() == self.repeat.text()
        long_enough = len(self.password.text()) >= TEAM_PASSWORD_MIN
        if self.password.text() and not long_enough:
            self.note.setText(
                self.tr("The password needs at least {n} characters.").format(n=TEAM_PASSWORD_MIN)
            )
        elif self.repeat.text() and not same:
            self.note.setText(self.tr("The two passwords differ."))
        else:
            self.note.setText(
                self.tr("The file holds your public keys and no secret: hand it to the admin.")
            )
        return filled and same and long_enough


class AdmitForm(_Form):
    """A request file and the clearance to admit it with."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Admit a request"), parent)
        self.file = QLineEdit(self)
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file)
        row.addWidget(browse)
        self.clearance = QComboBox(self)
        for level in CLASSIFICATIONS:
            self.clearance.addItem(classification_label(level), level)
        form_row(self.form, self.tr("Request &file:"), row)
        form_row(self.form, self.tr("&Clearance:"), self.clearance)
        self.note.setText(
            self.tr("The member can read entries up to and including this classification.")
        )
        self.watch(self.file)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a request"), "", "JSON (*.json);;* (*)"
        )
        if path:
            self.file.setText(path)

    def ready(self) -> bool:
        return bool(self.file.text().strip())

    def level(self) -> str:
        return str(self.clearance.currentData())


class PasswordForm(_Form):
    """The team server password of this laptop's role, when neither the session nor a keyring
    has it; `problem` says why it is asked again (the server refused the last one)."""

    def __init__(self, role: str, parent: QWidget | None = None, problem: str = "") -> None:
        super().__init__(self.tr("Team server password"), parent)
        self.password = password_field(self)
        self.password.setAccessibleName(self.tr("Team server password"))
        form_row(self.form, self.tr("&Password of {role}:").format(role=role), self.password)
        self.remember = remember_row(self.form, self)
        self.problem = plain_label(problem, self, "errorMessage", wrap=True)
        self.problem.setVisible(bool(problem))
        self.form.addRow(self.problem)
        self.note.setText(self.tr("Team sync uses it until the hub locks; it is kept only in "
                                  "memory unless you choose to remember it."))
        self.watch(self.password)

    def ready(self) -> bool:
        return bool(self.password.text())
