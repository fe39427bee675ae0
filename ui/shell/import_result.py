"""What an import did, shown after it: counts, values read by label, drafts it made.

The notes ("note-0003.md:5: theme `Kindersekstoerisme` read as
`child_sex_tourism`") and the drafts made for missing references come from the
core as text holding file names and titles from the imported files: they are
shown in a read-only plain-text box, never as rich text (ui/plaintext.py).
Only shown when there is something beyond the counts to say.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from expertise import ImportReport
from ui.labels import kind_label
from ui.plaintext import plain_label


def has_details(report: ImportReport) -> bool:
    return bool(report.notes or report.created_missing)


class ImportResultDialog(QDialog):
    def __init__(self, report: ImportReport, summary: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import finished"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(summary, self))
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText(self._text(report))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _text(self, report: ImportReport) -> str:
        lines: list[str] = []
        if report.notes:
            lines.append(self.tr("Values read by their label ({n}):").format(n=len(report.notes)))
            lines += [f"  {note}" for note in report.notes]
        if report.created_missing:
            if lines:
                lines.append("")
            lines.append(
                self.tr("Drafts created for missing references ({n}):").format(
                    n=len(report.created_missing)
                )
            )
            for made in report.created_missing:
                lines.append(
                    "  "
                    + self.tr("{kind} “{title}”, named by {field} in {source}").format(
                        kind=kind_label(made.kind),
                        title=made.title,
                        field=made.field,
                        source=made.source,
                    )
                )
        return "\n".join(lines)
