"""The personal-data guard in the app (pytest-qt, demo hub): editor marks and export dialog.

The editor marks hits after typing pauses and counts them by the save button;
the hit under the cursor is explained in a plain label. A course export that
would carry a hit opens a dialog with one checkbox per hit: it exports only
when every one is ticked, and the override is audited.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from expertise.privacy import AUDIT_ACTION, EntryHits, PersonalDataFound, scan_text
from ui.privacy import hits_dialog
from ui.privacy.hits_dialog import PersonalDataDialog
from ui.privacy.watch import INLINE_LIMIT

PHONE = "06-12345678"




def _practice(ctx, body: str, **values: object) -> str:
    values = {"title": "Voorbeeldzaak test", "classification": "internal", "body": body, **values}
    return ctx.hub.entries.add("practice", values).id


def test_typing_marks_hits_and_counts_them_by_the_save_button(qtbot, editor, ctx, wait_idle):
    editor.load(_practice(ctx, "Een schone beschrijving."))
    wait_idle(ctx)
    assert editor.header.privacy_count.isHidden()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.text, f" Bel {PHONE} of mail a.b@example.org.")
    qtbot.waitUntil(lambda: editor.privacy.count == 2, timeout=5000)
    assert editor.header.privacy_count.text() == "2 possible personal data"
    assert editor.header.privacy_count.isVisible()
    assert len(editor.text.extraSelections()) == 2
    # the hit under the cursor is explained in a plain label, not a tooltip
    cursor = editor.text.textCursor()
    cursor.setPosition(editor.text.toPlainText().index(PHONE) + 3)
    editor.text.setTextCursor(cursor)
    assert "phone number" in editor.header.privacy_note.text()
    assert editor.text.toolTip() == ""
    # deleting the data clears the marks
    editor.text.setPlainText("Schoon.")
    qtbot.waitUntil(lambda: editor.privacy.count == 0, timeout=5000)
    assert editor.header.privacy_count.isHidden() and editor.text.extraSelections() == []


def test_text_fields_and_expert_names_are_watched(qtbot, editor, ctx, wait_idle):
    expert = next(e for e in ctx.hub.entries.list("expert"))
    bare = expert.title.split()[-2] + " " + expert.title.split()[-1]
    editor.load(_practice(ctx, f"Overleg met {bare}.", lessons="BSN 123456782"))
    wait_idle(ctx)
    qtbot.waitUntil(lambda: editor.privacy.count == 2, timeout=5000)
    assert [h.kind for h in editor.privacy.hits("body")] == ["name"]
    assert [h.kind for h in editor.privacy.hits("lessons")] == ["bsn"]
    lessons = editor.form.widget("lessons")
    assert lessons is not None and len(lessons.extraSelections()) == 1


def test_unguarded_kinds_are_not_marked(qtbot, editor, ctx, wait_idle):
    record = ctx.hub.entries.add("advice", {"title": "Advies", "body": f"bel {PHONE}"})
    editor.load(record.id)
    wait_idle(ctx, 900)
    assert editor.privacy.count == 0 and editor.text.extraSelections() == []


def test_a_100k_body_is_scanned_on_the_worker_without_stalling(qtbot, editor, ctx, wait_idle):
    para = "De werkwijze rond triage van beeldmateriaal in 2024-2025, zaak 123456789.\n\n"
    body = (para * (100_000 // len(para) + 1))[:100_000]
    assert len(body) > INLINE_LIMIT
    editor.load(_practice(ctx, body))
    qtbot.waitUntil(lambda: len(editor.text.toPlainText()) == len(body), timeout=10000)
    wait_idle(ctx)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.text, f" Bel {PHONE}.")
    qtbot.waitUntil(lambda: editor.privacy.count == 1, timeout=30000)
    timer.stop()
    stall = max(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    started = time.perf_counter()
    scan_text(body)
    scanned = time.perf_counter() - started
    print(f"\n100k body: scan {scanned * 1000:.0f} ms, longest UI stall {stall * 1000:.0f} ms")
    assert stall < 1.0  # the 1 MB editor test allows the same


def _found() -> PersonalDataFound:
    text = f"bel {PHONE} of BSN 123456782"
    return PersonalDataFound([EntryHits("e1", "practice", "Casus", tuple(scan_text(text)))])


def test_dialog_exports_only_when_every_hit_is_ticked(qtbot) -> None:
    dialog = PersonalDataDialog(_found().found)
    qtbot.addWidget(dialog)
    rows = dialog._rows()
    assert [row.text(2) for row in rows] == ["phone number", "citizen service number (BSN)"]
    assert all(PHONE not in row.text(3) for row in rows)
    assert not dialog.export_button.isEnabled()
    rows[0].setCheckState(0, Qt.CheckState.Checked)
    assert not dialog.export_button.isEnabled()
    assert dialog.counter.text() == "1 of 2 confirmed"
    rows[1].setCheckState(0, Qt.CheckState.Checked)
    assert dialog.export_button.isEnabled()
    assert dialog.confirmed() == ["e1/body:phone:4:15", "e1/body:bsn:23:32"]


def _tick_all_and(answer: QDialog.DialogCode, seen: list[int]):
    def exec_(self: PersonalDataDialog) -> int:
        rows = self._rows()
        seen.append(len(rows))
        for row in rows:
            row.setCheckState(0, Qt.CheckState.Checked)
        assert self.export_button.isEnabled()
        return answer.value

    return exec_


def _leaky_pack(ctx) -> str:
    courses = ctx.hub.courses
    pack = courses.create("Privacy-pakket", "internal")
    courses.add_entries(pack.id, [_practice(ctx, f"Contact {PHONE}.", lessons="BSN 123456782")])
    return pack.id


def _export_bar(ctx, qtbot, pack_id: str):
    from ui.courses.export_bar import ExportBar

    pack = ctx.hub.courses.get(pack_id)
    bar = ExportBar(ctx, lambda: pack)
    qtbot.addWidget(bar)
    statuses: list[str] = []
    bar.sig_status.connect(statuses.append)
    return bar, statuses


def test_course_export_goes_ahead_once_every_hit_is_confirmed(
    qtbot, ctx, wait_idle, tmp_path: Path, monkeypatch
) -> None:
    pack_id = _leaky_pack(ctx)
    bar, statuses = _export_bar(ctx, qtbot, pack_id)
    seen: list[int] = []
    monkeypatch.setattr(
        hits_dialog.PersonalDataDialog, "exec", _tick_all_and(QDialog.DialogCode.Accepted, seen)
    )
    target = tmp_path / "pakket.html"
    with qtbot.waitSignal(bar.sig_exported, timeout=20000):
        bar.export_to("html", target)
    assert seen == [2] and target.exists()
    [event] = [e for e in ctx.hub.maintenance.audit_log() if e.action == AUDIT_ACTION]
    assert event.detail["how"] == "each confirmed" and event.detail["hits"] == 2
    assert PHONE not in str(event.detail)


def test_course_export_stops_when_the_dialog_is_cancelled(
    qtbot, ctx, wait_idle, tmp_path: Path, monkeypatch
) -> None:
    bar, statuses = _export_bar(ctx, qtbot, _leaky_pack(ctx))
    seen: list[int] = []
    monkeypatch.setattr(
        hits_dialog.PersonalDataDialog, "exec", _tick_all_and(QDialog.DialogCode.Rejected, seen)
    )
    target = tmp_path / "pakket.html"
    bar.export_to("html", target)
    qtbot.waitUntil(lambda: bool(statuses), timeout=20000)
    assert seen == [2] and statuses == ["Export stopped: possible personal data."]
    assert not target.exists()
    assert [e for e in ctx.hub.maintenance.audit_log() if e.action == AUDIT_ACTION] == []


def test_pack_export_dialog_asks_for_each_hit_then_exports(
    qtbot, ctx, wait_idle, tmp_path: Path, monkeypatch
) -> None:
    from unittest import mock

    from expertise.kdf import KdfParams
    from ui.packs import ExportPackDialog

    _practice(ctx, f"Contact {PHONE}.")
    seen: list[int] = []
    monkeypatch.setattr(
        hits_dialog.PersonalDataDialog, "exec", _tick_all_and(QDialog.DialogCode.Accepted, seen)
    )
    with mock.patch("expertise.packs.api.calibrate", KdfParams.floor):
        dialog = ExportPackDialog(ctx.hub.packs, ctx.runner, "en")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: bool(dialog.fingerprint.text()), timeout=30000)
        out = tmp_path / "uit.ekp"
        dialog.out_path.setText(str(out))
        dialog.ceiling.setCurrentIndex(dialog.ceiling.findData("internal"))
        dialog.passphrase.setText("pack passphrase for tests")
        dialog.repeat.setText("pack passphrase for tests")
        exported: list[object] = []
        dialog.sig_exported.connect(exported.append)
        dialog.export_button.click()
        qtbot.waitUntil(lambda: bool(exported), timeout=60000)
    assert seen == [1] and out.exists()
    [event] = [e for e in ctx.hub.maintenance.audit_log() if e.action == AUDIT_ACTION]
    assert event.detail["export"] == "pack-export" and event.detail["kinds"] == {"phone": 1}


def test_structured_fields_are_scanned_through_their_value(qtbot) -> None:
    """A rows widget (the follow-up log) offers value() and sig_edited; it gets a frame."""
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    from ui.privacy.watch import FRAME_STYLE, PersonalDataWatch

    class Rows(QWidget):
        sig_edited = Signal()

        def __init__(self) -> None:
            super().__init__()
            self.rows: list[dict[str, str]] = []

        def value(self) -> object:
            return self.rows

    rows = Rows()
    qtbot.addWidget(rows)
    watch = PersonalDataWatch()
    watch.watch([("log", rows)], "practice")
    rows.rows = [{"date": "2026-01-02", "text": f"gebeld via {PHONE}"}]
    rows.sig_edited.emit()
    qtbot.waitUntil(lambda: watch.count == 1, timeout=5000)
    assert [h.field for h in watch.hits("log")] == ["log[0].text"]
    assert rows.styleSheet() == FRAME_STYLE
    watch.clear()
    assert rows.styleSheet() == "" and watch.count == 0


def test_a_case_follow_up_log_is_watched_in_the_editor(qtbot, editor, ctx, wait_idle) -> None:
    from ui.privacy.watch import FRAME_STYLE

    case = ctx.hub.entries.list(kind="case")[0]
    editor.load(case.id)
    wait_idle(ctx, 900)
    assert editor.privacy.count == 0  # the demo's example cases are clean
    rows = editor.form.widget("follow_ups")
    assert rows is not None
    rows.insert_row({"date": "2026-11-30", "author": None, "text": f"Moeder belde vanaf {PHONE}."})
    qtbot.waitUntil(lambda: editor.privacy.count == 1, timeout=5000)
    [hit] = editor.privacy.hits("follow_ups")
    assert hit.kind == "phone" and hit.field.endswith("].text")
    assert rows.styleSheet() == FRAME_STYLE
    assert editor.header.privacy_count.text() == "1 possible personal data"
