"""`expertise-hub --hub DIR --screenshot OUT.png [--view NAME]`: render one view and exit.

Used for docs/screenshots and for checking the UI on machines without a
display (QT_QPA_PLATFORM=offscreen). The hub is unlocked with the passphrase
from --passphrase-file or $EXPERTISE_PASSPHRASE, like the CLI, and locked
again before exit; settings are kept in memory only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from expertise import Hub, HubError
from ui.app.grab import grab_with_dialog, settle
from ui.app.screenshot_overview import OVERVIEW_VIEWS
from ui.app.screenshot_work_cycle import WORK_CYCLE_VIEWS
from ui.context import AppContext
from ui.shell.main_window import MainWindow
from ui.shell.sidebar import Place
from ui.startup import given_passphrase
from ui.tasks import TaskRunner

VIEWS = (
    "unlock", "list", "entry", "search", "experts", "editor", "courses", "team",
    *OVERVIEW_VIEWS, *WORK_CYCLE_VIEWS,
)
SIZE = (1280, 800)
SAMPLE_QUERY = "grooming"
SAMPLE_TOPIC = "livestreaming"


def save(widget: QWidget, out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    if not grab_with_dialog(widget).save(str(out), "PNG"):
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def _richest_entry(ctx: AppContext) -> str | None:
    """An advice note with the longest text: it shows tables, links and metadata."""
    rows = ctx.hub.entries.list("advice") or ctx.hub.entries.list()
    if not rows:
        return None
    return max(rows, key=lambda row: len(ctx.hub.entries.get(row.id).body_md)).id


def _list(window: MainWindow, ctx: AppContext) -> None:
    window.entry_list.table.selectRow(0)
    window.entry_list.table.setFocus()


def _entry(window: MainWindow, ctx: AppContext) -> None:
    entry_id = _richest_entry(ctx)
    window.browse.setSizes([380, 650])  # reading: give the text the room
    if entry_id:
        window.open_entry(entry_id)


def _search(window: MainWindow, ctx: AppContext) -> None:
    window.show_search()
    window.search.run_query(SAMPLE_QUERY)


def _experts(window: MainWindow, ctx: AppContext) -> None:
    window.show_page("experts")
    window.experts.focus_topic()
    window.experts.find_topic(SAMPLE_TOPIC)


def _editor(window: MainWindow, ctx: AppContext) -> None:
    entry_id = _richest_entry(ctx)
    if entry_id:
        window.edit_entry(entry_id)


def _courses(window: MainWindow, ctx: AppContext) -> None:
    """The course packs with the first pack and its preview (the demo hub has none of its
    own: tests/ui/course_shots.py makes some on a copy)."""
    window.sidebar.select_place(Place("courses"))


PREPARE: dict[str, Callable[[MainWindow, AppContext], None]] = {
    "courses": _courses,
    "list": _list,
    "entry": _entry,
    "search": _search,
    "experts": _experts,
    "editor": _editor,
    **OVERVIEW_VIEWS,
    **WORK_CYCLE_VIEWS,
}


def _unlock_view(folder: Path | None, out: Path) -> int:
    from ui.settings.store import settings
    from ui.unlock.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(settings(), folder, offer_remembered=False)
    dialog.show()
    settle(None, 300)
    return save(dialog, out)


def take_screenshot(
    app: QApplication, args: argparse.Namespace, folder: Path | None, language: str
) -> int:
    view, out = args.view, Path(args.screenshot)
    if view not in VIEWS:
        print(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}", file=sys.stderr)
        return 2
    if view == "unlock":
        return _unlock_view(folder, out)
    passphrase = given_passphrase(args)
    if folder is None or not passphrase:
        print(
            "need --hub and a passphrase (--passphrase-file or $EXPERTISE_PASSPHRASE)",
            file=sys.stderr,
        )
        return 2
    try:
        hub = Hub.open(folder, passphrase)
    except HubError as error:
        print(f"cannot open the hub: {error}", file=sys.stderr)
        return error.exit_code
    try:
        return render(hub, view, out, language)
    finally:
        lock(hub)


def lock(hub: Hub) -> None:
    """Lock; on a full disk the last audit row may not fit (the keys are dropped anyway)."""
    from ui.os_fault import fault_of, fault_text

    try:
        hub.lock()
    except Exception as error:
        fault = fault_of(error)
        if fault is None:
            raise
        print(f"locked; {fault_text(fault)}", file=sys.stderr)


def open_window(hub: Hub, language: str) -> tuple[MainWindow, AppContext]:
    ctx = AppContext(hub, TaskRunner(), TaskRunner(), language=language)
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    window.restore(None)
    settle(ctx)
    return window, ctx


def _team(window: MainWindow, ctx: AppContext) -> QWidget:
    """File → Team… on its own (the demo hub is in no team: create or request to join)."""
    return window.show_team()


# Views that are a dialog: the dialog alone is grabbed, not the window behind it.
DIALOGS: dict[str, Callable[[MainWindow, AppContext], QWidget]] = {"team": _team}


def render(hub: Hub, view: str, out: Path, language: str) -> int:
    window, ctx = open_window(hub, language)
    target: QWidget = window
    if view in DIALOGS:
        target = DIALOGS[view](window, ctx)
    else:
        PREPARE[view](window, ctx)
    settle(ctx, 1500)
    return close(window, ctx, save(target, out))


def close(window: MainWindow, ctx: AppContext, code: int) -> int:
    window.clear_all()
    ctx.runner.wait()
    ctx.search_runner.wait()
    ctx.detach()
    return code
