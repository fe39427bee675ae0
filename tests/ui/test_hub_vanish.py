"""A hub that vanishes while the app is open (drive pulled, share gone) and comes back.

Real faults: the hub lives behind a bind mount that is lazily unmounted under the
running window (what pulling a stick looks like to the app: the path empties,
open files live on), then mounted again.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import PASSPHRASE
from tests.ui.mounts import bind_mount, mount_bind, need_mount, unmount_lazy
from ui.app.hub_watch import HubWatch, hub_identity

MARKER = "Kept across a vanished drive: a fictional note on cooperation."


def _settle(qtbot, app) -> None:
    for _ in range(3):
        if app.ctx is not None:
            app.ctx.runner.wait()
            app.ctx.search_runner.wait()
        qtbot.wait(100)


@pytest.fixture
def mounted(demo_hub_template, tmp_path):
    need_mount()
    store = tmp_path / "store"
    shutil.copytree(demo_hub_template, store / "hub", ignore=shutil.ignore_patterns(".lock"))
    with bind_mount(store, tmp_path / "stick") as stick:
        yield store, stick


@pytest.fixture
def controller(qapp, qtbot, mounted, memory_settings):
    from ui.app.application import AppController
    from ui.i18n import Translations

    _store, stick = mounted
    app = AppController(qapp, memory_settings, Translations(), "en")
    app.watch._timer.setInterval(100)
    with qtbot.waitSignal(app.sig_unlocked, timeout=30000):
        app.start(stick / "hub", PASSPHRASE)
    _settle(qtbot, app)
    yield app
    app.watch.stop()
    app.shutdown()
    for ctx in list(app._closing):
        ctx.runner.wait()


def test_pulled_drive_locks_keeps_unsaved_text_and_unlocks_when_back(controller, mounted, qtbot):
    store, stick = mounted
    hub = controller.ctx.hub
    entries = {row.id for row in hub.entries.list()}
    target = hub.entries.list("advice")[0]
    window = controller.window
    window.edit_entry(target.id)
    _settle(qtbot, controller)
    editor = window.editor
    editor.set_autosave_delay(600_000)  # the text stays unsaved when the drive goes
    editor.text.setPlainText(MARKER)
    assert editor.dirty

    with qtbot.waitSignal(controller.sig_locked, timeout=10000):
        unmount_lazy(stick)
    assert controller.ctx is None and not window.isVisible()
    message = controller.dialog.message.text()
    assert "can no longer be reached" in message and str(stick / "hub") in message
    assert [d.body for d in controller.drafts.drafts] == [MARKER]
    qtbot.waitUntil(lambda: hub.locked, timeout=10000)
    # Kept in memory only: nothing with the unsaved text reached the disk.
    assert not [p for p in store.rglob("*") if p.is_file() and MARKER.encode() in p.read_bytes()]

    mount_bind(store, stick)
    qtbot.waitUntil(lambda: "is back" in controller.dialog.message.text(), timeout=10000)
    assert controller.dialog.isVisible()
    controller.dialog.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(controller.sig_unlocked, timeout=30000):
        controller.dialog.unlock()
    _settle(qtbot, controller)
    hub = controller.ctx.hub
    assert {row.id for row in hub.entries.list()} == entries  # nothing committed was lost
    editor = controller.window.editor
    assert controller.window.page() == "editor"
    assert editor.entry_id == target.id and editor.dirty
    assert editor.text.toPlainText() == MARKER
    with qtbot.waitSignal(editor.sig_saved, timeout=10000):
        editor.save_now()
    assert hub.entries.get(target.id).body_md == MARKER
    assert hub.maintenance.check().ok


def test_an_ordinary_lock_saves_the_unsaved_text(qapp, qtbot, demo_hub_template, tmp_path):
    from ui.app.application import AppController
    from ui.i18n import Translations
    from ui.settings.store import use_memory

    folder = tmp_path / "hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    app = AppController(qapp, use_memory(), Translations(), "en")
    with qtbot.waitSignal(app.sig_unlocked, timeout=30000):
        app.start(folder, PASSPHRASE)
    _settle(qtbot, app)
    target = app.ctx.hub.entries.list("practice")[0]
    app.window.edit_entry(target.id)
    _settle(qtbot, app)
    app.window.editor.set_autosave_delay(600_000)
    app.window.editor.text.setPlainText(MARKER)
    hub = app.ctx.hub
    app.lock()
    qtbot.waitUntil(lambda: hub.locked, timeout=10000)
    qtbot.wait(100)
    assert app.drafts.drafts == ()  # saved before the hub closed, so nothing is held
    from expertise.hub import Hub

    with Hub.open(folder, PASSPHRASE) as reopened:
        assert reopened.entries.get(target.id).body_md == MARKER
    app.watch.stop()
    app.shutdown()


def test_the_watch_notices_a_different_file_in_the_same_place(qapp, qtbot, hub, hub_path):
    watch = HubWatch(interval_ms=50)
    watch.watch_open(hub_path)
    assert hub_identity(hub_path) is not None
    (hub_path / "hub.db").rename(hub_path / "hub.db.moved")
    try:
        (hub_path / "hub.db").write_bytes(b"")  # same name, another file: not our database
        with qtbot.waitSignal(watch.sig_vanished, timeout=5000):
            pass
    finally:
        (hub_path / "hub.db").unlink()
        (hub_path / "hub.db.moved").rename(hub_path / "hub.db")
    watch.watch_return(hub_path)
    with qtbot.waitSignal(watch.sig_returned, timeout=5000):
        pass
    assert not watch.waiting_for_return
