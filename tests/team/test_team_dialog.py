"""File → Team…: create, request, admit, list and remove members from the app, against a real
PostgreSQL (pytest-qt, offscreen). Server work runs on the worker; errors come as one line."""

from __future__ import annotations

import json
import logging
import time

import pytest

from tests.team.teamkit import MEMBER_PASSWORD, no_user, split

LONG = 60_000


@pytest.fixture
def open_dialog(qtbot):
    """`open_dialog(hub)`: the Team dialog of that laptop, its first status loaded."""
    from ui.context import AppContext
    from ui.tasks import TaskRunner
    from ui.team.members_dialog import TeamDialog

    contexts = []

    def make(hub) -> TeamDialog:
        ctx = AppContext(hub, TaskRunner(), TaskRunner(), language="en")
        contexts.append(ctx)
        dialog = TeamDialog(ctx)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.status is not None, timeout=LONG)
        return dialog

    yield make
    for ctx in contexts:
        ctx.runner.wait()
        ctx.search_runner.wait()
        ctx.detach()


def _visible(dialog) -> set[str]:
    return {name for name, button in dialog.buttons.items() if not button.isHidden()}


def _names(dialog) -> dict[str, tuple[str, str]]:
    table = dialog.table
    return {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}


def _until_loaded(qtbot, dialog, action) -> object:
    with qtbot.waitSignal(dialog.sig_loaded, timeout=LONG) as loaded:
        action()
        assert not dialog.busy.isHidden()  # the work is on the worker, the bar shows it
    return loaded.args[0]


def test_create_request_admit_list_and_remove_from_the_dialog(qtbot, make_laptop, team_url,
                                                                tmp_path, open_dialog, caplog):
    caplog.set_level(logging.DEBUG)
    admin_hub, bea_hub = make_laptop("admin"), make_laptop("bea")
    admin = open_dialog(admin_hub)
    assert not admin.status.in_team and _visible(admin) == {"create", "request"}
    assert admin.details.isHidden()  # no empty member list before there is a team

    url, password = split(team_url)
    status = _until_loaded(qtbot, admin, lambda: admin.create_team(
        url, "Expertisecentrum", "Ada Admin", password, remember=False))
    assert status.is_admin and status.team_name == "Expertisecentrum"
    assert admin.facts["team"].text() == "Expertisecentrum"
    assert {"admit", "remove", "refresh"} <= _visible(admin) and "create" not in _visible(admin)
    assert not admin.details.isHidden()
    assert "Ada Admin (you)" in _names(admin)

    bea = open_dialog(bea_hub)
    request = tmp_path / "bea-request.json"
    status = _until_loaded(qtbot, bea, lambda: bea.request_join(
        request, "Bea", MEMBER_PASSWORD, no_user(team_url), remember=False))
    assert status.request_pending and "admit" not in _visible(bea)
    sent = json.loads(request.read_text())
    assert MEMBER_PASSWORD not in request.read_text() and sent  # a verifier, not the password

    status = _until_loaded(qtbot, admin, lambda: admin.admit(request, "internal", password))
    assert _names(admin)["Bea"] == ("Internal", "active")

    # Bea's laptop joins on its first refresh with the password she chose; syncing starts.
    with qtbot.waitSignal(bea.sig_changed, timeout=LONG):
        status = _until_loaded(qtbot, bea, lambda: bea.load(MEMBER_PASSWORD))
    assert status.online and not status.request_pending and status.clearance == "internal"

    row = next(r for r in range(admin.table.rowCount()) if admin.table.item(r, 0).text() == "Bea")
    admin.table.selectRow(row)
    assert admin.buttons["remove"].isEnabled()
    text = admin.removal_text("Bea")
    assert "new keys" in text and "stays on their laptop" in text
    bea_id = admin.selected_member()[0]
    _until_loaded(qtbot, admin, lambda: admin.remove_member(bea_id, password))
    assert _names(admin)["Bea"][1] == "removed"
    admin.table.selectRow(row)
    assert not admin.buttons["remove"].isEnabled()  # a removed member cannot be removed again
    assert password not in caplog.text and MEMBER_PASSWORD not in caplog.text


