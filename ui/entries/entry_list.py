"""The entry list: a paged table model, so 100k entries scroll like 100.

Rows arrive a page at a time through `canFetchMore`/`fetchMore`; each page is
read by the serial worker (ARCHITECTURE §11.4), never on the UI thread. Sorting is
done by the database (`hub.entries.list(order=…)`), because sorting only the
pages already loaded would show a wrong order. The text filter narrows the
loaded rows; the view keeps fetching pages while the filtered rows do not fill
it, so a filter still finds titles further down.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from expertise import Change, EntrySummary
from ui.context import AppContext
from ui.labels import kind_label, status_label
from ui.plaintext import tooltip_text
from ui.shell.banner import level_of
from ui.tasks import Progress

PAGE_SIZE = 200
SUPERSEDED_GREY = "#80868F"  # readable on the light and the dark palette
RELOAD_CAP = 5 * PAGE_SIZE
NARROW, NARROWER = 500, 420  # list widths (px) below which a column gives way
COL_TITLE, COL_KIND, COL_CLASS, COL_STATUS, COL_UPDATED = range(5)
# Orders the database can give: (column, ascending?) → hub.entries.list(order=…).
ORDERS = {COL_TITLE: ("title", True), COL_KIND: ("kind", True), COL_UPDATED: ("updated", False)}
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ListQuery:
    kind: str | None = None
    tag: str | None = None
    theme: str | None = None


class EntryListModel(QAbstractTableModel):
    sig_loading = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[EntrySummary] = []
        self._query = ListQuery()
        self._order = "title"
        self._exhausted = True
        self._loading = False
        self._generation = 0  # answers for an older query are dropped

    # -- loading ---------------------------------------------------------------
    def set_query(self, query: ListQuery, keep_loaded: int = 0) -> None:
        self._query = query
        self._restart(keep_loaded)

    def reload(self) -> None:
        self._restart(min(len(self._rows), RELOAD_CAP))

    def _restart(self, first_page: int) -> None:
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._loading = False
        self._generation += 1
        self.endResetModel()
        self._fetch(max(first_page, PAGE_SIZE))

    def clear(self) -> None:
        """Forget every row (lock): nothing is fetched until a new query."""
        self.beginResetModel()
        self._rows = []
        self._exhausted = True
        self._loading = False
        self._generation += 1
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not parent.isValid():
            self._fetch(PAGE_SIZE)

    def _fetch(self, count: int) -> None:
        if self._loading or self._exhausted:
            return
        self._loading = True
        self.sig_loading.emit(True)
        generation, query, order, offset = (
            self._generation,
            self._query,
            self._order,
            len(self._rows),
        )
        hub = self._ctx.hub

        def job(_: Progress) -> list[EntrySummary]:
            return hub.entries.list(
                query.kind,
                tag=query.tag,
                theme=query.theme,
                order=order,
                limit=count,
                offset=offset,
            )

        self._ctx.runner.submit(
            job,
            lambda rows: self._arrived(generation, count, rows),
            lambda _error: self._failed(generation),
        )

    def _arrived(self, generation: int, asked: int, rows: list[EntrySummary]) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = len(rows) < asked
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.sig_loading.emit(False)

    def _failed(self, generation: int) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        if generation == self._generation:
            self._loading = False
            self._exhausted = True
            self.sig_loading.emit(False)

    # -- sorting by the database ---------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in ORDERS or ORDERS[column][0] == self._order:
            return
        self._order = ORDERS[column][0]
        self._restart(0)

    def sort_indicator(self) -> tuple[int, Qt.SortOrder]:
        for column, (name, ascending) in ORDERS.items():
            if name == self._order:
                up = Qt.SortOrder.AscendingOrder
                return column, up if ascending else Qt.SortOrder.DescendingOrder
        return COL_TITLE, Qt.SortOrder.AscendingOrder

    # -- the table ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [
            self.tr("Title"),
            self.tr("Kind"),
            self.tr("Classification"),
            self.tr("Status"),
            self.tr("Updated"),
        ]
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(f"{row.title}\n{self._text(row, COL_STATUS)}")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.status != "current":
            return QColor(SUPERSEDED_GREY)  # drafts and superseded entries step back
        if role == Qt.ItemDataRole.DecorationRole and index.column() == COL_CLASS:
            return QColor(level_of(row.classification).colour)
        return None

    def _text(self, row: EntrySummary, column: int) -> str:
        if column == COL_TITLE:
            return row.title
        if column == COL_KIND:
            return kind_label(row.kind)
        if column == COL_CLASS:
            return level_of(row.classification).label(self._ctx.language)
        if column == COL_STATUS:
            text = status_label(row.status)
            return self.tr("{status} · review due").format(status=text) if row.stale else text
        return row.updated_at.strftime("%Y-%m-%d")

    def entry_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == entry_id), -1)

    @property
    def loading(self) -> bool:
        return self._loading


class TitleFilter(QSortFilterProxyModel):
    """Filters loaded rows by title; sorting goes to the source (the database)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(COL_TITLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)


