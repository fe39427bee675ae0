"""Screenshot views of the overviews (ui/app/screenshot.py): `--view barrier`, `--view upkeep`."""

from __future__ import annotations

from collections.abc import Callable

from ui.app.grab import settle
from ui.context import AppContext
from ui.shell.main_window import MainWindow
from ui.shell.sidebar import Place


def _settle(ctx: AppContext) -> None:
    settle(ctx, 800)


def _barrier(window: MainWindow, ctx: AppContext) -> None:
    """The matrix with its fullest cell chosen, so the entry list below is filled too."""
    window.sidebar.select_place(Place("barrier"))
    _settle(ctx)
    view = window.barrier
    grid = view.model.matrix()
    if grid is None or not grid.cells:
        return
    theme, phase = max(grid.cells, key=lambda place: grid.cells[place].total)
    view.select_cell(theme, phase)


def _upkeep(window: MainWindow, ctx: AppContext) -> None:
    window.show_start_page()


OVERVIEW_VIEWS: dict[str, Callable[[MainWindow, AppContext], None]] = {
    "barrier": _barrier,
    "upkeep": _upkeep,
}
