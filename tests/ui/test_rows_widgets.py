"""The follow-up timeline and the rows editor, as real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ui.editor.field_widgets import DateField, EnumField, LongTextField, RefField, RefListField
from ui.editor.rows_field import RowColumn, RowDialog, RowsField
from ui.entries.timeline import TimelinePoint, TimelineView

COLUMNS = (
    RowColumn("bottleneck", "Bottleneck", "ref", ref_kind="bottleneck", shown=True),
    RowColumn("objective", "Objective", "multiline"),
    RowColumn("responsible", "Responsible", "reflist", ref_kind="organisation"),
    RowColumn(
        "progress",
        "Progress",
        "enum",
        choices=(("planned", "Planned"), ("done", "Done")),
        shown=True,
    ),
    RowColumn("date", "Date", "date"),
)
OPTIONS = {
    "bottleneck": (("b-1", "Slow provider requests"), ("b-2", "Growing workload")),
    "organisation": (("o-1", "Ministry (fictional)"), ("o-2", "Hotline (fictional)")),
}


@pytest.fixture
def rows_field(qtbot):
    field = RowsField(COLUMNS)
    qtbot.addWidget(field)
    field.set_options(OPTIONS)
    return field


def test_timeline_shows_points_oldest_first_as_plain_text(qtbot):
    view = TimelineView("No follow-ups yet.")
    qtbot.addWidget(view)
    view.set_points(
        [
            TimelinePoint("2026-05-01", "Officer B", "<b>second</b>"),
            TimelinePoint("2026-01-15", "Officer A", "first"),
        ]
    )
    assert view.texts() == [
        "2026-01-15  ·  Officer A",
        "first",
        "2026-05-01  ·  Officer B",
        "<b>second</b>",  # user text stays text, never markup
    ]


def test_timeline_without_points_says_so(qtbot):
    view = TimelineView("No follow-ups yet.")
    qtbot.addWidget(view)
    view.set_points([])
    assert view.texts() == ["No follow-ups yet."]


def test_rows_field_shows_titles_and_labels_not_ids(rows_field, qtbot):
    with qtbot.assertNotEmitted(rows_field.sig_edited):
        rows_field.set_value(
            [
                {"bottleneck": "b-2", "progress": "done"},
                {"bottleneck": "gone-id", "progress": "planned"},
            ]
        )
    table = rows_field.table
    assert table.rowCount() == 2
    assert [table.item(0, c).text() for c in range(2)] == ["Growing workload", "Done"]
    assert table.item(1, 1).text() == "Planned"


def test_rows_field_edits_move_and_remove(rows_field, qtbot):
    rows_field.set_value([{"bottleneck": "b-1", "progress": "planned"}])
    with qtbot.waitSignal(rows_field.sig_edited):
        rows_field.insert_row({"bottleneck": "b-2", "progress": "done"})
    with qtbot.waitSignal(rows_field.sig_edited):
        rows_field.move_row(1, -1)
    assert [row["bottleneck"] for row in rows_field.value()] == ["b-2", "b-1"]
    with qtbot.waitSignal(rows_field.sig_edited):
        rows_field.replace_row(1, {"bottleneck": "b-1", "progress": "done"})
    with qtbot.waitSignal(rows_field.sig_edited):
        rows_field.remove_row(0)
    assert rows_field.value() == [{"bottleneck": "b-1", "progress": "done"}]
    with qtbot.assertNotEmitted(rows_field.sig_edited):
        rows_field.move_row(0, -1)  # already first
        rows_field.remove_row(5)  # no such row


def test_row_dialog_has_a_widget_per_column_type(rows_field, qtbot):
    dialog = rows_field.row_dialog("Edit")
    qtbot.addWidget(dialog)
    kinds = {name: type(widget) for name, widget in dialog.widgets.items()}
    assert kinds == {
        "bottleneck": RefField,
        "objective": LongTextField,
        "responsible": RefListField,
        "progress": EnumField,
        "date": DateField,
    }
    row = {
        "bottleneck": "b-1",
        "objective": "Shorter routes",
        "responsible": ["o-1", "o-2"],
        "progress": "done",
        "date": "2026-03-02",
    }
    dialog.set_values(row)
    assert dialog.values() == row


def test_add_row_through_the_dialog(rows_field, qtbot):
    """The Add button opens the dialog; what is typed there becomes a row."""

    def fill_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RowDialog)
        dialog.widgets["bottleneck"].set_value("b-2")
        dialog.widgets["objective"].set_value("Measure the lead time")
        dialog.widgets["progress"].set_value("done")
        dialog.accept()

    QTimer.singleShot(0, fill_and_accept)
    with qtbot.waitSignal(rows_field.sig_edited):
        rows_field.add_button.click()
    (row,) = rows_field.value()
    assert row["bottleneck"] == "b-2"
    assert row["objective"] == "Measure the lead time"
    assert row["progress"] == "done"
    assert rows_field.table.item(0, 0).text() == "Growing workload"


def test_cancelled_dialog_changes_nothing(rows_field, qtbot):
    rows_field.set_value([{"bottleneck": "b-1", "progress": "planned"}])

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.widgets["progress"].set_value("done")  # type: ignore[attr-defined]
        dialog.reject()

    QTimer.singleShot(0, cancel)
    with qtbot.assertNotEmitted(rows_field.sig_edited):
        rows_field.edit_row(0)
    assert rows_field.value() == [{"bottleneck": "b-1", "progress": "planned"}]