class EntryList(QWidget):
    sig_entry_selected = Signal(str)
    sig_entry_activated = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EntryListModel(ctx, self)
        self.proxy = TitleFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.table = QTableView(self)
        self._pending_select: str | None = None
        self._one_kind = False
        self._build()
        self._reload_timer = QTimer(self, singleShot=True, interval=300)
        self._reload_timer.timeout.connect(self.model.reload)
        ctx.events.sig_changed.connect(self._on_changed)
        self.model.rowsInserted.connect(self._select_pending)

    def _build(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter titles…"))
        self.filter_edit.setAccessibleName(self.tr("Filter the list by title"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        table = self.table
        table.setObjectName("entryList")
        table.setAccessibleName(self.tr("Entries"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        # Fixed row heights: the view never measures 100k rows.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_KIND, 125), (COL_CLASS, 115), (COL_UPDATED, 90)):
            header.resizeSection(column, width)
        # Status shows in the tooltip and the reading pane; the list keeps room for titles.
        table.setColumnHidden(COL_STATUS, True)
        table.setSortingEnabled(True)
        header.setSortIndicator(*self.model.sort_indicator())
        header.sortIndicatorChanged.connect(self._sync_indicator)
        table.selectionModel().currentRowChanged.connect(self._on_current)
        table.activated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(table)
        self.setFocusProxy(table)

    def _sync_indicator(self, *_: object) -> None:
        # Only some orders exist in the database; show the one really used.
        header = self.table.horizontalHeader()
        column, order = self.model.sort_indicator()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)

    def set_query(self, query: ListQuery) -> None:
        self._one_kind = query.kind is not None
        self._fit_columns()
        self.model.set_query(query)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        # Titles come first: a narrow list drops the date, then the kind (also
        # within one kind, where it says nothing). Both stay in the reading pane.
        width = self.width()
        self.table.setColumnHidden(COL_UPDATED, width < NARROW)
        self.table.setColumnHidden(COL_KIND, self._one_kind or width < NARROWER)

    def _entry_at(self, proxy_index: QModelIndex) -> str | None:
        if not proxy_index.isValid():
            return None
        return self.model.entry_id(self.proxy.mapToSource(proxy_index).row())

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry_id = self._entry_at(current)
        if entry_id:
            self.sig_entry_selected.emit(entry_id)

    def _on_activated(self, index: QModelIndex) -> None:
        entry_id = self._entry_at(index)
        if entry_id:
            self.sig_entry_activated.emit(entry_id)

    def current_entry_id(self) -> str | None:
        return self._entry_at(self.table.currentIndex())

    def select_entry(self, entry_id: str) -> bool:
        """Select `entry_id` if loaded, else once its page arrives."""
        row = self.model.row_of(entry_id)
        if row < 0:
            self._pending_select = entry_id
            return False
        self._pending_select = None
        index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        return index.isValid()

    def _select_pending(self, *_: object) -> None:
        if self._pending_select and self.model.row_of(self._pending_select) >= 0:
            self.select_entry(self._pending_select)

    def _on_changed(self, change: Change) -> None:
        if change.entry_ids or change.deleted_ids:
            self._pending_select = self._pending_select or self.current_entry_id()
            self._reload_timer.start()

    def clear(self) -> None:
        self._reload_timer.stop()
        self._pending_select = None
        self.filter_edit.clear()
        self.model.clear()