def test_file_team_opens_the_dialog_and_a_change_starts_a_sync_round(qtbot, make_laptop):
    from ui.context import AppContext
    from ui.shell.main_window import MainWindow
    from ui.tasks import TaskRunner

    ctx = AppContext(make_laptop("solo"), TaskRunner(), TaskRunner(), language="en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        names = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
        assert "&Team…" in names
        dialog = window.show_team()
        qtbot.waitUntil(lambda: dialog.status is not None, timeout=LONG)
        assert dialog.isVisible() and not dialog.status.in_team
        with qtbot.waitSignal(window.sync.sig_finished, timeout=LONG) as done:
            dialog.sig_changed.emit()
        assert done.args[0] == "not-in-team"  # a change starts a round; not in a team: quiet
    finally:
        ctx.runner.wait()
        ctx.search_runner.wait()
        ctx.detach()


def test_an_unreachable_server_shows_the_core_message_and_nothing_hangs(qtbot, make_laptop,
                                                                        open_dialog):
    dialog = open_dialog(make_laptop("solo"))
    started = time.monotonic()
    with qtbot.waitSignal(dialog.sig_failed, timeout=LONG) as failed:
        dialog.create_team("postgresql://admin@127.0.0.1:9/nowhere", "Team", "Ada",
                           "some password 123", remember=False)
        assert not dialog.busy.isHidden()
    message = failed.args[0]
    assert "\n" not in message and "reach" in message.lower()
    assert time.monotonic() - started < 30
    box = dialog.error_box
    assert box is not None and box.isVisible() and box.text() == message
    qtbot.waitUntil(lambda: dialog.busy.isHidden() and dialog.buttons["create"].isEnabled(),
                    timeout=LONG)
    assert not dialog.status.role  # nothing half-made: the hub is still free to create or join


def test_wrong_admin_password_on_admit_is_refused_with_one_line(qtbot, make_laptop, team_url,
                                                                 tmp_path, open_dialog):
    from tests.team.teamkit import make_team

    admin_hub, bea_hub = make_laptop("admin"), make_laptop("bea")
    make_team(admin_hub, team_url)
    request = tmp_path / "req.json"
    request.write_text(bea_hub.team.request("Bea", MEMBER_PASSWORD, url=no_user(team_url)))
    dialog = open_dialog(admin_hub)
    with qtbot.waitSignal(dialog.sig_failed, timeout=LONG) as failed:
        dialog.admit(request, "internal", "not the password at all")
    assert "\n" not in failed.args[0] and dialog.password is None
    assert "Bea" not in _names(dialog)


def test_an_unreadable_request_file_is_a_clear_message(qtbot, make_laptop, team_url, tmp_path,
                                                        open_dialog):
    from tests.team.teamkit import make_team

    admin_hub = make_laptop("admin")
    password = make_team(admin_hub, team_url)
    dialog = open_dialog(admin_hub)
    with qtbot.waitSignal(dialog.sig_failed, timeout=LONG) as failed:
        dialog.admit(tmp_path / "missing.json", "internal", password)
    assert failed.args[0].startswith("Cannot read the request")


def test_the_request_form_wants_a_long_enough_repeated_password(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.team.team_forms import RequestForm

    form = RequestForm()
    qtbot.addWidget(form)
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    form.display_name.setText("Bea")
    form.file.setText("/tmp/x.json")
    form.password.setText("short")
    assert not ok.isEnabled() and "at least" in form.note.text()
    form.password.setText(MEMBER_PASSWORD)
    form.repeat.setText(MEMBER_PASSWORD + "x")
    assert not ok.isEnabled() and "differ" in form.note.text()
    form.repeat.setText(MEMBER_PASSWORD)
    assert ok.isEnabled()


def test_the_admit_form_offers_the_hubs_classification_levels(qtbot):
    from expertise import CLASSIFICATIONS
    from ui.team.team_forms import AdmitForm

    form = AdmitForm()
    qtbot.addWidget(form)
    levels = [form.clearance.itemData(i) for i in range(form.clearance.count())]
    assert levels == list(CLASSIFICATIONS)
    assert form.clearance.itemText(0)  # a label, not the key


def _answer_box(qtbot, button_name: str, seen: list[str]) -> None:
    """When the confirmation box comes up, note its text and press `button_name`."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, press)
            return
        seen.append(box.text())
        box.button(getattr(QMessageBox.StandardButton, button_name)).click()

    QTimer.singleShot(50, press)


def test_remove_asks_first_and_says_what_removal_does_not_do(qtbot, make_laptop, team_url,
                                                              open_dialog):
    from tests.team.teamkit import join, make_team

    admin_hub = make_laptop("admin")
    password = make_team(admin_hub, team_url)
    join(make_laptop("bea"), admin_hub, password, team_url, "Bea", "internal")
    dialog = open_dialog(admin_hub)
    dialog.password = password
    dialog.table.selectRow(next(r for r in range(dialog.table.rowCount())
                                if dialog.table.item(r, 0).text() == "Bea"))
    seen: list[str] = []
    _answer_box(qtbot, "Cancel", seen)
    dialog.buttons["remove"].click()
    assert "stays on their laptop" in seen[0] and dialog.busy.isHidden()
    assert _names(dialog)["Bea"][1] == "active"  # cancelled: nothing done

    _answer_box(qtbot, "Yes", seen)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=LONG):
        dialog.buttons["remove"].click()
    assert _names(dialog)["Bea"][1] == "removed"


def test_a_newer_server_schema_says_update_the_app(qtbot, make_laptop, team_url, open_dialog):
    import psycopg

    from tests.team.teamkit import make_team

    admin_hub = make_laptop("admin")
    password = make_team(admin_hub, team_url)
    with psycopg.connect(team_url) as conn:
        conn.execute("UPDATE team_schema_version SET version_num = '0042'")
    dialog = open_dialog(admin_hub)
    with qtbot.waitSignal(dialog.sig_failed, timeout=LONG) as failed:
        dialog.load(password)
    assert failed.args[0].endswith("update the app") and "\n" not in failed.args[0]
    assert dialog.error_box is not None and dialog.error_box.text() == failed.args[0]
    qtbot.waitUntil(dialog.busy.isHidden, timeout=LONG)
    assert dialog.buttons["refresh"].isEnabled()  # nothing stuck: the user can try again


def test_a_dialog_gone_while_its_job_runs_is_left_alone(qtbot, make_laptop, open_dialog):
    import shiboken6

    dialog = open_dialog(make_laptop("solo"))
    ctx = dialog.ctx
    dialog.create_team("postgresql://admin@127.0.0.1:9/nowhere", "Team", "Ada",
                       "some password 123", remember=False)
    shiboken6.delete(dialog)  # the window locked: its dialogs go with it
    ctx.runner.wait()
    qtbot.wait(100)  # the failure arrives; pytest-qt fails the test if the callback raised
    assert not ctx.hub.team.role()


def test_not_in_a_team_reads_top_down_and_ends_with_the_buttons_bottom_right(qtbot, make_laptop,
                                                                             open_dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = open_dialog(make_laptop("solo"))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.intro.isVisible() and not dialog.summary.isVisible()
    assert not dialog.details.isVisible()
    create, request = dialog.buttons["create"], dialog.buttons["request"]
    close = dialog.findChild(QDialogButtonBox)
    # One row at the bottom: Create, Request, then Close, right-aligned under the words.
    assert create.y() == request.y() and abs(close.geometry().center().y()
                                             - create.geometry().center().y()) <= 2
    assert create.x() < request.x() < close.x()
    right = dialog.width() - dialog.layout().contentsMargins().right()
    assert abs(close.geometry().right() + 1 - right) <= 2
    assert create.x() > dialog.width() // 4  # not stretched across the dialog
    bottom = max(w.geometry().bottom() for w in (dialog.intro, create))
    assert dialog.intro.geometry().bottom() < create.y()
    assert dialog.height() - bottom < 40  # no empty band under the buttons
