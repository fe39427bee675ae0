"""Export buttons of the course pack view: PDF, HTML or Markdown, with progress and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from expertise import Allowance, CoursePackRecord, ExportResult, PersonalDataFound, slug
from ui.context import AppContext
from ui.privacy.hits_dialog import confirm_hits
from ui.progress import default_failure, run_with_progress
from ui.tasks import Progress

SUFFIX = {"pdf": ".pdf", "html": ".html"}


class ExportBar(QWidget):
    sig_exported = Signal(object)  # ExportResult, also when cancelled
    sig_status = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        current: Callable[[], CoursePackRecord | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._current = current
        self.with_notes = QCheckBox(self.tr("Include trainer &notes"), self)
        # two rows: one row of checkbox and three buttons made the pack column so wide
        # that the preview beside it broke words at a 1280-pixel window
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(self.with_notes)
        row = QHBoxLayout()
        rows.addLayout(row)
        self.buttons: dict[str, QPushButton] = {}
        for fmt, text in (
            ("pdf", self.tr("Export &PDF…")),
            ("html", self.tr("Export &HTML…")),
            ("md", self.tr("Export &Markdown…")),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, f=fmt: self.ask_export(f))
            row.addWidget(button)
            self.buttons[fmt] = button

    def ask_export(self, fmt: str) -> None:
        pack = self._current()
        if pack is None:
            return
        target = self._ask_folder(pack) if fmt == "md" else self._ask_file(pack, fmt)
        if target is not None:
            self.export_to(fmt, target)

    def _ask_file(self, pack: CoursePackRecord, fmt: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export course pack"), slug(pack.title) + SUFFIX[fmt], f"*{SUFFIX[fmt]}"
        )
        return Path(name) if name else None

    def _ask_folder(self, pack: CoursePackRecord) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export course pack to folder"))
        if not folder:
            return None
        target = Path(folder)
        # A folder that already holds files gets the pack in a new sub-folder.
        return target / slug(pack.title) if any(target.iterdir()) else target

    def export_to(self, fmt: str, target: Path, allow: Allowance = False) -> None:
        pack = self._current()
        if pack is None:
            return
        courses = self._ctx.hub.courses
        notes, lang = self.with_notes.isChecked(), self._ctx.language
        method = {
            "pdf": courses.export_pdf,
            "html": courses.export_html,
            "md": courses.export_markdown,
        }[fmt]

        def job(progress: Progress) -> ExportResult:
            return method(pack.id, target, notes, progress.report, progress.cancelled, lang, allow)

        title = self.tr("Exporting course pack…")
        failed = default_failure(self, title)

        def on_failed(error: Exception) -> None:
            if not isinstance(error, PersonalDataFound):
                failed(error)
                return
            keys = confirm_hits(self, error)  # every hit ticked, or the export stops
            if keys is None:
                self.sig_status.emit(self.tr("Export stopped: possible personal data."))
            else:
                self.export_to(fmt, target, keys)

        run_with_progress(self, self._ctx.runner, title, job, self._exported, on_failed)

    def _exported(self, result: ExportResult) -> None:
        if result.cancelled:
            self.sig_status.emit(self.tr("Export cancelled; nothing was written."))
        else:
            text = self.tr("Exported {count} entries to {path}.").format(
                count=result.entries, path=result.path
            )
            if result.skipped:
                text += " " + self.tr("{count} above the ceiling were left out.").format(
                    count=result.skipped
                )
            self.sig_status.emit(text)
        self.sig_exported.emit(result)
