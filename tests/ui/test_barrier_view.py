"""The barrier-model view with real widgets: heat map, ceiling, a clicked cell, an opened entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tests.conftest import PASSPHRASE
from ui.shell.sidebar import Place


@pytest.fixture
def matrix_hub(tmp_path):
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    hub = Hub.create(tmp_path / "hub", PASSPHRASE, kdf=KdfParams.floor())

    def add(kind, title, themes, **values):
        return hub.entries.add(kind, {"title": title, "themes": themes, **values}).id

    ids = {
        "advice": add("advice", "Advies meldketen scholen", ["grooming", "signalering"]),
        "project": add("innovation", "Pilot meldknop", ["grooming", "signalering", "preventie"]),
        "secret": add(
            "practice",
            "Werkwijze vertrouwelijk",
            ["grooming", "signalering"],
            classification="confidential",
        ),
        "other": add("advice", "Advies verwijderverzoeken", ["distribution", "verstoring"]),
    }
    yield hub, ids
    hub.close()


@pytest.fixture
def barrier_window(qtbot, matrix_hub, wait_idle):
    from ui.context import AppContext
    from ui.shell.main_window import MainWindow
    from ui.tasks import TaskRunner

    hub, ids = matrix_hub
    ctx = AppContext(hub, TaskRunner(), TaskRunner(), language="en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.restore(None)
    wait_idle(ctx)
    with qtbot.waitSignal(window.barrier.sig_loaded, timeout=10000):
        window.sidebar.select_place(Place("barrier"))
    yield window, ctx, ids
    window.clear_all()
    wait_idle(ctx)
    ctx.detach()


def _index(view, theme: str, phase: str):
    grid = view.model.matrix()
    row = [h.key for h in grid.themes].index(theme)
    column = [h.key for h in grid.phases].index(phase)
    return view.model.index(row, column)


def _click(qtbot, view, index) -> None:
    rect = view.table.visualRect(index)
    with qtbot.waitSignal(view.sig_cell_loaded, timeout=10000):
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_cells_show_counts_and_heat(barrier_window):
    window, _ctx, _ids = barrier_window
    view = window.barrier
    assert window.page() == "barrier" and view.isVisible()
    model = view.model
    assert model.columnCount() == 7 and model.rowCount() == 15
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Prevention"
    assert model.headerData(5, Qt.Orientation.Vertical) == "Grooming"
    hot = _index(view, "grooming", "signalering")
    assert hot.data() == "3 / 0"
    assert "2 advice" not in model.describe(hot) and "1 best practices" in model.describe(hot)
    warm = _index(view, "distribution", "verstoring")
    assert warm.data() == "1 / 0"
    cold = _index(view, "sextortion", "opsporing")
    assert cold.data() == "" and cold.data(Qt.ItemDataRole.BackgroundRole) is None
    hot_colour = hot.data(Qt.ItemDataRole.BackgroundRole).color()
    warm_colour = warm.data(Qt.ItemDataRole.BackgroundRole).color()
    assert hot_colour.lightness() < warm_colour.lightness()  # more entries, deeper colour
    assert (view.scale_low.text(), view.scale_high.text()) == ("1", "3")  # the legend's range


def test_clicking_a_cell_lists_its_entries_and_opens_one(qtbot, barrier_window, wait_idle):
    window, ctx, ids = barrier_window
    view = window.barrier
    _click(qtbot, view, _index(view, "grooming", "signalering"))
    assert view.listed_ids() == [ids["advice"], ids["project"], ids["secret"]]
    assert "Grooming × Detection" in view.cell_title.text()
    _click(qtbot, view, _index(view, "grooming", "preventie"))
    assert view.listed_ids() == [ids["project"]]
    item = view.entries.item(0)
    rect = view.entries.visualItemRect(item)
    qtbot.mouseClick(view.entries.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.entries.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle(ctx)
    assert window.page() == "browse"
    assert window.entry_view.current_id() == ids["project"]
    assert window.entry_view.title.text() == "Pilot meldknop"


def test_the_ceiling_hides_higher_entries_from_counts_and_list(qtbot, barrier_window):
    window, _ctx, ids = barrier_window
    view = window.barrier
    _click(qtbot, view, _index(view, "grooming", "signalering"))
    with qtbot.waitSignal(view.sig_cell_loaded, timeout=10000):
        view.ceiling.setCurrentIndex(view.ceiling.findData("internal"))
    assert _index(view, "grooming", "signalering").data() == "2 / 0"
    assert view.listed_ids() == [ids["advice"], ids["project"]]


def test_a_new_entry_updates_the_matrix(qtbot, barrier_window, matrix_hub):
    window, _ctx, _ids = barrier_window
    hub, _ = matrix_hub
    view = window.barrier
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        hub.entries.add(
            "practice", {"title": "Werkwijze nieuw", "themes": ["sextortion", "opsporing"]}
        )
    assert _index(view, "sextortion", "opsporing").data() == "1 / 0"


def test_lock_clears_the_view(barrier_window):
    window, _ctx, _ids = barrier_window
    window.clear_all()
    assert window.barrier.model.rowCount() == 0 and window.barrier.entries.count() == 0


def test_heat_colours_keep_text_readable():
    from ui.barrier.heat import cell_colour, contrast, text_colour

    colours = [cell_colour(count, 10) for count in range(1, 11)]
    assert cell_colour(0, 10) is None
    assert all(colour is not None for colour in colours)
    for colour in colours:
        assert contrast(colour, text_colour(colour)) >= 4.5  # WCAG AA for normal text
    lightness = [c.lightness() for c in colours]
    assert lightness == sorted(lightness, reverse=True)  # monotone: more is darker
    assert text_colour(QColor("#FFF1C1")).name() == "#111111"
    assert text_colour(QColor("#A50026")).name() == "#ffffff"


def test_long_phase_names_wrap_and_hyphenate_in_the_header():
    from ui.barrier.model import header_lines

    assert header_lines("Nazorg en recidivebeperking") == ["Nazorg en", "recidive-", "beperking"]
    assert header_lines("Intake and prioritisation") == ["Intake and", "prioritisation"]
    assert header_lines("Preventie") == ["Preventie"]
    assert all(len(line) <= 14 for line in header_lines("Nazorg en recidivebeperking"))
