"""The barrier-model view: the matrix as a heat map, and the entries of the chosen cell.

Clicking a cell lists the measures and open bottlenecks it counts; activating
a line opens that entry in the reading pane (the main window listens to
`sig_open_entry`). Every hub call runs on ctx.runner; an answer for an older
request is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from expertise import CLASSIFICATIONS, BarrierMatrix, Change, EntrySummary, Heading
from ui.barrier.heat import HeatScale
from ui.barrier.model import MatrixModel
from ui.context import AppContext
from ui.labels import kind_label
from ui.plaintext import buddy_label, plain_label, set_plain_tooltip
from ui.shell.banner import level_of
from ui.shell.theme import styled_label

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
FRAME_WIDTH = 3  # the chosen cell is framed, so its heat colour stays visible


class HeatDelegate(QStyledItemDelegate):
    """Paints a chosen cell with its own colours and a frame instead of the selection fill."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            pen = QPen(option.palette.highlight(), FRAME_WIDTH)
            painter.setPen(pen)
            inset = FRAME_WIDTH // 2 + 1
            painter.drawRect(option.rect.adjusted(inset, inset, -inset, -inset))
            painter.restore()


class BarrierView(QWidget):
    sig_open_entry = Signal(str)
    sig_loaded = Signal()  # the matrix is on screen (tests, screenshots)
    sig_cell_loaded = Signal()  # the entries of the chosen cell are listed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._generation = 0
        self._place: tuple[Heading, Heading] | None = None
        self.model = MatrixModel(self)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(0)  # coalesces a burst of change notifications
        self._reload.timeout.connect(self.refresh)
        self._build()
        ctx.events.sig_changed.connect(self._on_changed)

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        heading = styled_label(self.tr("Barrier model"), self, "entryTitle")
        legend = plain_label(
            self.tr(
                "Each cell: measures (advice notes, innovation projects, best practices) / "
                "open bottlenecks with that theme and phase. Click a cell to list them."
            ),
            self,
            wrap=True,
        )
        self.ceiling = QComboBox(self)
        for key in CLASSIFICATIONS:
            self.ceiling.addItem(level_of(key).label(self._ctx.language), key)
        self.ceiling.setCurrentIndex(len(CLASSIFICATIONS) - 1)
        self.ceiling.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(buddy_label(self.tr("Count up to &level:"), self, self.ceiling))
        top.addWidget(self.ceiling)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._table())
        splitter.addWidget(self._cell_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._legend(legend))
        layout.addWidget(splitter, 1)

    def _legend(self, text: QWidget) -> QHBoxLayout:
        self.scale_low = plain_label("", self)
        self.scale_high = plain_label("", self)
        row = QHBoxLayout()
        row.addWidget(text, 1)
        row.addWidget(self.scale_low)
        row.addWidget(HeatScale(self))
        row.addWidget(self.scale_high)
        return row

    def _table(self) -> QTableView:
        table = self.table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Barrier model: themes by phase"))
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setItemDelegate(HeatDelegate(table))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.clicked.connect(self.open_cell)
        table.activated.connect(self.open_cell)
        return table

    def _cell_panel(self) -> QWidget:
        panel = QWidget(self)
        self.cell_title = plain_label(self.tr("Choose a cell to see its entries."), panel)
        self.entries = QListWidget(panel)
        self.entries.setAccessibleName(self.tr("Entries of the chosen cell"))
        self.entries.itemActivated.connect(self._open_entry)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cell_title)
        layout.addWidget(self.entries, 1)
        return panel

    # -- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.model.matrix() is None:  # loaded when first shown, not with the window
            self.refresh()

    def current_ceiling(self) -> str:
        return str(self.ceiling.currentData())

    def refresh(self) -> None:
        self._generation += 1
        seq, hub, ceiling = self._generation, self._ctx.hub, self.current_ceiling()
        self._ctx.runner.submit(
            lambda _p: hub.barrier.matrix(ceiling), on_done=lambda grid: self._show(seq, grid)
        )

    def _show(self, seq: int, grid: BarrierMatrix) -> None:
        if seq != self._generation:
            return
        self.model.set_matrix(grid, self._ctx.language)
        self.table.resizeRowsToContents()
        highest = grid.highest()
        self.scale_low.setText("1" if highest else "")
        self.scale_high.setText(str(highest) if highest else self.tr("nothing counted"))
        if self._place is not None:
            self._load_cell(*self._place)
        self.sig_loaded.emit()

    def open_cell(self, index: QModelIndex) -> None:
        place = self.model.place(index)
        if place is not None:
            self._place = place
            self._load_cell(*place)

    def select_cell(self, theme: str, phase: str) -> None:
        """Choose the cell of `theme` and `phase` as a click would."""
        grid = self.model.matrix()
        if grid is None:
            return
        rows = [h.key for h in grid.themes]
        columns = [h.key for h in grid.phases]
        if theme in rows and phase in columns:
            index = self.model.index(rows.index(theme), columns.index(phase))
            self.table.setCurrentIndex(index)
            self.open_cell(index)

    def _load_cell(self, theme: Heading, phase: Heading) -> None:
        language = self._ctx.language
        self.cell_title.setText(
            self.tr("{theme} × {phase}").format(
                theme=theme.label(language), phase=phase.label(language)
            )
        )
        self._generation += 1
        seq, hub, ceiling = self._generation, self._ctx.hub, self.current_ceiling()
        self._ctx.runner.submit(
            lambda _p: hub.barrier.cell_entries(theme.key, phase.key, ceiling),
            on_done=lambda rows: self._show_cell(seq, rows),
        )

    def _show_cell(self, seq: int, rows: list[EntrySummary]) -> None:
        if seq != self._generation:
            return
        self.entries.clear()
        for row in rows:
            label = kind_label(row.kind)
            # Titles often start with their kind ("Advies: …"); no need to say it twice.
            said = row.title.casefold().startswith(label.casefold())
            text = row.title if said else f"{label}: {row.title}"
            item = QListWidgetItem(text, self.entries)
            item.setData(ENTRY_ROLE, row.id)
            set_plain_tooltip(item, text)
        if not rows:
            QListWidgetItem(self.tr("No measures or open bottlenecks here."), self.entries)
        self.sig_cell_loaded.emit()

    def listed_ids(self) -> list[str]:
        found = (self.entries.item(i) for i in range(self.entries.count()))
        return [str(item.data(ENTRY_ROLE)) for item in found if item and item.data(ENTRY_ROLE)]

    def _open_entry(self, item: QListWidgetItem) -> None:
        entry_id = item.data(ENTRY_ROLE)
        if entry_id:
            self.sig_open_entry.emit(str(entry_id))

    # -- changes and lock ---------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        if change.entry_ids or change.deleted_ids or change.kinds:
            self._reload.start()

    def clear(self) -> None:
        """Forget everything shown (lock)."""
        self._generation += 1
        self._reload.stop()
        self._place = None
        self.model.set_matrix(None, self._ctx.language)
        self.entries.clear()
        self.cell_title.setText(self.tr("Choose a cell to see its entries."))
