"""The pack details dialog (new pack, edit pack) and the user-facing ceiling message."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from expertise import AboveCeiling, CoursePackRecord, HubError
from ui.os_fault import fault_of, fault_text
from ui.plaintext import form_row
from ui.shell.banner import level_of, levels


@dataclass(frozen=True)
class PackDetails:
    title: str
    ceiling: str
    audience: str
    description: str


class PackDialog(QDialog):
    def __init__(
        self, language: str, pack: CoursePackRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit course pack") if pack else self.tr("New course pack"))
        self.title = QLineEdit(pack.title if pack else "", self)
        self.title.setAccessibleName(self.tr("Title"))
        self.audience = QLineEdit(pack.audience if pack else "", self)
        self.audience.setAccessibleName(self.tr("Audience"))
        self.audience.setPlaceholderText(self.tr("e.g. new investigators, prosecutors"))
        self.ceiling = QComboBox(self)
        self.ceiling.setAccessibleName(self.tr("Classification ceiling"))
        for key in levels():
            self.ceiling.addItem(level_of(key).label(language), key)
        self.ceiling.setCurrentIndex(
            max(0, self.ceiling.findData(pack.ceiling if pack else "internal"))
        )
        self.description = QPlainTextEdit(pack.description if pack else "", self)
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form_row(form, self.tr("&Title"), self.title)
        form_row(form, self.tr("&Audience"), self.audience)
        form_row(form, self.tr("&Ceiling"), self.ceiling)
        form_row(form, self.tr("&Description"), self.description)
        form.addRow(buttons)

    def _accept(self) -> None:
        if self.title.text().strip():
            self.accept()
        else:
            self.title.setFocus()

    def details(self) -> PackDetails:
        return PackDetails(
            self.title.text().strip(),
            str(self.ceiling.currentData()),
            self.audience.text().strip(),
            self.description.toPlainText().strip(),
        )


def error_text(error: Exception, language: str, pack_title: str = "") -> str:
    """What to tell the user; core messages carry no content, so titles are added here."""
    if isinstance(error, AboveCeiling):
        return QCoreApplication.translate(
            "CoursePacks",
            "“{title}” is {level}, above the ceiling of the course pack{pack} ({ceiling}). "
            "Nothing was added.",
        ).format(
            title=error.title,
            level=level_of(error.level).label(language),
            pack=f" “{pack_title}”" if pack_title else "",
            ceiling=level_of(error.ceiling).label(language),
        )
    fault = fault_of(error)
    if fault is not None:
        return fault_text(fault)
    if isinstance(error, HubError):
        return str(error)
    return QCoreApplication.translate("CoursePacks", "The operation failed.")
