"""Shown names for the FIELDS.md field names and their choices, in one translatable place."""

from __future__ import annotations

from PySide6.QtCore import QObject


class FieldText(QObject):
    """Translated labels; the stored keys stay the English names of docs/FIELDS.md."""

    def field(self, name: str) -> str:
        return self._fields().get(name, name.replace("_", " ").capitalize())

    def choices(self, name: str, keys: tuple[str, ...]) -> list[tuple[str, str]]:
        shown = self._choices()
        if name == "audience":
            shown["public"] = self.tr("Public information")
        return [(key, shown.get(key, key.capitalize())) for key in keys]

    def kind(self, kind: str) -> str:
        return self._kinds().get(kind, kind)

    def column(self, field: str, column: str) -> str:
        """The shown name of a column of a structured list field."""
        columns = {
            ("follow_ups", "date"): self.tr("Date"),
            ("follow_ups", "author"): self.tr("Author"),
            ("follow_ups", "text"): self.tr("Update"),
            ("items", "bottleneck"): self.tr("Bottleneck"),
            ("items", "objective"): self.tr("Objective"),
            ("items", "result"): self.tr("Intended result"),
            ("items", "activities"): self.tr("Activities"),
            ("items", "responsible"): self.tr("Responsible parties"),
            ("items", "progress"): self.tr("Progress"),
        }
        return columns.get((field, column), column.replace("_", " ").capitalize())

    def _kinds(self) -> dict[str, str]:
        return {
            "advice": self.tr("Advice note"),
            "innovation": self.tr("Innovation project"),
            "practice": self.tr("Best practice"),
            "expert": self.tr("Expert"),
            "organisation": self.tr("Organisation"),
            "bottleneck": self.tr("Bottleneck"),
            "case": self.tr("Example case"),
            "agenda": self.tr("Yearly agenda"),
        }

    def _fields(self) -> dict[str, str]:
        return {
            "summary": self.tr("Summary"),
            "tags": self.tr("Tags"),
            "themes": self.tr("Themes"),
            "classification": self.tr("Classification"),
            "language": self.tr("Language"),
            "status": self.tr("Status"),
            "owner": self.tr("Owner"),
            "review_by": self.tr("Review by"),
            "superseded_by": self.tr("Superseded by"),
            "author": self.tr("Author"),
            "audience": self.tr("Audience"),
            "requested_by": self.tr("Requested by"),
            "advice_date": self.tr("Advice date"),
            "stage": self.tr("Stage"),
            "bottleneck": self.tr("Bottleneck addressed"),
            "start_date": self.tr("Start date"),
            "end_date": self.tr("End date"),
            "owner_org": self.tr("Owning organisation"),
            "lead": self.tr("Lead expert"),
            "partners": self.tr("Partners"),
            "results": self.tr("Results"),
            "context": self.tr("Context"),
            "practice": self.tr("Practice"),
            "outcome": self.tr("Outcome"),
            "lessons": self.tr("Lessons learned"),
            "source_case": self.tr("Source case (anonymised)"),
            "evidence_level": self.tr("Evidence level"),
            "region": self.tr("Region / unit"),
            "role": self.tr("Role"),
            "organisation": self.tr("Organisation"),
            "unit": self.tr("Unit"),
            "expertise": self.tr("Expertise areas"),
            "languages": self.tr("Languages"),
            "email": self.tr("E-mail"),
            "phone": self.tr("Phone"),
            "availability": self.tr("Availability"),
            "internal": self.tr("Internal"),
            "consent_date": self.tr("Listing consent given"),
            "consent_basis": self.tr("Consent basis"),
            "last_verified": self.tr("Last verified"),
            "org_type": self.tr("Type"),
            "country": self.tr("Country (ISO code)"),
            "contact": self.tr("Contact"),
            "partner_since": self.tr("Partner since"),
            "state": self.tr("State"),
            "signalled_on": self.tr("Signalled on"),
            "signalled_by": self.tr("Signalled by"),
            "responsible": self.tr("Responsible parties"),
            "measures": self.tr("Measures"),
            "resolved_on": self.tr("Resolved on"),
            "resolution": self.tr("Resolution"),
            "follow_ups": self.tr("Follow-up log"),
            "produced_practices": self.tr("Practices it produced"),
            "year": self.tr("Year"),
            "items": self.tr("Agenda items"),
        }

    def _choices(self) -> dict[str, str]:
        return {
            "public": self.tr("Public"),
            "internal": self.tr("Internal"),
            "confidential": self.tr("Confidential"),
            "nl": self.tr("Dutch"),
            "en": self.tr("English"),
            "draft": self.tr("Draft"),
            "current": self.tr("Current"),
            "superseded": self.tr("Superseded"),
            "investigation": self.tr("Investigation teams"),
            "policy": self.tr("Policy"),
            "idea": self.tr("Idea"),
            "pilot": self.tr("Pilot"),
            "running": self.tr("Running"),
            "evaluated": self.tr("Evaluated"),
            "adopted": self.tr("Adopted"),
            "stopped": self.tr("Stopped"),
            "anecdotal": self.tr("Anecdotal"),
            "observed": self.tr("Observed"),
            "police": self.tr("Police"),
            "prosecution": self.tr("Public prosecution"),
            "ministry": self.tr("Ministry"),
            "ngo": self.tr("NGO"),
            "provider": self.tr("Internet provider"),
            "international": self.tr("International (Europol, Interpol…)"),
            "academic": self.tr("Academic"),
            "other": self.tr("Other"),
            "signalled": self.tr("Signalled"),
            "addressed": self.tr("Addressed"),
            "in_progress": self.tr("In progress"),
            "resolved": self.tr("Resolved"),
            "parked": self.tr("Parked"),
            "following": self.tr("Being followed"),
            "closed": self.tr("Closed"),
            "planned": self.tr("Planned"),
            "done": self.tr("Done"),
            "delayed": self.tr("Delayed"),
            "dropped": self.tr("Dropped"),
        }
