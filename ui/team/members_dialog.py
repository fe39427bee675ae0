"""File → Team…: this hub's team (name, server, role, members, last sync) and membership work.

Not in a team: "Create a team on a server…" and "Request to join…". An admin also gets
"Admit a request…" and "Remove member…". Every server call runs on ctx.runner behind an
inline busy bar (the window never freezes); the core's one-line error is shown in a
plain-text message box. The rules (passwords, keys, roles) are all in hub.team.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expertise import (
    HubError,
    ServerRefused,
    TeamStatus,
    remember_team_password,
    write_private_text,
)
from ui.context import AppContext
from ui.labels import classification_label
from ui.plaintext import Button, Icon, MessageBox, ask, form_row, message_box, plain_label
from ui.tasks import Progress
from ui.team.team_forms import AdmitForm, CreateForm, PasswordForm, RequestForm
from ui.team.team_intro import TeamIntro

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TeamDialog(QDialog):
    sig_loaded = Signal(object)  # TeamStatus (tests, and the shell's sync)
    sig_failed = Signal(str)  # the message shown
    sig_changed = Signal()  # membership changed: the shell starts a sync round

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status: TeamStatus | None = None
        # The server password typed here (None: the OS keyring, else a prompt); also held in
        # hub.team for this session, so the background sync uses it until the hub locks.
        self.password: str | None = None
        self.error_box: MessageBox | None = None
        self.setWindowTitle(self.tr("Team"))
        self._build()
        self.resize(640, 440)
        self.load()

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.intro = TeamIntro(self)  # shown only once a load says this hub is in no team
        self.intro.hide()
        self.summary = plain_label("", self, wrap=True)
        self.details = QWidget(self)  # hidden while this hub is in no team
        facts = QFormLayout()
        keys = ("team", "server", "me", "sync")
        self.facts = {key: plain_label("", self.details) for key in keys}
        form_row(facts, self.tr("Team:"), self.facts["team"])
        form_row(facts, self.tr("Server:"), self.facts["server"])
        form_row(facts, self.tr("You:"), self.facts["me"])
        form_row(facts, self.tr("Last sync:"), self.facts["sync"])
        self.table = QTableWidget(0, 3, self.details)
        self.table.setHorizontalHeaderLabels([self.tr("Member"), self.tr("Clearance"),
                                              self.tr("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name gets the room
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._enable)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # a busy indicator: server work has no known size
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.buttons = {
            "create": QPushButton(self.tr("&Create a team on a server…"), self),
            "request": QPushButton(self.tr("&Request to join…"), self),
            "admit": QPushButton(self.tr("&Admit a request…"), self),
            "remove": QPushButton(self.tr("Re&move member…"), self),
            "refresh": QPushButton(self.tr("Re&fresh from server"), self),
        }
        for name, slot in (("create", self.ask_create), ("request", self.ask_request),
                           ("admit", self.ask_admit), ("remove", self.ask_remove),
                           ("refresh", self.ask_refresh)):
            self.buttons[name].clicked.connect(slot)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()  # bottom right: the actions of this state, then Close
        row.addStretch(1)
        for button in self.buttons.values():
            row.addWidget(button)
        row.addWidget(close)
        inner = QVBoxLayout(self.details)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(facts)
        inner.addWidget(self.table)
        layout = self.rows = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addSpacing(8)  # the words apart from the buttons
        layout.addWidget(self.busy)
        layout.addLayout(row)
        self._enable()

    # -- running core work off the UI thread ---------------------------------------------
    def _run(self, job: Callable[[Progress], Any], done: Callable[[Any], None],
             reload: bool = True) -> None:
        self.busy.show()
        for button in self.buttons.values():
            button.setEnabled(False)

        def finished(result: Any) -> None:
            if self._alive():
                self.busy.hide()
                done(result)

        def failed(error: Exception) -> None:
            if self._alive():
                self._failed(error, reload)

        self.ctx.runner.submit(job, finished, failed)

    def _alive(self) -> bool:
        """False once the window (and this dialog) went, e.g. locked while a job ran."""
        try:
            self.objectName()
        except RuntimeError:
            return False
        return True

    def _failed(self, error: Exception, reload: bool) -> None:
        self.busy.hide()
        if isinstance(error, ServerRefused):
            self.password = None  # wrong or outdated: ask again next time
            self.ctx.hub.team.forget_password()
        # Core errors are one line with no content (ARCHITECTURE §11.10); others stay generic.
        text = str(error) if isinstance(error, HubError) else self.tr("The team operation failed.")
        self.error_box = message_box(self, Icon.Warning, self.tr("Team"), text)
        self.error_box.open()  # not exec(): the dialog stays responsive
        self.sig_failed.emit(text)
        if reload:
            self.load()
        else:
            self._enable()

    def load(self, password: str | None = None) -> None:
        """What the hub knows (no server call), or refreshed from the server with a password."""
        hub = self.ctx.hub

        def job(_: Progress) -> tuple[TeamStatus, dict[str, object] | None]:
            status = hub.team.status(password)
            return status, hub.team.last_sync() if status.in_team else None

        self._run(job, self._show, reload=False)

    # -- showing the status --------------------------------------------------------------
    def _show(self, found: tuple[TeamStatus, dict[str, object] | None]) -> None:
        status, last = found
        joined_now = bool(self.status and self.status.request_pending and status.in_team
                          and not status.request_pending)
        self.status = status
        if status.online is False and "password" in status.problem.lower():
            self.password = None
            self.ctx.hub.team.forget_password()
        self.summary.setText(self._summary(status))
        self.facts["team"].setText(status.team_name or self.tr("(not admitted yet)"))
        self.facts["server"].setText(status.server or self.tr("(unknown)"))
        me = self.tr("{role}, clearance {clearance}").format(
            role=status.role or "-",
            clearance=classification_label(status.clearance) if status.clearance else "-",
        )
        self.facts["me"].setText(me + (self.tr(" (admin)") if status.is_admin else ""))
        self.facts["sync"].setText(_local_time(str(last.get("finished_at", "")) if last else "")
                                   or self.tr("never"))
        self._fill(status)
        self.details.setVisible(bool(status.role))
        self.intro.setVisible(not status.role)
        self.summary.setVisible(bool(status.role))
        if not status.role:  # words and two buttons: as tall as they need
            self.resize(self.width(), self.rows.totalHeightForWidth(self.width()))
        self._enable()
        self.sig_loaded.emit(status)
        if joined_now:  # admitted, and this refresh made it a member: start syncing
            self.sig_changed.emit()

    def _summary(self, status: TeamStatus) -> str:
        if not status.role:
            return ""  # the intro (ui/team/team_intro.py) says it
        if status.request_pending:
            return self.tr("Your request is made. Once the admin has admitted it, sync or "
                           "refresh to join.")
        if status.online is False:
            return self.tr("The server could not be reached: {problem}").format(
                problem=status.problem)
        return self.tr("This hub is a member of a team.")

    def _fill(self, status: TeamStatus) -> None:
        self.table.setRowCount(len(status.members))
        statuses = {"active": self.tr("active"), "removed": self.tr("removed")}
        for row, member in enumerate(status.members):
            name = member.display_name or member.member_id
            if member.member_id == status.member_id:
                name = self.tr("{name} (you)").format(name=name)
            cells = (name,
                     classification_label(member.clearance),
                     statuses.get(member.status, member.status))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, member.member_id)
                self.table.setItem(row, column, item)

    def selected_member(self) -> tuple[str, str] | None:
        """(member id, name) of the selected row."""
        items = self.table.selectedItems()
        if not items:
            return None
        first = self.table.item(items[0].row(), 0)
        return str(items[0].data(ID_ROLE)), first.text() if first else ""

    def _enable(self) -> None:
        status = self.status
        has_role = bool(status and status.role)
        admin = bool(status and status.is_admin)
        chosen = self.selected_member()
        removable = (chosen is not None and status is not None and chosen[0] != status.member_id
                     and any(m.member_id == chosen[0] and m.status == "active"
                             for m in status.members))
        self.buttons["create"].setVisible(status is not None and not has_role)
        self.buttons["request"].setVisible(status is not None and not has_role)
        self.buttons["admit"].setVisible(admin)
        self.buttons["remove"].setVisible(admin)
        self.buttons["refresh"].setVisible(has_role)
        writable = not self.ctx.hub.read_only and self.busy.isHidden()
        for name in ("create", "request", "admit", "refresh"):
            self.buttons[name].setEnabled(writable)
        self.buttons["remove"].setEnabled(writable and removable)

    # -- the password ----------------------------------------------------------------
    def _server_password(self) -> str | None:
        """This session's, the keyring's, or asked now (None if the user cancelled)."""
        role = self.status.role if self.status else ""
        known = self.password or self.ctx.hub.team.known_password()
        if known:
            return str(known)
        form = PasswordForm(role, self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return None
        self.password = form.password.text()
        self.ctx.hub.team.hold_password(self.password)
        if form.remember.isChecked():
            remember_team_password(role, self.password)
        return self.password

    # -- actions: each ask_* opens its form, then calls the method the tests call ----------
    def ask_create(self) -> None:
        form = CreateForm(self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.create_team(form.url.text().strip(), form.team_name.text(),
                             form.display_name.text().strip(), form.password.text(),
                             form.remember.isChecked())

    def create_team(self, url: str, name: str, display_name: str, password: str,
                    remember: bool) -> None:
        hub = self.ctx.hub

        def job(_: Progress) -> bool:
            hub.team.create(url, name, password, display_name=display_name)
            hub.team.hold_password(password)
            return bool(remember and remember_team_password(hub.team.role() or "", password))

        self.password = password
        self._run(job, self._changed)

    def ask_request(self) -> None:
        form = RequestForm(self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.request_join(Path(form.file.text().strip()), form.display_name.text().strip(),
                              form.password.text(), form.url.text().strip() or None,
                              form.remember.isChecked())

    def request_join(self, target: Path, display_name: str, password: str, url: str | None,
                     remember: bool) -> None:
        hub = self.ctx.hub

        def job(_: Progress) -> bool:
            text = hub.team.request(display_name, password, url=url)
            write_private_text(target, text + "\n")
            hub.team.hold_password(password)  # for the first sync once admitted
            return bool(remember and remember_team_password(hub.team.role() or "", password))

        self.password = password
        self._run(job, self._changed)

    def ask_admit(self) -> None:
        form = AdmitForm(self)
        if form.exec() == QDialog.DialogCode.Accepted:
            password = self._server_password()
            if password is not None:
                self.admit(Path(form.file.text().strip()), form.level(), password)

    def admit(self, request_file: Path, clearance: str, password: str) -> None:
        hub = self.ctx.hub
        unreadable = self.tr("Cannot read the request: {reason}")

        def job(_: Progress) -> object:
            try:
                raw = request_file.read_bytes()
            except OSError as error:
                raise HubError(unreadable.format(reason=error.strerror)) from None
            return hub.team.admit(raw, clearance, password)

        self._run(job, self._changed)

    def ask_remove(self) -> None:
        chosen = self.selected_member()
        if chosen is None or not self.confirm_remove(chosen[1]):
            return
        password = self._server_password()
        if password is not None:
            self.remove_member(chosen[0], password)

    def removal_text(self, name: str) -> str:
        return self.tr(
            "Remove {name} from the team?\n\n"
            "Their database role is dropped and new keys are made for every level they held: "
            "what the team writes from now on is unreadable to them.\n\n"
            "What they already synced stays on their laptop: removal cannot take it back."
        ).format(name=name)

    def confirm_remove(self, name: str) -> bool:
        answer = ask(self, self.tr("Remove member"), self.removal_text(name),
                     Button.Yes | Button.Cancel, Button.Cancel)
        return answer == Button.Yes

    def remove_member(self, member_id: str, password: str) -> None:
        hub = self.ctx.hub
        self._run(lambda _p: hub.team.remove(member_id, password), self._changed)

    def ask_refresh(self) -> None:
        password = self._server_password()
        if password is not None:
            self.load(password)

    def _changed(self, _result: object) -> None:
        self.sig_changed.emit()
        self.load()


def _local_time(iso: str) -> str:
    """A round's UTC ISO time as this computer's local date and time ('' if none)."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm") if moment.isValid() else ""
