"""The stored state of the entries a batch updates: their rows and their last revision."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import RowMapping, Table, func, select, tuple_
from sqlalchemy.orm import Session

from expertise.bulkimport.rows import ENTRIES, EntryRows, kind_table
from expertise.models import Revision, Tag, entry_tags, entry_themes


@dataclass
class Current:
    rows: dict[str, EntryRows] = field(default_factory=dict)
    last: dict[str, tuple[int, object]] = field(default_factory=dict)  # id -> (revision, snapshot)


def load_current(session: Session, pairs: Iterable[tuple[str, str]]) -> Current:
    """Rows, tags, themes and last revision of the entries `pairs` (id, kind) name."""
    by_kind: dict[str, list[str]] = {}
    for entry_id, kind in pairs:
        by_kind.setdefault(kind, []).append(entry_id)
    ids = [entry_id for group in by_kind.values() for entry_id in group]
    current = Current()
    if not ids:
        return current
    entries = {row["id"]: dict(row) for row in _rows(session, ENTRIES, ids)}
    for kind, group in by_kind.items():
        table = kind_table(kind)
        for own in _rows(session, table, group):
            entry_id = str(own["id"])
            current.rows[entry_id] = EntryRows(kind, entries[entry_id], dict(own))
    tags = select(entry_tags.c.entry_id, Tag.name).join(Tag, Tag.id == entry_tags.c.tag_id)
    for entry_id, name in session.execute(tags.where(entry_tags.c.entry_id.in_(ids))):
        current.rows[entry_id].tags.append(name)
    themes = select(entry_themes.c.entry_id, entry_themes.c.theme_key)
    for entry_id, key in session.execute(themes.where(entry_themes.c.entry_id.in_(ids))):
        current.rows[entry_id].themes.append(key)
    current.last = _last_revisions(session, ids)
    return current


def _rows(session: Session, table: Table, ids: list[str]) -> list[RowMapping]:
    return list(session.execute(select(table).where(table.c.id.in_(ids))).mappings())


def _last_revisions(session: Session, ids: list[str]) -> dict[str, tuple[int, object]]:
    newest = (
        select(Revision.entry_id, func.max(Revision.revision))
        .where(Revision.entry_id.in_(ids))
        .group_by(Revision.entry_id)
    )
    pairs = [(entry_id, number) for entry_id, number in session.execute(newest)]
    if not pairs:
        return {}
    query = select(Revision.entry_id, Revision.revision, Revision.snapshot).where(
        tuple_(Revision.entry_id, Revision.revision).in_(pairs)
    )
    return {entry_id: (number, snap) for entry_id, number, snap in session.execute(query)}
