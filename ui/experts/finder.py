"""Find an expert: a topic in, experts ranked by their areas and by what they wrote or led.

The ranking runs on the search runner (index only). The reasons arrive as
plain strings, matched areas first and entry titles after; a second short
step on the Hub runner tells the two apart so the list can say which is which.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertise import ExpertHit, Hub, HubError
from ui.context import AppContext
from ui.experts.delegate import ITEM_ROLE, ExpertDelegate, ExpertItem
from ui.plaintext import plain_label, set_plain_tooltip

DEBOUNCE_MS = 300
LIMIT = 20


def work_titles(hub: Hub, reasons: set[str]) -> set[str]:
    """Which reasons are titles of entries (the rest are areas of expertise)."""
    return {reason for reason in reasons if hub.entries.find_by_title(reason) is not None}


def to_item(rank: int, hit: ExpertHit, best: float) -> ExpertItem:
    share = round(100 * hit.score / best) if best > 0 else 0
    return ExpertItem(hit.id, rank, hit.title, share, tuple(hit.reasons))


class _ResultList(QListWidget):
    sig_activate = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.sig_activate.emit()
            return
        super().keyPressEvent(event)


class ExpertFinder(QWidget):
    sig_open_entry = Signal(str)
    sig_found = Signal()  # results on screen (tests, status bar)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._seq = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.find_now)
        self._build()
        self.clear()

    def _build(self) -> None:
        heading = plain_label(self.tr("Find an expert"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.topic = QLineEdit(self)
        self.topic.setPlaceholderText(
            self.tr("Topic, e.g. grooming, live streaming, victim identification")
        )
        self.topic.setAccessibleName(self.tr("Topic"))
        self.topic.setClearButtonEnabled(True)
        self.topic.textEdited.connect(lambda _t: self._timer.start())
        self.topic.returnPressed.connect(self.find_now)
        find = QPushButton(self.tr("Find"), self)
        find.clicked.connect(self.find_now)
        self.status = plain_label("", self)
        self.status.setWordWrap(True)
        self.results = self._list()
        row = QHBoxLayout()
        row.addWidget(self.topic, 1)
        row.addWidget(find)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.setTabOrder(self.topic, self.results)

    def _list(self) -> _ResultList:
        view = _ResultList(self)
        view.setAccessibleName(self.tr("Experts found"))
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setItemDelegate(ExpertDelegate(self.tr("Areas:"), self.tr("Wrote or led:"), view))
        view.itemActivated.connect(self._open)
        view.sig_activate.connect(lambda: self._open(view.currentItem()))
        return view

    # -- public API ----------------------------------------------------------------
    def clear(self) -> None:
        self._timer.stop()
        self._seq += 1
        self.topic.clear()
        self.results.clear()
        self.status.setText(
            self.tr(
                "Experts are ranked by their areas of expertise and by "
                "the entries they wrote, own or lead."
            )
        )

    def focus_topic(self) -> None:
        self.topic.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def find_topic(self, topic: str) -> None:
        self.topic.setText(topic)
        self.find_now()

    def find_now(self) -> None:
        self._timer.stop()
        topic = self.topic.text().strip()
        self._seq += 1
        seq, hub = self._seq, self._ctx.hub
        if not topic:
            self.results.clear()
            return
        self.status.setText(self.tr("Searching…"))
        self._ctx.search_runner.submit(
            lambda _p: hub.search.experts(topic, LIMIT),
            on_done=lambda hits: self._show(seq, hits),
            on_failed=lambda error: self._failed(seq, error),
        )

    def items(self) -> list[ExpertItem]:
        found = (self.results.item(i) for i in range(self.results.count()))
        return [item.data(ITEM_ROLE) for item in found if item is not None]

    # -- results ---------------------------------------------------------------------
    def _show(self, seq: int, hits: list[ExpertHit]) -> None:
        if seq != self._seq:
            return
        self.results.clear()
        best = max((hit.score for hit in hits), default=0.0)
        for rank, hit in enumerate(hits, start=1):
            self._add(to_item(rank, hit, best))
        if hits:
            self.results.setCurrentRow(0)
            self.status.setText(self.tr("{count} experts found").format(count=len(hits)))
            self._sort_reasons(seq, {r for hit in hits for r in hit.reasons})
        else:
            self.status.setText(self.tr("No expert found for this topic."))
        self.sig_found.emit()

    def _add(self, expert: ExpertItem) -> None:
        item = QListWidgetItem(self.results)
        item.setData(ITEM_ROLE, expert)
        item.setData(Qt.ItemDataRole.DisplayRole, expert.name)
        self._describe(item, expert)

    def _describe(self, item: QListWidgetItem, expert: ExpertItem) -> None:
        reasons = "; ".join(expert.areas + expert.work)
        text = self.tr("{rank}. {name}, {share}% match. {reasons}").format(
            rank=expert.rank, name=expert.name, share=expert.share, reasons=reasons
        )
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        set_plain_tooltip(item, text)

    def _sort_reasons(self, seq: int, reasons: set[str]) -> None:
        hub = self._ctx.hub
        self._ctx.runner.submit(
            lambda _p: work_titles(hub, reasons),
            on_done=lambda titles: self._split_reasons(seq, titles),
        )

    def _split_reasons(self, seq: int, titles: set[str]) -> None:
        if seq != self._seq:
            return
        for i in range(self.results.count()):
            item = self.results.item(i)
            expert = item.data(ITEM_ROLE) if item is not None else None
            if item is None or not isinstance(expert, ExpertItem):
                continue
            mixed = expert.areas + expert.work
            split = replace(
                expert,
                areas=tuple(r for r in mixed if r not in titles),
                work=tuple(r for r in mixed if r in titles),
            )
            item.setData(ITEM_ROLE, split)
            self._describe(item, split)
        self.results.doItemsLayout()

    def _failed(self, seq: int, error: Exception) -> None:
        if seq != self._seq:
            return
        reason = str(error) if isinstance(error, HubError) else ""
        self.status.setText(self.tr("The search failed. {reason}").format(reason=reason).strip())

    def _open(self, item: QListWidgetItem | None) -> None:
        expert = item.data(ITEM_ROLE) if item is not None else None
        if isinstance(expert, ExpertItem):
            self.sig_open_entry.emit(expert.id)

    def hit_ids(self) -> list[str]:
        return [expert.id for expert in self.items()]
