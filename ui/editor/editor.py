"""The entry editor: Markdown with live preview, the metadata form, autosave into revisions.

Every save passes the revision the editor's text is based on
(`expected_revision`), so a change made elsewhere in the meantime stops
autosave with a message instead of being overwritten. Undo is the text
edit's own stack. Opening another entry first queues a save of pending edits,
so switching never drops typing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from expertise import EntryRecord, PrivacyFacade, UserError, is_guarded
from ui.context import AppContext
from ui.editor.completion import TitleCompletion
from ui.editor.drafts import EditorDraft
from ui.editor.header import ConflictBar, EditorHeader
from ui.editor.markdown_edit import MarkdownEdit
from ui.editor.metadata_form import FormChoices, MetadataForm
from ui.editor.preview import Preview
from ui.editor.save_messages import error_text, offer_back, tell_fault
from ui.editor.saving import SaveConflict, SaveTarget, load_choices, save_entry
from ui.plaintext import Button, ask
from ui.privacy.labels import PatternText
from ui.privacy.watch import PersonalDataWatch
from ui.tasks import Progress

AUTOSAVE_MS = 2000


class EntryEditor(QWidget):
    sig_saved = Signal(str)  # entry id
    sig_closed = Signal()
    sig_open_entry = Signal(str)  # a wiki link clicked in the preview

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._target = SaveTarget("")
        self._generation = 0  # bumped by load/clear so late answers are dropped
        self._loading = False
        self._dirty = self._conflict = False
        self._saves_running = 0
        # Saves queued on switching entries, by generation, until they are confirmed.
        self._flushed: dict[int, EditorDraft] = {}
        self._close_after_save = False
        self._fault_told = False  # the fault dialog was shown for the current failures
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
        self.completion = TitleCompletion(
            self._ctx, self.text, lambda: (self._generation, self.entry_id)
        )
        self.preview = Preview(self._ctx, self.text.toPlainText, self)
        self.form = MetadataForm(self)
        self.privacy = PersonalDataWatch(self._ctx.runner, self)
        self._pattern_text = PatternText(self)
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
        self.form.sig_edited.connect(self._edited)
        self.preview.sig_open_entry.connect(self.sig_open_entry)
        self.conflict_bar.sig_reload.connect(self._reload)
        self.conflict_bar.sig_overwrite.connect(self._overwrite)
        self.privacy.sig_count.connect(
            lambda count: self.header.set_privacy(self._pattern_text.count(count))
        )
        self.privacy.sig_explain.connect(self.header.set_privacy_note)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_now)

    # -- public API ------------------------------------------------------------
    @property
    def entry_id(self) -> str | None:
        return self._target.entry_id

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_autosave_delay(self, msecs: int) -> None:
        self._autosave.setInterval(msecs)

    def load(self, entry_id: str) -> None:
        self._flush()
        self._reset()
        generation = self._generation
        language = self._ctx.language

        def job(_progress: Progress) -> tuple[EntryRecord, FormChoices]:
            record = self._ctx.hub.entries.get(entry_id)
            return record, load_choices(self._ctx.hub, record.kind, language)

        self.header.set_state(self.tr("Opening…"))
        self._ctx.runner.submit(
            job,
            on_done=lambda result: self._loaded(generation, *result),
            on_failed=lambda error: self._failed_to_open(generation, error),
        )

    def new_entry(self, kind: str) -> None:
        self._flush()
        self._reset()
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
        self._flushed.clear()  # nothing may pop up about earlier entries after a lock
        self._reset()

    def _reset(self) -> None:
        self._generation += 1
        self._autosave.stop()
        self._target = SaveTarget("")
        self._dirty = self._conflict = False
        self._saves_running = 0
        self._close_after_save = False
        self._fault_told = False
        self._loading = True
        self.header.clear()
        self.text.clear()  # also empties the undo stack
        self.text.clear_titles()
        self.form.clear()
        self.privacy.clear()
        self._loading = False
        self.preview.clear()
        self.conflict_bar.hide()
        self.setEnabled(False)

    def save_now(self) -> None:
        self._save(explicit=True)

    def take_drafts(self) -> list[EditorDraft]:
        """Everything not yet confirmed saved: queued saves of earlier entries, then this one."""
        drafts = list(self._flushed.values())
        if self._target.kind and (self._dirty or self._saves_running):
            drafts.append(EditorDraft(self._target, self._values()))
        return drafts

    def offer_draft(self, draft: EditorDraft) -> None:
        """Show kept text again, unsaved; the user saves it (Ctrl+S) or keeps typing."""
        self._flush()
        self._reset()
        self._show(draft.target.kind, None, FormChoices())
        self._target = draft.target
        self._loading = True
        self.header.title.setText(draft.title)
        self.text.setPlainText(draft.body)
        self.form.set_values(draft.values)
        self._loading = False
        self._dirty = True
        self.header.set_state(self.tr("Not saved yet: your text was kept"), error=True)
        generation, kind, language = self._generation, draft.target.kind, self._ctx.language
        self._ctx.runner.submit(
            lambda _p: load_choices(self._ctx.hub, kind, language),
            on_done=lambda choices: self._choices_arrived(generation, choices),
        )

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
        self._target = SaveTarget(kind, *((record.id, record.revision) if record else ()))
        self.form.build(kind)
        self.form.set_choices(choices)
        self.form.load(record)
        self.header.show_entry(kind, record.title if record else "")
        self.text.setPlainText(record.body_md if record else "")  # resets the undo stack
        self._loading = False
        self.setEnabled(True)
        self.preview.schedule()
        self._watch_personal_data(kind)

    def _watch_personal_data(self, kind: str) -> None:
        """Mark possible personal data in cases and practices (docs/ARCHITECTURE.md §8)."""
        fields = [("title", self.header.title), ("body", self.text), *self.form.text_widgets()]
        self.privacy.watch(fields, kind)
        if not is_guarded(kind):
            return
        generation, hub = self._generation, self._ctx.hub
        self._ctx.runner.submit(
            lambda _p: PrivacyFacade(hub).name_forms(),
            on_done=lambda forms: self._names_arrived(generation, forms),
        )

    def _names_arrived(self, generation: int, forms: list[str]) -> None:
        if generation == self._generation:
            self.privacy.set_names(forms)

    def _failed_to_open(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.header.set_state(error_text(error), error=True)

    def _reload(self) -> None:
        entry_id = self.entry_id
        if entry_id is not None:
            self._dirty = False  # the user chose to drop their changes
            self.load(entry_id)

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
        if self._conflict or not self._target.kind:
            return
        if not self._dirty and self.entry_id is not None:
            self._finish_close_if_asked()
            return
        values = self._values()
        if not values["title"]:
            self._title_missing(explicit)
            return
        self._submit_save(values)

    def _title_missing(self, explicit: bool) -> None:
        self.header.set_state(self.tr("A title is needed before the entry can be saved"))
        if explicit:
            self.header.show_title_error(self.tr("Please enter a title."))

    def _submit_save(self, values: dict[str, object]) -> EditorDraft:
        generation, target, hub = self._generation, self._target, self._ctx.hub
        draft = EditorDraft(target, values)
        self._dirty = False
        self._saves_running += 1
        self.header.set_state(self.tr("Saving…"))
        self._ctx.runner.submit(
            lambda _p: save_entry(hub, target, values),
            on_done=lambda record: self._saved(generation, draft, record),
            on_failed=lambda error: self._save_failed(generation, draft, error),
        )
        return draft

    def _flush(self) -> None:
        """Queue a save of pending edits before the editor shows something else."""
        if self._dirty and not self._conflict and self.header.title.text().strip():
            self._flushed[self._generation] = self._submit_save(self._values())

    def _saved(self, generation: int, draft: EditorDraft, record: EntryRecord) -> None:
        if generation != self._generation:
            if self._flushed.get(generation) is draft:
                del self._flushed[generation]
            return
        self._saves_running -= 1
        self._fault_told = False
        self.form.clear_error()
        saved_at = QTime.currentTime().toString("HH:mm")
        if self._saves_running == 0 and not self._dirty:
            self.header.set_state(self.tr("Saved at {time}").format(time=saved_at))
        self.sig_saved.emit(record.id)
        self._finish_close_if_asked()

    def _save_failed(self, generation: int, draft: EditorDraft, error: Exception) -> None:
        if generation != self._generation:
            if self._flushed.get(generation) is draft:
                del self._flushed[generation]
                offer_back(self, error, lambda: self.offer_draft(draft))
            return
        self._saves_running -= 1
        self._dirty, self._close_after_save = True, False
        if isinstance(error, SaveConflict):
            self._autosave.stop()
            self._conflict = True
            self.conflict_bar.show_conflict(error.revision)
            self.header.set_state(self.tr("Not saved: changed elsewhere"), error=True)
            return
        if isinstance(error, UserError):
            if self.form.show_error(str(error)) == "title":
                self.header.show_title_error(str(error).partition(":")[2].strip())
        self.header.set_state(error_text(error), error=True)
        if not self._fault_told:
            # once per run of failures: autosave retrying every few seconds must not nag
            self._fault_told = tell_fault(self, error)

    def _overwrite(self, revision: int) -> None:
        """The user chose to replace the other version with this one: an explicit act."""
        self._target.revision, self._conflict = revision, False
        self.conflict_bar.hide()
        self._dirty = True
        self.save_now()

    # -- closing -------------------------------------------------------------------
    def _close(self) -> None:
        if not self._dirty or self._conflict:
            if self._conflict and not self._confirm_discard():
                return
            self.sig_closed.emit()
            return
        if self.entry_id is None and not self.header.title.text().strip():
            if self._confirm_discard():
                self.sig_closed.emit()
            return
        self._close_after_save = True
        self.save_now()

    def _finish_close_if_asked(self) -> None:
        if self._close_after_save and not self._dirty and self._saves_running == 0:
            self._close_after_save = False
            self.sig_closed.emit()

    def _confirm_discard(self) -> bool:
        answer = ask(
            self,
            self.tr("Discard changes?"),
            self.tr("These changes have not been saved. Close and discard them?"),
            Button.Discard | Button.Cancel,
            Button.Cancel,
        )
        return answer == Button.Discard
