"""Course packs at the session level: one function per action, no commits here.

Positions are 0-based and kept dense. An entry deleted from the hub takes its
items with it (ON DELETE CASCADE), which can leave a gap; `_ordered` closes it
before any change, so callers always see 0..n-1.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from expertise.courses.records import AboveCeiling, CourseItemRecord, CoursePackRecord
from expertise.errors import UserError
from expertise.models import CLASSIFICATIONS, CourseItem, CoursePack, Entry, utcnow
from expertise.models import classification_rank as rank

MAX_TITLE = 500
MAX_NOTE = 20_000


def check_ceiling(level: str) -> str:
    if level not in CLASSIFICATIONS:
        raise UserError(f"ceiling: must be one of {', '.join(CLASSIFICATIONS)}")
    return level


def _clean_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise UserError("title: must not be empty")
    if len(cleaned) > MAX_TITLE:
        raise UserError(f"title: longer than {MAX_TITLE} characters")
    return cleaned


def _clean_note(note: str | None) -> str:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise UserError(f"note: longer than {MAX_NOTE} characters")
    return text


def create_pack(
    session: Session, title: str, ceiling: str, audience: str = "", description: str = ""
) -> CoursePack:
    pack = CoursePack(
        id=str(uuid.uuid4()),
        title=_clean_title(title),
        ceiling=check_ceiling(ceiling),
        audience=audience.strip(),
        description=description.strip(),
    )
    session.add(pack)
    session.flush()
    return pack


def get_pack(session: Session, pack_id: str) -> CoursePack:
    pack = session.get(CoursePack, pack_id)
    if pack is None:
        raise UserError(f"no course pack with id {pack_id[:40]!r}")
    return pack


def find_pack(session: Session, reference: str) -> CoursePack:
    """A pack by id, else by exact title; several packs with that title is an error."""
    pack = session.get(CoursePack, reference)
    if pack is not None:
        return pack
    matches = list(session.scalars(select(CoursePack).where(CoursePack.title == reference)))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UserError(f"{len(matches)} course packs have that title: give the pack id")
    raise UserError("no course pack with that id or title")


def all_packs(session: Session) -> list[CoursePack]:
    return list(session.scalars(select(CoursePack).order_by(func.lower(CoursePack.title))))


def update_pack(session: Session, pack: CoursePack, changes: dict[str, str | None]) -> None:
    """Apply the given fields; a lower ceiling is allowed, exports then skip what is above."""
    if changes.get("title") is not None:
        pack.title = _clean_title(str(changes["title"]))
    if changes.get("ceiling") is not None:
        pack.ceiling = check_ceiling(str(changes["ceiling"]))
    for name in ("audience", "description"):
        value = changes.get(name)
        if value is not None:
            setattr(pack, name, value.strip())
    touch(pack)


def touch(pack: CoursePack) -> None:
    pack.updated_at = utcnow()


def _ordered(pack: CoursePack) -> list[CourseItem]:
    items = sorted(pack.items, key=lambda item: (item.position, item.id or 0))
    for index, item in enumerate(items):
        item.position = index
    return items


def _entries_for(session: Session, entry_ids: Sequence[str]) -> list[Entry]:
    entries = []
    for entry_id in dict.fromkeys(entry_ids):
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise UserError(f"no entry with id {entry_id[:40]!r}")
        entries.append(entry)
    return entries


def add_entries(
    session: Session,
    pack: CoursePack,
    entry_ids: Sequence[str],
    note: str | None = None,
    position: int | None = None,
) -> list[str]:
    """Insert entries at `position` (default: the end); all or nothing. Returns added ids.

    An entry already in the pack stays where it is (a second drop is no duplicate).
    """
    entries = _entries_for(session, entry_ids)
    for entry in entries:
        if rank(entry.classification) > rank(pack.ceiling):
            raise AboveCeiling(entry.id, entry.title, entry.classification, pack.ceiling)
    items = _ordered(pack)
    present = {item.entry_id for item in items}
    new = [
        CourseItem(entry_id=e.id, trainer_note=_clean_note(note), position=0)
        for e in entries
        if e.id not in present
    ]
    at = len(items) if position is None else max(0, min(position, len(items)))
    items[at:at] = new
    for index, item in enumerate(items):
        item.position = index
    pack.items.extend(new)
    touch(pack)
    return [item.entry_id for item in new]


def _item_at(items: list[CourseItem], position: int) -> CourseItem:
    if not 0 <= position < len(items):
        raise UserError(f"position {position} is not in the pack (0..{len(items) - 1})")
    return items[position]


def remove_item(session: Session, pack: CoursePack, position: int) -> str:
    items = _ordered(pack)
    item = _item_at(items, position)
    pack.items.remove(item)
    session.delete(item)
    for index, rest in enumerate(i for i in items if i is not item):
        rest.position = index
    touch(pack)
    return item.entry_id


def move_item(pack: CoursePack, from_pos: int, to_pos: int) -> None:
    items = _ordered(pack)
    _item_at(items, from_pos)
    item = items.pop(from_pos)
    items.insert(max(0, min(to_pos, len(items))), item)
    for index, moved in enumerate(items):
        moved.position = index
    touch(pack)


def set_note(pack: CoursePack, position: int, note: str | None) -> None:
    _item_at(_ordered(pack), position).trainer_note = _clean_note(note)
    touch(pack)


def delete_pack(session: Session, pack: CoursePack) -> None:
    session.delete(pack)


def item_records(session: Session, pack: CoursePack) -> tuple[CourseItemRecord, ...]:
    items = sorted(pack.items, key=lambda i: i.position)
    wanted = [item.entry_id for item in items]
    rows = session.execute(
        select(Entry.id, Entry.title, Entry.kind, Entry.classification).where(Entry.id.in_(wanted))
    )
    entries = {row.id: row for row in rows}
    present = [item for item in items if item.entry_id in entries]
    return tuple(
        CourseItemRecord(
            index,
            item.entry_id,
            entries[item.entry_id].title,
            entries[item.entry_id].kind,
            entries[item.entry_id].classification,
            item.trainer_note,
        )
        for index, item in enumerate(present)
    )


def to_record(session: Session, pack: CoursePack, with_items: bool = True) -> CoursePackRecord:
    items = item_records(session, pack) if with_items else ()
    return CoursePackRecord(
        id=pack.id,
        title=pack.title,
        audience=pack.audience,
        description=pack.description,
        ceiling=pack.ceiling,
        created_at=pack.created_at,
        updated_at=pack.updated_at,
        item_count=len(items) if with_items else len(pack.items),
        items=items,
    )
