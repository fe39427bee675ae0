"""OS faults during app actions: a dialog that says what happened and what to do, text kept.

Real faults where the machine allows: the hub lives on a small tmpfs that is
filled up with a filler file, so SQLite and the file layer hit a real ENOSPC.
Where a fault is injected instead, the test's name says so.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import PASSPHRASE
from tests.ui.mounts import fill_up, need_mount, small_tmpfs
from ui import os_fault

MARKER = "Kept on a full disk: a fictional paragraph about joint training days. "


def fault_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "osFaultDialog" and w.isVisible()
    ]


def close_fault_dialogs() -> None:
    for box in fault_dialogs():
        box.close()


@pytest.fixture
def full_disk_hub(tmp_path):
    """A hub on its own 24 MB tmpfs, with a filler file ready to take the rest."""
    need_mount()
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    with small_tmpfs(tmp_path / "disk", "24m") as disk:
        hub = Hub.create(disk / "hub", PASSPHRASE, kdf=KdfParams.floor())
        for n in range(3):
            hub.entries.add(
                "advice", {"title": f"Fictional advice {n}", "body": "Cooperation notes."}
            )
        os_fault.set_hub_folder(hub.path)
        yield hub, disk
        os_fault.set_hub_folder(None)
        close_fault_dialogs()
        (disk / "filler.bin").unlink(missing_ok=True)  # locking writes an audit row
        if not hub.locked:
            hub.lock()


@pytest.fixture
def fault_window(qtbot, full_disk_hub, wait_idle):
    from ui.context import AppContext
    from ui.shell.main_window import MainWindow
    from ui.tasks import TaskRunner

    hub, _disk = full_disk_hub
    ctx = AppContext(hub, TaskRunner(), TaskRunner(), language="en")
    window = MainWindow(ctx)
    window.show()
    window.restore(None)
    wait_idle(ctx)
    yield window
    wait_idle(ctx)
    window.clear_all()
    wait_idle(ctx)
    ctx.detach()
    window.hide()
    window.deleteLater()


def test_save_on_a_full_disk_shows_the_dialog_and_keeps_the_text(
    qtbot, full_disk_hub, fault_window, wait_idle
):
    hub, disk = full_disk_hub
    ctx = fault_window.ctx
    target = hub.entries.list("advice")[0]
    fault_window.edit_entry(target.id)
    wait_idle(ctx)
    editor = fault_window.editor
    editor.set_autosave_delay(600_000)
    filler = fill_up(disk)
    body = MARKER * 4000  # ~280 kB: needs new pages the disk no longer has
    editor.text.setPlainText(body)
    editor.save_now()
    qtbot.waitUntil(lambda: bool(fault_dialogs()), timeout=15000)
    box = fault_dialogs()[0]
    assert box.text().startswith(f"The disk holding {hub.path} is full.\n\n")
    assert "Free some space and try again." in box.text()
    assert "Your text is kept in the editor" in box.text()
    assert "Traceback" not in box.text()
    assert editor.dirty and editor.text.toPlainText() == body
    assert editor.header.state.text() == f"Not saved: The disk holding {hub.path} is full."
    box.close()

    filler.unlink()
    with qtbot.waitSignal(editor.sig_saved, timeout=15000):
        editor.save_now()
    assert hub.entries.get(target.id).body_md == body
    assert hub.maintenance.check().ok


def test_import_on_a_full_disk_shows_the_dialog_and_loses_nothing(
    qtbot, full_disk_hub, fault_window, wait_idle, tmp_path
):
    hub, disk = full_disk_hub
    before = {row.id: row.revision for row in hub.entries.list()}
    notes = tmp_path / "notes"
    notes.mkdir()
    for n in range(300):
        (notes / f"note-{n}.md").write_text(
            f"---\nkind: practice\ntitle: Fictional practice {n}\n---\n" + MARKER * 40, "utf-8"
        )
    fill_up(disk)
    fault_window.jobs.import_paths([notes])
    qtbot.waitUntil(lambda: bool(fault_dialogs()), timeout=60000)
    box = fault_dialogs()[0]
    assert box.windowTitle() == "Importing…"
    assert box.text().startswith(f"The disk holding {hub.path} is full.\n\n")
    assert box.text().endswith("Nothing was changed.")
    box.close()
    wait_idle(fault_window.ctx)
    assert {row.id: row.revision for row in hub.entries.list()} == before


def test_injected_enospc_in_a_job_without_its_own_handler_still_shows_the_dialog(
    qtbot, qapp, tmp_path
):
    from ui.tasks import TaskRunner, set_fallback_failure

    (tmp_path / "vault.json").write_text("{}")  # a hub folder holds files; an empty one is gone
    os_fault.set_hub_folder(tmp_path)
    set_fallback_failure(os_fault.report_unhandled)
    runner = TaskRunner()

    def job(_progress):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "x"))

    try:
        runner.submit(job)
        qtbot.waitUntil(lambda: bool(fault_dialogs()), timeout=5000)
        assert fault_dialogs()[0].text().startswith(f"The disk holding {tmp_path} is full.")
    finally:
        close_fault_dialogs()
        set_fallback_failure(None)
        os_fault.set_hub_folder(None)


@pytest.mark.parametrize(
    ("number", "headline"),
    [
        (errno.EDQUOT, "Your disk quota on {p} is used up."),
        (errno.EACCES, "Permission denied on {p}."),
        (errno.EROFS, "{p} is read-only."),
        (errno.EIO, "The disk holding {p} reported a read/write error."),
        (errno.ENAMETOOLONG, "A file name under {p} is too long for that file system."),
    ],
)
def test_injected_errno_words_each_fault_without_the_error_text(number, headline, tmp_path):
    secret_name = tmp_path / "Fictional entry title.md"
    (tmp_path / "vault.json").write_text("{}")  # a hub folder holds files; an empty one is gone
    error = OSError(number, os.strerror(number), str(secret_name))
    os_fault.set_hub_folder(tmp_path)
    try:
        fault = os_fault.fault_of(error)
    finally:
        os_fault.set_hub_folder(None)
    assert fault is not None
    text = os_fault.fault_text(fault)
    assert text.startswith(headline.format(p=tmp_path))
    assert "Fictional entry title" not in text  # the file name is never quoted


def test_an_ordinary_error_is_no_fault(qapp):
    assert os_fault.fault_of(ValueError("no")) is None
    assert not os_fault.show_fault(None, "t", ValueError("no"))
    assert not fault_dialogs()


def test_the_hub_folder_gone_reads_as_vanished(tmp_path: Path):
    gone = tmp_path / "stick" / "hub"
    os_fault.set_hub_folder(gone)
    try:
        fault = os_fault.fault_of(OSError(errno.EIO, "I/O error"))
    finally:
        os_fault.set_hub_folder(None)
    assert fault is not None
    assert os_fault.headline(fault) == (
        f"{gone} is no longer there (drive removed or network share gone)."
    )


def test_injected_eio_during_a_rekey_is_worded_as_a_fault(qtbot, ctx):
    from PySide6.QtWidgets import QWidget

    from ui.settings.key_changes import KeyChanges

    parent = QWidget()
    qtbot.addWidget(parent)
    keys = KeyChanges(ctx, parent)
    hub = ctx.hub.path
    os_fault.set_hub_folder(hub)
    try:
        text = keys.failure_text(OSError(errno.EIO, "I/O error", str(hub / "hub.db")))
    finally:
        os_fault.set_hub_folder(None)
    assert text.startswith(f"The disk holding {hub} reported a read/write error.")


def test_a_failed_save_on_switching_entries_offers_the_text_back(
    qtbot, full_disk_hub, fault_window, wait_idle
):
    hub, disk = full_disk_hub
    ctx = fault_window.ctx
    first, second = hub.entries.list("advice")[:2]
    fault_window.edit_entry(first.id)
    wait_idle(ctx)
    editor = fault_window.editor
    editor.set_autosave_delay(600_000)
    filler = fill_up(disk)
    body = MARKER * 4000
    editor.text.setPlainText(body)
    fault_window.edit_entry(second.id)  # queues the save of the first, which fails

    def offer() -> QMessageBox | None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and "previous entry" in w.text()
        ]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: offer() is not None, timeout=15000)
    box = offer()
    assert f"The disk holding {hub.path} is full." in box.text()
    reopen = next(b for b in box.buttons() if b.text() == "&Reopen the changes")
    reopen.click()
    wait_idle(ctx)
    assert editor.entry_id == first.id and editor.dirty
    assert editor.text.toPlainText() == body
    filler.unlink()
    with qtbot.waitSignal(editor.sig_saved, timeout=15000):
        editor.save_now()
    assert hub.entries.get(first.id).body_md == body


@pytest.mark.parametrize("action", ["backup", "export_json", "export_markdown"])
def test_writing_to_a_full_disk_elsewhere_shows_the_dialog(
    qtbot, monkeypatch, full_disk_hub, fault_window, wait_idle, tmp_path, action
):
    from PySide6.QtWidgets import QFileDialog

    hub, _disk = full_disk_hub
    before = {row.id: row.revision for row in hub.entries.list()}
    with small_tmpfs(tmp_path / "out", "1m") as out:
        fill_up(out)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
        target = str(out / "export.json")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
        getattr(fault_window.jobs, action)()
        qtbot.waitUntil(lambda: bool(fault_dialogs()), timeout=30000)
        text = fault_dialogs()[0].text()
        close_fault_dialogs()
        wait_idle(fault_window.ctx)
        assert text.startswith(f"The disk holding {out}") and " is full.\n\n" in text, text
        assert not [p for p in out.rglob("*") if p.name != "filler.bin"]  # no half copy
    assert {row.id: row.revision for row in hub.entries.list()} == before


def test_reindex_on_a_full_disk_shows_the_dialog_and_search_still_works(
    qtbot, full_disk_hub, fault_window, wait_idle
):
    hub, disk = full_disk_hub
    fill_up(disk)
    fault_window.jobs.reindex()
    qtbot.waitUntil(lambda: bool(fault_dialogs()), timeout=30000)
    assert fault_dialogs()[0].text().startswith(f"The disk holding {hub.path} is full.")
    close_fault_dialogs()
    wait_idle(fault_window.ctx)
    assert hub.search("Fictional advice").total == 3


def test_a_fault_after_the_commit_says_the_change_was_saved(tmp_path):
    from expertise.oserrors import Fault, FaultKind

    after = os_fault.advice(Fault(FaultKind.DISK_FULL, tmp_path, 0, changed=True))
    before = os_fault.advice(Fault(FaultKind.DISK_FULL, tmp_path, 0))
    assert after.endswith(
        "The change itself was saved; the search index catches up on the next open."
    )
    assert before.endswith("Nothing was changed.") and "saved" not in before
