"""Shown names of the personal-data pattern kinds, in one translatable place."""

from __future__ import annotations

from PySide6.QtCore import QObject


class PatternText(QObject):
    def name(self, kind: str) -> str:
        return self._names().get(kind, kind)

    def field(self, name: str) -> str | None:
        """The body and the title, which the editor's form does not label."""
        return {"body": self.tr("Text"), "title": self.tr("Title")}.get(name)

    def explain(self, kind: str) -> str:
        return self.tr(
            "Possible personal data here ({pattern}): example cases and practices must be "
            "anonymised."
        ).format(pattern=self.name(kind))

    def count(self, count: int) -> str:
        if count == 0:
            return ""
        if count == 1:
            return self.tr("1 possible personal data")
        return self.tr("{count} possible personal data").format(count=count)

    def _names(self) -> dict[str, str]:
        return {
            "bsn": self.tr("citizen service number (BSN)"),
            "phone": self.tr("phone number"),
            "email": self.tr("e-mail address"),
            "iban": self.tr("bank account (IBAN)"),
            "postcode": self.tr("postcode and house number"),
            "plate": self.tr("licence plate"),
            "birth_date": self.tr("date of birth"),
            "name": self.tr("name of an expert in this hub"),
        }
