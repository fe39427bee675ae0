"""The work-cycle kinds in the real entry pane and editor, on the demo hub (pytest-qt)."""

from __future__ import annotations

import pytest

from ui.editor import EntryEditor
from ui.editor.metadata_form import ERROR_STYLE
from ui.editor.rows_field import RowsField
from ui.entries.entry_view import WORK_CYCLE_TAB, EntryView

LINDENLAAN = "6b0afa4d-bafb-4ebf-bd2e-eeb45423f7af"
AGENDA = "2d70e35b-e1a9-4b12-87f8-3b5c3c416c8e"
SEXTORTION = "276c2ba8-7177-4fdc-89f7-887af79387c1"  # a bottleneck on the agenda


@pytest.fixture
def view(qtbot, ctx):
    widget = EntryView(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget




def _show(view: EntryView, ctx, wait_idle, entry_id: str) -> None:
    view.show_entry(entry_id)
    wait_idle(ctx)
    assert view.current_id() == entry_id


def test_case_timeline_shows_the_follow_ups_in_order(view, ctx, wait_idle):
    _show(view, ctx, wait_idle, LINDENLAAN)
    assert view.tabs.isTabVisible(WORK_CYCLE_TAB)
    assert view.tabs.currentIndex() == WORK_CYCLE_TAB
    assert view.tabs.tabText(WORK_CYCLE_TAB) == "Follow-ups (4)"
    texts = view.work_cycle.timeline.texts()
    assert texts[0] == "2025-11-04  ·  Inspecteur Mara Veldkamp"
    assert texts[2] == "2026-01-20  ·  Officier van justitie Lieke Brandsma"
    assert texts[-1].startswith("Zaak afgesloten als voorbeeldzaak.")
    assert "Follow-up log" not in view.details.toPlainText()  # the rows live in the tab


def test_bottleneck_status_history_follows_the_revisions(view, ctx, wait_idle):
    ctx.hub.entries.update(SEXTORTION, {"state": "addressed"})
    ctx.hub.entries.update(SEXTORTION, {"state": "in_progress"})
    _show(view, ctx, wait_idle, SEXTORTION)
    assert view.tabs.tabText(WORK_CYCLE_TAB) == "Status history"
    headings = [t.split("  ·  ")[1] for t in view.work_cycle.timeline.texts() if "  ·  " in t]
    assert headings == ["Signalled", "Addressed", "In progress"]


def test_agenda_item_of_a_deleted_bottleneck_says_so(view, ctx, wait_idle):
    _show(view, ctx, wait_idle, AGENDA)
    items = view.work_cycle.items.toPlainText()
    assert "Knelpunt: signalen van sextortion" in items and "Planned" in items
    ctx.hub.entries.delete(SEXTORTION)
    _show(view, ctx, wait_idle, AGENDA)
    items = view.work_cycle.items.toPlainText()
    assert "deleted bottleneck" in items
    assert SEXTORTION not in items  # never a raw id
    assert view.tabs.tabText(WORK_CYCLE_TAB) == "Agenda items (5)"


def test_other_kinds_have_no_work_cycle_tab(view, ctx, wait_idle):
    _show(view, ctx, wait_idle, AGENDA)
    advice = ctx.hub.entries.list("advice")[0].id
    _show(view, ctx, wait_idle, advice)
    assert not view.tabs.isTabVisible(WORK_CYCLE_TAB)


def _save(qtbot, editor: EntryEditor) -> str:
    with qtbot.waitSignal(editor.sig_saved, timeout=10000) as saved:
        editor.save_now()
    return saved.args[0]


def test_agenda_items_edited_in_the_editor_are_saved(qtbot, editor, ctx, wait_idle):
    editor.load(AGENDA)
    wait_idle(ctx)
    items = editor.form.widget("items")
    assert isinstance(items, RowsField)
    assert items.table.rowCount() == 5
    assert items.table.item(0, 0).text().startswith("Knelpunt: lange doorlooptijd")
    first = dict(items.value()[0])  # type: ignore[index]
    first["progress"] = "done"
    items.replace_row(0, first)
    items.remove_row(4)
    _save(qtbot, editor)
    saved = ctx.hub.entries.get(AGENDA).fields["items"]
    assert len(saved) == 4 and saved[0]["progress"] == "done"
    assert saved[0]["bottleneck"] == "7fb287e8-70d3-425c-a3cb-cd6c9c2f0387"


def test_new_case_with_a_follow_up_from_the_editor(qtbot, editor, ctx, wait_idle):
    editor.new_entry("case")
    wait_idle(ctx)
    qtbot.keyClicks(editor.header.title, "Voorbeeldzaak Test (fictief)")
    editor.text.setPlainText("Geanonimiseerde beschrijving.")
    follow_ups = editor.form.widget("follow_ups")
    assert isinstance(follow_ups, RowsField)
    author = next(s for s in ctx.hub.entries.list("expert") if "Veldkamp" in s.title)
    follow_ups.insert_row({"date": "2026-11-30", "author": author.id, "text": "Eerste overleg."})
    entry_id = _save(qtbot, editor)
    (row,) = ctx.hub.entries.get(entry_id).fields["follow_ups"]
    assert row == {"date": "2026-11-30", "author": author.id, "text": "Eerste overleg."}


def test_a_bad_follow_up_row_is_refused_with_the_field_named(qtbot, editor, ctx, wait_idle):
    editor.load(LINDENLAAN)
    qtbot.waitUntil(lambda: editor.entry_id == LINDENLAAN, timeout=15000)
    wait_idle(ctx)
    follow_ups = editor.form.widget("follow_ups")
    assert isinstance(follow_ups, RowsField) and follow_ups.table.rowCount() == 4
    follow_ups.insert_row({"date": None, "text": ""})  # what an empty dialog hands back
    editor.save_now()
    # the refusal comes back from the worker; on a busy machine that takes a while
    qtbot.waitUntil(lambda: follow_ups.styleSheet() == ERROR_STYLE, timeout=15000)
    wait_idle(ctx)
    assert len(follow_ups.value()) == 5  # type: ignore[arg-type]
    assert len(ctx.hub.entries.get(LINDENLAAN).fields["follow_ups"]) == 4  # nothing half-saved
