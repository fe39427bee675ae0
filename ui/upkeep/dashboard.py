"""The upkeep dashboard: reviews due, experts to re-confirm, quiet bottlenecks and cases.

The app shows it as the start page after unlock (ui/app.py). Lines are
grouped by reason; activating a line opens its entry (`sig_open_entry`). Every
hub call runs on ctx.runner; an answer for an older request is dropped.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expertise import DUE_WITHIN_DAYS, REASONS, Change, DueItem
from ui.context import AppContext
from ui.labels import kind_label
from ui.plaintext import buddy_label, plain_label, set_plain_item_tooltip
from ui.shell.theme import styled_label

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
COL_DATE, COL_KIND, COL_TITLE = range(3)


def reason_title(reason: str, within: int) -> str:
    titles = {
        "review_overdue": QCoreApplication.translate("Upkeep", "Review date passed"),
        "review_due": QCoreApplication.translate("Upkeep", "Review due within {days} days"),
        "consent_missing": QCoreApplication.translate("Upkeep", "Experts without recorded consent"),
        "expert_unconfirmed": QCoreApplication.translate(
            "Upkeep", "Experts not confirmed for over a year (consent or verification)"
        ),
        "bottleneck_quiet": QCoreApplication.translate(
            "Upkeep", "Open bottlenecks without a change for 90 days"
        ),
        "case_quiet": QCoreApplication.translate(
            "Upkeep", "Example cases without a follow-up for 90 days"
        ),
    }
    return titles.get(reason, reason).format(days=within)


def date_text(day: date | None) -> str:
    return day.isoformat() if day else QCoreApplication.translate("Upkeep", "never")


class UpkeepDashboard(QWidget):
    sig_open_entry = Signal(str)
    sig_loaded = Signal()  # the list is on screen (tests, screenshots)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._generation = 0
        self._loaded = False
        self.items: list[DueItem] = []
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(0)
        self._reload.timeout.connect(self.refresh)
        self._build()
        ctx.events.sig_changed.connect(self._on_changed)

    def _build(self) -> None:
        heading = styled_label(self.tr("Due for upkeep"), self, "entryTitle")
        self.within = QSpinBox(self)
        self.within.setRange(0, 365)
        self.within.setValue(DUE_WITHIN_DAYS)
        self.within.setSuffix(self.tr(" days"))
        self.within.valueChanged.connect(lambda _v: self._reload.start())
        again = QPushButton(self.tr("&Refresh"), self)
        again.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(buddy_label(self.tr("Reviews due &within:"), self, self.within))
        top.addWidget(self.within)
        top.addWidget(again)
        self.summary = plain_label("", self, wrap=True)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._tree())
        self.empty = styled_label("", self, "paneHint", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)

    def _tree(self) -> QTreeWidget:
        tree = self.tree = QTreeWidget(self)
        tree.setColumnCount(3)
        tree.setHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Title")])
        tree.setAccessibleName(self.tr("Due for upkeep, by reason"))
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setRootIsDecorated(True)
        tree.setUniformRowHeights(True)
        digits = tree.fontMetrics().horizontalAdvance("0000-00-00")
        tree.setColumnWidth(COL_DATE, 2 * tree.indentation() + digits + 24)  # lines sit a level in
        tree.setColumnWidth(COL_KIND, 190)
        tree.itemActivated.connect(self._open)
        return tree

    # -- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._loaded:  # loaded when first shown, not with the window
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        seq, hub, within = self._generation, self._ctx.hub, self.within.value()
        self._ctx.runner.submit(
            lambda _p: hub.upkeep.due(within), on_done=lambda items: self._show(seq, items)
        )

    def _show(self, seq: int, items: list[DueItem]) -> None:
        if seq != self._generation:
            return
        self.items, self._loaded = items, True
        self.tree.clear()
        within = self.within.value()
        for reason in REASONS:
            group = [item for item in items if item.reason == reason]
            if group:
                self._group(reason, group, within)
        self.summary.setText(
            self.tr(
                "{count} lines need attention on {today}. Open a line to go to its entry."
            ).format(count=len(items), today=date.today().isoformat())
            if items
            else ""
        )
        self.empty.setText(
            self.tr(
                "Nothing is due: no review date passed or within {days} days, every expert "
                "confirmed within the year, no quiet bottleneck or example case."
            ).format(days=within)
        )
        self.pages.setCurrentIndex(0 if items else 1)
        self.sig_loaded.emit()

    def _group(self, reason: str, group: list[DueItem], within: int) -> None:
        title = f"{reason_title(reason, within)} ({len(group)})"
        top = QTreeWidgetItem(self.tree, [title])
        top.setFirstColumnSpanned(True)
        top.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        for item in group:
            line = QTreeWidgetItem(top, [date_text(item.date), kind_label(item.kind), item.title])
            line.setData(0, ENTRY_ROLE, item.entry_id)
            set_plain_item_tooltip(line, COL_TITLE, item.title)
        top.setExpanded(True)

    def lines(self) -> list[QTreeWidgetItem]:
        """Every line that opens an entry, in the order shown."""
        found: list[QTreeWidgetItem] = []
        for row in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(row)
            children = (top.child(i) for i in range(top.childCount())) if top else ()
            found.extend(child for child in children if child is not None)
        return found

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry_id = item.data(0, ENTRY_ROLE)
        if entry_id:
            self.sig_open_entry.emit(str(entry_id))

    # -- changes and lock ---------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        if change.entry_ids or change.deleted_ids:
            self._reload.start()

    def clear(self) -> None:
        """Forget everything shown (lock)."""
        self._generation += 1
        self._reload.stop()
        self.items, self._loaded = [], False
        self.tree.clear()
        self.summary.setText("")
        self.empty.setText("")
