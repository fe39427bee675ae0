"""The Course packs view: packs, their ordered entries, trainer notes, preview and export.

Every hub call runs on ctx.runner. Writes do not redraw from their own result:
the hub announces a course-pack change and the view reloads the current pack
and its preview from that, like every other view (ARCHITECTURE §11.3).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from expertise import Change, CoursePackRecord
from ui.context import AppContext
from ui.courses.dialogs import PackDetails, PackDialog, error_text
from ui.courses.export_bar import ExportBar
from ui.courses.items import PackItemList
from ui.plaintext import Button, ask, plain_label, warn
from ui.safe_browser import SafeBrowser
from ui.shell.banner import ClassificationBanner, level_of
from ui.shell.theme import styled_label
from ui.tasks import Progress

PACK_ROLE = Qt.ItemDataRole.UserRole + 1
COURSE_CHANGE = "course-pack"


class CoursePackView(QWidget):
    sig_open_entry = Signal(str)
    sig_loaded = Signal()  # the current pack and its preview are on screen (tests, screenshots)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._courses = ctx.hub.courses
        self._pack: CoursePackRecord | None = None
        self._generation = 0  # answers for an older selection or a cleared view are dropped
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(0)  # coalesces a burst of change notifications
        self._reload.timeout.connect(self.refresh)
        self._build()
        ctx.events.sig_changed.connect(self._on_changed)
        self.refresh()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._pack_panel())
        splitter.addWidget(self._item_panel())
        splitter.addWidget(self._preview_panel())
        splitter.setSizes([200, 420, 480])
        splitter.setStretchFactor(2, 1)  # a wider window widens the preview first
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _button(self, text: str, slot: object, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _pack_panel(self) -> QWidget:
        panel = QWidget(self)
        self.packs = QListWidget(panel)
        self.packs.setAccessibleName(self.tr("Course packs"))
        self.packs.currentItemChanged.connect(lambda *_: self._select_current())
        row = QHBoxLayout()
        self._button(self.tr("&New…"), self.new_pack, row)
        self.edit_button = self._button(self.tr("&Edit…"), self.edit_pack, row)
        self.delete_button = self._button(self.tr("Delete"), self.delete_pack, row)
        layout = QVBoxLayout(panel)
        layout.addWidget(styled_label(self.tr("Course packs"), panel, "paneTitle"))
        layout.addWidget(self.packs, 1)
        layout.addLayout(row)
        return panel

    def _item_panel(self) -> QWidget:
        panel = QWidget(self)
        self.banner = ClassificationBanner(panel)
        self.heading = styled_label("", panel, "entryTitle", wrap=True)
        self.subtitle = plain_label("", panel, wrap=True)
        self.items = PackItemList(panel)
        self.items.sig_move.connect(self.move_item)
        self.items.sig_drop_ids.connect(self.add_entries)
        self.items.currentRowChanged.connect(self._show_note)
        self.items.itemActivated.connect(self._open_item)
        order = QHBoxLayout()
        self._button(self.tr("Move &up"), lambda: self._step(-1), order)
        self._button(self.tr("Move &down"), lambda: self._step(1), order)
        self._button(self.tr("&Remove"), self.remove_current, order)
        self.note = QPlainTextEdit(panel)
        self.note.setAccessibleName(self.tr("Trainer note"))
        self.note.setPlaceholderText(self.tr("Trainer note for the selected entry (optional)"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(110)
        note_row = QHBoxLayout()
        note_row.addStretch(1)
        self.save_note_button = self._button(self.tr("&Save note"), self.save_note, note_row)
        self.status = styled_label("", panel, "paneHint", wrap=True)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.banner)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.items, 1)
        layout.addLayout(order)
        layout.addWidget(plain_label(self.tr("Trainer note"), panel))
        layout.addWidget(self.note)
        layout.addLayout(note_row)
        self.export_bar = ExportBar(self._ctx, lambda: self._pack, panel)
        self.export_bar.with_notes.toggled.connect(lambda _on: self._load_preview())
        self.export_bar.sig_status.connect(self.status.setText)
        self.sig_exported = self.export_bar.sig_exported
        layout.addWidget(self.export_bar)
        layout.addWidget(self.status)
        return panel

    def _preview_panel(self) -> QWidget:
        panel = QWidget(self)
        self.preview = SafeBrowser(panel)
        self.preview.setAccessibleName(self.tr("Preview of the whole course pack"))
        self.preview.anchorClicked.connect(self._preview_link)
        layout = QVBoxLayout(panel)
        layout.addWidget(styled_label(self.tr("Preview"), panel, "paneTitle"))
        layout.addWidget(self.preview, 1)
        return panel

    # -- loading -------------------------------------------------------------------------
    def clear(self) -> None:
        """Lock: nothing of the hub stays on screen."""
        self._generation += 1
        self._reload.stop()
        self._pack = None
        self.packs.clear()
        self.items.clear()
        self.note.clear()
        self.heading.clear()
        self.subtitle.clear()
        self.banner.clear_level()
        self.preview.clear_content()
        self.status.clear()

    def refresh(self) -> None:
        self._generation += 1
        generation, courses = self._generation, self._courses
        self._ctx.runner.submit(
            lambda _p: courses.list(), on_done=lambda packs: self._show_packs(generation, packs)
        )

    def _show_packs(self, generation: int, packs: list[CoursePackRecord]) -> None:
        if generation != self._generation:
            return
        wanted = self._pack.id if self._pack else None
        self.packs.blockSignals(True)
        self.packs.clear()
        for pack in packs:
            item = QListWidgetItem(f"{pack.title}\n{self._pack_line(pack)}")
            item.setData(PACK_ROLE, pack.id)
            self.packs.addItem(item)
            if pack.id == wanted:
                self.packs.setCurrentItem(item)
        if self.packs.currentRow() < 0 and self.packs.count():
            self.packs.setCurrentRow(0)
        self.packs.blockSignals(False)
        self._select_current()

    def _pack_line(self, pack: CoursePackRecord) -> str:
        level = level_of(pack.ceiling).label(self._ctx.language)
        return self.tr("{count} entries · up to {level}").format(count=pack.item_count, level=level)

    def _select_current(self) -> None:
        item = self.packs.currentItem()
        self.edit_button.setEnabled(item is not None)
        self.delete_button.setEnabled(item is not None)
        if item is not None:
            self.show_pack(str(item.data(PACK_ROLE)))
        else:
            self._pack = None
            self.items.clear()
            self.heading.setText(self.tr("No course pack yet: press New… to make one."))
            self.subtitle.clear()
            self.banner.clear_level()
            self.preview.clear_content()

    def show_pack(self, pack_id: str) -> None:
        generation, courses = self._generation, self._courses
        notes, lang = self.export_bar.with_notes.isChecked(), self._ctx.language

        def job(_: Progress) -> tuple[CoursePackRecord, str]:
            return courses.get(pack_id), courses.preview_html(pack_id, notes, lang)

        self._ctx.runner.submit(job, on_done=lambda got: self._show_pack(generation, *got))

    def _show_pack(self, generation: int, pack: CoursePackRecord, html: str) -> None:
        if generation != self._generation:
            return
        self._pack = pack
        language = self._ctx.language
        self.banner.show_level(pack.ceiling, language)
        ceiling = level_of(pack.ceiling).label(language).upper()
        self.banner.setText(self.tr("Classification ceiling: {level}").format(level=ceiling))
        self.heading.setText(pack.title)
        self.subtitle.setText(
            self.tr("Audience: {audience}").format(audience=pack.audience) if pack.audience else ""
        )
        self.items.show_pack(pack, language)
        self._show_note(self.items.currentRow())
        self.preview.setHtml(html)
        blocked = len(pack.blocked)
        self.status.setText(
            self.tr("{count} entries are above the ceiling and will be left out.").format(
                count=blocked
            )
            if blocked
            else ""
        )
        self.sig_loaded.emit()

    def _load_preview(self) -> None:
        if self._pack is not None:
            self.show_pack(self._pack.id)

    def _on_changed(self, change: Change) -> None:
        if change.reason == COURSE_CHANGE or change.entry_ids or change.deleted_ids:
            self._reload.start()

    # -- pack actions ----------------------------------------------------------------------
    def new_pack(self) -> None:
        dialog = PackDialog(self._ctx.language, None, self)
        if dialog.exec():
            self.create_pack(dialog.details())

    def create_pack(self, details: PackDetails) -> None:
        courses = self._courses

        def job(_: Progress) -> CoursePackRecord:
            return courses.create(
                details.title, details.ceiling, details.audience, details.description
            )

        self._submit(job, on_done=self._select_created)

    def _select_created(self, pack: CoursePackRecord) -> None:
        self._pack = pack  # the reload that follows keeps it selected

    def edit_pack(self) -> None:
        pack = self._pack
        if pack is None:
            return
        dialog = PackDialog(self._ctx.language, pack, self)
        if dialog.exec():
            d, courses = dialog.details(), self._courses
            self._submit(
                lambda _p: courses.update(
                    pack.id,
                    title=d.title,
                    ceiling=d.ceiling,
                    audience=d.audience,
                    description=d.description,
                )
            )

    def delete_pack(self) -> None:
        pack = self._pack
        if pack is None:
            return
        answer = ask(
            self,
            self.tr("Delete course pack"),
            self.tr("Delete the course pack “{title}”? The entries themselves stay.").format(
                title=pack.title
            ),
        )
        if answer == Button.Yes:
            self._pack = None
            courses = self._courses
            self._submit(lambda _p: courses.delete(pack.id))

    # -- item actions ------------------------------------------------------------------------
    def add_entries(self, entry_ids: list[str], position: int | None = None) -> None:
        pack = self._pack
        if pack is None or not entry_ids:
            return
        ids, courses = list(entry_ids), self._courses
        self._submit(lambda _p: courses.add_entries(pack.id, ids, position=position))

    def move_item(self, from_pos: int, to_pos: int) -> None:
        pack = self._pack
        if pack is None or from_pos == to_pos:
            return
        courses = self._courses
        self._submit(lambda _p: courses.move_item(pack.id, from_pos, to_pos))
        self.items.setCurrentRow(to_pos)

    def _step(self, delta: int) -> None:
        row = self.items.currentRow()
        if row >= 0 and 0 <= row + delta < self.items.count():
            self.move_item(row, row + delta)

    def remove_current(self) -> None:
        pack, row = self._pack, self.items.currentRow()
        if pack is None or row < 0:
            return
        courses = self._courses
        self._submit(lambda _p: courses.remove_item(pack.id, row))

    def _show_note(self, row: int) -> None:
        has_item = self._pack is not None and 0 <= row < len(self._pack.items)
        self.note.setEnabled(has_item)
        self.save_note_button.setEnabled(has_item)
        self.note.setPlainText(self._pack.items[row].note if self._pack and has_item else "")

    def save_note(self) -> None:
        pack, row = self._pack, self.items.currentRow()
        if pack is None or row < 0:
            return
        text, courses = self.note.toPlainText(), self._courses
        self._submit(lambda _p: courses.set_note(pack.id, row, text))

    def _open_item(self, item: QListWidgetItem) -> None:
        entry_id = self.items.entry_id_at(self.items.row(item))
        if entry_id:
            self.sig_open_entry.emit(entry_id)

    def _preview_link(self, url: QUrl) -> None:
        fragment = url.fragment()
        if fragment.startswith("entry-"):
            self.preview.scrollToAnchor(fragment)

    def _submit(
        self, job: Callable[[Progress], object], on_done: Callable[[Any], None] | None = None
    ) -> None:
        def failed(error: Exception) -> None:
            title = self._pack.title if self._pack else ""
            warn(self, self.tr("Course packs"), error_text(error, self._ctx.language, title))

        self._ctx.runner.submit(job, on_done=on_done, on_failed=failed)
