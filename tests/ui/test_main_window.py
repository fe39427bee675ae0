"""The main window driven for real: list, sidebar, reading pane, links, editing, search."""

from __future__ import annotations

import time

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from ui.shell.sidebar import Place


def _ids_by_title(hub) -> dict[str, str]:
    return {row.title: row.id for row in hub.entries.list()}


def test_list_shows_every_entry_and_opens_the_first(window, ctx, demo_hub, wait_idle):
    assert window.entry_list.model.rowCount() == demo_hub.entries.count()
    window.entry_list.table.selectRow(0)
    wait_idle(ctx)
    view = window.entry_view
    assert view.current_id() == window.entry_list.model.entry_id(0)
    assert view.banner.isVisible() and view.banner.level is not None
    assert view.title.text() == demo_hub.entries.get(view.current_id()).title


def test_list_pages_with_fetch_more(window, ctx, demo_hub, wait_idle, monkeypatch):
    import ui.entries.entry_list as entry_list

    monkeypatch.setattr(entry_list, "PAGE_SIZE", 10)
    model = window.entry_list.model
    model.set_query(entry_list.ListQuery())
    wait_idle(ctx)
    # The view asks for pages until its viewport is full, not for everything.
    loaded = model.rowCount()
    assert loaded % 10 == 0 and 10 <= loaded < demo_hub.entries.count()
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
        wait_idle(ctx, 30)
    assert model.rowCount() == demo_hub.entries.count()


def test_sidebar_kind_filters_the_list_and_shows_counts(window, ctx, demo_hub, wait_idle):
    counts = demo_hub.entries.kind_counts()
    texts = [window.sidebar.tree.item(r).text() for r in range(window.sidebar.tree.rowCount())]
    assert any(text.startswith("Experts") and f"({counts['expert']})" in text for text in texts)
    window.sidebar.select_place(Place("kind", "expert"))
    wait_idle(ctx)
    model = window.entry_list.model
    assert model.rowCount() == counts["expert"]
    assert {model._rows[r].kind for r in range(model.rowCount())} == {"expert"}


