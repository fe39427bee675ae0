"""`Hub`: the public facade over an unlocked hub. Each method is one action."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise import keystore, oserrors, readonly, space
from expertise.courses.api import CourseFacade
from expertise.db import verify_database
from expertise.errors import KeyringUnavailable
from expertise.hubcore import HubCore, entry_change
from expertise.kdf import KdfParams
from expertise.models import KINDS, Attachment, SavedSearch, SynonymGroup
from expertise.overview.api import BarrierFacade, UpkeepFacade
from expertise.packs.api import PackFacade
from expertise.records import (
    AttachmentRecord,
    AuditRecord,
    Change,
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
from expertise.services import (
    attachments,
    audit,
    backup,
    bulk,
    entries,
    erasure,
    maintenance,
    queries,
    transfer,
)
from expertise.services.convert import to_record
from index import ExpertHit, SearchResults, TitleHit


class Hub(HubCore):
    @property
    def courses(self) -> CourseFacade:
        """Course packs for trainers (ARCHITECTURE §8)."""
        return CourseFacade(self)

    @property
    def packs(self) -> PackFacade:
        """Signed, encrypted knowledge packs for partner organisations (ARCHITECTURE §8)."""
        return PackFacade(self)

    @property
    def barrier(self) -> BarrierFacade:
        """The barrier-model matrix of measures and open bottlenecks (ARCHITECTURE §3)."""
        return BarrierFacade(self)

    @property
    def upkeep(self) -> UpkeepFacade:
        """What is due: reviews, expert consent, quiet bottlenecks and cases."""
        return UpkeepFacade(self)

    @property
    def report(self) -> ReportFacade:
        """The yearly progress report to the minister (ARCHITECTURE §8)."""
        return ReportFacade(self)

    # -- entries -------------------------------------------------------------
    def add_entry(self, kind: str, values: Mapping[str, object]) -> EntryRecord:
        def action(session: Session) -> EntryRecord:
            return to_record(entries.create_entry(session, kind, values, audit.current_actor()))

        return self._write(action, lambda r: entry_change([r.id], [r.kind]))

    def add_entries(
        self,
        items: Iterable[tuple[str, Mapping[str, object]]],
        *,
        reindex: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Create many new entries in batches (large imports, corpora); their ids.

        Much faster than add_entry per item. The search index is rebuilt once
        at the end; with ``reindex=False`` the caller does that (until then
        the index is stale, and the next open repairs it).
        """
        self._require_writable()
        created = bulk.insert_entries(
            self._sessions, items, audit.current_actor(), progress=progress
        )
        if reindex:
            self.reindex()
        return created

    def update_entry(
        self, entry_id: str, values: Mapping[str, object], *, expected_revision: int | None = None
    ) -> EntryRecord:
        def action(session: Session) -> EntryRecord:
            entry, _ = entries.update_entry(
                session, entry_id, values, audit.current_actor(), expected_revision
            )
            return to_record(entry)

        return self._write(action, lambda r: entry_change([r.id], [r.kind]))

    def get_entry(self, entry_id: str) -> EntryRecord:
        return self._read(lambda s: to_record(entries.get_entry(s, entry_id)))

    def delete_entry(self, entry_id: str) -> None:
        def action(session: Session) -> str:
            entry = entries.delete_entry(session, entry_id)
            audit.record(session, "delete", entry_id)
            return entry.kind

        self._write(
            action, lambda kind: Change(frozenset(), frozenset([kind]), frozenset([entry_id]))
        )

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
        return self._read(
            lambda s: queries.list_entries(s, kind, tag, theme, status, order, limit, offset)
        )

    def count_entries(self, kind: str | None = None) -> int:
        return self._read(lambda s: entries.count_entries(s, kind))

    def kind_counts(self) -> dict[str, int]:
        return self._read(queries.kind_counts)

    def find_by_title(self, title: str, kind: str | None = None) -> EntryRecord | None:
        from expertise.services.links import find_by_title

        def action(session: Session) -> EntryRecord | None:
            entry = find_by_title(session, title, kind)
            return to_record(entry) if entry else None

        return self._read(action)

    def titles(self, prefix: str = "", limit: int = 50) -> list[tuple[str, str, str]]:
        return self._read(lambda s: queries.titles(s, prefix, limit))

    def tags(self) -> list[Label]:
        return self._read(queries.tags_with_counts)

    def themes(self) -> list[Label]:
        return self._read(queries.themes_with_counts)

    # -- revisions and links -----------------------------------------------
    def revisions(self, entry_id: str) -> list[RevisionRecord]:
        return self._read(lambda s: queries.revisions(s, entry_id))

    def revision_diff(self, entry_id: str, old: int, new: int) -> str:
        by_number = {r.revision: r for r in self.revisions(entry_id)}
        texts = [
            json.dumps(by_number[n].snapshot, indent=1, ensure_ascii=False, sort_keys=True)
            .replace("\\n", "\n")
            .splitlines()
            for n in (old, new)
            if n in by_number
        ]
        if len(texts) != 2:
            from expertise.errors import UserError

            raise UserError("no such revision")
        return "\n".join(
            difflib.unified_diff(texts[0], texts[1], f"r{old}", f"r{new}", lineterm="")
        )

    def restore_revision(self, entry_id: str, revision: int) -> EntryRecord:
        def action(session: Session) -> EntryRecord:
            entry = entries.restore_revision(session, entry_id, revision, audit.current_actor())
            return to_record(entry)

        return self._write(action, lambda r: entry_change([r.id], [r.kind]))

    def links(self, entry_id: str) -> list[LinkRecord]:
        return self._read(lambda s: queries.outgoing_links(s, entry_id))

    def backlinks(self, entry_id: str) -> list[LinkRecord]:
        return self._read(lambda s: queries.backlinks(s, entry_id))

    # -- attachments ---------------------------------------------------------
    def add_attachment(
        self, entry_id: str, source: Path | str, *, data: bytes | None = None
    ) -> AttachmentRecord:
        path = Path(source)
        content = data if data is not None else path.read_bytes()

        def action(session: Session) -> AttachmentRecord:
            row = attachments.add_attachment(session, self._blobs, entry_id, path.name, content)
            return attachments.to_record(row)

        return self._write(action, lambda r: entry_change([entry_id], []))

    def attachments(self, entry_id: str) -> list[AttachmentRecord]:
        return self._read(lambda s: attachments.list_attachments(s, entry_id))

    def save_attachment_copy(self, attachment_id: str, target: Path | str) -> Path:
        def action(session: Session) -> Path:
            audit.record(session, "attachment-copy", attachment_id)
            return attachments.save_copy(session, self._blobs, attachment_id, Path(target))

        return self._read(action)

    def remove_attachment(self, attachment_id: str) -> None:
        def action(session: Session) -> str:
            return attachments.remove_attachment(session, self._blobs, attachment_id)

        self._write(action, lambda entry_id: entry_change([entry_id], []))

    # -- import / export -----------------------------------------------------
    def import_paths(self, paths: Iterable[Path | str]) -> ImportReport:
        sources = [Path(p) for p in paths]
        self._require_writable()  # before the space check, which would call it full
        space.for_import(self.path, sources)
        items, file_count = transfer.parse_all(sources)

        def action(session: Session) -> ImportReport:
            report = transfer.import_items(session, items, audit.current_actor())
            report.files = file_count
            audit.record(
                session,
                "import",
                None,
                {
                    "files": file_count,
                    "created": len(report.created),
                    "updated": len(report.updated),
                },
            )
            return report

        return self._write(action, lambda r: entry_change(r.created + r.updated, [], "import"))

    def export_markdown(self, out_dir: Path | str) -> int:
        space.for_export(self.path, out_dir)

        def action(session: Session) -> int:
            with oserrors.raised_as_fault(self.path, Path(out_dir)):
                count = transfer.export_markdown(session, Path(out_dir))
            audit.record(session, "export", None, {"format": "md", "entries": count})
            return count

        return self._read(action)

    def export_json(self) -> list[dict[str, object]]:
        def action(session: Session) -> list[dict[str, object]]:
            data = transfer.export_json(session)
            audit.record(session, "export", None, {"format": "json", "entries": len(data)})
            return data

        return self._read(action)

    def audit_log(self, limit: int = 200) -> list[AuditRecord]:
        return self._read(lambda s: audit.recent(s, limit))

    # -- search ----------------------------------------------------------------
    def search(
        self,
        query: str,
        kind: str | None = None,
        limit: int = 20,
        *,
        page: int = 1,
        sort: str = "relevance",
        filters: Mapping[str, str] | None = None,
        max_classification: str | None = None,
    ) -> SearchResults:
        if self._index.limited:
            return self._read(lambda s: readonly.scan_search(s, query, kind, limit, page))
        return self._index.index.search(
            query,
            kind=kind,
            filters=filters,
            limit=limit,
            page=page,
            sort=sort,
            max_classification=max_classification,
        )

    def suggest_titles(self, prefix: str, limit: int = 10) -> list[TitleHit]:
        if self._index.limited:
            return self._read(lambda s: readonly.scan_titles(s, prefix, limit))
        return self._index.index.suggest_titles(prefix, limit)

    def find_experts(self, topic: str, limit: int = 10) -> list[ExpertHit]:
        if self._index.limited:
            return []  # expert matching needs the index; search_notice says it is limited
        return self._index.index.find_experts(topic, limit)

    def reindex(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> bool:
        self._index.wait()
        self._require_writable()
        space.for_reindex(self.path)
        with oserrors.raised_as_fault(self.path):
            return self._index.rebuild(progress, cancel)

    def index_staleness(self) -> str:
        self._index.wait()
        return self._index.staleness()

    def saved_searches(self) -> list[tuple[str, str, str | None]]:
        rows = self._read(lambda s: list(s.scalars(select(SavedSearch).order_by(SavedSearch.name))))
        return [(row.name, row.query, row.kind) for row in rows]

    def save_search(self, name: str, query: str, kind: str | None = None) -> None:
        def action(session: Session) -> None:
            existing = session.scalars(select(SavedSearch).where(SavedSearch.name == name)).first()
            row = existing or SavedSearch(name=name, query=query, kind=kind)
            row.query, row.kind = query, kind
            session.add(row)

        self._write(action, lambda _: Change(reason="saved-search"))

    def delete_saved_search(self, name: str) -> None:
        def action(session: Session) -> None:
            for row in session.scalars(select(SavedSearch).where(SavedSearch.name == name)):
                session.delete(row)

        self._write(action, lambda _: Change(reason="saved-search"))

    def thesaurus(self) -> list[list[str]]:
        return self._read(lambda s: [list(t) for t in s.scalars(select(SynonymGroup.terms))])

    def set_thesaurus(self, groups: Iterable[Iterable[str]]) -> None:
        cleaned = [[t.strip() for t in g if t.strip()] for g in groups]

        def action(session: Session) -> None:
            for row in session.scalars(select(SynonymGroup)):
                session.delete(row)
            for terms in cleaned:
                if len(terms) > 1:
                    session.add(SynonymGroup(terms=terms))

        self._write(action, lambda _: Change(reason="thesaurus"))
        self._index.refresh_synonyms()

    # -- keys and maintenance ------------------------------------------------
    def change_passphrase(self, new_passphrase: str) -> None:
        self._require_writable()
        self._vault.change_passphrase(new_passphrase)
        self._read(lambda s: audit.record(s, "passwd"))

    def rekey(
        self,
        new_passphrase: str,
        *,
        kdf: KdfParams | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> str | None:
        """New master key, every file re-encrypted (expertise.rekey): for a passphrase
        someone may know. Returns the new recovery key if the hub had one, else None."""
        self._require_writable()
        recovery = self._rekey(
            new_passphrase, kdf, progress or (lambda _d, _t: None), cancel or (lambda: False)
        )
        self._replace_remembered_key()
        return recovery

    def _replace_remembered_key(self) -> None:
        # The old master key must not stay in the keyring: it opens old copies.
        if keystore.recall(self.hub_id) is None:
            return
        try:
            keystore.remember(self.hub_id, self._vault.master_key_copy())
        except KeyringUnavailable:
            keystore.forget(self.hub_id)

    def add_recovery_key(self) -> str:
        self._require_writable()
        key = self._vault.add_recovery_key()
        self._read(lambda s: audit.record(s, "recovery-key"))
        return key

    def remember_on_device(self) -> None:
        keystore.remember(self.hub_id, self._vault.master_key_copy())

    def forget_on_device(self) -> None:
        keystore.forget(self.hub_id)

    def check(self) -> CheckReport:
        self._index.wait()
        report = CheckReport(problems=verify_database(self._engine))

        def action(session: Session) -> None:
            report.entries = entries.count_entries(session)
            report.problems += maintenance.attachment_problems(session, self._blobs)
            orphans = maintenance.orphan_blobs(session, self._blobs, self.path / "attachments")
            report.problems += [f"attachment blob without a record: {name}" for name in orphans]
            report.attachments = len(list(session.scalars(select(Attachment.id))))

        self._read(action)
        staleness = self._index.staleness()
        report.index_consistent = not staleness
        report.index_docs = self._index.doc_count()
        if staleness:
            report.problems.append(f"search index out of date: {staleness}")
        return report

    def backup(self, target: Path | str) -> Path:
        space.for_backup(self.path, target)
        with (
            oserrors.raised_as_fault(self.path, Path(target)),
            backup.removed_on_failure(Path(target)),
        ):
            out = backup.write_backup(self._engine, self._db_key, self.path, Path(target))
        self._read(lambda s: audit.record(s, "backup"))
        return out

    def erase_person(self, expert_id: str) -> EraseReport:
        """Erase an expert and every mention of them; see services/erasure.py."""

        def action(session: Session) -> erasure.Erasure:
            outcome = erasure.erase_person(session, self._blobs, expert_id)
            audit.record(session, "erase-person", expert_id, dict(outcome.report.changed))
            return outcome

        outcome = self._write(
            action,
            lambda o: Change(
                frozenset(o.touched), frozenset(KINDS), frozenset([expert_id]), "erase"
            ),
        )
        for blob_id in outcome.dropped_blobs:  # after the commit; a crash leaves orphans
            self._blobs.delete(blob_id)  # that the next open removes
        self._index.wait()
        if outcome.full_reindex:
            self.reindex()
        # merge away the deleted documents' terms, then rewrite hub.db without free pages
        self._index.index.optimize()
        maintenance.vacuum(self._engine)
        return outcome.report
