"""Global search: as-you-type results with snippets, facet filters, "did you mean", saving.

Each keystroke restarts a short timer; the query then runs on the search
runner (never the UI thread) with a sequence number, and any answer that is
not for the latest request is dropped, so fast typing never shows old hits.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from expertise import Hub, HubError, SearchResults, TitleHit
from ui.context import AppContext
from ui.os_fault import fault_of, fault_text
from ui.plaintext import ask_text, plain_label
from ui.search.facets import FacetTree
from ui.search.results_model import ResultRow, ResultsModel
from ui.search.snippet_delegate import SnippetDelegate

DEBOUNCE_MS = 150
PAGE_SIZE = 30
TITLE_SUGGESTIONS = 5
ERRORS = {"query-too-long", "query-syntax"}


@dataclass(frozen=True)
class SearchRequest:
    text: str
    kind: str | None
    filters: dict[str, str]
    sort: str
    page: int = 1


@dataclass(frozen=True)
class SearchAnswer:
    request: SearchRequest
    results: SearchResults
    titles: list[TitleHit]


def is_prefix_typing(text: str) -> bool:
    """One bare word: the user may be typing a title, so title suggestions help."""
    return len(text.split()) == 1 and not any(c in text for c in ':"*()')


def run_search(hub: Hub, request: SearchRequest) -> SearchAnswer:
    results = hub.search(
        request.text,
        kind=request.kind,
        limit=PAGE_SIZE,
        page=request.page,
        sort=request.sort,
        filters=request.filters or None,
    )
    titles: list[TitleHit] = []
    if request.page == 1 and is_prefix_typing(request.text):
        titles = hub.search.titles(request.text, TITLE_SUGGESTIONS)
        if request.kind:
            titles = [t for t in titles if t.kind == request.kind]
    return SearchAnswer(request, results, titles)


class SearchPanel(QWidget):
    sig_open_entry = Signal(str)
    sig_searched = Signal()  # a result set is on screen (tests, status bar)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._seq = self._answered_seq = 0
        self._open_when_answered = False
        self._started = 0.0
        self._request: SearchRequest | None = None
        self._themes_loaded = False
        self.last_latency_ms = 0.0  # submit → results shown, for the status bar and the bench
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search_now)
        self._build()

    def _build(self) -> None:
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Search everything (Ctrl+K)"))
        self.query.setAccessibleName(self.tr("Search"))
        self.query.setClearButtonEnabled(True)
        self.query.textEdited.connect(lambda _text: self._timer.start())
        self.query.installEventFilter(self)
        self.sort = QComboBox(self)
        self.sort.addItem(self.tr("Relevance"), "relevance")
        self.sort.addItem(self.tr("Newest first"), "date")
        self.sort.setAccessibleName(self.tr("Sort by"))
        self.sort.activated.connect(lambda _i: self._search_now())
        self.save_button = QPushButton(self.tr("Save search…"), self)
        self.save_button.clicked.connect(self._ask_save)
        self.status = plain_label("", self)
        # A flat button, not a rich-text link: the suggestion is a word from the content.
        self.did_you_mean = QPushButton(self)
        self.did_you_mean.setFlat(True)
        self.did_you_mean.setCursor(Qt.CursorShape.PointingHandCursor)
        self.did_you_mean.setStyleSheet("text-align: left; text-decoration: underline;")
        self.did_you_mean.clicked.connect(self._accept_suggestion)
        self.facets = FacetTree(self)
        self.facets.sig_filters_changed.connect(self._search_now)
        self.model = ResultsModel(self)
        self.results = self._results_view()
        self.more_button = QPushButton(self.tr("Show more results"), self)
        self.more_button.clicked.connect(self._more)
        self._lay_out()
        self.clear()

    def _results_view(self) -> QListView:
        view = QListView(self)
        view.setModel(self.model)
        view.setItemDelegate(SnippetDelegate(view))
        view.setAccessibleName(self.tr("Search results"))
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setWordWrap(True)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setUniformItemSizes(False)
        view.activated.connect(self._open_index)
        view.installEventFilter(self)
        return view

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.sort)
        top.addWidget(self.save_button)
        info = QHBoxLayout()
        info.addWidget(self.status)
        info.addWidget(self.did_you_mean, 1)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.results, 1)
        column.addWidget(self.more_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.facets)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 770])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(info)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.query, self.results)
        self.setTabOrder(self.results, self.facets)

    # -- public API ----------------------------------------------------------------
    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def run_query(self, text: str) -> None:
        self.query.setText(text)
        self._search_now()

    def clear(self) -> None:
        """Empty everything (lock): no query, hits or facet values stay in memory."""
        self._timer.stop()
        self._seq += 1
        self._answered_seq, self._request = self._seq, None
        self._open_when_answered = False
        self.query.clear()
        self.model.clear()
        self.facets.reset_filters()
        self.facets.set_theme_labels({})
        self._themes_loaded = False
        self.status.clear()
        self.did_you_mean.hide()
        self.more_button.hide()
        self.save_button.setEnabled(False)

    def save_current_search(self, name: str) -> None:
        request = self._request
        name = name.strip()
        if request is None or not name:
            return
        hub = self._ctx.hub
        self._ctx.runner.submit(
            lambda _p: hub.search.save(name, request.text, request.kind),
            on_done=lambda _r: self.status.setText(self.tr("Search saved.")),
            on_failed=lambda error: self.status.setText(self._failure_text(error)),
        )

    # -- running -------------------------------------------------------------------
    def _current_request(self, page: int = 1) -> SearchRequest:
        filters = self.facets.selected()
        kind = filters.pop("kind", None)
        return SearchRequest(
            self.query.text().strip(), kind, filters, str(self.sort.currentData()), page
        )

    def _search_now(self) -> None:
        self._timer.stop()
        self._load_theme_labels()
        request = self._current_request()
        if not request.text:
            self._seq += 1
            self._answered_seq, self._request = self._seq, None
            self._open_when_answered = False
            self._show_empty()
            return
        self._submit(request)

    def _more(self) -> None:
        if self._request is not None:
            self._submit(
                SearchRequest(**{**self._request.__dict__, "page": self._request.page + 1})
            )

    def _submit(self, request: SearchRequest) -> None:
        self._seq += 1
        seq, hub = self._seq, self._ctx.hub
        self._started = time.perf_counter()
        self._ctx.search_runner.submit(
            lambda _p: run_search(hub, request),
            on_done=lambda answer: self._answered(seq, answer),
            on_failed=lambda error: self._failed(seq, error),
        )

    def _answered(self, seq: int, answer: SearchAnswer) -> None:
        if seq != self._seq:
            return  # an older request: the user has typed on since
        self._request, self._answered_seq = answer.request, seq
        results = answer.results
        rows = [ResultRow.of_hit(hit) for hit in results.hits]
        if answer.request.page > 1:
            self.model.append_rows(rows)
        else:
            hit_ids = {row.id for row in rows}
            titles = [ResultRow.of_title(t) for t in answer.titles if t.id not in hit_ids]
            self.model.set_rows(titles + rows)
            self.facets.set_facets(results.facets)
            # a limited (plain scan) search has no facets: no empty pane beside it
            self.facets.setVisible(bool(results.facets) or bool(self.facets.selected()))
            self._select_first()
        self._show_status(results)
        self.last_latency_ms = (time.perf_counter() - self._started) * 1000
        self.sig_searched.emit()
        if self._open_when_answered:
            self._open_when_answered = False
            self._open_index(self.results.currentIndex())

    def _failed(self, seq: int, error: Exception) -> None:
        if seq == self._seq:
            self._answered_seq, self._open_when_answered = seq, False
            self.status.setText(self._failure_text(error))

    def _failure_text(self, error: Exception) -> str:
        fault = fault_of(error)
        if fault is not None:
            return self.tr("Search failed: {reason}").format(reason=fault_text(fault))
        if isinstance(error, HubError):
            return self.tr("Search failed: {reason}").format(reason=str(error))
        return self.tr("Search failed.")

    def _show_empty(self) -> None:
        self.model.clear()
        self.status.clear()
        self.did_you_mean.hide()
        self.more_button.hide()
        self.save_button.setEnabled(False)

    def _show_status(self, results: SearchResults) -> None:
        shown = sum(1 for row in self.model.rows() if not row.title_match)
        if results.error in ERRORS:
            self.status.setText(self._error_text(results.error or ""))
        elif results.total == 0:
            self.status.setText(self.tr("No results"))
        else:
            self.status.setText(
                self.tr("{shown} of {total} results").format(shown=shown, total=results.total)
            )
        self.more_button.setVisible(shown < results.total)
        self.save_button.setEnabled(True)
        self._show_suggestion(results.suggestion)

    def _error_text(self, code: str) -> str:
        if code == "query-too-long":
            return self.tr("The query is too long.")
        return self.tr("The query could not be read; check quotes and brackets.")

    def _show_suggestion(self, suggestion: str | None) -> None:
        if not suggestion:
            self.did_you_mean.hide()
            return
        shown = suggestion.replace("&", "&&")  # a button reads & as a shortcut mark
        self.did_you_mean.setText(self.tr("Did you mean: {suggestion}?").format(suggestion=shown))
        self.did_you_mean.setProperty("suggestion", suggestion)
        self.did_you_mean.show()

    def _accept_suggestion(self) -> None:
        suggestion = self.did_you_mean.property("suggestion")
        if suggestion:
            self.run_query(str(suggestion))

    def _load_theme_labels(self) -> None:
        if self._themes_loaded:
            return
        self._themes_loaded = True
        hub, language = self._ctx.hub, self._ctx.language
        self._ctx.runner.submit(
            lambda _p: {
                t.key: t.label_nl if language == "nl" else t.label_en
                for t in hub.vocabulary.themes()
            },
            on_done=self.facets.set_theme_labels,
        )

    # -- opening and keys ----------------------------------------------------------
    def _select_first(self) -> None:
        if self.model.rowCount() > 0:
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.sig_open_entry.emit(row.id)

    def _pending(self) -> bool:
        return self._answered_seq != self._seq

    def _ask_save(self) -> None:
        name = ask_text(
            self,
            self.tr("Save search"),
            self.tr("Name for this search:"),
            self.query.text().strip(),
        )
        if name is not None:
            self.save_current_search(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.query:
                return self._query_key(event)
            if watched is self.results:
                return self._results_key(event)
        return super().eventFilter(watched, event)

    def _query_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Down and self.model.rowCount() > 0:
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.results.currentIndex().isValid():
                self._select_first()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or self._pending():
                self._open_when_answered = True  # open the hit for what was typed, not an old one
                self._search_now()
                return True
            self._open_index(self.results.currentIndex())
            return True
        return False

    def _results_key(self, event: QKeyEvent) -> bool:
        at_top = self.results.currentIndex().row() <= 0
        if event.key() == Qt.Key.Key_Up and at_top:
            self.query.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False
