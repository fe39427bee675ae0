"""Plain records of course packs, handed to the CLI and UI instead of ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from expertise.errors import UserError
from expertise.models import classification_rank


@dataclass(frozen=True)
class CourseItemRecord:
    position: int
    entry_id: str
    title: str
    kind: str
    classification: str
    note: str

    def above(self, ceiling: str) -> bool:
        return classification_rank(self.classification) > classification_rank(ceiling)


@dataclass(frozen=True)
class CoursePackRecord:
    id: str
    title: str
    audience: str
    description: str
    ceiling: str
    created_at: datetime
    updated_at: datetime
    item_count: int
    items: tuple[CourseItemRecord, ...] = ()

    @property
    def blocked(self) -> tuple[CourseItemRecord, ...]:
        """Items whose entry was raised above the ceiling after it was added."""
        return tuple(item for item in self.items if item.above(self.ceiling))


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote. `skipped` counts entries now above the ceiling."""

    format: str
    path: Path
    entries: int
    skipped: int
    with_notes: bool
    pages: int = 0
    attachments: int = 0
    cancelled: bool = False


class AboveCeiling(UserError):
    """An entry's level is higher than the pack's ceiling; carries data for the UI."""

    def __init__(self, entry_id: str, title: str, level: str, ceiling: str) -> None:
        self.entry_id = entry_id
        self.title = title
        self.level = level
        self.ceiling = ceiling
        # The title stays out of the message: messages may end up in logs.
        super().__init__(f"entry {entry_id} is {level}, above the pack's ceiling {ceiling}")
