"""`MaintenanceFacade` (``hub.maintenance``): the search index's upkeep, the
integrity check, backups, the audit log and erasing a person (docs/SECURITY.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise import oserrors, space
from expertise.db import verify_database
from expertise.hub.core import HubCore
from expertise.models import KINDS, Attachment
from expertise.records import AuditRecord, Change, CheckReport, EraseReport
from expertise.services import audit, backup, entries, erasure, maintenance


class MaintenanceFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._work = hub.session

    # -- the search index --------------------------------------------------
    def reindex(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> bool:
        """Rebuild the search index from the database; False if cancelled."""
        service = self._hub.index_service
        service.wait()
        self._work.require_writable()
        space.for_reindex(self._hub.path)
        with oserrors.raised_as_fault(self._hub.path):
            return service.rebuild(progress, cancel)

    def index_staleness(self) -> str:
        """Why the index is out of date, or "" when it matches the database."""
        service = self._hub.index_service
        service.wait()
        return service.staleness()

    # -- checks and backups --------------------------------------------------
    def check(self) -> CheckReport:
        service, blobs, folder = self._hub.index_service, self._hub.blobs, self._hub.path
        service.wait()
        report = CheckReport(problems=verify_database(self._work.engine))

        def action(session: Session) -> None:
            report.entries = entries.count_entries(session)
            report.problems += maintenance.attachment_problems(session, blobs)
            orphans = maintenance.orphan_blobs(session, blobs, folder / "attachments")
            report.problems += [f"attachment blob without a record: {name}" for name in orphans]
            report.attachments = len(list(session.scalars(select(Attachment.id))))

        self._work.read(action)
        staleness = service.staleness()
        report.index_consistent = not staleness
        report.index_docs = service.doc_count()
        if staleness:
            report.problems.append(f"search index out of date: {staleness}")
        return report

    def backup(self, target: Path | str) -> Path:
        folder = self._hub.path
        space.for_backup(folder, target)
        with (
            oserrors.raised_as_fault(folder, Path(target)),
            backup.removed_on_failure(Path(target)),
        ):
            work = self._work
            out = backup.write_backup(work.engine, work.database_key, folder, Path(target))
        self._work.read(lambda s: audit.record(s, "backup"))
        return out

    def audit_log(self, limit: int = 200) -> list[AuditRecord]:
        return self._work.read(lambda s: audit.recent(s, limit))

    # -- erasure ---------------------------------------------------------------
    def erase_person(self, expert_id: str) -> EraseReport:
        """Erase an expert and every mention of them; see services/erasure.py."""
        blobs = self._hub.blobs

        def action(session: Session) -> erasure.Erasure:
            outcome = erasure.erase_person(session, blobs, expert_id)
            audit.record(session, "erase-person", expert_id, dict(outcome.report.changed))
            return outcome

        outcome = self._work.write(
            action,
            lambda o: Change(
                frozenset(o.touched), frozenset(KINDS), frozenset([expert_id]), "erase"
            ),
        )
        for blob_id in outcome.dropped_blobs:  # after the commit; a crash leaves orphans
            blobs.delete(blob_id)  # that the next open removes
        service = self._hub.index_service
        service.wait()
        if outcome.full_reindex:
            self.reindex()
        # rewrite the segments still holding deleted documents' terms (the erase's own
        # commit purged its segments; earlier edits may have left old versions), then
        # rewrite hub.db without free pages
        service.index.purge()
        maintenance.vacuum(self._work.engine)
        return outcome.report
