"""Import a knowledge pack: who signed it, trust on first use, the merge plan, the conflicts.

The steps follow the pack's own order: the signature and publisher are shown
before the passphrase is asked; "Check" computes the plan without changing
anything; only then does "Import" carry it out with the user's choices.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from expertise import BOTH, MINE, THEIRS, PackFacade, PackImportReport, PackInfo
from ui.os_fault import show_fault
from ui.packs.choice_tables import DeletedTable, DowngradeTable
from ui.packs.common import buddy_label, error_message, guarded, password_field, plain_label
from ui.plaintext import form_row
from ui.progress import run_with_progress
from ui.shell.banner import level_of
from ui.tasks import Progress, TaskRunner

LATER = ""


class ImportPackDialog(QDialog):
    sig_imported = Signal(object)  # PackImportReport

    def __init__(
        self,
        packs: PackFacade,
        runner: TaskRunner,
        language: str = "en",
        parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._packs = packs
        self._runner = runner
        self._language = language
        self.info: PackInfo | None = None
        self.plan_report: PackImportReport | None = None
        self.report: PackImportReport | None = None
        self._inspected = ""
        self.setWindowTitle(self.tr("Import knowledge pack"))
        self.setMinimumWidth(640)
        self._build()
        if path is not None:
            self.path.setText(str(path))
            self._inspect()

    # -- layout --------------------------------------------------------------------
    def _build(self) -> None:
        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("Pack file"))
        self.path.editingFinished.connect(self._inspect)
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path)
        file_row.addWidget(browse)
        self.publisher = plain_label(self)
        self.publisher.setAccessibleName(self.tr("Publisher"))
        self.fingerprint = plain_label(self)
        self.fingerprint.setAccessibleName(self.tr("Publisher fingerprint"))
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint.setWordWrap(True)
        self.standing = plain_label(self, wrap=True)
        self.details = plain_label(self)
        self.trust = QCheckBox(
            self.tr("I compared this fingerprint with the publisher and trust it"), self
        )
        self.trust.setVisible(False)
        self.passphrase = password_field(self, self.tr("Pack passphrase"))
        self.summary = plain_label(self)
        self.conflicts = self._conflict_table()
        self.downgrades = DowngradeTable(self, self._language)
        self.deleted = DeletedTable(self)
        self.message = plain_label(self, wrap=True)
        self._buttons()
        self._layout(file_row)

    def _conflict_table(self) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setAccessibleName(self.tr("Conflicts"))
        table.setHorizontalHeaderLabels(
            [self.tr("Entry"), self.tr("Here"), self.tr("In pack"), self.tr("Choice")]
        )
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setVisible(False)
        return table

    def _buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.check_button = self.buttons.addButton(
            self.tr("&Check"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.check_button.clicked.connect(self._check)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)

    def _layout(self, file_row: QHBoxLayout) -> None:
        form = QFormLayout(self)
        form.addRow(buddy_label(self, self.tr("&File"), self.path), file_row)
        form_row(form, self.tr("Publisher"), self.publisher)
        form_row(form, self.tr("Fingerprint"), self.fingerprint)
        form.addRow("", self.standing)
        form.addRow("", self.details)
        form.addRow("", self.trust)
        form_row(form, self.tr("Pack &passphrase"), self.passphrase)
        form.addRow(self.summary)
        form.addRow(self.conflicts)
        form.addRow(self.downgrades)
        form.addRow(self.deleted)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open knowledge pack"), "", self.tr("Knowledge packs (*.ekp)")
        )
        if path:
            self.path.setText(path)
            self._inspected = ""  # chosen again on purpose: read it again
            self._inspect()

    # -- step 1: who signed it ---------------------------------------------------------
    def _inspect(self) -> None:
        text = self.path.text().strip()
        # editingFinished also fires on every focus change: only a new file starts over.
        if not text or text == self._inspected:
            return
        self._inspected = text
        self._reset_plan()
        packs, path = self._packs, Path(text)
        self._runner.submit(
            # The user opened this pack to import it: its manifest names the publisher.
            lambda _p: packs.inspect(path, untrusted_ok=True),
            guarded(self, self._show_info),
            guarded(self, self._failed),
        )

    def _show_info(self, info: PackInfo) -> None:
        self.info = info
        self.message.clear()
        self.publisher.setText(info.publisher_name)
        self.fingerprint.setText(info.grouped_fingerprint)
        self.details.setText(
            self.tr("Created {created}, ceiling {ceiling}, {n} entries.").format(
                created=info.created,
                ceiling=level_of(info.ceiling).label(self._language),
                n=info.entry_count,
            )
            + (self.tr(" Includes experts (personal data).") if info.with_people else "")
        )
        self.standing.setText(self._standing_text(info))
        self.trust.setVisible(not info.trusted and not info.name_clash)
        self.trust.setChecked(False)
        self.check_button.setEnabled(not info.name_clash)

    def _standing_text(self, info: PackInfo) -> str:
        if info.name_clash:
            return self.tr(
                "Warning: a trusted publisher of this name uses another key. This pack "
                "cannot be imported; ask the publisher whether its key changed."
            )
        if info.own:
            return self.tr("Published by this hub.")
        if info.trusted:
            return self.tr("A trusted publisher.")
        return self.tr(
            "A new publisher. Compare the fingerprint with the publisher by phone or in "
            "person before you trust it."
        )

    # -- step 2: the plan ------------------------------------------------------------------
    def _check(self) -> None:
        self._run(self.tr("Checking the pack…"), dry_run=True, done=self._show_plan)

    def _run(self, title: str, dry_run: bool, done: Callable[[PackImportReport], None]) -> None:
        packs, path = self._packs, Path(self.path.text().strip())
        secret, trust = self.passphrase.text(), self.trust.isChecked()
        resolutions = {} if dry_run else self.resolutions()
        accepted = [] if dry_run else self.downgrades.chosen()
        restore = [] if dry_run else self.deleted.chosen()

        def job(progress: Progress) -> PackImportReport:
            return packs.import_pack(
                path,
                secret,
                trust=trust,
                dry_run=dry_run,
                resolutions=resolutions,
                accept_downgrades=accepted,
                restore=restore,
                progress=progress.report,
                cancel=progress.cancelled,
            )

        self.message.clear()
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        run_with_progress(self, self._runner, title, job, done, self._failed)

    def _show_plan(self, report: PackImportReport) -> None:
        self.plan_report = report
        counts = report.plan.counts()
        self.summary.setText(
            self.tr(
                "{add} new, {update} updated, {conflict} conflicts, {same} unchanged, "
                "{deleted} deleted here (skipped unless restored), {lower} with a lower "
                "classification (kept unless accepted)."
            ).format(
                add=counts["add"],
                update=counts["update"],
                conflict=counts["conflict"],
                same=counts["unchanged"],
                deleted=counts["deleted"],
                lower=len(report.plan.downgrades),
            )
        )
        self._fill_conflicts(report)
        self.downgrades.fill(report.plan.downgrades)
        self.deleted.fill(report.plan.deleted)
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(True)

    def _fill_conflicts(self, report: PackImportReport) -> None:
        items = report.plan.conflicts
        self.conflicts.setRowCount(len(items))
        for row, item in enumerate(items):
            self.conflicts.setItem(row, 0, QTableWidgetItem(f"{item.title} ({item.kind})"))
            self.conflicts.setItem(row, 1, QTableWidgetItem(f"r{item.local_revision}"))
            self.conflicts.setItem(row, 2, QTableWidgetItem(f"r{item.remote_revision}"))
            self.conflicts.setCellWidget(row, 3, self._choice_box(item.entry_id))
        self.conflicts.setVisible(bool(items))

    def _choice_box(self, entry_id: str) -> QComboBox:
        box = QComboBox(self.conflicts)
        box.setAccessibleName(self.tr("Choice"))
        box.addItem(self.tr("Decide later"), LATER)
        box.addItem(self.tr("Keep mine"), MINE)
        box.addItem(self.tr("Take theirs"), THEIRS)
        box.addItem(self.tr("Keep both"), BOTH)
        box.setProperty("entry_id", entry_id)
        return box

    def choice_boxes(self) -> list[QComboBox]:
        rows = range(self.conflicts.rowCount())
        return [box for r in rows if isinstance(box := self.conflicts.cellWidget(r, 3), QComboBox)]

    def resolutions(self) -> dict[str, str]:
        return {
            str(box.property("entry_id")): str(box.currentData())
            for box in self.choice_boxes()
            if box.currentData() != LATER
        }

    # -- step 3: import ----------------------------------------------------------------------
    def _import(self) -> None:
        if self.plan_report is None:
            return
        self._run(self.tr("Importing the pack…"), dry_run=False, done=self._done)

    def _done(self, report: PackImportReport) -> None:
        self.report = report
        self.message.setText(
            self.tr(
                "Imported: {new} new, {updated} updated, {both} kept both; "
                "{later} conflicts left for later; {refused} lower classifications refused; "
                "{skipped} entries deleted here skipped; {kept} attachments removed by the "
                "publisher kept here."
            ).format(
                new=len(report.created),
                updated=len(report.updated),
                both=len(report.copies),
                later=len(report.unresolved),
                refused=len(report.refused_downgrades),
                skipped=len(report.deleted_skipped),
                kept=len(report.attachments_kept),
            )
        )
        self.sig_imported.emit(report)
        self.accept()

    def _reset_plan(self) -> None:
        self.plan_report = None
        self.summary.clear()
        self.conflicts.setRowCount(0)
        self.conflicts.setVisible(False)
        self.downgrades.clear_rows()
        self.deleted.clear_rows()
        self.import_button.setEnabled(False)

    def _failed(self, error: Exception) -> None:
        self.message.setText(error_message(error, self.tr("The pack could not be read.")))
        show_fault(self, self.windowTitle(), error)  # a full disk: what happened, what to do
        self.check_button.setEnabled(self.info is not None and not self.info.name_clash)
        self.import_button.setEnabled(self.plan_report is not None)
