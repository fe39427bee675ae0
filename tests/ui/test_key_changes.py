"""Settings → Change passphrase / Re-key, with real widgets on a real hub."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from expertise import rekey
from expertise.errors import IntegrityError, WrongPassphrase
from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE

NEW = "een nieuwe lange wachtzin voor de hub"
RECOVERY = re.compile(r"^[A-Z2-7]{4}(?:-[A-Z2-7]{4}){12}-[A-Z2-7]{2}$")
WAIT_MS = 60000


@pytest.fixture
def keyed(qapp, qtbot, tmp_path: Path) -> Iterator[tuple[object, object, str]]:
    """A hub with a recovery key and one entry, its AppContext and KeyChanges."""
    from ui.context import AppContext
    from ui.settings.key_changes import KeyChanges
    from ui.tasks import TaskRunner

    hub = Hub.create(tmp_path / "hub", PASSPHRASE, kdf=KdfParams.floor())
    hub.entries.add("advice", {"title": "Werkwijze bij aangifte", "body": "Stap een."})
    old_key = hub.keys.add_recovery_key()
    ctx = AppContext(hub, TaskRunner(), TaskRunner(), language="en")
    parent = QWidget()
    qtbot.addWidget(parent)
    yield ctx, KeyChanges(ctx, parent), old_key
    ctx.runner.wait()
    if not hub.locked:  # locking drops the listeners itself
        ctx.detach()
        hub.lock()


def _fill(dialog: object, first: str, second: str | None = None) -> None:
    dialog.first.setText(first)  # type: ignore[attr-defined]
    dialog.second.setText(first if second is None else second)  # type: ignore[attr-defined]
    dialog.ok_button.click()  # type: ignore[attr-defined]


def test_settings_offers_both_actions_only_when_a_hub_is_open(qtbot, memory_settings):
    from ui.settings.dialog import SettingsDialog

    without = SettingsDialog(memory_settings)
    qtbot.addWidget(without)
    assert not hasattr(without, "rekey_button")
    with_hub = SettingsDialog(memory_settings, hub_open=True)
    qtbot.addWidget(with_hub)
    with qtbot.waitSignal(with_hub.sig_rekey):
        with_hub.rekey_button.click()
    with qtbot.waitSignal(with_hub.sig_change_passphrase):
        with_hub.passwd_button.click()


def test_the_dialog_refuses_a_short_or_mismatched_passphrase(qtbot, keyed):
    _ctx, keys, _ = keyed
    dialog = keys.rekey()
    _fill(dialog, "kort")
    assert dialog.isVisible() and "at least" in dialog.message.text()
    _fill(dialog, NEW, NEW + " anders")
    assert dialog.isVisible() and "not the same" in dialog.message.text()
    assert "known to someone" in " ".join(
        label.text() for label in dialog.findChildren(type(dialog.message))
    )


def test_rekey_runs_off_the_ui_thread_and_shows_the_new_recovery_key_once(qtbot, keyed):
    ctx, keys, old_key = keyed
    hub = ctx.hub
    _fill(keys.rekey(), NEW)
    qtbot.waitUntil(lambda: keys.recovery_dialog is not None, timeout=WAIT_MS)
    shown = keys.recovery_dialog.key_label.text()
    assert RECOVERY.match(shown) and shown != old_key
    keys.recovery_dialog.confirm.setChecked(True)
    keys.recovery_dialog.continue_button.click()
    qtbot.waitUntil(lambda: keys.notice is not None, timeout=WAIT_MS)
    assert keys.notice.icon() == QMessageBox.Icon.Information
    assert "re-keyed" in keys.notice.text()
    assert hub.entries.count() == 1  # the same Hub object goes on under the new key
    path = hub.path
    ctx.runner.submit(lambda _p: hub.lock())
    ctx.runner.wait()
    with pytest.raises(WrongPassphrase):
        Hub.open(path, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Hub.open_with_recovery_key(path, old_key)
    with Hub.open_with_recovery_key(path, shown) as reopened:
        assert reopened.entries.count() == 1
    with Hub.open(path, NEW) as reopened:
        assert reopened.entries.count() == 1


def test_too_little_space_is_said_with_the_figures_and_nothing_changes(
    qtbot, keyed, monkeypatch
):
    ctx, keys, _ = keyed
    before = (ctx.hub.path / "vault.json").read_bytes()
    real = rekey.shutil.disk_usage

    def nearly_full(path: object) -> object:
        usage = real(path)  # type: ignore[arg-type]
        return type(usage)(usage.total, usage.total - 1024, 1024)

    monkeypatch.setattr(rekey.shutil, "disk_usage", nearly_full)
    _fill(keys.rekey(), NEW)
    qtbot.waitUntil(lambda: keys.notice is not None, timeout=WAIT_MS)
    assert keys.notice.icon() == QMessageBox.Icon.Warning
    assert re.search(r"about \d+ MB free .* 0 MB are free", keys.notice.text())
    assert (ctx.hub.path / "vault.json").read_bytes() == before
    assert ctx.hub.entries.count() == 1


def test_cancelled_or_refused_rekey_says_nothing_was_changed(qtbot, keyed):
    _ctx, keys, _ = keyed
    text = keys.failure_text(rekey.RekeyCancelled("re-key cancelled"))
    assert "cancelled" in text and "nothing was changed" in text
    damaged = keys.failure_text(IntegrityError("attachment blob damaged"))
    assert "integrity check" in damaged and "nothing was changed" in damaged


def test_change_passphrase_is_the_fast_rewrap(qtbot, keyed):
    ctx, keys, old_key = keyed
    hub = ctx.hub
    _fill(keys.change_passphrase(), NEW)
    qtbot.waitUntil(lambda: keys.notice is not None, timeout=WAIT_MS)
    assert "changed" in keys.notice.text() and keys.recovery_dialog is None
    path = hub.path
    ctx.runner.submit(lambda _p: hub.lock())
    ctx.runner.wait()
    with Hub.open(path, NEW) as reopened:
        assert reopened.entries.count() == 1
    with Hub.open_with_recovery_key(path, old_key) as reopened:  # rewrap keeps the key
        assert reopened.entries.count() == 1
