"""Writing one batch of imported entries with SQLAlchemy Core: one executemany per table.

The ORM path flushes, queries and re-resolves per entry; here a batch of a few
hundred entries is a handful of statements: new tags, entry rows, kind rows,
tags and themes, wiki links and revisions. Everything runs in the caller's
transaction, so a failure later in the import rolls this batch back too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import Table, Update, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from expertise.bulkimport.lookup import Known
from expertise.bulkimport.rows import ENTRIES, EntryRows, kind_table
from expertise.models import Link, Revision, Tag, entry_tags, entry_themes
from expertise.services.links import parse_wiki_links

LINKS = cast(Table, Link.__table__)
REVISIONS = cast(Table, Revision.__table__)
TAGS = cast(Table, Tag.__table__)


@dataclass
class Batch:
    """Entries to insert, entries to overwrite, and the revision each one gets."""

    new: list[EntryRows] = field(default_factory=list)
    changed: list[EntryRows] = field(default_factory=list)
    revisions: list[dict[str, object]] = field(default_factory=list)

    def add(self, rows: EntryRows, *, is_new: bool, snapshot: dict[str, object], by: str) -> None:
        (self.new if is_new else self.changed).append(rows)
        self.revisions.append(
            {
                "entry_id": rows.id,
                "revision": rows.entry["revision"],
                "saved_at": rows.entry["updated_at"],
                "saved_by": by,
                "snapshot": snapshot,
            }
        )

    def __bool__(self) -> bool:
        return bool(self.new or self.changed)


class Writer:
    def __init__(self, session: Session, known: Known) -> None:
        self._session = session
        self._known = known
        self.titles: set[str] = set()  # lower-cased titles of the entries written

    def write(self, batch: Batch) -> None:
        if not batch:
            return
        every = batch.new + batch.changed
        self.titles.update(rows.title.lower() for rows in every)
        self._new_tags(every)
        self._entries(batch)
        self._labels([rows.id for rows in batch.changed], every)
        self._links(batch, every)
        self._session.execute(insert(REVISIONS), batch.revisions)

    def _new_tags(self, every: list[EntryRows]) -> None:
        names = sorted({name for rows in every for name in rows.tags} - self._known.tags.keys())
        if not names:
            return
        self._session.execute(insert(TAGS), [{"name": name} for name in names])
        found = self._session.execute(select(TAGS.c.name, TAGS.c.id).where(TAGS.c.name.in_(names)))
        self._known.tags.update({name: tag_id for name, tag_id in found})

    def _entries(self, batch: Batch) -> None:
        execute = self._session.execute
        if batch.new:
            execute(insert(ENTRIES), [rows.entry for rows in batch.new])
            for kind, own in _by_kind(batch.new).items():
                execute(insert(kind_table(kind)), own)
        if batch.changed:
            execute(_by_id(ENTRIES), [_keyed(rows.entry) for rows in batch.changed])
            for kind, own in _by_kind(batch.changed).items():
                if len(own[0]) > 1:  # a kind table may hold nothing but the id
                    execute(_by_id(kind_table(kind)), [_keyed(row) for row in own])

    def _labels(self, changed: list[str], every: list[EntryRows]) -> None:
        execute = self._session.execute
        if changed:
            execute(delete(entry_tags).where(entry_tags.c.entry_id.in_(changed)))
            execute(delete(entry_themes).where(entry_themes.c.entry_id.in_(changed)))
        tags = self._known.tags
        pairs = [{"entry_id": r.id, "tag_id": tags[name]} for r in every for name in r.tags]
        if pairs:
            execute(insert(entry_tags), pairs)
        keys = [{"entry_id": r.id, "theme_key": key} for r in every for key in r.themes]
        if keys:
            execute(insert(entry_themes), keys)

    def _links(self, batch: Batch, every: list[EntryRows]) -> None:
        """Wiki links as `sync_links` writes them; a missing target may come in a later batch."""
        if batch.changed:
            changed = [rows.id for rows in batch.changed]
            self._session.execute(
                delete(LINKS).where(LINKS.c.source_id.in_(changed), LINKS.c.relation == "wiki")
            )
        links: list[dict[str, object]] = []
        for rows in every:
            for title in parse_wiki_links(rows.body):
                found = self._known.find(title)
                links.append(
                    {
                        "source_id": rows.id,
                        "target_id": found[0] if found else None,
                        "target_title": title,
                        "relation": "wiki",
                    }
                )
        if links:
            self._session.execute(insert(LINKS), links)

    def resolve_dangling(self) -> None:
        """Links waiting for a title (from earlier entries, or to a later batch) now find it."""
        waiting = self._session.execute(
            select(LINKS.c.id, LINKS.c.target_title).where(
                LINKS.c.target_id.is_(None), LINKS.c.relation == "wiki"
            )
        )
        found = [
            {"_id": link_id, "target_id": target[0]}
            for link_id, title in waiting
            if title.lower() in self.titles and (target := self._known.find(title)) is not None
        ]
        if found:
            self._session.execute(update(LINKS).where(LINKS.c.id == bindparam("_id")), found)


def _by_kind(every: list[EntryRows]) -> dict[str, list[dict[str, object]]]:
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    for rows in every:
        grouped[rows.kind].append(rows.own)
    return grouped


def _by_id(table: Table) -> Update:
    return update(table).where(table.c.id == bindparam("_id"))


def _keyed(row: dict[str, object]) -> dict[str, object]:
    """The row's columns to set, and its id under the name the WHERE clause binds."""
    keyed = {name: value for name, value in row.items() if name != "id"}
    keyed["_id"] = row["id"]
    return keyed


def stamp(rows: EntryRows, revision: int, now: datetime) -> None:
    rows.entry["revision"] = revision
    rows.entry["updated_at"] = now
