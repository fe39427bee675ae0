"""Long work from the File menu: import, export, backup, reindex.

Each asks for a place with a file dialog, then runs on the serial worker
behind the progress dialog of ui/progress.py (Cancel included), so the
window never freezes and never starts a second job over a running one.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from expertise import (
    Hub,
    HubFault,
    ImportCancelled,
    ImportReport,
    atomic_write_bytes,
    classify,
    ensure_space_for_export,
)
from ui.context import AppContext
from ui.progress import default_failure, run_with_progress
from ui.shell.import_result import ImportResultDialog, has_details
from ui.tasks import Progress


def write_json_export(hub: Hub, target: Path) -> int:
    """As `expertise export --output`: space checked first, then whole or nothing.

    A disk that fills midway keeps no half of the plaintext, and the fault names
    the target's disk, not the hub's (a write error carries no file name).
    """
    ensure_space_for_export(hub.path, target.parent)
    data = hub.transfer.export_json()
    try:
        atomic_write_bytes(target, json.dumps(data, ensure_ascii=False, indent=1).encode())
    except OSError as error:
        fault = classify(error, hub=hub.path, target=target.parent)
        if fault is None:
            raise
        raise HubFault(fault) from None
    return len(data)


IMPORT_STEPS = 500  # the bar's steps per phase of an import


class LongJobs(QObject):
    sig_message = Signal(str)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self.result_dialog: ImportResultDialog | None = None  # the last import's details

    def _run(self, title: str, job: object, done: object) -> None:
        run_with_progress(self._window, self._ctx.runner, title, job, done)  # type: ignore[arg-type]

    # -- import ------------------------------------------------------------------
    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self._window, self.tr("Import files"), "", self.tr("Markdown and CSV (*.md *.csv)")
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Import a folder"))
        if folder:
            self.import_paths([Path(folder)])

    def import_folder_with_drafts(self) -> None:
        """As `expertise import --create-missing`: a name the hub lacks becomes a draft."""
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Import a folder"))
        if folder:
            self.import_paths([Path(folder)], create_missing=True)

    def import_paths(self, paths: list[Path], *, create_missing: bool = False) -> None:
        """Import on the worker: reading, then indexing, in one bar; Cancel until the commit."""
        hub = self._ctx.hub
        title = self.tr("Importing…")

        def job(progress: Progress) -> ImportReport:
            def report(phase: str, done: int, total: int) -> None:
                # reading fills the first half of the bar, indexing the second
                share = IMPORT_STEPS * done // max(total, 1)
                progress.report(share + (IMPORT_STEPS if phase == "index" else 0), 2 * IMPORT_STEPS)

            return hub.transfer.import_paths(
                paths, create_missing=create_missing, progress=report, cancel=progress.cancelled
            )

        def failed(error: Exception) -> None:
            if isinstance(error, ImportCancelled):
                self.sig_message.emit(self.tr("Import cancelled: nothing was imported."))
            else:
                default_failure(self._window, title)(error)

        run_with_progress(self._window, self._ctx.runner, title, job, self._imported, failed)

    def _imported(self, report: ImportReport) -> None:
        summary = self.tr("Imported: {new} new, {updated} updated, {same} unchanged.").format(
            new=len(report.created), updated=len(report.updated), same=len(report.unchanged)
        )
        if has_details(report):  # values read by label, drafts made: the user should see them
            self.result_dialog = ImportResultDialog(report, summary, self._window)
            self.result_dialog.open()
        self.sig_message.emit(summary)

    # -- export and backup ---------------------------------------------------------
    def export_markdown(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Export as Markdown to"))
        if folder:
            hub = self._ctx.hub
            self._run(
                self.tr("Exporting…"),
                lambda _p: hub.transfer.export_markdown(Path(folder)),
                self._exported,
            )

    def export_json(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Export as JSON"), "expertise-export.json", "JSON (*.json)"
        )
        if target:
            hub = self._ctx.hub

            def job(_: Progress) -> int:
                return write_json_export(hub, Path(target))

            self._run(self.tr("Exporting…"), job, self._exported)

    def _exported(self, count: int) -> None:
        self.sig_message.emit(self.tr("Exported {n} entries.").format(n=count))

    def backup(self) -> None:
        parent = QFileDialog.getExistingDirectory(self._window, self.tr("Back up into folder"))
        if parent:
            target = Path(parent) / f"expertise-hub-backup-{date.today().isoformat()}"
            hub = self._ctx.hub
            self._run(
                self.tr("Backing up…"), lambda _p: hub.maintenance.backup(target), self._backed_up
            )

    def _backed_up(self, path: Path) -> None:
        self.sig_message.emit(self.tr("Backup written to {path}").format(path=path))

    # -- index -----------------------------------------------------------------------
    def reindex(self) -> None:
        hub = self._ctx.hub
        self._run(
            self.tr("Rebuilding the search index…"),
            lambda progress: hub.maintenance.reindex(progress.report, progress.cancelled),
            self._reindexed,
        )

    def _reindexed(self, completed: bool) -> None:
        self.sig_message.emit(
            self.tr("The search index was rebuilt.")
            if completed
            else self.tr("Rebuilding the search index was cancelled.")
        )

    # -- knowledge packs (ui/packs) -------------------------------------------------
    def export_pack(self) -> None:
        from ui.packs import ExportPackDialog

        dialog = ExportPackDialog(
            self._ctx.hub.packs, self._ctx.runner, self._ctx.language, self._window
        )
        dialog.open()

    def import_pack(self) -> None:
        from ui.packs import ImportPackDialog

        dialog = ImportPackDialog(
            self._ctx.hub.packs, self._ctx.runner, self._ctx.language, self._window
        )
        dialog.open()

    # -- the yearly progress report (ui/report) ----------------------------------------
    def progress_report(self) -> None:
        from ui.report import ReportDialog

        dialog = ReportDialog(
            self._ctx.hub.report, self._ctx.runner, self._ctx.language, self._window
        )
        dialog.sig_written.connect(self._report_written)
        dialog.open()

    def _report_written(self, result: object) -> None:
        from expertise import ReportResult

        assert isinstance(result, ReportResult)
        files = ", ".join(str(path) for path in (result.pdf, result.docx) if path is not None)
        self.sig_message.emit(
            self.tr("Progress report {year} written: {files}").format(year=result.year, files=files)
        )
