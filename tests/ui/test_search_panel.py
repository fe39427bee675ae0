"""SearchPanel on the demo hub: as-you-type, facets, did-you-mean, keyboard, saved searches."""

from __future__ import annotations

import statistics

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from ui.search import SearchPanel
from ui.search.results_model import ResultsModel
from ui.search.snippet_delegate import snippet_html


@pytest.fixture
def panel(qtbot, ctx, wait_idle):
    widget = SearchPanel(ctx)
    widget.resize(1000, 700)
    widget.show()
    yield widget
    # not qtbot.addWidget: the workers must be idle before the widget goes
    widget.clear()
    wait_idle(ctx)
    widget.close()
    widget.deleteLater()


def _full_hits(panel: SearchPanel) -> list:
    return [row for row in panel.model.rows() if not row.title_match]


def _type(qtbot, panel: SearchPanel, text: str) -> None:
    panel.query.clear()
    with qtbot.waitSignal(panel.sig_searched, timeout=10000):
        qtbot.keyClicks(panel.query, text)


def test_typing_shows_highlighted_results(qtbot, panel, ctx):
    _type(qtbot, panel, "grooming")
    qtbot.waitUntil(lambda: len(_full_hits(panel)) > 0, timeout=5000)
    expected = [hit.id for hit in ctx.hub.search("grooming", limit=30).hits]
    assert [row.id for row in _full_hits(panel)] == expected
    assert any("<mark>" in row.snippet for row in _full_hits(panel))
    assert "results" in panel.status.text()


def test_stale_answers_are_dropped(qtbot, panel, ctx, wait_idle):
    panel.run_query("sextortion")
    panel.run_query("hash")  # overtakes the first before it is shown
    wait_idle(ctx)
    expected = [hit.id for hit in ctx.hub.search("hash", limit=30).hits]
    assert [row.id for row in _full_hits(panel)] == expected
    assert panel.query.text() == "hash"


def test_facet_filter_narrows_the_results(qtbot, panel):
    _type(qtbot, panel, "grooming")
    before = _full_hits(panel)
    assert {row.kind for row in before} > {"expert"}
    item = panel.facets.item_for("kind", "expert")
    assert item is not None
    with qtbot.waitSignal(panel.sig_searched, timeout=10000):
        item.setCheckState(0, Qt.CheckState.Checked)
    after = _full_hits(panel)
    assert after and len(after) < len(before)
    assert {row.kind for row in after} == {"expert"}
    # unchecking brings the wider set back
    with qtbot.waitSignal(panel.sig_searched, timeout=10000):
        panel.facets.item_for("kind", "expert").setCheckState(0, Qt.CheckState.Unchecked)
    assert len(_full_hits(panel)) == len(before)


def test_theme_facet_passes_a_filter(qtbot, panel, ctx):
    _type(qtbot, panel, "grooming")
    # Theme labels load on the worker and relabel the tree when they arrive.
    qtbot.waitUntil(lambda: "Sextortion" in panel.facets.item_for("themes", "sextortion").text(0))
    item = panel.facets.item_for("themes", "sextortion")
    assert item is not None and "Sextortion" in item.text(0)  # label, not the key
    with qtbot.waitSignal(panel.sig_searched, timeout=10000):
        item.setCheckState(0, Qt.CheckState.Checked)
    expected = ctx.hub.search("grooming", limit=30, filters={"themes": "sextortion"})
    assert [row.id for row in _full_hits(panel)] == [hit.id for hit in expected.hits]


def test_did_you_mean_reruns_the_suggestion(qtbot, panel):
    _type(qtbot, panel, "groming")
    assert panel.did_you_mean.isVisible()
    assert "grooming" in panel.did_you_mean.text()
    with qtbot.waitSignal(panel.sig_searched, timeout=10000):
        qtbot.mouseClick(panel.did_you_mean, Qt.MouseButton.LeftButton)
    assert panel.query.text() == "grooming"
    assert _full_hits(panel)
    assert not panel.did_you_mean.isVisible()


def test_enter_opens_the_current_hit(qtbot, panel):
    _type(qtbot, panel, "grooming")
    first = panel.model.row_at(0)
    with qtbot.waitSignal(panel.sig_open_entry, timeout=3000) as opened:
        qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert opened.args == [first.id]


def test_down_moves_into_the_results_and_enter_opens_that_row(qtbot, panel):
    _type(qtbot, panel, "grooming")
    panel.query.setFocus()
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    second = panel.model.row_at(1)
    with qtbot.waitSignal(panel.sig_open_entry, timeout=3000) as opened:
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert opened.args == [second.id]
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    assert panel.query.hasFocus()


def test_enter_while_typing_opens_the_hit_for_the_final_text(qtbot, panel, ctx):
    panel.query.setFocus()
    with qtbot.waitSignal(panel.sig_open_entry, timeout=10000) as opened:
        qtbot.keyClicks(panel.query, "sextortion")
        qtbot.keyClick(panel.query, Qt.Key.Key_Return)  # before the debounce ran
    top = ctx.hub.search("sextortion", limit=30).hits[0]
    titles = ctx.hub.search.titles("sextortion", 5)
    assert opened.args[0] in {top.id, *(t.id for t in titles)}


def test_save_search_persists(qtbot, panel, ctx, wait_idle, monkeypatch):
    _type(qtbot, panel, "grooming")
    asked: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(dialog.labelText())
        dialog.setTextValue("Grooming overview")
        dialog.accept()

    QTimer.singleShot(20, answer)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["Name for this search:"]
    wait_idle(ctx)
    assert ("Grooming overview", "grooming", None) in ctx.hub.search.saved()
    kind_item = panel.facets.item_for("kind", "expert")
    with qtbot.waitSignal(panel.sig_searched, timeout=10000):
        kind_item.setCheckState(0, Qt.CheckState.Checked)
    panel.save_current_search("Grooming experts")
    wait_idle(ctx)
    assert ("Grooming experts", "grooming", "expert") in ctx.hub.search.saved()


def test_clear_forgets_everything(qtbot, panel, ctx, wait_idle):
    _type(qtbot, panel, "grooming")
    panel.clear()
    wait_idle(ctx)
    assert panel.query.text() == "" and panel.model.rowCount() == 0
    assert panel.facets.topLevelItemCount() == 0 and panel.facets.selected() == {}


def test_snippet_html_swaps_only_mark_tags():
    escaped = "a &lt;script&gt;alert(1)&lt;/script&gt; <mark>grooming</mark> b"
    out = snippet_html(escaped)
    assert "&lt;script&gt;" in out and "<script>" not in out
    assert "<mark>" not in out and "<span" in out


def test_model_exposes_roles(qtbot, panel):
    _type(qtbot, panel, "grooming")
    index = panel.model.index(0, 0)
    assert panel.model.data(index, ResultsModel.IdRole) == panel.model.row_at(0).id
    text = panel.model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert "<mark>" not in text and panel.model.row_at(0).title in text


def test_as_you_type_latency(qtbot, panel, ctx):
    """Submit → results on screen, per keystroke-sized query, on the demo hub."""
    timings = []
    for word in ["g", "gr", "gro", "groo", "groom", "grooming", "sext", "hash", "live"]:
        with qtbot.waitSignal(panel.sig_searched, timeout=10000):
            panel.run_query(word)
        timings.append(panel.last_latency_ms)
    print(
        f"\nas-you-type latency ms: median {statistics.median(timings):.1f}, max {max(timings):.1f}"
    )
    assert statistics.median(timings) < 200
