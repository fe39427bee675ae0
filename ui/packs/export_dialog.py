"""Export a signed knowledge pack: what to include, under which ceiling, with which passphrase."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from expertise import (
    KINDS,
    Allowance,
    ExportReport,
    PackChoices,
    PackFacade,
    PersonalDataFound,
    grouped,
)
from ui.labels import kind_plural
from ui.os_fault import show_fault
from ui.packs.common import buddy_label, error_message, guarded, password_field, plain_label
from ui.plaintext import form_row
from ui.privacy.hits_dialog import confirm_hits
from ui.progress import run_with_progress
from ui.shell.banner import level_of, levels
from ui.tasks import Progress, TaskRunner

MIN_PASSPHRASE = 8


class ExportPackDialog(QDialog):
    sig_exported = Signal(object)  # ExportReport

    def __init__(
        self,
        packs: PackFacade,
        runner: TaskRunner,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._packs = packs
        self._runner = runner
        self._language = language
        self.report: ExportReport | None = None
        self.setWindowTitle(self.tr("Export knowledge pack"))
        self._build()
        runner.submit(
            lambda _p: packs.choices(),
            guarded(self, self._fill),
            guarded(self, self._show_error),
        )

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.out_path = QLineEdit(self)
        self.out_path.setAccessibleName(self.tr("Pack file"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.out_path)
        row.addWidget(browse)
        self.ceiling = self._combo(self.tr("Classification ceiling"))
        for key in levels():
            self.ceiling.addItem(level_of(key).label(self._language), key)
        self.ceiling.setCurrentIndex(max(0, self.ceiling.findData("internal")))
        self.kind = self._combo(self.tr("Kind"))
        for kind in KINDS:
            self.kind.addItem(kind_plural(kind), kind)
        self.theme = self._combo(self.tr("Theme"))
        self.tag = self._combo(self.tr("Tag"))
        self.saved_search = self._combo(self.tr("Saved search"))
        self.course = self._combo(self.tr("Course pack"))
        self.with_people = QCheckBox(self.tr("Include experts (personal data)"), self)
        self.publisher = QLineEdit(self)
        self.publisher.setAccessibleName(self.tr("Publisher name"))
        self.fingerprint = plain_label(self)
        self.fingerprint.setAccessibleName(self.tr("Publisher fingerprint"))
        self.passphrase = password_field(self, self.tr("Pack passphrase"))
        self.repeat = password_field(self, self.tr("Repeat pack passphrase"))
        self.message = plain_label(self, wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._export)
        self.buttons.rejected.connect(self.reject)
        self._layout(row)

    def _layout(self, file_row: QHBoxLayout) -> None:
        form = QFormLayout(self)
        form.addRow(buddy_label(self, self.tr("&File"), self.out_path), file_row)
        form_row(form, self.tr("&Ceiling"), self.ceiling)
        form_row(form, self.tr("&Kind"), self.kind)
        form_row(form, self.tr("T&heme"), self.theme)
        form_row(form, self.tr("T&ag"), self.tag)
        form_row(form, self.tr("&Saved search"), self.saved_search)
        form_row(form, self.tr("C&ourse pack"), self.course)
        form.addRow("", self.with_people)
        form_row(form, self.tr("&Publisher"), self.publisher)
        form_row(form, self.tr("Fingerprint"), self.fingerprint)
        form_row(form, self.tr("Pack &passphrase"), self.passphrase)
        form_row(form, self.tr("&Repeat"), self.repeat)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(self.tr("(any)"), None)
        return combo

    def _fill(self, choices: PackChoices) -> None:
        for key, label_nl, label_en in choices.themes:
            self.theme.addItem(label_nl if self._language == "nl" else label_en, key)
        for name in choices.tags:
            self.tag.addItem(name, name)
        for name in choices.saved_searches:
            self.saved_search.addItem(name, name)
        for course_id, title in choices.courses:
            self.course.addItem(title, course_id)
        self.publisher.setText(choices.publisher_name)
        self.fingerprint.setText(grouped(choices.fingerprint))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save knowledge pack"), "", self.tr("Knowledge packs (*.ekp)")
        )
        if path:
            self.out_path.setText(path if path.endswith(".ekp") else path + ".ekp")

    # -- export ----------------------------------------------------------------------
    def _problem(self) -> str | None:
        if not self.out_path.text().strip():
            return self.tr("Choose where to save the pack.")
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            return self.tr("The pack passphrase needs at least 8 characters.")
        if self.passphrase.text() != self.repeat.text():
            return self.tr("The two pack passphrases differ.")
        if self.kind.currentData() == "expert" and not self.with_people.isChecked():
            return self.tr("Experts are personal data: tick “Include experts” to export them.")
        return None

    def _export(self, allow: Allowance = False) -> None:
        problem = self._problem()
        if problem:
            self.message.setText(problem)
            return
        self.export_button.setEnabled(False)
        self.message.setText(self.tr("Exporting…"))
        run_with_progress(
            self,
            self._runner,
            self.tr("Exporting knowledge pack…"),
            self._job(allow),
            self._done,
            self._failed,
        )

    def _job(self, allow: Allowance = False) -> Callable[[Progress], ExportReport]:
        packs, out = self._packs, Path(self.out_path.text().strip())
        secret, name = self.passphrase.text(), self.publisher.text().strip()
        ceiling, kind = self.ceiling.currentData(), self.kind.currentData()
        theme, tag = self.theme.currentData(), self.tag.currentData()
        saved, course = self.saved_search.currentData(), self.course.currentData()
        people = self.with_people.isChecked()

        def job(progress: Progress) -> ExportReport:
            if name:
                packs.set_publisher_name(name)
            return packs.export(
                out,
                secret,
                str(ceiling),
                kind=kind,
                theme=theme,
                tag=tag,
                course=course,
                saved_search=saved,
                with_people=people,
                progress=progress.report,
                cancel=progress.cancelled,
                allow_personal_data=allow,
            )

        return job

    def _done(self, report: ExportReport) -> None:
        self.report = report
        self.message.setText(
            self.tr("Pack written: {n} entries, {a} attachments.").format(
                n=report.entries, a=report.attachments
            )
        )
        self.sig_exported.emit(report)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        if isinstance(error, PersonalDataFound):
            keys = confirm_hits(self, error)  # every hit ticked, or the export stops
            if keys is None:
                self.message.setText(self.tr("Export stopped: possible personal data."))
            else:
                self._export(keys)
            return
        self._show_error(error)
        show_fault(self, self.windowTitle(), error)  # a full disk: what happened, what to do

    def _show_error(self, error: Exception) -> None:
        self.message.setText(error_message(error, self.tr("The export failed.")))
