"""Screenshot views of the work-cycle kinds: a bottleneck with its status history, and
an example case with its follow-up timeline (docs/screenshots/{en,nl}-{bottleneck,case}.png).

The entry is the demo's richest of its kind (the most status changes, the most
follow-ups); the pane below the text is given the room the timeline needs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSplitter

from ui.context import AppContext
from ui.shell.main_window import MainWindow


def _richest(ctx: AppContext, kind: str, score: Callable[[str], int]) -> str | None:
    rows = ctx.hub.entries.list(kind)
    return max(rows, key=lambda row: score(row.id)).id if rows else None


def _open(window: MainWindow, entry_id: str | None) -> None:
    window.browse.setSizes([330, 700])
    if entry_id is None:
        return
    window.open_entry(entry_id)
    split = window.entry_view.findChild(QSplitter)
    if split is not None:
        split.setSizes([260, 440])  # the timeline, not the text, is the subject here


def _bottleneck(window: MainWindow, ctx: AppContext) -> None:
    _open(window, _richest(ctx, "bottleneck", lambda i: len(ctx.hub.entries.revisions(i))))


def _case(window: MainWindow, ctx: AppContext) -> None:
    def follow_ups(entry_id: str) -> int:
        rows = ctx.hub.entries.get(entry_id).fields.get("follow_ups")
        return len(rows) if isinstance(rows, list) else 0

    _open(window, _richest(ctx, "case", follow_ups))


# a view is named after its function (the kind whose richest entry it opens)
WORK_CYCLE_VIEWS: dict[str, Callable[[MainWindow, AppContext], None]] = {
    view.__name__.removeprefix("_"): view for view in (_bottleneck, _case)
}
