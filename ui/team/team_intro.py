"""What File → Team… shows a hub that is in no team: what a team is, and the two ways in.

Only words: the buttons ("Create a team on a server…", "Request to join…") stay in the
dialog's bottom row with Close, so every state of the dialog ends the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from ui.plaintext import PlainLabel, plain_label
from ui.shell.theme import styled_label


class TeamIntro(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        heading = styled_label(self.tr("Not in a team yet"), self, "dialogHeading")
        about = plain_label(
            self.tr("A team shares its entries through a PostgreSQL database that agency IT "
                    "runs. Each laptop keeps its own encrypted hub and works offline; the server "
                    "only ever receives encrypted items."),
            self, wrap=True,
        )
        ways = QFormLayout()
        ways.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        ways.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        ways.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        ways.setHorizontalSpacing(16)
        ways.setVerticalSpacing(10)
        self._way(ways, self.tr("Start a team:"), self.tr(
            "The team admin creates it on an empty database; the server URL names the "
            "admin's database role."))
        self._way(ways, self.tr("Join a team:"), self.tr(
            "Choose your server password and save a request file. Hand the file to the "
            "team's admin; once you are admitted, sync or refresh to join."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addSpacing(10)
        layout.addLayout(ways)

    def _way(self, form: QFormLayout, name: str, text: str) -> None:
        label = PlainLabel(name, self)
        label.setStyleSheet("font-weight: bold")
        form.addRow(label, plain_label(text, self, wrap=True))
