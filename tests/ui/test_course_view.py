"""The Course packs view (pytest-qt, demo hub): create, add, drop, reorder, note, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui import plaintext


@pytest.fixture
def view(qtbot, ctx, wait_idle):
    from ui.courses.view import CoursePackView

    widget = CoursePackView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    wait_idle(ctx)
    yield widget
    widget.clear()
    wait_idle(ctx)


def _ids(ctx, level: str, count: int) -> list[str]:
    rows = [row for row in ctx.hub.entries.list(order="kind") if row.classification == level]
    return [row.id for row in rows[:count]]


def _make_pack(view, ctx, wait_idle, title: str = "UI-pakket", ceiling: str = "internal"):
    from ui.courses.dialogs import PackDetails

    view.create_pack(PackDetails(title, ceiling, "Nieuwe rechercheurs", "Voor de basistraining"))
    wait_idle(ctx)
    pack = ctx.hub.courses.find(title)
    assert view.packs.count() >= 1 and view._pack is not None and view._pack.id == pack.id
    return pack


def _drop(view, entry_ids: list[str]) -> None:
    from ui.courses.mime import entry_ids_mime

    below = QPointF(10, view.items.viewport().height() - 4)  # under the last row: at the end
    mime = entry_ids_mime(entry_ids)  # held here: the event does not own it
    event = QDropEvent(
        below,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.items.dropEvent(event)


def test_create_add_drop_reorder_and_note(view, ctx, wait_idle, qtbot):
    pack = _make_pack(view, ctx, wait_idle)
    assert "INTERNAL" in view.banner.text()
    first, second, third = _ids(ctx, "internal", 3)
    ctx.hub.courses.add_entries(pack.id, [first, second])  # through the API
    wait_idle(ctx)
    assert view.items.count() == 2
    _drop(view, [third])  # from another view, by drag and drop
    wait_idle(ctx)
    assert [item.entry_id for item in ctx.hub.courses.get(pack.id).items] == [
        first,
        second,
        third,
    ]
    assert view.items.count() == 3
    view.move_item(2, 0)  # what a drag inside the list asks for
    wait_idle(ctx)
    order = [item.entry_id for item in ctx.hub.courses.get(pack.id).items]
    assert order == [third, first, second]
    view.items.setCurrentRow(1)
    view.note.setPlainText("Vraag de groep naar eigen ervaringen.")
    qtbot.mouseClick(view.save_note_button, Qt.MouseButton.LeftButton)
    wait_idle(ctx)
    notes = [item.note for item in ctx.hub.courses.get(pack.id).items]
    assert notes == ["", "Vraag de groep naar eigen ervaringen.", ""]
    assert "note" in view.items.item(1).text()
    preview = view.preview.toPlainText()
    assert "UI-pakket" in preview and "INTERNAL" in preview
    assert ctx.hub.courses.get(pack.id).items[0].title in preview


def test_drop_above_the_ceiling_is_refused_with_a_message(view, ctx, wait_idle, monkeypatch):
    shown: list[str] = []

    def record(box: QMessageBox) -> QMessageBox.StandardButton:
        assert box.textFormat() == Qt.TextFormat.PlainText  # it names an entry's title
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(plaintext, "_run", record)
    pack = _make_pack(view, ctx, wait_idle, "Openbaar pakket", "public")
    secret = _ids(ctx, "confidential", 1)[0]
    _drop(view, [secret])
    wait_idle(ctx)
    title = ctx.hub.entries.get(secret).title
    assert len(shown) == 1 and title in shown[0] and "Nothing was added" in shown[0]
    assert ctx.hub.courses.get(pack.id).items == ()


def test_export_html_with_progress_dialog(view, ctx, wait_idle, qtbot, tmp_path, monkeypatch):
    pack = _make_pack(view, ctx, wait_idle)
    ctx.hub.courses.add_entries(pack.id, _ids(ctx, "internal", 2), note="NOTE-UI")
    wait_idle(ctx)
    target = tmp_path / "pakket.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "*.html"))
    view.export_bar.with_notes.setChecked(True)
    with qtbot.waitSignal(view.sig_exported, timeout=20000) as exported:
        qtbot.mouseClick(view.export_bar.buttons["html"], Qt.MouseButton.LeftButton)
    result = exported.args[0]
    assert not result.cancelled and result.entries == 2 and result.path == target
    html = Path(target).read_text(encoding="utf-8")
    assert "UI-pakket" in html and "NOTE-UI" in html
    assert "Exported 2 entries" in view.status.text()
    audit = [e for e in ctx.hub.maintenance.audit_log() if e.action == "course-export"]
    assert audit and audit[0].target_id == pack.id


def test_add_to_pack_menu_lists_packs_and_adds(view, ctx, wait_idle, qtbot):
    from ui.courses import add_to_pack_menu

    pack = _make_pack(view, ctx, wait_idle, "Menu-pakket")
    entry = _ids(ctx, "public", 1)[0]
    menu = add_to_pack_menu(ctx, [entry], view)
    wait_idle(ctx)
    actions = [a for a in menu.actions() if a.text().startswith("Menu-pakket")]
    assert len(actions) == 1
    actions[0].trigger()
    wait_idle(ctx)
    assert [item.entry_id for item in ctx.hub.courses.get(pack.id).items] == [entry]
    assert view.items.count() == 1


def test_clear_empties_everything(view, ctx, wait_idle):
    pack = _make_pack(view, ctx, wait_idle)
    ctx.hub.courses.add_entries(pack.id, _ids(ctx, "internal", 1))
    wait_idle(ctx)
    view.clear()
    assert view.packs.count() == view.items.count() == 0
    assert view.preview.toPlainText() == "" and view.note.toPlainText() == ""
    assert view.banner.text() == ""


def test_export_pdf_on_the_worker_thread(view, ctx, wait_idle, qtbot, tmp_path):
    pack = _make_pack(view, ctx, wait_idle, "PDF-pakket")
    ctx.hub.courses.add_entries(pack.id, _ids(ctx, "internal", 2))
    wait_idle(ctx)
    with qtbot.waitSignal(view.sig_exported, timeout=30000) as exported:
        view.export_bar.export_to("pdf", tmp_path / "pakket.pdf")
    result = exported.args[0]
    assert result.pages >= 4 and (tmp_path / "pakket.pdf").read_bytes().startswith(b"%PDF")
