"""Plain results of the pack facade, safe to hand to the CLI and across UI threads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from expertise.packs.merge import MergePlan
from expertise.packs.signing import grouped


@dataclass(frozen=True)
class PublisherRecord:
    fingerprint: str
    name: str
    trusted_at: datetime | None = None

    @property
    def grouped(self) -> str:
        return grouped(self.fingerprint)


@dataclass(frozen=True)
class PackInfo:
    """What the clear manifest says, and what this hub thinks of its publisher."""

    pack_id: str
    publisher_name: str
    fingerprint: str
    created: str
    ceiling: str
    with_people: bool
    entry_count: int
    trusted: bool
    own: bool = False
    # A trusted publisher of the same name has another key: a possible impostor.
    name_clash: bool = False
    plan: MergePlan | None = None

    @property
    def grouped_fingerprint(self) -> str:
        return grouped(self.fingerprint)


@dataclass
class ExportReport:
    path: str
    entries: int
    attachments: int
    people: int
    size: int
    ceiling: str
    fingerprint: str
    publisher_name: str


@dataclass
class PackImportReport:
    info: PackInfo
    plan: MergePlan
    dry_run: bool
    newly_trusted: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    kept_mine: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dropped_references: int = 0
    dropped_themes: int = 0
    deleted_skipped: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    refused_downgrades: list[str] = field(default_factory=list)
    attachments_removed: list[tuple[str, str]] = field(default_factory=list)
    attachments_kept: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PackHeader:
    """What the signed trailer alone tells, before any part of the pack is parsed.

    Shown for a publisher this hub does not trust: its manifest and payload
    are attacker-chosen input until the user says otherwise.
    """

    fingerprint: str
    format_version: int
    size: int
    trusted: bool
    own: bool
    trusted_name: str | None = None  # from this hub's own list, not from the pack

    @property
    def grouped_fingerprint(self) -> str:
        return grouped(self.fingerprint)


@dataclass(frozen=True)
class PackChoices:
    """What an export can be narrowed to, for the export dialog's lists."""

    publisher_name: str
    fingerprint: str
    themes: list[tuple[str, str, str]]  # key, label_nl, label_en
    tags: list[str]
    saved_searches: list[str]
    courses: list[tuple[str, str]]  # id, title