def test_sorting_by_updated_comes_from_the_database(window, ctx, wait_idle):
    from PySide6.QtCore import Qt

    from ui.entries.entry_list import COL_UPDATED

    window.entry_list.table.sortByColumn(COL_UPDATED, Qt.SortOrder.DescendingOrder)
    wait_idle(ctx)
    model = window.entry_list.model
    dates = [model._rows[r].updated_at for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_filter_narrows_the_loaded_titles(window, ctx, wait_idle):
    window.entry_list.filter_edit.setText("advies")
    proxy = window.entry_list.proxy
    assert 0 < proxy.rowCount() < window.entry_list.model.rowCount()
    for row in range(proxy.rowCount()):
        assert "advies" in proxy.index(row, 0).data().lower()


def test_internal_link_navigates_and_back_returns(window, ctx, demo_hub, wait_idle):
    source = next(
        row.id for row in demo_hub.entries.list("advice") if demo_hub.entries.links(row.id)
    )
    target = next(link.entry_id for link in demo_hub.entries.links(source) if link.entry_id)
    window.open_entry(source)
    wait_idle(ctx)
    window.entry_view.body.anchorClicked.emit(QUrl(f"entry:{target}"))
    wait_idle(ctx)
    assert window.entry_view.current_id() == target
    window.go_back()
    wait_idle(ctx)
    assert window.entry_view.current_id() == source


def test_backlinks_and_details_are_listed(window, ctx, demo_hub, wait_idle):
    target = next(row.id for row in demo_hub.entries.list() if demo_hub.entries.backlinks(row.id))
    window.open_entry(target)
    wait_idle(ctx)
    assert window.entry_view.backlinks.count() == len(demo_hub.entries.backlinks(target))
    assert window.entry_view.details.toPlainText().strip()


def test_edit_and_save_an_entry(window, ctx, demo_hub, wait_idle, qtbot):
    entry_id = demo_hub.entries.list("practice")[0].id
    window.open_entry(entry_id)
    wait_idle(ctx)
    window.edit_entry(entry_id)
    wait_idle(ctx)
    editor = window.editor
    assert window.page() == "editor"
    editor.text.setPlainText(editor.text.toPlainText() + "\n\nAdded in a UI test (fictional).")
    with qtbot.waitSignal(editor.sig_saved, timeout=10000):
        editor.save_now()
    wait_idle(ctx)
    assert "Added in a UI test" in demo_hub.entries.get(entry_id).body_md
    assert demo_hub.entries.get(entry_id).revision == 2
    assert "Added in a UI test" in window.entry_view.body.toPlainText()


def test_history_shows_a_diff_and_restores(window, ctx, demo_hub, wait_idle):
    entry_id = demo_hub.entries.list("advice")[0].id
    demo_hub.entries.update(entry_id, {"summary": "A changed summary for the history test."})
    window.open_entry(entry_id)
    wait_idle(ctx)
    window.show_history(entry_id)
    wait_idle(ctx)
    dialog = window.history
    assert dialog.revisions.count() == 2
    dialog.revisions.setCurrentRow(1)  # the older revision
    wait_idle(ctx)
    assert "A changed summary" in dialog.diff.toPlainText()
    dialog.restore(1)
    wait_idle(ctx)
    record = demo_hub.entries.get(entry_id)
    assert record.revision == 3 and "A changed summary" not in record.summary


def test_search_and_open_a_result(window, ctx, demo_hub, wait_idle, qtbot):
    window.show_search()
    panel = window.search
    with qtbot.waitSignal(panel.sig_searched, timeout=10000):
        panel.run_query("grooming")
    assert panel.model.rowCount() > 0
    first = panel.model.index(0, 0)
    panel.results.setCurrentIndex(first)
    panel.results.activated.emit(first)
    wait_idle(ctx)
    assert window.page() == "browse"
    assert window.entry_view.current_id() == panel.model.row_at(0).id


def test_saved_search_in_the_sidebar_runs_it(window, ctx, demo_hub, wait_idle, qtbot):
    demo_hub.search.save("Grooming notes", "grooming")
    window.sidebar.refresh()
    wait_idle(ctx)
    with qtbot.waitSignal(window.search.sig_searched, timeout=10000):
        window.sidebar.select_place(Place("saved", "Grooming notes"))
    assert window.page() == "search"
    assert window.search.query.text() == "grooming"


def test_attachment_save_a_copy(window, ctx, demo_hub, wait_idle, tmp_path):
    entry_id = demo_hub.entries.list("practice")[0].id
    demo_hub.attachments.add(entry_id, "checklist.txt", data=b"fictional checklist\n")
    window.open_entry(entry_id)
    wait_idle(ctx)
    assert window.entry_view.attachments.count() == 1
    attachment_id = demo_hub.attachments.list(entry_id)[0].id
    window.entry_view.save_copy_to(attachment_id, tmp_path / "copy.txt")
    wait_idle(ctx)
    assert (tmp_path / "copy.txt").read_bytes() == b"fictional checklist\n"


def test_a_huge_entry_renders_without_freezing(window, ctx, demo_hub, wait_idle, qtbot):
    paragraph = "Fictional guidance paragraph with **emphasis** and a [[missing page]].\n\n"
    body = "# Huge note\n\n" + paragraph * (1_000_000 // len(paragraph))
    record = demo_hub.entries.add("advice", {"title": "A very long advice note", "body": body})
    started = time.perf_counter()
    window.open_entry(record.id)
    qtbot.waitUntil(lambda: window.entry_view.current_id() == record.id, timeout=60000)
    elapsed = time.perf_counter() - started
    assert len(window.entry_view.body.toPlainText()) > 500_000
    assert elapsed < 60


def test_window_title_never_shows_content(window, ctx, demo_hub, wait_idle):
    entry = demo_hub.entries.list()[0]
    window.open_entry(entry.id)
    wait_idle(ctx)
    assert window.windowTitle() == "Expertise Hub"


def test_every_input_has_an_accessible_name(window):
    kinds = (QLineEdit, QComboBox, QAbstractItemView, QTextEdit)
    missing = [
        f"{type(w).__name__}:{w.objectName()}"
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(window)
        and not w.accessibleName()
        and not isinstance(w, QHeaderView)  # announced through its table
        and not isinstance(w.parent(), QComboBox)  # a combo's own line edit or popup
    ]
    assert missing == []


def test_shortcuts_reach_every_main_action(window):
    shortcuts = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    for key in ("Ctrl+L", "Ctrl+K", "Ctrl+E", "Ctrl+H", "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+F"):
        assert key in shortcuts


def test_clear_all_empties_every_view(window, ctx, wait_idle):
    window.entry_list.table.selectRow(0)
    wait_idle(ctx)
    window.clear_all()
    assert window.entry_list.model.rowCount() == 0
    assert window.sidebar.tree.rowCount() == 0
    assert window.entry_view.current_id() is None
    assert window.entry_view.body.toPlainText() == ""
    assert window.entry_view.details.toPlainText() == ""


def test_course_packs_in_the_sidebar_open_the_course_view(window, ctx, wait_idle):
    window.sidebar.select_place(Place("courses"))
    wait_idle(ctx)
    assert window.page() == "courses"
    assert type(window.courses).__name__ == "CoursePackView"


def test_list_context_menu_offers_edit_history_and_course_packs(window, ctx, wait_idle, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QMenu

    window.entry_list.table.selectRow(0)
    wait_idle(ctx)
    window._list_menu(QPoint(5, 5))
    menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
    texts = [action.text() for action in menu.actions()]
    assert texts[:2] == ["&Edit", "&History…"]
    assert any("course pack" in text for text in texts)
    menu.close()
