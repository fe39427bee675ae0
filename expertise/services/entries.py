"""Entry writes: create, update, delete, revisions and restore.

Every save that changes content bumps `revision` and stores a snapshot, so
history is complete and restore is just another save.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.fields.rows import rows_with_refs
from expertise.fieldspec import ref_fields
from expertise.models import KINDS, MODEL_BY_KIND, Entry, HubMeta, Revision, utcnow
from expertise.services import tombstones
from expertise.services.convert import snapshot
from expertise.services.links import resolve_dangling_many, sync_links_many
from expertise.services.values import apply_base, apply_fields, apply_tags, apply_themes

REVISIONS = cast(Table, Revision.__table__)


def get_entry(session: Session, entry_id: str) -> Entry:
    if not entry_id:  # session.get(…, None) only warns and may raise in a later SQLAlchemy
        raise UserError("no entry id given")
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise UserError(f"no entry with id {entry_id[:40]!r}")
    return entry


def new_entry(kind: str, entry_id: str | None = None) -> Entry:
    if kind not in KINDS:
        raise UserError(f"kind: must be one of {', '.join(KINDS)}")
    entry_id = str(uuid.UUID(entry_id)) if entry_id else str(uuid.uuid4())
    entry = MODEL_BY_KIND[kind](id=entry_id, kind=kind, revision=0)
    entry.body_md = ""
    entry.summary = ""
    return entry


def apply_values(session: Session, entry: Entry, values: Mapping[str, object]) -> None:
    apply_base(entry, values)
    if "tags" in values:
        apply_tags(session, entry, values["tags"])
    if "themes" in values:
        apply_themes(session, entry, values["themes"])
    apply_fields(session, entry, values)


def split_refs(
    kind: str, values: Mapping[str, object]
) -> tuple[dict[str, object], dict[str, object]]:
    """Plain values and reference values apart, so a batch can resolve refs last."""
    names = {field.name for field in ref_fields(kind)} | set(rows_with_refs(kind))
    plain = {k: v for k, v in values.items() if k not in names}
    refs = {k: v for k, v in values.items() if k in names}
    return plain, refs


def save_revision(session: Session, entry: Entry, actor: str) -> bool:
    """Store a revision if the content differs from the last one; True if it did."""
    return save_revisions(session, [entry], actor)[0]


def save_revisions(session: Session, entries: Sequence[Entry], actor: str) -> list[bool]:
    """`save_revision` of each entry (each one once), with one flush and one query per step
    for all of them: a team pull saves a batch of entries at once. The change counter moves
    once (it says whether the index is behind, not how many saves there were)."""
    if len({entry.id for entry in entries}) != len(entries):
        raise ValueError("save_revisions takes each entry once")
    session.flush()
    newest = _newest_revisions(session, [entry.id for entry in entries])
    saved: list[bool] = []
    rows: list[dict[str, object]] = []
    for entry in entries:
        current = snapshot(entry)
        last = newest.get(entry.id)
        if last is not None and last[1] == current:
            saved.append(False)
            continue
        entry.revision = (last[0] if last else 0) + 1
        entry.updated_at = utcnow()
        rows.append(
            {
                "entry_id": entry.id,
                "revision": entry.revision,
                "saved_at": entry.updated_at,
                "saved_by": actor,
                "snapshot": current,
            }
        )
        saved.append(True)
    changed = [entry for entry, done in zip(entries, saved, strict=True) if done]
    if changed:
        # Core, one executemany: the ORM inserts revisions one statement each (RETURNING id)
        session.execute(insert(REVISIONS), rows)
        sync_links_many(session, changed)
        resolve_dangling_many(session, changed)
        bump_change_counter(session)
    return saved


def _newest_revisions(session: Session, ids: list[str]) -> dict[str, tuple[int, object]]:
    """entry id -> (revision, snapshot) of its newest revision, one query per 500 ids."""
    found: dict[str, tuple[int, object]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        top = (
            select(Revision.entry_id, func.max(Revision.revision).label("top"))
            .where(Revision.entry_id.in_(chunk))
            .group_by(Revision.entry_id)
            .subquery()
        )
        query = select(Revision.entry_id, Revision.revision, Revision.snapshot).join(
            top, (Revision.entry_id == top.c.entry_id) & (Revision.revision == top.c.top)
        )
        found.update((entry_id, (rev, snap)) for entry_id, rev, snap in session.execute(query))
    return found


def create_entry(session: Session, kind: str, values: Mapping[str, object], actor: str) -> Entry:
    entry_id = values.get("id")
    if entry_id and session.get(Entry, str(entry_id)) is not None:
        raise UserError(f"an entry with id {str(entry_id)[:40]!r} exists already")
    entry = new_entry(kind, str(entry_id) if entry_id else None)
    if not str(values.get("title") or "").strip():
        raise UserError("title: must not be empty")
    session.add(entry)
    apply_values(session, entry, values)
    save_revision(session, entry, actor)
    return entry


def update_entry(
    session: Session,
    entry_id: str,
    values: Mapping[str, object],
    actor: str,
    expected_revision: int | None = None,
) -> tuple[Entry, bool]:
    entry = get_entry(session, entry_id)
    if expected_revision is not None and entry.revision != expected_revision:
        raise UserError(
            f"entry changed meanwhile (revision {entry.revision}, expected {expected_revision})"
        )
    apply_values(session, entry, values)
    return entry, save_revision(session, entry, actor)


def delete_entry(session: Session, entry_id: str) -> Entry:
    entry = get_entry(session, entry_id)
    session.execute(delete(Revision).where(Revision.entry_id == entry_id))
    session.delete(entry)
    # Remembered so that a knowledge pack does not quietly bring it back.
    tombstones.remember(session, entry_id)
    bump_change_counter(session)
    return entry


def restore_revision(session: Session, entry_id: str, revision: int, actor: str) -> Entry:
    old = session.scalars(
        select(Revision).where(Revision.entry_id == entry_id, Revision.revision == revision)
    ).first()
    if old is None:
        raise UserError(f"entry has no revision {revision}")
    values = {k: v for k, v in old.snapshot.items() if k not in ("id", "kind")}
    entry, _ = update_entry(session, entry_id, values, actor)
    return entry


def bump_change_counter(session: Session) -> None:
    row = session.get(HubMeta, "change_seq")
    if row is None:
        session.add(HubMeta(key="change_seq", value="1"))
    else:
        row.value = str(int(row.value) + 1)


def change_counter(session: Session) -> int:
    row = session.get(HubMeta, "change_seq")
    return int(row.value) if row else 0


def count_entries(session: Session, kind: str | None = None) -> int:
    query = select(func.count()).select_from(Entry)
    if kind:
        query = query.where(Entry.kind == kind)
    return int(session.scalar(query) or 0)
