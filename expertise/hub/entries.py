"""`EntryFacade` (``hub.entries``): create, read, change and delete entries, their
revisions and links. Each method is one unit of work (expertise/hub/work.py)."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence

from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.hub.core import HubCore
from expertise.records import Change, EntryRecord, EntrySummary, LinkRecord, RevisionRecord
from expertise.services import audit, entries, queries
from expertise.services.convert import to_record
from expertise.services.links import find_by_title


def entry_change(ids: Sequence[str], kinds: Sequence[str], reason: str = "write") -> Change:
    return Change(frozenset(ids), frozenset(kinds), frozenset(), reason)


def _record_change(record: EntryRecord) -> Change:
    return entry_change([record.id], [record.kind])


class EntryFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._work = hub.session

    def add(self, kind: str, values: Mapping[str, object]) -> EntryRecord:
        def action(session: Session) -> EntryRecord:
            return to_record(entries.create_entry(session, kind, values, audit.current_actor()))

        return self._work.write(action, _record_change)

    def add_many(
        self,
        items: Iterable[tuple[str, Mapping[str, object]]],
        *,
        reindex: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Create many entries (corpora, demo data) through the import pipeline; their ids.

        One transaction, all or nothing, much faster than `add` per item; an item
        with the id of an existing entry updates it. The search index is brought
        up to date once at the end; with ``reindex=False`` the caller does that
        (until then the index is stale, and the next open repairs it).
        """
        from expertise.hub.transfer import TransferFacade

        report = TransferFacade(self._hub).import_values(items, index=reindex, progress=progress)
        return report.created

    def update(
        self, entry_id: str, values: Mapping[str, object], *, expected_revision: int | None = None
    ) -> EntryRecord:
        def action(session: Session) -> EntryRecord:
            entry, _ = entries.update_entry(
                session, entry_id, values, audit.current_actor(), expected_revision
            )
            return to_record(entry)

        return self._work.write(action, _record_change)

    def get(self, entry_id: str) -> EntryRecord:
        return self._work.read(lambda s: to_record(entries.get_entry(s, entry_id)))

    def delete(self, entry_id: str) -> None:
        def action(session: Session) -> str:
            entry = entries.delete_entry(session, entry_id)
            audit.record(session, "delete", entry_id)
            return entry.kind

        self._work.write(
            action, lambda kind: Change(frozenset(), frozenset([kind]), frozenset([entry_id]))
        )

    def count(self, kind: str | None = None) -> int:
        return self._work.read(lambda s: entries.count_entries(s, kind))

    def kind_counts(self) -> dict[str, int]:
        return self._work.read(queries.kind_counts)

    def find_by_title(self, title: str, kind: str | None = None) -> EntryRecord | None:
        def action(session: Session) -> EntryRecord | None:
            entry = find_by_title(session, title, kind)
            return to_record(entry) if entry else None

        return self._work.read(action)

    def titles(self, prefix: str = "", limit: int = 50) -> list[tuple[str, str, str]]:
        """(id, kind, title) of entries whose title starts with `prefix`."""
        return self._work.read(lambda s: queries.titles(s, prefix, limit))

    # -- revisions and links -------------------------------------------------
    def revisions(self, entry_id: str) -> list[RevisionRecord]:
        return self._work.read(lambda s: queries.revisions(s, entry_id))

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
            raise UserError("no such revision")
        return "\n".join(
            difflib.unified_diff(texts[0], texts[1], f"r{old}", f"r{new}", lineterm="")
        )

    def restore_revision(self, entry_id: str, revision: int) -> EntryRecord:
        def action(session: Session) -> EntryRecord:
            entry = entries.restore_revision(session, entry_id, revision, audit.current_actor())
            return to_record(entry)

        return self._work.write(action, _record_change)

    def links(self, entry_id: str) -> list[LinkRecord]:
        return self._work.read(lambda s: queries.outgoing_links(s, entry_id))

    def backlinks(self, entry_id: str) -> list[LinkRecord]:
        return self._work.read(lambda s: queries.backlinks(s, entry_id))

    # last: a method named `list` hides the builtin in the annotations below it
    def list(
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
        return self._work.read(
            lambda s: queries.list_entries(s, kind, tag, theme, status, order, limit, offset)
        )
