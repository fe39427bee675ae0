"""The entry editor: Markdown with live preview, the metadata form, autosave into revisions.

Every save passes the revision the editor started from (`expected_revision`),
so a change made elsewhere in the meantime stops autosave with a message
instead of being overwritten. Undo is the text edit's own stack.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QScrollArea, QSplitter, QVBoxLayout, QWidget

from expertise.errors import HubError, UserError
from expertise.hub import Hub
from expertise.records import EntryRecord
from ui.context import AppContext
from ui.editor.header import ConflictBar, EditorHeader
from ui.editor.markdown_edit import MarkdownEdit
from ui.editor.metadata_form import FormChoices, MetadataForm
from ui.editor.preview import Preview
from ui.tasks import Progress

AUTOSAVE_MS = 2000
TITLE_LIMIT = 200  # titles per completion request; more means the user keeps typing
SUPERSEDED_CHOICES = 2000


class SaveConflict(Exception):
    """The entry has a newer revision than the one the editor started from."""

    def __init__(self, revision: int) -> None:
        super().__init__(revision)
        self.revision = revision


def load_choices(hub: Hub, kind: str, language: str) -> FormChoices:
    """Completion data for the form; runs on the worker."""
    themes = {t.key: (t.label_nl if language == "nl" else t.label_en) for t in hub.themes()}
    entries = {
        ref: tuple((s.id, s.title) for s in hub.list_entries(ref))
        for ref in ("expert", "organisation")
    }
    if kind not in entries:
        rows = hub.list_entries(kind, order="updated", limit=SUPERSEDED_CHOICES)
        entries[kind] = tuple((s.id, s.title) for s in rows)
    return FormChoices(tuple(t.key for t in hub.tags()), themes, entries)


class EntryEditor(QWidget):
    sig_saved = Signal(str)  # entry id
    sig_closed = Signal()
    sig_open_entry = Signal(str)  # a wiki link clicked in the preview

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._record: EntryRecord | None = None
        self._kind = ""
        self._revision: int | None = None
        self._generation = 0  # bumped by load/clear so late answers are dropped
        self._loading = False
        self._dirty = self._saving = self._again = self._conflict = False
        self._close_after_save = False
        self._titles_pending: str | None = None
        self._build()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(lambda: self._save(explicit=False))
        self.clear()

    def _build(self) -> None:
        self.header = EditorHeader(self)
        self.conflict_bar = ConflictBar(self)
        self.text = MarkdownEdit(self)
        self.text.setAccessibleName(self.tr("Text (Markdown)"))
        self.preview = Preview(self._ctx, self.text.toPlainText, self)
        self.form = MetadataForm(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for pane in (self.text, self.preview, scroll):
            self.splitter.addWidget(pane)
        self.splitter.setSizes([380, 300, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for part in (self.header, self.conflict_bar):
            layout.addWidget(part)
        layout.addWidget(self.splitter, 1)
        self._connect()

    def _connect(self) -> None:
        self.header.title.textEdited.connect(self._edited)
        self.header.sig_save.connect(self.save_now)
        self.header.sig_close.connect(self._close)
        self.header.sig_preview.connect(self.preview.setVisible)
        self.header.undo.clicked.connect(self.text.undo)
        self.header.redo.clicked.connect(self.text.redo)
        self.text.undoAvailable.connect(self.header.undo.setEnabled)
        self.text.redoAvailable.connect(self.header.redo.setEnabled)
        self.text.textChanged.connect(self._text_changed)
        self.text.sig_titles_wanted.connect(self._fetch_titles)
        self.form.sig_edited.connect(self._edited)
        self.preview.sig_open_entry.connect(self.sig_open_entry)
        self.conflict_bar.sig_reload.connect(self._reload)
        self.conflict_bar.sig_overwrite.connect(self._overwrite)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_now)

    # -- public API ------------------------------------------------------------
    @property
    def entry_id(self) -> str | None:
        return self._record.id if self._record else None

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_autosave_delay(self, msecs: int) -> None:
        self._autosave.setInterval(msecs)

    def load(self, entry_id: str) -> None:
        self.clear()
        generation = self._generation
        language = self._ctx.language

        def job(_progress: Progress) -> tuple[EntryRecord, FormChoices]:
            record = self._ctx.hub.get_entry(entry_id)
            return record, load_choices(self._ctx.hub, record.kind, language)

        self.header.set_state(self.tr("Opening…"))
        self._ctx.runner.submit(
            job,
            on_done=lambda result: self._loaded(generation, *result),
            on_failed=lambda error: self._failed_to_open(generation, error),
        )

    def new_entry(self, kind: str) -> None:
        self.clear()
        generation = self._generation
        self._show(kind, None, FormChoices())
        self.header.set_state(self.tr("Not saved yet"))
        self.header.title.setFocus()
        language = self._ctx.language
        self._ctx.runner.submit(
            lambda _p: load_choices(self._ctx.hub, kind, language),
            on_done=lambda choices: self._choices_arrived(generation, choices),
        )

    def clear(self) -> None:
        """Forget everything shown, without saving (used on lock)."""
        self._generation += 1
        self._autosave.stop()
        self._record, self._revision, self._kind = None, None, ""
        self._dirty = self._saving = self._again = self._conflict = False
        self._close_after_save = False
        self._loading = True
        self.header.clear()
        self.text.clear()  # also empties the undo stack
        self.text.clear_titles()
        self.form.clear()
        self._loading = False
        self.preview.clear()
        self.conflict_bar.hide()
        self.setEnabled(False)

    def save_now(self) -> None:
        self._save(explicit=True)

    # -- loading ---------------------------------------------------------------
    def _loaded(self, generation: int, record: EntryRecord, choices: FormChoices) -> None:
        if generation != self._generation:
            return
        self._show(record.kind, record, choices)
        self.header.set_state(self.tr("Saved"))

    def _choices_arrived(self, generation: int, choices: FormChoices) -> None:
        if generation == self._generation:
            self._loading = True
            self.form.set_choices(choices)
            self._loading = False

    def _show(self, kind: str, record: EntryRecord | None, choices: FormChoices) -> None:
        self._loading = True
        self._kind, self._record = kind, record
        self._revision = record.revision if record else None
        self.form.build(kind)
        self.form.set_choices(choices)
        self.form.load(record)
        self.header.show_entry(kind, record.title if record else "")
        self.text.setPlainText(record.body_md if record else "")  # resets the undo stack
        self._loading = False
        self.setEnabled(True)
        self.preview.schedule()

    def _failed_to_open(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.header.set_state(self._error_text(error), error=True)

    def _reload(self) -> None:
        if self._record is not None:
            self.load(self._record.id)

    # -- editing and saving ------------------------------------------------------
    def _text_changed(self) -> None:
        if not self._loading:
            self.preview.schedule()
            self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.header.clear_title_error()
        if not self._conflict:
            self.header.set_state(self.tr("Unsaved changes"))
            self._autosave.start()

    def _values(self) -> dict[str, object]:
        values = self.form.values()
        values["title"] = self.header.title.text().strip()
        values["body"] = self.text.toPlainText()
        return values

    def _save(self, *, explicit: bool) -> None:
        self._autosave.stop()
        if self._conflict or not self._kind or (not self._dirty and self._record is not None):
            self._finish_close_if_asked()
            return
        if self._saving:
            self._again = True  # save again once the running save reports its revision
            return
        values = self._values()
        if not values["title"]:
            self._title_missing(explicit)
            return
        self._start_save(values)

    def _title_missing(self, explicit: bool) -> None:
        self.header.set_state(self.tr("A title is needed before the entry can be saved"))
        if explicit:
            self.header.show_title_error(self.tr("Please enter a title."))

    def _start_save(self, values: dict[str, object]) -> None:
        generation, kind = self._generation, self._kind
        entry_id, revision = self.entry_id, self._revision
        hub = self._ctx.hub

        def job(_progress: Progress) -> EntryRecord:
            if entry_id is None:
                return hub.add_entry(kind, values)
            try:
                return hub.update_entry(entry_id, values, expected_revision=revision)
            except UserError:
                current = hub.get_entry(entry_id).revision
                if current != revision:
                    raise SaveConflict(current) from None
                raise

        self._saving, self._dirty = True, False
        self.header.set_state(self.tr("Saving…"))
        self._ctx.runner.submit(
            job,
            on_done=lambda record: self._saved(generation, record),
            on_failed=lambda error: self._save_failed(generation, error),
        )

    def _saved(self, generation: int, record: EntryRecord) -> None:
        if generation != self._generation:
            return
        self._saving = False
        self._record, self._revision = record, record.revision
        self.form.clear_error()
        saved_at = QTime.currentTime().toString("HH:mm")
        self.header.set_state(self.tr("Saved at {time}").format(time=saved_at))
        self.sig_saved.emit(record.id)
        if self._again:  # otherwise the running autosave timer covers later edits
            self._again = False
            self._save(explicit=False)
        else:
            self._finish_close_if_asked()

    def _save_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._saving, self._dirty, self._again = False, True, False
        self._close_after_save = False
        if isinstance(error, SaveConflict):
            self._conflict = True
            self.conflict_bar.show_conflict(error.revision)
            self.header.set_state(self.tr("Not saved: changed elsewhere"), error=True)
            return
        if isinstance(error, UserError):
            if self.form.show_error(str(error)) == "title":
                self.header.show_title_error(str(error).partition(":")[2].strip())
        self.header.set_state(self._error_text(error), error=True)

    def _overwrite(self, revision: int) -> None:
        """The user chose to replace the other version with this one: an explicit act."""
        self._revision, self._conflict = revision, False
        self.conflict_bar.hide()
        self._dirty = True
        self.save_now()

    def _error_text(self, error: Exception) -> str:
        if isinstance(error, HubError):
            return self.tr("Not saved: {reason}").format(reason=str(error))
        return self.tr("Not saved: an unexpected error occurred.")

    # -- closing -------------------------------------------------------------------
    def _close(self) -> None:
        if not self._dirty or self._conflict:
            if self._conflict and not self._confirm_discard():
                return
            self.sig_closed.emit()
            return
        if self._record is None and not self.header.title.text().strip():
            if self._confirm_discard():
                self.sig_closed.emit()
            return
        self._close_after_save = True
        self.save_now()

    def _finish_close_if_asked(self) -> None:
        if self._close_after_save and not self._dirty and not self._saving:
            self._close_after_save = False
            self.sig_closed.emit()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr("These changes have not been saved. Close and discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    # -- wiki-link completion ------------------------------------------------------
    def _fetch_titles(self, prefix: str) -> None:
        if self._titles_pending == prefix:
            return
        self._titles_pending = prefix
        generation, hub = self._generation, self._ctx.hub
        self._ctx.runner.submit(
            lambda _p: hub.titles(prefix, TITLE_LIMIT),
            on_done=lambda rows: self._titles_arrived(generation, prefix, rows),
        )

    def _titles_arrived(
        self, generation: int, prefix: str, rows: list[tuple[str, str, str]]
    ) -> None:
        self._titles_pending = None
        if generation != self._generation:
            return
        own = self.entry_id
        titles = [title for entry_id, title, _kind in rows if entry_id != own]
        self.text.set_titles(prefix, titles, complete=len(rows) < TITLE_LIMIT)
