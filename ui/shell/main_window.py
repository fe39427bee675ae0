"""The main window: composes the views and owns menus, shortcuts and the status bar.

It holds no data logic: each view loads its own data through the context,
and the window only wires signals between them (ARCHITECTURE §11.8). Locking,
settings and quitting are requests to the application (ui/app/application.py), which owns
the hub's lifecycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QStackedWidget, QWidget

from ui.barrier.view import BarrierView
from ui.context import AppContext
from ui.courses.menu import add_to_pack_menu
from ui.courses.view import CoursePackView
from ui.editor.editor import EntryEditor
from ui.entries.entry_list import EntryList, ListQuery
from ui.entries.entry_view import EntryView
from ui.entries.history_dialog import HistoryDialog
from ui.experts.finder import ExpertFinder
from ui.plaintext import plain_label
from ui.search.panel import SearchPanel
from ui.shell.banner import level_of
from ui.shell.jobs import LongJobs
from ui.shell.menus import MainMenus
from ui.shell.read_only import apply_read_only, is_read_only
from ui.shell.sidebar import Place, Sidebar
from ui.team.conflicts_dialog import ConflictsDialog
from ui.team.members_dialog import TeamDialog
from ui.team.sync_status import SyncStatus
from ui.upkeep.dashboard import UpkeepDashboard

if TYPE_CHECKING:
    from ui.editor.drafts import EditorDraft

PAGES = ("browse", "search", "experts", "courses", "editor", "barrier", "upkeep")
OVERVIEWS = ("barrier", "upkeep")  # pages that are also places in the sidebar


@dataclass(frozen=True)
class ViewState:
    """Where the user was; kept in memory across a lock, never written anywhere."""

    place: Place
    page: str
    entry_id: str | None


class MainWindow(QMainWindow):
    sig_lock = Signal()
    sig_settings = Signal()
    sig_quit = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Expertise Hub"))  # never content: titles leak to task bars
        self.sidebar = Sidebar(ctx, self)
        self.entry_list = EntryList(ctx, self)
        self.entry_view = EntryView(ctx, self)
        self.search = SearchPanel(ctx, self)
        self.experts = ExpertFinder(ctx, self)
        self.courses = CoursePackView(ctx, self)
        self.editor = EntryEditor(ctx, self)
        self.barrier = BarrierView(ctx, self)
        self.upkeep = UpkeepDashboard(ctx, self)
        self.stack = QStackedWidget(self)
        self.jobs = LongJobs(ctx, self)
        self.history: HistoryDialog | None = None
        self._back: list[str] = []
        self._status_lock = plain_label(self.tr("Unlocked"), self)
        self._status_class = plain_label("", self)
        self.sync = SyncStatus(ctx, self)  # background team sync (ui/team/)
        self._build()
        self._wire()
        self.menus = MainMenus(self)  # File, Entry, Go (ui/shell/menus.py)
        # Actions that write: off on a read-only hub (ui/shell/read_only.py).
        self.editing_actions: list[QAction] = self.menus.editing_actions
        apply_read_only(self)

    # -- composition -------------------------------------------------------------
    def _build(self) -> None:
        browse = self.browse = QSplitter(Qt.Orientation.Horizontal, self)
        browse.addWidget(self.entry_list)
        browse.addWidget(self.entry_view)
        browse.setSizes([520, 520])
        browse.setChildrenCollapsible(False)
        pages = (browse, self.search, self.experts, self.courses, self.editor)
        for page in (*pages, self.barrier, self.upkeep):
            self.stack.addWidget(page)
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(self.sidebar)
        main.addWidget(self.stack)
        main.setStretchFactor(1, 1)
        main.setSizes([265, 1015])
        main.setChildrenCollapsible(False)
        self.setCentralWidget(main)
        self.statusBar().addPermanentWidget(self.sync.label)
        self.statusBar().addPermanentWidget(self.sync.button)
        self.statusBar().addPermanentWidget(self._status_class)
        self.statusBar().addPermanentWidget(self._status_lock)
        self.resize(1280, 800)

    def _wire(self) -> None:
        self.sidebar.sig_place.connect(self.go_to)
        self.entry_list.sig_entry_selected.connect(self.entry_view.show_entry)
        self.entry_list.sig_entry_activated.connect(lambda _id: self.entry_view.body.setFocus())
        table = self.entry_list.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._list_menu)
        self.entry_view.sig_open_entry.connect(self.follow_link)
        self.entry_view.sig_edit.connect(self.edit_entry)
        self.entry_view.sig_history.connect(self.show_history)
        self.entry_view.sig_status.connect(self.show_message)
        self.entry_view.sig_shown.connect(self._entry_shown)
        for view in (self.search, self.experts, self.courses, self.barrier, self.upkeep):
            view.sig_open_entry.connect(self.open_entry)
        self.editor.sig_open_entry.connect(self.open_entry)
        self.editor.sig_saved.connect(self.entry_view.show_entry)
        self.editor.sig_closed.connect(self._editor_closed)
        self.jobs.sig_message.connect(self.show_message)

    def show_conflicts(self) -> ConflictsDialog:
        dialog = ConflictsDialog(self.ctx, self)
        dialog.sig_resolved.connect(lambda _id: self.sync.sync_now())
        dialog.show()
        return dialog

    def show_team(self) -> TeamDialog:
        dialog = TeamDialog(self.ctx, self)
        # The dialog holds a typed password in hub.team for this session: the round uses it.
        dialog.sig_changed.connect(self.sync.sync_now)
        dialog.show()
        return dialog

    # -- navigation --------------------------------------------------------------
    def show_page(self, name: str) -> None:
        self.stack.setCurrentIndex(PAGES.index(name))
        page = self.stack.currentWidget()
        if page is not None:
            page.setFocus()

    def page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def go_to(self, place: Place) -> None:
        if place.what in ("courses", *OVERVIEWS):
            self.show_page(place.what)
        elif place.what == "saved" and place.key:
            self._run_saved(place.key)
        else:
            query = ListQuery(
                kind=place.key if place.what == "kind" else None,
                tag=place.key if place.what == "tag" else None,
                theme=place.key if place.what == "theme" else None,
            )
            self.entry_list.set_query(query)
            self.stack.setCurrentIndex(PAGES.index("browse"))

    def _run_saved(self, name: str) -> None:
        saved = self.sidebar.saved_search(name)
        self.show_search()
        if saved:
            self.search.run_query(saved[0])

    def show_search(self) -> None:
        self.stack.setCurrentIndex(PAGES.index("search"))
        self.search.focus_query()

    def open_entry(self, entry_id: str) -> None:
        """Show one entry in the reading pane (from search, experts, course packs)."""
        current = self.entry_view.current_id()
        if current and current != entry_id:
            self._back.append(current)
        self.stack.setCurrentIndex(PAGES.index("browse"))
        self.entry_list.select_entry(entry_id)
        self.entry_view.show_entry(entry_id)

    def follow_link(self, entry_id: str) -> None:
        self.open_entry(entry_id)
        self.entry_view.body.setFocus()

    def go_back(self) -> None:
        if self._back:
            entry_id = self._back.pop()
            self.stack.setCurrentIndex(PAGES.index("browse"))
            self.entry_view.show_entry(entry_id)

    def focus_list(self) -> None:
        self.stack.setCurrentIndex(PAGES.index("browse"))
        self.entry_list.table.setFocus()

    def focus_filter(self) -> None:
        self.stack.setCurrentIndex(PAGES.index("browse"))
        self.entry_list.filter_edit.setFocus()
        self.entry_list.filter_edit.selectAll()

    def _list_menu(self, position: QPoint) -> None:
        entry_id = self.entry_list.current_entry_id()
        if not entry_id:
            return
        menu = QMenu(self)
        edit = menu.addAction(self.tr("&Edit"), lambda: self.edit_entry(entry_id))
        edit.setEnabled(not is_read_only(self.ctx.hub))
        menu.addAction(self.tr("&History…"), lambda: self.show_history(entry_id))
        menu.addMenu(add_to_pack_menu(self.ctx, [entry_id], menu))
        menu.popup(self.entry_list.table.viewport().mapToGlobal(position))

    # -- editing and history ------------------------------------------------------
    def new_entry(self, kind: str) -> None:
        if is_read_only(self.ctx.hub):
            return
        self.editor.new_entry(kind)
        self.show_page("editor")

    def edit_entry(self, entry_id: str | None) -> None:
        if not entry_id or is_read_only(self.ctx.hub):  # no row chosen: nothing to open
            return
        self.editor.load(entry_id)
        self.show_page("editor")

    def edit_current(self) -> None:
        entry_id = self.entry_view.current_id()
        if entry_id:
            self.edit_entry(entry_id)

    def _editor_closed(self) -> None:
        self.stack.setCurrentIndex(PAGES.index("browse"))
        self.entry_list.table.setFocus()

    def show_history(self, entry_id: str) -> None:
        if self.history is not None:
            self.history.close()
        self.history = HistoryDialog(self.ctx, entry_id, self)
        self.history.sig_restored.connect(self.entry_view.show_entry)
        self.history.open()

    def history_current(self) -> None:
        entry_id = self.entry_view.current_id()
        if entry_id:
            self.show_history(entry_id)

    # -- status ----------------------------------------------------------------------
    def set_lock_status(self, text: str) -> None:
        self._status_lock.setText(text)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _entry_shown(self, _entry_id: str, classification: str) -> None:
        label = level_of(classification).label(self.ctx.language)
        self._status_class.setText(self.tr("Open entry: {level}").format(level=label))

    # -- state across lock and language switch -------------------------------------------
    def view_state(self) -> ViewState:
        return ViewState(self.sidebar.place(), self.page(), self.entry_view.current_id())

    def restore(self, state: ViewState | None) -> None:
        self.sidebar.refresh()
        if state is None:
            self.sidebar.select_place(Place("all"))
            return
        self.sidebar.select_place(state.place)
        if state.entry_id:
            self.entry_list.select_entry(state.entry_id)
            self.entry_view.show_entry(state.entry_id)
            if state.page == "editor":
                self.edit_entry(state.entry_id)
        if state.page in ("search", "experts", "courses", *OVERVIEWS):
            self.show_page(state.page)

    def show_start_page(self) -> None:
        """After a fresh unlock: what is due for upkeep (ui/upkeep/dashboard.py)."""
        self.sidebar.select_place(Place("upkeep"))

    def take_drafts(self) -> list[EditorDraft]:
        """The editor's unsaved text (ui/app/draft_keeper.py keeps it across a lock)."""
        return list(self.editor.take_drafts())

    def offer_drafts(self, drafts: list[EditorDraft]) -> None:
        if not drafts:
            return
        for draft in drafts:
            self.editor.offer_draft(draft)
        self.show_page("editor")

    def clear_all(self) -> None:
        """Empty every view and model (lock): nothing of the hub stays on screen.

        Unsaved editor text is dropped here: take_drafts() first to keep it.
        """
        if self.history is not None:
            self.history.clear()
            self.history.close()
            self.history = None
        self._back.clear()
        views = (self.search, self.experts, self.courses, self.editor, self.barrier, self.upkeep)
        for view in views:
            view.clear()
        self.entry_view.clear()
        self.entry_list.clear()
        self.sidebar.clear()
        self._status_class.clear()
        self.statusBar().clearMessage()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        # Closing the window quits, and quitting locks (S6); the app decides.
        event.ignore()
        self.sig_quit.emit()
