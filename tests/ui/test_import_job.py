"""File → Import a folder: the chooser, progress, Cancel (nothing imported), the result."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton

from expertise.bulkimport import pipeline
from tests.core.import_notes import note, write_notes


def _progress_dialogs() -> list[QProgressDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


def test_import_folder_from_the_menu_reports_what_it_did(
    qtbot, window, ctx, wait_idle, tmp_path, monkeypatch
):
    folder = write_notes(tmp_path / "in", [note(f"Importproef {i}", "tekst") for i in range(4)])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    before = ctx.hub.entries.count()
    with qtbot.waitSignal(window.jobs.sig_message, timeout=60000) as said:
        window.jobs.import_folder()
    assert said.args == ["Imported: 4 new, 0 updated, 0 unchanged."]
    assert ctx.hub.entries.count() == before + 4
    assert ctx.hub.search("Importproef").total == 4
    wait_idle(ctx)


def test_cancel_during_an_import_imports_nothing(
    qtbot, window, ctx, wait_idle, tmp_path, monkeypatch
):
    folder = write_notes(tmp_path / "in", [note(f"Afbreekproef {i}", "x") for i in range(12)])
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    pressed = threading.Event()
    real_read = pipeline.read_file
    calls: list[int] = []

    def read_then_wait(path):
        calls.append(1)
        if len(calls) == 4:  # the first batch is written: wait for the user's Cancel
            assert pressed.wait(30)
        return real_read(path)

    monkeypatch.setattr(pipeline, "read_file", read_then_wait)
    before = ctx.hub.entries.count()
    with qtbot.waitSignal(window.jobs.sig_message, timeout=60000) as said:
        window.jobs.import_paths([folder])
        qtbot.waitUntil(lambda: bool(_progress_dialogs()), timeout=10000)
        dialog = _progress_dialogs()[0]
        assert dialog.windowTitle() == "Importing…"
        cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        pressed.set()
    assert said.args == ["Import cancelled: nothing was imported."]
    wait_idle(ctx)
    assert ctx.hub.entries.count() == before
    assert ctx.hub.search("Afbreekproef").total == 0
