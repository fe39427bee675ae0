"""EntryEditor on the demo hub: forms per kind, autosave into revisions, conflicts, completion."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer

from ui.editor import EntryEditor
from ui.editor.field_widgets import DateField, ListField, RefField
from ui.editor.metadata_form import needs_verification


def _org(ctx, title_part: str) -> str:
    return next(s.id for s in ctx.hub.entries.list("organisation") if title_part in s.title)


def _expert(ctx, title_part: str) -> str:
    return next(s.id for s in ctx.hub.entries.list("expert") if title_part in s.title)


def _set(editor: EntryEditor, name: str, value: object) -> None:
    widget = editor.form.widget(name)
    assert widget is not None, name
    widget.set_value(value)  # type: ignore[attr-defined]


def _type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def _save(qtbot, editor: EntryEditor) -> str:
    with qtbot.waitSignal(editor.sig_saved, timeout=10000) as saved:
        editor.save_now()
    return saved.args[0]


KIND_VALUES = {
    "advice": {"audience": "policy", "advice_date": "2026-02-03"},
    "innovation": {"stage": "pilot", "bottleneck": "Triage backlog", "start_date": "2026-01-05"},
    "practice": {
        "context": "Regional unit",
        "lessons": "Start early",
        "evidence_level": "observed",
    },
    "expert": {
        "role": "Analyst",
        "internal": True,
        "consent_basis": "Written consent",
        "consent_date": "2026-03-01",
        "last_verified": "2026-10-01",
    },
    "organisation": {"org_type": "ngo", "country": "NL", "partner_since": "2020-06-01"},
}


@pytest.mark.parametrize("kind", sorted(KIND_VALUES))
def test_new_entry_of_each_kind_saves_the_form(qtbot, editor, ctx, wait_idle, kind):
    editor.new_entry(kind)
    wait_idle(ctx)  # completion choices arrive
    _type_into(qtbot, editor.header.title, f"Test {kind} entry (fictional)")
    editor.text.setPlainText("Body text for a fictional test entry.")
    for name, value in KIND_VALUES[kind].items():
        _set(editor, name, value)
    _set(editor, "classification", "confidential")
    _type_into(qtbot, editor.form.widget("tags"), "triage, test")
    _type_into(qtbot, editor.form.widget("themes"), "Grooming")  # shown by label
    owner = _expert(ctx, "Daan")
    _set(editor, "owner", owner)
    if kind == "innovation":
        _set(editor, "owner_org", _org(ctx, "Stichting"))
        editor.form.widget("partners").setText("Provider NetBaak BV (fictief)")
    if kind == "expert":
        _set(editor, "organisation", _org(ctx, "Stichting"))
        editor.form.widget("expertise").setText("grooming, hash databases")
    record = ctx.hub.entries.get(_save(qtbot, editor))
    assert record.kind == kind and record.title == f"Test {kind} entry (fictional)"
    assert record.body_md == "Body text for a fictional test entry."
    assert record.classification == "confidential"
    assert record.tags == ("test", "triage") and record.themes == ("grooming",)
    assert record.fields["owner"] == owner
    for name, value in KIND_VALUES[kind].items():
        stored = record.fields[name]
        assert (stored.isoformat() if isinstance(stored, date) else stored) == value, name
    if kind == "innovation":
        assert record.fields["partners"] == [_org(ctx, "NetBaak")]
    if kind == "expert":
        assert record.fields["expertise"] == ["grooming", "hash databases"]


def test_a_new_entry_needs_a_title(qtbot, editor, ctx, wait_idle):
    editor.new_entry("advice")
    editor.text.setPlainText("Text without a title yet.")
    editor.save_now()
    wait_idle(ctx)
    assert editor.entry_id is None
    assert editor.header.title_error.isVisible()


def test_a_bad_value_is_shown_next_to_the_form(qtbot, editor, ctx, wait_idle):
    editor.new_entry("advice")
    _type_into(qtbot, editor.header.title, "Advice with an unknown requester")
    editor.form.widget("requested_by").setEditText("No such organisation (fictional)")
    editor.save_now()
    wait_idle(ctx)
    assert editor.entry_id is None
    assert editor.form._error.isVisible() and "Requested by" in editor.form._error.text()


def test_typing_autosaves_a_new_revision_and_undo_works(qtbot, editor, ctx, wait_idle):
    target = ctx.hub.entries.list("advice")[0]
    before = ctx.hub.entries.get(target.id)
    history = len(ctx.hub.entries.revisions(target.id))
    editor.set_autosave_delay(100)
    editor.load(target.id)
    wait_idle(ctx)
    assert not editor.text.document().isUndoAvailable()  # loading is not an edit
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    with qtbot.waitSignal(editor.sig_saved, timeout=10000):
        _type_into(qtbot, editor.text, " Extra sentence.")
    after = ctx.hub.entries.get(target.id)
    assert after.revision == before.revision + 1
    assert after.body_md == before.body_md + " Extra sentence."
    assert len(ctx.hub.entries.revisions(target.id)) == history + 1
    with qtbot.waitSignal(editor.sig_saved, timeout=10000):
        editor.text.undo()
    assert ctx.hub.entries.get(target.id).body_md == before.body_md
    assert ctx.hub.entries.get(target.id).revision == before.revision + 2


def test_opening_another_entry_saves_pending_edits_first(qtbot, editor, ctx, wait_idle):
    first, second = ctx.hub.entries.list("advice")[:2]
    editor.load(first.id)
    wait_idle(ctx)
    _type_into(qtbot, editor.text, "Pending: ")
    editor.load(second.id)  # before the autosave timer ran
    wait_idle(ctx)
    assert ctx.hub.entries.get(first.id).body_md.startswith("Pending: ")
    assert editor.entry_id == second.id and not editor.dirty


def test_a_change_made_elsewhere_is_never_overwritten(qtbot, editor, ctx, wait_idle):
    target = ctx.hub.entries.list("practice")[0]
    editor.load(target.id)
    wait_idle(ctx)
    ctx.hub.entries.update(target.id, {"summary": "Changed in another window."})
    _type_into(qtbot, editor.text, "Mine: ")
    editor.save_now()
    qtbot.waitUntil(editor.conflict_bar.isVisible, timeout=10000)
    stored = ctx.hub.entries.get(target.id)
    assert stored.summary == "Changed in another window." and "Mine: " not in stored.body_md
    editor.set_autosave_delay(50)
    _type_into(qtbot, editor.text, "more ")
    qtbot.wait(300)
    wait_idle(ctx)
    assert "Mine: " not in ctx.hub.entries.get(target.id).body_md  # autosave stays paused
    with qtbot.waitSignal(editor.sig_saved, timeout=10000):
        editor.conflict_bar.sig_overwrite.emit(stored.revision)  # the user's explicit choice
    assert ctx.hub.entries.get(target.id).body_md.startswith("Mine: more ")


def test_reload_after_a_conflict_shows_the_other_version(qtbot, editor, ctx, wait_idle):
    target = ctx.hub.entries.list("practice")[0]
    editor.load(target.id)
    wait_idle(ctx)
    ctx.hub.entries.update(target.id, {"title": "Renamed elsewhere (fictional)"})
    _type_into(qtbot, editor.text, "Mine: ")
    editor.save_now()
    qtbot.waitUntil(editor.conflict_bar.isVisible, timeout=10000)
    editor.conflict_bar.sig_reload.emit()
    wait_idle(ctx)
    assert editor.header.title.text() == "Renamed elsewhere (fictional)"
    assert "Mine: " not in editor.text.toPlainText() and not editor.conflict_bar.isVisible()


def test_wiki_link_completion_offers_a_demo_title(qtbot, editor, ctx, wait_idle):
    editor.new_entry("advice")
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "See [[Ministerie van R")
    popup = editor.text.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    offered = [
        editor.text.completer.completionModel().index(i, 0).data()
        for i in range(editor.text.completer.completionCount())
    ]
    assert "Ministerie van Rechtshandhaving (fictief)" in offered
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.text.toPlainText() == "See [[Ministerie van Rechtshandhaving (fictief)]]"
    editor.text.undo()  # the completion is one undo step
    assert editor.text.toPlainText() == "See [[Ministerie van R"


def test_expert_form_flags_missing_or_old_verification(qtbot, editor, ctx, wait_idle):
    old = (date.today() - timedelta(days=400)).isoformat()
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    stale = ctx.hub.entries.add(
        "expert",
        {"title": "Analist Test Verouderd (fictief)", "last_verified": old, "review_by": yesterday},
    )
    editor.load(stale.id)
    wait_idle(ctx)
    assert editor.form.is_flagged_unverified() and editor.form.is_flagged_stale()
    _verify_today(qtbot, editor)
    assert not editor.form.is_flagged_unverified()
    record = ctx.hub.entries.get(_save(qtbot, editor))
    assert record.fields["last_verified"] == date.today()
    missing = ctx.hub.entries.add("expert", {"title": "Analist Test Onbekend (fictief)"})
    editor.load(missing.id)
    wait_idle(ctx)
    assert editor.form.is_flagged_unverified() and not editor.form.is_flagged_stale()


def _verify_today(qtbot, editor: EntryEditor) -> None:
    from PySide6.QtWidgets import QPushButton

    button = next(b for b in editor.form.findChildren(QPushButton) if b.text() == "Verified today")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_needs_verification_rule():
    today = date(2026, 11, 23)
    assert needs_verification(None, today)
    assert needs_verification(date(2025, 11, 1), today)
    assert not needs_verification(date(2026, 1, 5), today)


def test_form_widgets_round_trip(qtbot):
    field = DateField("none", "clear")
    qtbot.addWidget(field)
    field.set_value("2026-04-30")
    assert field.value() == "2026-04-30"
    field.set_value(None)
    assert field.value() is None
    themes = ListField()
    qtbot.addWidget(themes)
    themes.set_options(["grooming"], {"grooming": "Grooming"})
    themes.set_value(["grooming"])
    assert themes.text() == "Grooming" and themes.value() == ["grooming"]
    ref = RefField("none")
    qtbot.addWidget(ref)
    ref.set_options([("id-1", "Organisation One (fictional)")])
    ref.set_value("id-1")
    assert ref.value() == "id-1"
    ref.setEditText("Typed title (fictional)")
    assert ref.value() == "Typed title (fictional)"


def test_clear_empties_everything(qtbot, editor, ctx, wait_idle):
    editor.load(ctx.hub.entries.list("advice")[0].id)
    wait_idle(ctx)
    editor.clear()
    assert editor.entry_id is None and editor.text.toPlainText() == ""
    assert editor.header.title.text() == "" and not editor.isEnabled()
    assert not editor.text.document().isUndoAvailable()


def test_a_one_megabyte_body_loads_and_saves_without_freezing(qtbot, editor, ctx, wait_idle):
    para = (
        "## Werkwijze\n\nDe fictieve werkwijze rond [[Ministerie van Rechtshandhaving "
        "(fictief)]] en triage van beeldmateriaal, met **nadruk** en een lijst:\n\n"
        "- punt een\n- punt twee\n\n"
    )
    body = (para * (1_000_000 // len(para) + 1))[:1_000_000]
    record = ctx.hub.entries.add("advice", {"title": "Groot testdocument (fictief)", "body": body})
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    started = time.perf_counter()
    editor.load(record.id)
    qtbot.waitUntil(lambda: len(editor.text.toPlainText()) == len(body), timeout=10000)
    loaded = time.perf_counter() - started
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    editor.text.insertPlainText(" Slotzin.")
    started = time.perf_counter()
    with qtbot.waitSignal(editor.sig_saved, timeout=20000):
        editor.save_now()
    saved = time.perf_counter() - started
    with qtbot.waitSignal(editor.preview.sig_rendered, timeout=20000):
        editor.preview.render_now()
    timer.stop()
    stall = max(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    print(f"\n1 MB body: load {loaded:.2f}s, save {saved:.2f}s, longest UI stall {stall:.2f}s")
    assert ctx.hub.entries.get(record.id).body_md.endswith(" Slotzin.")
    assert loaded < 5 and saved < 10 and stall < 1.0


def test_close_saves_first_then_reports_closed(qtbot, editor, ctx, wait_idle):
    target = ctx.hub.entries.list("innovation")[0]
    editor.load(target.id)
    wait_idle(ctx)
    _type_into(qtbot, editor.text, "Closing note. ")
    with qtbot.waitSignal(editor.sig_closed, timeout=10000):
        editor.header.sig_close.emit()
    assert ctx.hub.entries.get(target.id).body_md.startswith("Closing note. ")
