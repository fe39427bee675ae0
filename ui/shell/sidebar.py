"""The sidebar: kinds, course packs, saved searches, themes and tags, with counts.

Each item carries a `Place` (what to show), so the main window never parses
item texts. Counts are read by the worker in one job and the tree is rebuilt
in one go, keeping the selection.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget
from shiboken6 import isValid

from expertise import KINDS, Change, Label
from ui.context import AppContext
from ui.labels import kind_plural
from ui.plaintext import set_plain_tooltip
from ui.tasks import Progress

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Place:
    """Where the user is: 'all', 'kind', 'courses', 'barrier', 'upkeep', 'saved', 'theme'
    or 'tag', and a key."""

    what: str
    key: str | None = None


@dataclass(frozen=True)
class SidebarData:
    counts: dict[str, int]
    saved: list[tuple[str, str, str | None]]
    themes: list[Label]
    tags: list[Label]


class Sidebar(QTreeView):
    sig_place = Signal(object)  # Place

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.tree = QStandardItemModel(self)
        self.setModel(self.tree)
        self.setObjectName("sidebar")
        self.setAccessibleName(self.tr("Sections"))
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self._place = Place("all")
        self._quiet = False
        self._saved: dict[str, tuple[str, str | None]] = {}
        self._build(SidebarData({}, [], [], []))
        self.selectionModel().currentChanged.connect(self._on_current)
        ctx.events.sig_changed.connect(self._on_changed)

    # -- labels -----------------------------------------------------------------
    @staticmethod
    def _with_count(text: str, count: int | None) -> str:
        return text if count is None else f"{text}  ({count})"

    # -- building ---------------------------------------------------------------
    def refresh(self) -> None:
        hub = self._ctx.hub

        def job(_: Progress) -> SidebarData:
            return SidebarData(
                hub.entries.kind_counts(),
                hub.search.saved(),
                hub.vocabulary.themes(),
                hub.vocabulary.tags(),
            )

        self._ctx.runner.submit(job, self._build)

    def _item(self, text: str, place: Place, accessible: str | None = None) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(place, PLACE_ROLE)
        item.setData(accessible or text, Qt.ItemDataRole.AccessibleTextRole)
        set_plain_tooltip(item, text)  # long theme names are elided in a narrow sidebar
        item.setEditable(False)
        return item

    def _group(self, text: str, children: list[QStandardItem]) -> QStandardItem:
        group = QStandardItem(text)
        group.setEditable(False)
        group.setSelectable(False)
        for child in children:
            group.appendRow(child)
        return group

    def _build(self, data: SidebarData) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        self._quiet = True  # rows come and go: the current row moves, but the user did not
        try:
            self._fill(data)
            self._reselect()
        finally:
            self._quiet = False

    def _fill(self, data: SidebarData) -> None:
        language = self._ctx.language
        self._saved = {name: (query, kind) for name, query, kind in data.saved}
        self.tree.clear()  # replaces the invisible root item too
        root = self.tree.invisibleRootItem()
        total = sum(data.counts.values()) if data.counts else None
        root.appendRow(self._item(self._with_count(self.tr("All entries"), total), Place("all")))
        for kind in KINDS:
            count = data.counts.get(kind, 0) if data.counts else None
            text = self._with_count(kind_plural(kind), count)
            root.appendRow(self._item(text, Place("kind", kind)))
        root.appendRow(self._item(self.tr("Course packs"), Place("courses")))
        root.appendRow(self._item(self.tr("Barrier model"), Place("barrier")))
        root.appendRow(self._item(self.tr("Due for upkeep"), Place("upkeep")))
        saved = [self._item(name, Place("saved", name)) for name in self._saved]
        root.appendRow(self._group(self.tr("Saved searches"), saved))
        themes = [
            self._item(
                self._with_count(t.label_nl if language == "nl" else t.label_en, t.count),
                Place("theme", t.key),
            )
            for t in data.themes
            if t.group == "theme"
        ]
        root.appendRow(self._group(self.tr("Themes"), themes))
        tags = [
            self._item(self._with_count(t.key, t.count), Place("tag", t.key)) for t in data.tags
        ]
        root.appendRow(self._group(self.tr("Tags"), tags))
        self.expand(self.tree.indexFromItem(root.child(root.rowCount() - 3)))
        self.expand(self.tree.indexFromItem(root.child(root.rowCount() - 2)))

    def _reselect(self) -> None:
        self.setCurrentIndex(self._find(self._place) or self.tree.index(0, 0))

    def _find(self, place: Place) -> QModelIndex | None:
        for item in self._walk(self.tree.invisibleRootItem()):
            if item.data(PLACE_ROLE) == place:
                return self.tree.indexFromItem(item)
        return None

    def _walk(self, parent: QStandardItem) -> list[QStandardItem]:
        found: list[QStandardItem] = []
        for row in range(parent.rowCount()):
            child = parent.child(row)
            found.append(child)
            found.extend(self._walk(child))
        return found

    # -- selection --------------------------------------------------------------
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        place = current.data(PLACE_ROLE) if current.isValid() else None
        if isinstance(place, Place) and not self._quiet:
            self._place = place
            self.sig_place.emit(place)

    def place(self) -> Place:
        return self._place

    def select_place(self, place: Place) -> None:
        """Go to `place` (restoring after unlock), even before the counts arrive."""
        self._place = place
        index = self._find(place)
        if index is not None:
            self.setCurrentIndex(index)
        self.sig_place.emit(place)

    def saved_search(self, name: str) -> tuple[str, str | None] | None:
        return self._saved.get(name)

    def _on_changed(self, change: Change) -> None:
        if change.entry_ids or change.deleted_ids or change.reason == "saved-search":
            self.refresh()

    def clear(self) -> None:
        self._saved = {}
        self._quiet = True
        self.tree.clear()
        self._quiet = False
