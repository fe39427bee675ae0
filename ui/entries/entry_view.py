"""The detail pane: banner, title, rendered body, metadata, backlinks, attachments.

Everything an entry needs (record, sanitised HTML, links, attachments, names
of referenced entries) is gathered by the worker in one job; the UI thread
only fills widgets. The Markdown is rendered there too, so a 1 MB note does
not freeze the window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from expertise import (
    AttachmentRecord,
    Change,
    EntryRecord,
    HubError,
    LinkRecord,
    ValueChange,
    escape_text,
    fields_of,
    markdown_to_html,
    ref_ids,
    value_history,
)
from ui.context import AppContext
from ui.entries.work_cycle_view import KINDS_WITH_TAB, WorkCycleView
from ui.labels import choice_label, field_label, kind_label, status_label
from ui.plaintext import warn
from ui.safe_browser import SafeBrowser
from ui.shell.banner import ClassificationBanner, level_of
from ui.shell.theme import styled_label

ID_ROLE = Qt.ItemDataRole.UserRole
WORK_CYCLE_TAB = 1  # after Details: the follow-ups, status history or agenda items


@dataclass(frozen=True)
class EntryDetail:
    record: EntryRecord
    html: str
    backlinks: list[LinkRecord]
    attachments: list[AttachmentRecord]
    ref_titles: dict[str, str] = field(default_factory=dict)
    theme_labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    history: tuple[ValueChange, ...] = ()  # a bottleneck's status changes, from its revisions


def load_detail(ctx: AppContext, entry_id: str) -> EntryDetail:
    """Runs on the worker: every read the pane needs, and the Markdown rendering."""
    hub = ctx.hub
    record = hub.entries.get(entry_id)
    targets = {
        link.title.casefold(): link.entry_id
        for link in hub.entries.links(entry_id)
        if link.entry_id
    }
    html = markdown_to_html(record.body_md, lambda title: targets.get(title.casefold()))
    refs: dict[str, str] = {}
    for ref in _referenced_ids(record):
        title = _title_or_none(ctx, ref)
        if title is not None:  # an id without a title is a deleted entry, shown as such
            refs[ref] = title
    themes = {t.key: (t.label_nl, t.label_en) for t in hub.vocabulary.themes()}
    history = (
        value_history(hub.entries.revisions(entry_id), "state")
        if record.kind == "bottleneck"
        else []
    )
    return EntryDetail(
        record,
        html,
        hub.entries.backlinks(entry_id),
        hub.attachments.list(entry_id),
        refs,
        themes,
        tuple(history),
    )


def _referenced_ids(record: EntryRecord) -> set[str]:
    found: set[str] = set()
    for spec in fields_of(record.kind):
        values = record.fields.get(spec.name)
        if spec.type in ("ref", "reflist") and values:
            found.update(str(ref) for ref in (values if isinstance(values, list) else [values]))
        elif spec.type == "rows":
            found.update(ref_ids(spec, values))
    return found


def _title_or_none(ctx: AppContext, entry_id: str) -> str | None:
    try:
        return ctx.hub.entries.get(entry_id).title
    except HubError:
        return None


class EntryView(QWidget):
    sig_open_entry = Signal(str)
    sig_edit = Signal(str)
    sig_history = Signal(str)
    sig_status = Signal(str)
    sig_shown = Signal(str, str)  # entry id, classification

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.detail: EntryDetail | None = None
        self._wanted: str | None = None
        self.banner = ClassificationBanner(self)
        self.title = styled_label("", self, "entryTitle", wrap=True)
        self.meta = styled_label("", self, "entryMeta", wrap=True)
        self.body = SafeBrowser(self)
        self.details = SafeBrowser(self)
        self.backlinks = QListWidget(self)
        self.attachments = QListWidget(self)
        self.tabs = QTabWidget(self)
        self.work_cycle = WorkCycleView(self)
        self.edit_button = QPushButton(self.tr("&Edit"), self)
        self.history_button = QPushButton(self.tr("&History…"), self)
        self.save_copy_button = QPushButton(self.tr("&Save a copy…"), self)
        self.hint = styled_label(self.tr("Select an entry to read it."), self, "paneHint")
        self.pages = QStackedWidget(self)
        self._build()
        ctx.events.sig_changed.connect(self._on_changed)

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.body.setObjectName("entryBody")
        self.body.setAccessibleName(self.tr("Entry text"))
        self.details.setAccessibleName(self.tr("Entry details"))
        self.details.document().setDefaultStyleSheet("")  # a borderless label/value list
        self.backlinks.setAccessibleName(self.tr("Entries that link here"))
        self.attachments.setAccessibleName(self.tr("Attachments"))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for browser in (self.body, self.details):
            browser.sig_open_entry.connect(self.sig_open_entry)
            browser.sig_refused_link.connect(self._refused)
        self.backlinks.itemActivated.connect(self._open_item)
        self.attachments.itemActivated.connect(lambda _item: self._save_copy())
        self.edit_button.clicked.connect(lambda: self._emit_for_current(self.sig_edit))
        self.history_button.clicked.connect(lambda: self._emit_for_current(self.sig_history))
        self.save_copy_button.clicked.connect(self._save_copy)
        self.tabs.addTab(self.details, self.tr("Details"))
        self.tabs.addTab(self.work_cycle, "")
        self.tabs.setTabVisible(WORK_CYCLE_TAB, False)
        self.tabs.addTab(self.backlinks, self.tr("Linked from"))
        self.tabs.addTab(self._attachments_page(), self.tr("Attachments"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.body)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.pages.addWidget(self.hint)
        self.pages.addWidget(self._content_page(split))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _content_page(self, split: QSplitter) -> QWidget:
        page = QWidget(self)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.banner)
        layout.addLayout(header)
        layout.addWidget(self.meta)
        layout.addWidget(split, 1)
        return page

    def _attachments_page(self) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_copy_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.attachments)
        layout.addLayout(row)
        self.save_copy_button.setEnabled(False)
        self.attachments.currentRowChanged.connect(
            lambda row_: self.save_copy_button.setEnabled(row_ >= 0)
        )
        return page

    # -- loading -----------------------------------------------------------------
    def show_entry(self, entry_id: str) -> None:
        self._wanted = entry_id
        self._ctx.runner.submit(
            lambda _p: load_detail(self._ctx, entry_id),
            lambda detail: self._arrived(entry_id, detail),
            lambda error: self._failed(entry_id, error),
        )

    def current_id(self) -> str | None:
        return self.detail.record.id if self.detail else None

    def _arrived(self, entry_id: str, detail: EntryDetail) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        if entry_id != self._wanted:
            return  # the user has moved on to another entry
        self.detail = detail
        record = detail.record
        self.banner.show_level(record.classification, self._ctx.language)
        self.title.setText(record.title)
        self.meta.setText(self._meta_line(record))
        self.body.setHtml(detail.html)
        self.details.setHtml(self._details_html(detail))
        self._fill_backlinks(detail.backlinks)
        self._fill_attachments(detail.attachments)
        self.tabs.setTabText(2, self.tr("Linked from ({n})").format(n=len(detail.backlinks)))
        self.tabs.setTabText(3, self.tr("Attachments ({n})").format(n=len(detail.attachments)))
        self._fill_work_cycle(detail)
        self.pages.setCurrentIndex(1)
        self.sig_shown.emit(record.id, record.classification)

    def _fill_work_cycle(self, detail: EntryDetail) -> None:
        kind = detail.record.kind
        shown = kind in KINDS_WITH_TAB
        was_shown = self.tabs.isTabVisible(WORK_CYCLE_TAB)
        self.tabs.setTabVisible(WORK_CYCLE_TAB, shown)
        if not shown:
            self.work_cycle.clear()
            return
        count = self.work_cycle.show_record(detail.record, detail.ref_titles, detail.history)
        self.tabs.setTabText(WORK_CYCLE_TAB, self.work_cycle.tab_title(kind, count))
        if not was_shown:
            self.tabs.setCurrentIndex(WORK_CYCLE_TAB)  # the timeline is what a case is read for

    def _failed(self, entry_id: str, error: Exception) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        if entry_id == self._wanted:
            self.clear()
            self.sig_status.emit(self.tr("This entry could not be opened."))

    def _meta_line(self, record: EntryRecord) -> str:
        parts = [
            kind_label(record.kind),
            level_of(record.classification).label(self._ctx.language),
            status_label(record.status),
            self.tr("revision {n}").format(n=record.revision),
            self.tr("updated {date}").format(date=record.updated_at.strftime("%Y-%m-%d")),
        ]
        if record.stale:
            parts.append(self.tr("review overdue"))
        return "  ·  ".join(parts)

    def _details_html(self, detail: EntryDetail) -> str:
        record = detail.record
        rows: list[tuple[str, str]] = []
        if record.summary:
            rows.append((field_label("summary"), record.summary))
        if record.themes:
            names = [self._theme_name(detail, key) for key in record.themes]
            rows.append((field_label("themes"), ", ".join(names)))
        if record.tags:
            rows.append((field_label("tags"), ", ".join(record.tags)))
        rows.append(
            (
                field_label("language"),
                choice_label("language", record.language),
            )
        )
        for spec in fields_of(record.kind):
            if spec.type == "rows":
                continue  # shown in the work-cycle tab
            shown = self._value_text(spec.name, spec.type, record.fields.get(spec.name), detail)
            if shown:
                rows.append((field_label(spec.name, record.kind), shown))
        cells = "".join(
            f"<tr><th align='left' valign='top' style='padding-right:12px'>{escape_text(k)}</th>"
            f"<td>{escape_text(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table cellspacing='2'>{cells}</table>"

    def _theme_name(self, detail: EntryDetail, key: str) -> str:
        names = detail.theme_labels.get(key)
        return (names[0] if self._ctx.language == "nl" else names[1]) if names else key

    def _value_text(self, name: str, kind: str, value: object, detail: EntryDetail) -> str:
        if value is None or value == "" or value == []:
            return ""
        if kind in ("ref", "reflist"):
            values = value if isinstance(value, list) else [value]
            deleted = self.tr("deleted entry")
            return ", ".join(detail.ref_titles.get(str(v), deleted) for v in values)
        if kind == "bool":
            return self.tr("Yes") if value else self.tr("No")
        if kind == "enum":
            return choice_label(name, str(value))
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def _fill_backlinks(self, links: list[LinkRecord]) -> None:
        self.backlinks.clear()
        for link in links:
            label = f"{link.title}  —  {kind_label(link.kind or '')}"
            item = QListWidgetItem(label, self.backlinks)
            item.setData(ID_ROLE, link.entry_id)

    def _fill_attachments(self, items: list[AttachmentRecord]) -> None:
        self.attachments.clear()
        for att in items:
            size = self.tr("{kb} KB").format(kb=max(1, round(att.size / 1024)))
            item = QListWidgetItem(f"{att.file_name}  ({size})", self.attachments)
            item.setData(ID_ROLE, att.id)
            item.setData(ID_ROLE + 1, att.file_name)

    # -- actions -----------------------------------------------------------------
    def _emit_for_current(self, signal: SignalInstance) -> None:
        entry_id = self.current_id()
        if entry_id:
            signal.emit(entry_id)

    def _open_item(self, item: QListWidgetItem) -> None:
        entry_id = item.data(ID_ROLE)
        if entry_id:
            self.sig_open_entry.emit(str(entry_id))

    def _refused(self, scheme: str) -> None:
        self.sig_status.emit(
            self.tr("Links of type '{scheme}' are not opened.").format(scheme=scheme)
        )

    def _save_copy(self) -> None:
        item = self.attachments.currentItem()
        if item is None:
            return
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the attachment"), str(item.data(ID_ROLE + 1))
        )
        if target:
            self.save_copy_to(str(item.data(ID_ROLE)), Path(target))

    def save_copy_to(self, attachment_id: str, target: Path) -> None:
        """Decrypt one attachment to a place the user chose; nothing else leaves the hub."""
        self._ctx.runner.submit(
            lambda _p: self._ctx.hub.attachments.save_copy(attachment_id, target),
            self._saved_copy,
            lambda _e: self._warn(self.tr("Save a copy"), self.tr("The copy could not be saved.")),
        )

    def _saved_copy(self, path: Path) -> None:
        if isValid(self):
            self.sig_status.emit(self.tr("Saved a copy to {path}").format(path=path))

    def _warn(self, title: str, text: str) -> None:
        if not isValid(self):
            return  # closed while the worker ran
        warn(self, title, text)

    def _on_changed(self, change: Change) -> None:
        current = self.current_id()
        if current and current in change.deleted_ids:
            self.clear()
        elif current and current in change.entry_ids:
            self.show_entry(current)

    def clear(self) -> None:
        self._wanted = None
        self.detail = None
        self.banner.clear_level()
        self.title.clear()
        self.meta.clear()
        self.body.clear_content()
        self.details.clear_content()
        self.backlinks.clear()
        self.attachments.clear()
        self.work_cycle.clear()
        self.tabs.setTabVisible(WORK_CYCLE_TAB, False)
        self.pages.setCurrentIndex(0)
