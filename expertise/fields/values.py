"""The value sets of the data model: classifications, languages, statuses, enum choices.

Each set is defined once, in its order, with its Dutch and English labels
(docs/ARCHITECTURE.md §3). Everything else (validation, the CLI, the index,
the UI's combo boxes) derives its lists from here.
"""

from __future__ import annotations

from expertise.fields.labels import Choice, Label, Level, choices

# Lowest first: the order is the rank a ceiling is compared by.
CLASSIFICATION_LEVELS: tuple[Level, ...] = (
    Level("public", Label("Openbaar", "Public"), "#2E7D32"),
    Level("internal", Label("Intern", "Internal"), "#9A5B00"),
    Level("confidential", Label("Vertrouwelijk", "Confidential"), "#C62828"),
)
LANGUAGE_CHOICES = choices(("nl", "Nederlands", "Dutch"), ("en", "Engels", "English"))
STATUS_CHOICES = choices(
    ("draft", "Concept", "Draft"),
    ("current", "Actueel", "Current"),
    ("superseded", "Vervangen", "Superseded"),
)

AUDIENCES = choices(
    ("investigation", "Opsporingsteams", "Investigation teams"),
    ("policy", "Beleid", "Policy"),
    ("public", "Publieksvoorlichting", "Public information"),
)
STAGES = choices(
    ("idea", "Idee", "Idea"),
    ("pilot", "Pilot", "Pilot"),
    ("running", "Lopend", "Running"),
    ("evaluated", "Geëvalueerd", "Evaluated"),
    ("adopted", "Overgenomen", "Adopted"),
    ("stopped", "Gestopt", "Stopped"),
)
EVIDENCE_LEVELS = choices(
    ("anecdotal", "Anekdotisch", "Anecdotal"),
    ("observed", "Waargenomen", "Observed"),
    ("evaluated", "Geëvalueerd", "Evaluated"),
)
ORG_TYPES = choices(
    ("police", "Politie", "Police"),
    ("prosecution", "Openbaar Ministerie", "Public prosecution"),
    ("ministry", "Ministerie", "Ministry"),
    ("ngo", "Ngo", "NGO"),
    ("provider", "Internetprovider", "Internet provider"),
    ("international", "Internationaal (Europol, Interpol…)", "International (Europol, Interpol…)"),
    ("academic", "Wetenschap", "Academic"),
    ("other", "Overig", "Other"),
)

BOTTLENECK_STATES = choices(
    ("signalled", "Gesignaleerd", "Signalled"),
    ("addressed", "Belegd", "Addressed"),
    ("in_progress", "In uitvoering", "In progress"),
    ("resolved", "Opgelost", "Resolved"),
    ("parked", "Geparkeerd", "Parked"),
)
CASE_STATES = choices(
    ("following", "Wordt gevolgd", "Being followed"),
    ("closed", "Afgesloten", "Closed"),
)
AGENDA_PROGRESS = choices(
    ("planned", "Gepland", "Planned"),
    ("in_progress", "In uitvoering", "In progress"),
    ("done", "Gereed", "Done"),
    ("delayed", "Vertraagd", "Delayed"),
    ("dropped", "Vervallen", "Dropped"),
)

CLASSIFICATIONS: tuple[str, ...] = tuple(level.key for level in CLASSIFICATION_LEVELS)
LANGUAGES: tuple[str, ...] = tuple(choice.key for choice in LANGUAGE_CHOICES)
STATUSES: tuple[str, ...] = tuple(choice.key for choice in STATUS_CHOICES)
# What an entry is when its author said nothing (the hub applies these).
DEFAULT_CLASSIFICATION = "internal"
DEFAULT_LANGUAGE = "nl"
DEFAULT_STATUS = "current"


def classification_rank(level: str) -> int:
    """0 for the lowest level; a ValueError for an unknown one."""
    return CLASSIFICATIONS.index(level)


def classification_level(key: str) -> Level | None:
    return next((level for level in CLASSIFICATION_LEVELS if level.key == key), None)


def keys(options: tuple[Choice, ...]) -> tuple[str, ...]:
    return tuple(option.key for option in options)
