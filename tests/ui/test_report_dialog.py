"""File → Progress report…: the dialog writes the report off the UI thread, with Cancel."""

from __future__ import annotations

import pypdf
import pytest
from PySide6.QtWidgets import QWidget

from expertise.report.period import current_year
from ui.report import ReportDialog


@pytest.fixture
def dialog(qtbot, ctx):
    host = QWidget()
    qtbot.addWidget(host)
    made = ReportDialog(ctx.hub.report, ctx.runner, "nl", host)
    yield made
    del host  # a Python reference until here, or the dialog dies with its parent


def test_defaults_are_this_years_report_dutch_internal(dialog):
    assert dialog.year.value() == current_year()
    assert dialog.year.maximum() == current_year()  # a later year has nothing to report
    assert dialog.ceiling.currentData() == "internal"
    assert dialog.language.currentData() == "nl"


def test_writes_pdf_and_docx_from_one_name(qtbot, dialog, tmp_path):
    dialog.out_path.setText(str(tmp_path / "rapport.pdf"))
    dialog.format.setCurrentIndex(dialog.format.findData("both"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.targets() == {"pdf": tmp_path / "rapport.pdf", "docx": tmp_path / "rapport.docx"}
    written = []
    dialog.sig_written.connect(written.append)
    dialog.write_button.click()
    qtbot.waitUntil(lambda: bool(written), timeout=120000)
    result = written[0]
    assert result.pdf.exists() and result.docx.exists() and result.lang == "en"
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(result.pdf).pages)
    assert "Progress report" in text


def test_no_file_chosen_says_so(dialog):
    dialog.write_button.click()
    assert dialog.message.text() == "Choose where to save the report."
    assert dialog.write_button.isEnabled()


def test_a_missing_folder_is_a_message_not_a_crash(qtbot, dialog, tmp_path):
    dialog.out_path.setText(str(tmp_path / "nowhere" / "r.pdf"))
    dialog.write_button.click()
    qtbot.waitUntil(lambda: "no such folder" in dialog.message.text(), timeout=60000)
    assert dialog.write_button.isEnabled() and dialog.result_ is None


def test_the_menu_has_the_action(window):
    texts = [a.text() for a in window.findChildren(type(window.actions()[0]))]
    assert "&Progress report…" in texts


def test_cancel_writes_no_file_and_says_so(qtbot, dialog, tmp_path):
    from PySide6.QtWidgets import QProgressDialog

    dialog.out_path.setText(str(tmp_path / "r.pdf"))
    dialog.write_button.click()
    progress = dialog.findChild(QProgressDialog)
    assert progress is not None
    progress.canceled.emit()  # as the Cancel button does, before the job has got far
    qtbot.waitUntil(lambda: "cancelled" in dialog.message.text(), timeout=120000)
    assert not (tmp_path / "r.pdf").exists() and dialog.result_ is None
