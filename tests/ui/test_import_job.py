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


LABELLED = """---
kind: Advies
title: Over kindersekstoerisme
themes:
  - Kindersekstoerisme
language: Engels
---
Tekst.
"""

EXPERT = """---
kind: expert
title: Jan Resultaat
organisation: Stichting Nergensbekend
---
Digitaal rechercheur.
"""


def test_the_result_dialog_lists_values_read_by_label_and_drafts_made(
    qtbot, window, ctx, wait_idle, tmp_path, monkeypatch
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "labelled.md").write_text(LABELLED, encoding="utf-8")
    (folder / "expert.md").write_text(EXPERT, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(window.jobs.sig_message, timeout=60000) as said:
        window.jobs.import_folder_with_drafts()
    assert said.args == ["Imported: 3 new, 0 updated, 0 unchanged."]
    dialog = window.jobs.result_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.details.toPlainText()
    assert "labelled.md:5: theme `Kindersekstoerisme` read as `child_sex_tourism`" in text
    assert "labelled.md:6: language `Engels` read as `en`" in text
    assert "Drafts created for missing references (1):" in text
    assert "“Stichting Nergensbekend”, named by organisation in expert.md:4" in text
    dialog.accept()
    wait_idle(ctx)


def test_no_result_dialog_when_there_is_nothing_but_counts(
    qtbot, window, ctx, wait_idle, tmp_path, monkeypatch
):
    folder = write_notes(tmp_path / "in", [note("Gewoon", "tekst")])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(window.jobs.sig_message, timeout=60000):
        window.jobs.import_folder()
    assert window.jobs.result_dialog is None
    wait_idle(ctx)
