"""Unlock and create: right and wrong passphrases, folders that are not hubs, hubs in use."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QLineEdit

from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE, REPO
from ui.unlock.create_hub_dialog import estimate_bits, passphrase_problem, strength_text


@pytest.fixture
def hub_copy(demo_hub_template, tmp_path):
    folder = tmp_path / "hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


@pytest.fixture
def dialog(qtbot, memory_settings, hub_copy):
    from ui.unlock.unlock_dialog import UnlockDialog

    unlock = UnlockDialog(memory_settings, hub_copy)
    qtbot.addWidget(unlock)
    unlock.show()
    yield unlock
    unlock.wait()
    if unlock.hub is not None:
        unlock.hub.close()


def _unlock(qtbot, dialog, secret: str) -> None:
    dialog.secret.setText(secret)
    dialog.unlock()
    qtbot.waitUntil(lambda: dialog.secret.isEnabled(), timeout=30000)


def test_right_passphrase_opens_the_hub(qtbot, dialog, memory_settings, hub_copy):
    with qtbot.waitSignal(dialog.sig_unlocked, timeout=30000) as opened:
        dialog.secret.setText(PASSPHRASE)
        dialog.unlock()
    hub = opened.args[0]
    assert hub.entries.count() > 0
    assert dialog.secret.text() == ""  # the passphrase does not linger in the widget
    assert hub_copy.resolve() in memory_settings.recent_hubs


def test_wrong_passphrase_says_so_and_keeps_the_field(qtbot, dialog):
    _unlock(qtbot, dialog, "not the passphrase")
    assert dialog.hub is None and dialog.isVisible()
    assert "does not unlock" in dialog.message.text()
    assert dialog.secret.text() == "not the passphrase"
    assert dialog.secret.selectedText() == "not the passphrase"
    assert dialog.secret.echoMode() == QLineEdit.EchoMode.Password
    # and a second try with the right one still works
    with qtbot.waitSignal(dialog.sig_unlocked, timeout=30000):
        dialog.secret.setText(PASSPHRASE)
        dialog.unlock()


def test_a_folder_that_is_not_a_hub(qtbot, dialog, tmp_path):
    plain = tmp_path / "just-a-folder"
    plain.mkdir()
    (plain / "notes.txt").write_text("fictional", encoding="utf-8")
    dialog.folder_box.setCurrentText(str(plain))
    _unlock(qtbot, dialog, PASSPHRASE)
    assert dialog.hub is None
    assert "not an Expertise Hub" in dialog.message.text()


def test_a_hub_in_use_by_another_instance(qtbot, dialog, hub_copy):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from expertise.hub import Hub
            hub = Hub.open({str(hub_copy)!r}, {PASSPHRASE!r})
            print("open", flush=True)
            sys.stdin.readline()
            hub.close()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        _unlock(qtbot, dialog, PASSPHRASE)
        assert dialog.hub is None
        assert "already open" in dialog.message.text()
    finally:
        holder.communicate("\n", timeout=60)


def test_empty_fields_get_a_message(qtbot, dialog):
    dialog.unlock()
    assert "Enter the passphrase" in dialog.message.text()
    dialog.folder_box.setCurrentText("")
    dialog.secret.setText("x")
    dialog.unlock()
    assert "Choose a hub folder" in dialog.message.text()


def test_remember_is_disabled_without_a_secure_keyring(dialog, monkeypatch):
    from ui.keyring_state import keyring_status

    available, _reason = keyring_status()
    assert dialog.remember.isEnabled() == available
    if not available:
        assert dialog.remember.toolTip()


def test_recovery_key_mode_changes_the_field(dialog):
    dialog.use_recovery.setChecked(True)
    assert dialog.secret.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.secret.accessibleName() == "Recovery key"


# -- creating a hub -------------------------------------------------------------------
def test_strength_hint_and_checks():
    assert estimate_bits("aaaaaaaaaaaa") < estimate_bits("four unrelated words here")
    assert "weak" in strength_text("short")
    assert "strong" in strength_text("lantern orbit gravel whisper 42")
    assert passphrase_problem("short", "short")
    assert passphrase_problem("long enough passphrase", "long enough passphrase!")
    assert passphrase_problem("long enough passphrase", "long enough passphrase") is None


def test_create_a_hub_with_a_recovery_key(qtbot, memory_settings, tmp_path):
    from expertise.hub import Hub
    from ui.unlock.create_hub_dialog import CreateHubDialog

    dialog = CreateHubDialog(memory_settings, kdf=KdfParams.floor())
    qtbot.addWidget(dialog)
    dialog.show()
    folder = tmp_path / "new-hub"
    dialog.folder_edit.setText(str(folder))
    dialog.first.setText("lantern orbit gravel whisper")
    dialog.second.setText("lantern orbit gravel whisper")
    dialog.create_hub()
    qtbot.waitUntil(lambda: dialog.recovery_dialog is not None, timeout=60000)
    recovery = dialog.recovery_dialog
    key = recovery.key_label.text()
    assert len(key) > 20
    assert not recovery.continue_button.isEnabled()
    recovery.reject()  # Escape does not skip the only chance to keep the key
    assert recovery.isVisible()
    recovery.confirm.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        recovery.continue_button.click()
    dialog.hub.close()
    with Hub.open_with_recovery_key(folder, key) as reopened:
        assert reopened.entries.count() == 0


def test_create_refuses_mismatch_and_a_used_folder(qtbot, memory_settings, hub_copy):
    from ui.unlock.create_hub_dialog import CreateHubDialog

    dialog = CreateHubDialog(memory_settings, kdf=KdfParams.floor())
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(hub_copy))
    dialog.first.setText("lantern orbit gravel whisper")
    dialog.second.setText("lantern orbit gravel whisper")
    dialog.create_hub()
    assert "already holds files" in dialog.message.text()
    dialog.folder_edit.setText(str(hub_copy.parent / "fresh"))
    dialog.second.setText("something else entirely")
    dialog.create_hub()
    assert "not the same" in dialog.message.text()
    assert dialog.hub is None


def test_create_from_the_welcome_dialog_opens_it(qtbot, memory_settings, tmp_path):
    from ui.unlock.unlock_dialog import UnlockDialog

    welcome = UnlockDialog(memory_settings, None)
    qtbot.addWidget(welcome)
    welcome.create_kdf = KdfParams.floor()
    welcome.show()
    welcome.create_button.click()
    create = welcome.create_dialog
    create.folder_edit.setText(str(tmp_path / "made-here"))
    create.first.setText("lantern orbit gravel whisper")
    create.second.setText("lantern orbit gravel whisper")
    create.with_recovery.setChecked(False)
    with qtbot.waitSignal(welcome.sig_unlocked, timeout=60000) as opened:
        create.create_hub()
    opened.args[0].close()


def test_app_starts_with_the_dialog_and_unlocks_into_the_window(
    qapp, qtbot, memory_settings, hub_copy
):
    from ui.app.application import AppController
    from ui.i18n import Translations

    app = AppController(qapp, memory_settings, Translations(), "en")
    app.start(hub_copy)
    assert app.dialog is not None and app.window is None
    app.dialog.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(app.sig_unlocked, timeout=30000):
        app.dialog.unlock()
    assert app.window.isVisible() and app.dialog is None
    app.shutdown()


def test_direct_unlock_with_a_wrong_passphrase_falls_back_to_the_dialog(
    qapp, qtbot, memory_settings, hub_copy
):
    from ui.app.application import AppController
    from ui.i18n import Translations

    app = AppController(qapp, memory_settings, Translations(), "en")
    app.start(hub_copy, "wrong passphrase")
    qtbot.waitUntil(lambda: app.dialog is not None, timeout=30000)
    assert "does not unlock" in app.dialog.message.text()
    app.dialog.hide()  # closing would quit the (test) application
