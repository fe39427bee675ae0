"""The entry pane's work-cycle tab: a case's follow-up timeline, a bottleneck's status
history, an agenda's items.

What it shows is gathered on the worker with the rest of the entry (EntryDetail):
the rows, the titles of the entries they refer to, and the status changes taken
from the revisions. A reference whose entry is gone is shown as deleted, never as
a raw id and never as an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QStackedWidget, QWidget

from expertise import EntryRecord, ValueChange, cycle_kinds, escape_text
from ui.entries.timeline import TimelinePoint, TimelineView
from ui.labels import choice_label, column_label
from ui.safe_browser import SafeBrowser

STATE_COLOURS = {
    "signalled": "#1565c0",
    "addressed": "#6a1b9a",
    "in_progress": "#ef6c00",
    "resolved": "#2e7d32",
    "parked": "#757575",
}
ITEM_COLUMNS = ("bottleneck", "objective", "result", "activities", "responsible", "progress")
KINDS_WITH_TAB = cycle_kinds()


class WorkCycleView(QStackedWidget):
    """A timeline (cases, bottlenecks) or a table of items (agendas)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = TimelineView(self.tr("Nothing recorded yet."), self)
        self.timeline.setAccessibleName(self.tr("Timeline"))
        self.items = SafeBrowser(self)
        self.items.setAccessibleName(self.tr("Agenda items"))
        self.addWidget(self.timeline)
        self.addWidget(self.items)

    def tab_title(self, kind: str, count: int) -> str:
        if kind == "case":
            return self.tr("Follow-ups ({n})").format(n=count)
        if kind == "bottleneck":
            return self.tr("Status history")
        return self.tr("Agenda items ({n})").format(n=count)

    def show_record(
        self, record: EntryRecord, titles: Mapping[str, str], history: Sequence[ValueChange]
    ) -> int:
        """Fill the tab for `record`; returns how many points or items it shows."""
        if record.kind == "case":
            points = self.follow_up_points(record, titles)
            self.timeline.set_points(points)
            self.setCurrentWidget(self.timeline)
            return len(points)
        if record.kind == "bottleneck":
            points = self.history_points(history)
            self.timeline.set_points(points)
            self.setCurrentWidget(self.timeline)
            return len(points)
        rows = _rows(record.fields.get("items"))
        self.items.setHtml(self.items_html(rows, titles))
        self.setCurrentWidget(self.items)
        return len(rows)

    def clear(self) -> None:
        self.timeline.set_points(())
        self.items.clear_content()

    # -- content (public: the tests read what a user would see) ------------------
    def follow_up_points(
        self, record: EntryRecord, titles: Mapping[str, str]
    ) -> list[TimelinePoint]:
        points = []
        for row in _rows(record.fields.get("follow_ups")):
            author = row.get("author")
            who = self._ref_text(author, titles, self.tr("deleted expert")) if author else ""
            points.append(
                TimelinePoint(
                    str(row.get("date") or ""),
                    who or self.tr("Follow-up"),
                    str(row.get("text") or ""),
                )
            )
        return points

    def history_points(self, history: Sequence[ValueChange]) -> list[TimelinePoint]:
        return [
            TimelinePoint(
                change.saved_at.strftime("%Y-%m-%d"),
                choice_label("state", change.value),
                self.tr("revision {n}, saved by {who}").format(
                    n=change.revision, who=change.saved_by or "?"
                ),
                STATE_COLOURS.get(change.value, "#1565c0"),
            )
            for change in history
        ]

    def items_html(self, rows: Sequence[Mapping[str, object]], titles: Mapping[str, str]) -> str:
        if not rows:
            return f"<p>{escape_text(self.tr('This agenda has no items yet.'))}</p>"
        head = "".join(
            f"<th align='left'>{escape_text(column_label('items', name))}</th>"
            for name in ITEM_COLUMNS
        )
        body = "".join(
            "<tr>"
            + "".join(
                f"<td valign='top'>{escape_text(self.item_cell(row, name, titles))}</td>"
                for name in ITEM_COLUMNS
            )
            + "</tr>"
            for row in rows
        )
        return f"<table cellspacing='0' cellpadding='4' border='1'><tr>{head}</tr>{body}</table>"

    def item_cell(self, row: Mapping[str, object], name: str, titles: Mapping[str, str]) -> str:
        value = row.get(name)
        if name == "bottleneck":
            return self._ref_text(value, titles, self.tr("deleted bottleneck")) if value else "—"
        if name == "responsible":
            items = value if isinstance(value, list) else []
            return ", ".join(
                self._ref_text(v, titles, self.tr("deleted organisation")) for v in items
            )
        if name == "progress":
            return choice_label("progress", str(value or "planned"))
        return str(value or "")

    @staticmethod
    def _ref_text(value: object, titles: Mapping[str, str], deleted: str) -> str:
        return titles.get(str(value), deleted)


def _rows(value: object) -> list[Mapping[str, object]]:
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []
