"""Many pulled entries that are new here, created in one pass (a first sync brings thousands).

The one-at-a-time path (`apply_values` + `save_revision`) flushes the ORM and looks tags,
themes, references and every wiki link up per entry. Here the bulk import's pieces
(`expertise/bulkimport/`: `Known`, the row builders and the Core `Writer`) do it in the
sync's own transaction: ids, kinds and titles of the hub and the batch are one map loaded
with one query, so references and wiki links resolve in memory, and each table gets one
executemany (entries, kind rows, tags, themes, links, first revisions).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from expertise.bulkimport import rows as R
from expertise.bulkimport.lookup import Known
from expertise.bulkimport.store import Batch, Writer, stamp
from expertise.models import EntryTombstone, utcnow
from expertise.services.entries import bump_change_counter, split_refs
from expertise.services.values import as_list
from expertise.team import refs
from expertise.team.items import ItemContent

_NOT_VALUES = ("id", "kind", "tags", "themes")


@dataclass(frozen=True)
class Created:
    """A new entry as stored: its id, kind and snapshot (the revision format), and its rows
    (what its search document is made of, `bulkimport.documents`)."""

    entry_id: str
    kind: str
    snapshot: dict[str, object]
    rows: R.EntryRows


@dataclass(frozen=True)
class Fresh:
    """What `create_many` wrote; `known`: every id, kind and title of the hub and the batch."""

    made: list[Created]
    dropped: int  # references left out: to entries this laptop lacks, or of another kind
    known: Known


def create_many(session: Session, contents: list[ItemContent], actor: str) -> Fresh:
    """New entries for `contents` (ids kept), at revision 1."""
    ids = [c.entry_id for c in contents]
    session.flush()  # the ORM's pending work goes first: the rows below bypass it
    session.execute(delete(EntryTombstone).where(EntryTombstone.entry_id.in_(ids)))
    # rows of one table go in before the rows they point at: checked at the commit instead
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    known = Known(session)
    for content in contents:  # the whole batch is known before any reference resolves
        assert content.values is not None
        known.add(content.entry_id, content.kind, _title(content.values))
    now = utcnow()
    batch = Batch()
    made: list[Created] = []
    dropped = 0
    for content in contents:
        rows, lost = _rows(content, known, now)
        dropped += lost
        snapshot = R.snapshot(rows)
        stamp(rows, 1, now)
        batch.add(rows, is_new=True, snapshot=snapshot, by=actor)
        made.append(Created(content.entry_id, content.kind, snapshot, rows))
    writer = Writer(session, known)
    writer.write(batch)
    writer.resolve_dangling()  # links written before their target existed here
    bump_change_counter(session)
    return Fresh(made, dropped, known)


def _title(values: dict[str, object]) -> str:
    return str(values.get("title") or "").strip()[:500]


def _rows(content: ItemContent, known: Known, now: object) -> tuple[R.EntryRows, int]:
    assert content.values is not None
    rows = R.new_rows(content.kind, content.entry_id, now)  # type: ignore[arg-type]
    plain, ref_values = split_refs(content.kind, content.values)
    R.apply_values(rows, {k: v for k, v in plain.items() if k not in _NOT_VALUES}, known.resolve)
    rows.tags = R.tag_names(plain.get("tags"))
    # a theme this hub does not know is left out, as on the one-entry path
    rows.themes = sorted(set(map(str, as_list(plain.get("themes")))) & known.themes)
    kept, lost = refs.known_in(known.kinds, content.kind, ref_values)
    R.apply_values(rows, kept, known.resolve)
    return rows, lost
