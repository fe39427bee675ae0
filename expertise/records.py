"""Plain dataclasses handed to the CLI and UI: ORM rows never leave the core."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class EntryRecord:
    id: str
    kind: str
    title: str
    body_md: str
    summary: str
    classification: str
    language: str
    status: str
    created_at: datetime
    updated_at: datetime
    revision: int
    tags: tuple[str, ...]
    themes: tuple[str, ...]
    fields: Mapping[str, object]
    stale: bool = False

    def as_dict(self) -> dict[str, object]:
        """FIELDS.md names and plain values; what JSON export and revisions hold."""
        data: dict[str, object] = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "summary": self.summary,
            "tags": list(self.tags),
            "themes": list(self.themes),
            "classification": self.classification,
            "language": self.language,
            "status": self.status,
        }
        data.update(self.fields)
        data["body"] = self.body_md
        return data


@dataclass(frozen=True)
class EntrySummary:
    id: str
    kind: str
    title: str
    summary: str
    classification: str
    language: str
    status: str
    updated_at: datetime
    revision: int
    stale: bool
    review_by: date | None = None


@dataclass(frozen=True)
class LinkRecord:
    entry_id: str | None
    title: str
    kind: str | None
    relation: str = "wiki"


@dataclass(frozen=True)
class RevisionRecord:
    revision: int
    saved_at: datetime
    saved_by: str
    snapshot: Mapping[str, object]


@dataclass(frozen=True)
class AttachmentRecord:
    id: str
    entry_id: str
    file_name: str
    media_type: str
    size: int
    added_at: datetime


@dataclass(frozen=True)
class AuditRecord:
    at: datetime
    actor: str
    action: str
    target_id: str | None
    detail: Mapping[str, object]


@dataclass(frozen=True)
class Label:
    key: str
    label_nl: str
    label_en: str
    count: int = 0
    group: str = "theme"


@dataclass(frozen=True)
class Change:
    """What a write changed, so views refresh only that (ARCHITECTURE §11.3)."""

    entry_ids: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    deleted_ids: frozenset[str] = frozenset()
    reason: str = "write"


@dataclass(frozen=True)
class CreatedMissing:
    """A draft entry an import made for a reference to a name the hub did not have."""

    id: str
    kind: str
    title: str
    source: str  # file:line of the first reference to it
    field: str  # the field that referred to it


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    files: int = 0
    # "file.md:3: theme `Kindersekstoerisme` read as `child_sex_tourism`" (lenient values)
    notes: list[str] = field(default_factory=list)
    created_missing: list[CreatedMissing] = field(default_factory=list)  # --create-missing


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    attachments: int = 0
    index_docs: int = 0
    index_consistent: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class EraseReport:
    """What erase-person changed, per place, and what it could not change (by id only)."""

    expert_id: str
    name_forms: int = 0
    revisions_removed: int = 0
    references_cleared: int = 0
    changed: dict[str, int] = field(default_factory=dict)
    reindexed: int = 0
    not_changed: list[str] = field(default_factory=list)
