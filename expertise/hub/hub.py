"""`Hub`: an unlocked hub, and the door the CLI and the UI use (ARCHITECTURE §11.2).

Each concern is a sub-facade: ``hub.entries``, ``hub.attachments``, ``hub.search``
(callable), ``hub.vocabulary``, ``hub.transfer``, ``hub.maintenance``, ``hub.keys``,
``hub.courses``, ``hub.packs``, ``hub.barrier``, ``hub.upkeep`` and ``hub.report``.
They work through the public units of work of `HubCore` (``hub.session``,
``hub.blobs``, ``hub.index_service``).

The flat methods below the sub-facades only delegate, so callers can move over
in steps; they go once no caller uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from pathlib import Path

from expertise.courses.api import CourseFacade
from expertise.hub.attachments import AttachmentFacade
from expertise.hub.core import HubCore
from expertise.hub.entries import EntryFacade
from expertise.hub.keys import KeyFacade
from expertise.hub.maintenance import MaintenanceFacade
from expertise.hub.search import SearchFacade
from expertise.hub.transfer import TransferFacade
from expertise.hub.vocabulary import VocabularyFacade
from expertise.kdf import KdfParams
from expertise.overview.api import BarrierFacade, UpkeepFacade
from expertise.packs.api import PackFacade
from expertise.records import (
    AttachmentRecord,
    AuditRecord,
    CheckReport,
    EntryRecord,
    EntrySummary,
    EraseReport,
    ImportReport,
    Label,
    LinkRecord,
    RevisionRecord,
)
from expertise.report.api import ReportFacade
from index import ExpertHit, TitleHit


class Hub(HubCore):
    @cached_property
    def entries(self) -> EntryFacade:
        """Entries, their revisions and links."""
        return EntryFacade(self)

    @cached_property
    def attachments(self) -> AttachmentFacade:
        """Encrypted files attached to entries."""
        return AttachmentFacade(self)

    @cached_property
    def search(self) -> SearchFacade:
        """Full-text search (call it), title suggestions, experts, saved searches."""
        return SearchFacade(self)

    @cached_property
    def vocabulary(self) -> VocabularyFacade:
        """Tags, themes and the thesaurus."""
        return VocabularyFacade(self)

    @cached_property
    def transfer(self) -> TransferFacade:
        """Import files, export Markdown or JSON."""
        return TransferFacade(self)

    @cached_property
    def maintenance(self) -> MaintenanceFacade:
        """Index upkeep, integrity check, backups, audit log, erasing a person."""
        return MaintenanceFacade(self)

    @cached_property
    def keys(self) -> KeyFacade:
        """Passphrase, re-key, recovery key, the key kept on this device."""
        return KeyFacade(self)

    @cached_property
    def courses(self) -> CourseFacade:
        """Course packs for trainers (ARCHITECTURE §8)."""
        return CourseFacade(self)

    @cached_property
    def packs(self) -> PackFacade:
        """Signed, encrypted knowledge packs for partner organisations (ARCHITECTURE §8)."""
        return PackFacade(self)

    @cached_property
    def barrier(self) -> BarrierFacade:
        """The barrier-model matrix of measures and open bottlenecks (ARCHITECTURE §3)."""
        return BarrierFacade(self)

    @cached_property
    def upkeep(self) -> UpkeepFacade:
        """What is due: reviews, expert consent, quiet bottlenecks and cases."""
        return UpkeepFacade(self)

    @cached_property
    def report(self) -> ReportFacade:
        """The yearly progress report to the minister (ARCHITECTURE §8)."""
        return ReportFacade(self)

    @property
    def search_notice(self) -> str | None:
        return self.search.notice

    # -- delegating methods (callers move to the sub-facades) ------------------
    def add_entry(self, kind: str, values: Mapping[str, object]) -> EntryRecord:
        return self.entries.add(kind, values)

    def add_entries(
        self,
        items: Iterable[tuple[str, Mapping[str, object]]],
        *,
        reindex: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        return self.entries.add_many(items, reindex=reindex, progress=progress)

    def update_entry(
        self, entry_id: str, values: Mapping[str, object], *, expected_revision: int | None = None
    ) -> EntryRecord:
        return self.entries.update(entry_id, values, expected_revision=expected_revision)

    def get_entry(self, entry_id: str) -> EntryRecord:
        return self.entries.get(entry_id)

    def delete_entry(self, entry_id: str) -> None:
        self.entries.delete(entry_id)

    def list_entries(
        self,
        kind: str | None = None,
        *,
        tag: str | None = None,
        theme: str | None = None,
        status: str | None = None,
        order: str = "title",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EntrySummary]:
        return self.entries.list(
            kind, tag=tag, theme=theme, status=status, order=order, limit=limit, offset=offset
        )

    def count_entries(self, kind: str | None = None) -> int:
        return self.entries.count(kind)

    def kind_counts(self) -> dict[str, int]:
        return self.entries.kind_counts()

    def find_by_title(self, title: str, kind: str | None = None) -> EntryRecord | None:
        return self.entries.find_by_title(title, kind)

    def titles(self, prefix: str = "", limit: int = 50) -> list[tuple[str, str, str]]:
        return self.entries.titles(prefix, limit)

    def tags(self) -> list[Label]:
        return self.vocabulary.tags()

    def themes(self) -> list[Label]:
        return self.vocabulary.themes()

    def revisions(self, entry_id: str) -> list[RevisionRecord]:
        return self.entries.revisions(entry_id)

    def revision_diff(self, entry_id: str, old: int, new: int) -> str:
        return self.entries.revision_diff(entry_id, old, new)

    def restore_revision(self, entry_id: str, revision: int) -> EntryRecord:
        return self.entries.restore_revision(entry_id, revision)

    def links(self, entry_id: str) -> list[LinkRecord]:
        return self.entries.links(entry_id)

    def backlinks(self, entry_id: str) -> list[LinkRecord]:
        return self.entries.backlinks(entry_id)

    def add_attachment(
        self, entry_id: str, source: Path | str, *, data: bytes | None = None
    ) -> AttachmentRecord:
        return self.attachments.add(entry_id, source, data=data)

    def save_attachment_copy(self, attachment_id: str, target: Path | str) -> Path:
        return self.attachments.save_copy(attachment_id, target)

    def remove_attachment(self, attachment_id: str) -> None:
        self.attachments.remove(attachment_id)

    def import_paths(self, paths: Iterable[Path | str]) -> ImportReport:
        return self.transfer.import_paths(paths)

    def export_markdown(self, out_dir: Path | str) -> int:
        return self.transfer.export_markdown(out_dir)

    def export_json(self) -> list[dict[str, object]]:
        return self.transfer.export_json()

    def audit_log(self, limit: int = 200) -> list[AuditRecord]:
        return self.maintenance.audit_log(limit)

    def suggest_titles(self, prefix: str, limit: int = 10) -> list[TitleHit]:
        return self.search.titles(prefix, limit)

    def find_experts(self, topic: str, limit: int = 10) -> list[ExpertHit]:
        return self.search.experts(topic, limit)

    def reindex(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> bool:
        return self.maintenance.reindex(progress, cancel)

    def index_staleness(self) -> str:
        return self.maintenance.index_staleness()

    def saved_searches(self) -> list[tuple[str, str, str | None]]:
        return self.search.saved()

    def save_search(self, name: str, query: str, kind: str | None = None) -> None:
        self.search.save(name, query, kind)

    def delete_saved_search(self, name: str) -> None:
        self.search.delete_saved(name)

    def thesaurus(self) -> list[list[str]]:
        return self.vocabulary.thesaurus()

    def set_thesaurus(self, groups: Iterable[Iterable[str]]) -> None:
        self.vocabulary.set_thesaurus(groups)

    def change_passphrase(self, new_passphrase: str) -> None:
        self.keys.change_passphrase(new_passphrase)

    def rekey(
        self,
        new_passphrase: str,
        *,
        kdf: KdfParams | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> str | None:
        return self.keys.rekey(new_passphrase, kdf=kdf, progress=progress, cancel=cancel)

    def add_recovery_key(self) -> str:
        return self.keys.add_recovery_key()

    def remember_on_device(self) -> None:
        self.keys.remember_on_device()

    def forget_on_device(self) -> None:
        self.keys.forget_on_device()

    def check(self) -> CheckReport:
        return self.maintenance.check()

    def backup(self, target: Path | str) -> Path:
        return self.maintenance.backup(target)

    def erase_person(self, expert_id: str) -> EraseReport:
        return self.maintenance.erase_person(expert_id)
