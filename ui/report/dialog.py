"""Progress report dialog: year, ceiling, language and format, then written off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from expertise import FIRST_YEAR, HubError, ReportFacade, ReportResult, current_year
from ui import plaintext
from ui.os_fault import fault_of, fault_text, show_fault
from ui.progress import run_with_progress
from ui.shell.banner import level_of, levels
from ui.tasks import Progress, TaskRunner

FORMATS = ("pdf", "docx", "both")


class ReportDialog(QDialog):
    sig_written = Signal(object)  # ReportResult

    def __init__(
        self,
        report: ReportFacade,
        runner: TaskRunner,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._report = report
        self._runner = runner
        self._language = language
        self.result_: ReportResult | None = None
        self.setWindowTitle(self.tr("Progress report"))
        self._build()

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, current_year())  # a later year has nothing to report
        self.year.setValue(current_year())
        self.year.setAccessibleName(self.tr("Report year"))
        self.ceiling = QComboBox(self)
        self.ceiling.setAccessibleName(self.tr("Classification ceiling"))
        for key in levels():
            self.ceiling.addItem(level_of(key).label(self._language), key)
        self.ceiling.setCurrentIndex(max(0, self.ceiling.findData("internal")))
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Report language"))
        self.language.addItem(self.tr("Dutch"), "nl")
        self.language.addItem(self.tr("English"), "en")
        self.format = QComboBox(self)
        self.format.setAccessibleName(self.tr("Format"))
        self.format.addItem(self.tr("PDF"), "pdf")
        self.format.addItem(self.tr("DOCX (editable)"), "docx")
        self.format.addItem(self.tr("PDF and DOCX"), "both")
        self.out_path = QLineEdit(self)
        self.out_path.setAccessibleName(self.tr("Report file"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        self.message = plaintext.plain_label("", self, wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.write_button = self.buttons.addButton(
            self.tr("&Write report"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._write)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.out_path)
        row.addWidget(browse)
        form = QFormLayout(self)
        plaintext.form_row(form, self.tr("&Year"), self.year)
        plaintext.form_row(form, self.tr("&Ceiling"), self.ceiling)
        plaintext.form_row(form, self.tr("&Language"), self.language)
        plaintext.form_row(form, self.tr("F&ormat"), self.format)
        form.addRow(plaintext.buddy_label(self.tr("&File"), self, self.out_path), row)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def _browse(self) -> None:
        name = f"voortgangsrapportage-{self.year.value()}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save progress report"), name, self.tr("Reports (*.pdf *.docx)")
        )
        if path:
            self.out_path.setText(path)

    # -- writing -----------------------------------------------------------------------
    def targets(self) -> dict[str, Path]:
        """The files to write, from the chosen name and format (the suffix is set here)."""
        text = self.out_path.text().strip()
        if not text:
            return {}
        stem = Path(text)
        if stem.suffix.lower() in (".pdf", ".docx"):
            stem = stem.with_suffix("")
        fmt = self.format.currentData()
        wanted = ("pdf", "docx") if fmt == "both" else (fmt,)
        return {kind: stem.with_name(f"{stem.name}.{kind}") for kind in wanted}

    def _write(self) -> None:
        targets = self.targets()
        if not targets:
            self.message.setText(self.tr("Choose where to save the report."))
            return
        self.write_button.setEnabled(False)
        self.message.setText(self.tr("Writing the report…"))
        run_with_progress(
            self,
            self._runner,
            self.tr("Writing the progress report…"),
            self._job(targets),
            _guarded(self, self._done),
            _guarded(self, self._failed),
        )

    def _job(self, targets: dict[str, Path]) -> Callable[[Progress], ReportResult]:
        report, year = self._report, self.year.value()
        ceiling, lang = str(self.ceiling.currentData()), str(self.language.currentData())

        def job(progress: Progress) -> ReportResult:
            return report.write(
                year,
                pdf=targets.get("pdf"),
                docx=targets.get("docx"),
                ceiling=ceiling,
                lang=lang,
                progress=progress.report,
                cancel=progress.cancelled,
            )

        return job

    def _done(self, result: ReportResult) -> None:
        self.write_button.setEnabled(True)
        if result.cancelled:
            self.message.setText(self.tr("Writing the report was cancelled."))
            return
        self.result_ = result
        self.sig_written.emit(result)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.write_button.setEnabled(True)
        fault = fault_of(error)
        if fault is not None:
            self.message.setText(fault_text(fault))
            show_fault(self, self.windowTitle(), error)
            return
        # Core errors carry no content; anything else stays generic.
        text = str(error) if isinstance(error, HubError) else self.tr("The report failed.")
        self.message.setText(text)


def _guarded(widget: QWidget, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """`callback`, or nothing if the dialog was closed and deleted before the job returned."""

    def call(value: Any) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return call
