"""ExpertFinder on the demo hub: ranking from the index, reasons split, keyboard opening."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.experts import ExpertFinder


@pytest.fixture
def finder(qtbot, ctx, wait_idle):
    widget = ExpertFinder(ctx)
    widget.resize(1000, 700)
    widget.show()
    yield widget
    # not qtbot.addWidget: the workers must be idle before the widget goes
    widget.clear()
    wait_idle(ctx)
    widget.close()
    widget.deleteLater()


def test_topic_ranks_experts_like_the_hub(qtbot, finder, ctx):
    with qtbot.waitSignal(finder.sig_found, timeout=10000):
        finder.find_topic("grooming")
    expected = ctx.hub.search.experts("grooming", 20)
    assert expected and finder.hit_ids() == [hit.id for hit in expected]
    shares = [item.share for item in finder.items()]
    assert shares[0] == 100 and shares == sorted(shares, reverse=True)
    assert "experts found" in finder.status.text()


def test_reasons_are_split_into_areas_and_work(qtbot, finder, ctx, wait_idle):
    with qtbot.waitSignal(finder.sig_found, timeout=10000):
        finder.find_topic("grooming")
    wait_idle(ctx)  # the split runs on the Hub runner after the ranking
    items = finder.items()
    assert any("grooming" in item.areas for item in items)
    work = [title for item in items for title in item.work]
    assert work and all(ctx.hub.entries.find_by_title(title) is not None for title in work)
    assert all(ctx.hub.entries.find_by_title(area) is None for item in items for area in item.areas)


def test_typing_runs_the_search_after_a_pause(qtbot, finder):
    with qtbot.waitSignal(finder.sig_found, timeout=10000):
        qtbot.keyClicks(finder.topic, "sextortion")
    assert finder.hit_ids()


def test_enter_opens_the_selected_expert(qtbot, finder):
    with qtbot.waitSignal(finder.sig_found, timeout=10000):
        finder.find_topic("grooming")
    finder.results.setFocus()
    qtbot.keyClick(finder.results, Qt.Key.Key_Down)
    second = finder.items()[1].id
    with qtbot.waitSignal(finder.sig_open_entry, timeout=3000) as opened:
        qtbot.keyClick(finder.results, Qt.Key.Key_Return)
    assert opened.args == [second]


def test_unknown_topic_says_so_and_clear_empties(qtbot, finder):
    with qtbot.waitSignal(finder.sig_found, timeout=10000):
        finder.find_topic("zzqxv onbekendonderwerp")
    assert finder.hit_ids() == [] and "No expert" in finder.status.text()
    with qtbot.waitSignal(finder.sig_found, timeout=10000):
        finder.find_topic("grooming")
    finder.clear()
    assert finder.hit_ids() == [] and finder.topic.text() == ""
