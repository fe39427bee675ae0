"""Choosing what goes into a pack and turning it into PackContents.

Two rules hold here, whatever the selection says: nothing above the ceiling,
and no expert (personal data) unless the export asks for people explicitly.
References to entries that stay behind are left out of the shipped values, so
an importing hub keeps its own value instead of receiving a dangling id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import UserError
from expertise.fields import rows
from expertise.fields.rows import rows_with_refs
from expertise.fieldspec import field_by_name, ref_fields
from expertise.models import (
    CLASSIFICATIONS,
    KINDS,
    Attachment,
    CourseItem,
    CoursePack,
    Entry,
    Tag,
    Theme,
    classification_rank,
)
from expertise.packs.contents import PackAttachment, PackContents, PackEntry
from expertise.packs.errors import Cancelled
from expertise.services.convert import snapshot
from expertise.services.values import normalise_tag

PEOPLE_REFS = ("author_id", "owner_id", "lead_id")
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class Selection:
    ceiling: str
    kind: str | None = None
    theme: str | None = None
    tag: str | None = None
    course: str | None = None
    with_people: bool = False
    ids: frozenset[str] | None = None  # from a saved search, run by the caller

    def check(self) -> None:
        if self.ceiling not in CLASSIFICATIONS:
            raise UserError(f"ceiling: must be one of {', '.join(CLASSIFICATIONS)}")
        if self.kind is not None and self.kind not in KINDS:
            raise UserError(f"kind: must be one of {', '.join(KINDS)}")
        if self.kind == "expert" and not self.with_people:
            raise UserError("experts are personal data: ask for people explicitly to include them")

    @property
    def levels(self) -> tuple[str, ...]:
        return CLASSIFICATIONS[: classification_rank(self.ceiling) + 1]


def _course_ids(session: Session, course: str) -> Select[str]:
    pack = (
        session.get(CoursePack, course)
        or session.scalars(select(CoursePack).where(CoursePack.title == course)).first()
    )
    if pack is None:
        raise UserError("no course pack with that id or title")
    return select(CourseItem.entry_id).where(CourseItem.pack_id == pack.id)


def _query(session: Session, selection: Selection) -> Select[Entry]:
    query = select(Entry).where(Entry.classification.in_(selection.levels))
    if selection.kind:
        query = query.where(Entry.kind == selection.kind)
    if not selection.with_people:
        query = query.where(Entry.kind != "expert")
    if selection.theme:
        query = query.where(Entry.themes.any(Theme.key == selection.theme))
    if selection.tag:
        query = query.where(Entry.tags.any(Tag.name == normalise_tag(selection.tag)))
    if selection.course:
        query = query.where(Entry.id.in_(_course_ids(session, selection.course)))
    if selection.ids is not None:
        query = query.where(Entry.id.in_(sorted(selection.ids)))
    return query.order_by(Entry.kind, Entry.title)


def select_entries(session: Session, selection: Selection) -> list[Entry]:
    selection.check()
    chosen = list(session.scalars(_query(session, selection)))
    if selection.with_people:
        chosen += _referenced_people(session, chosen, selection)
    return chosen


def _referenced_people(session: Session, chosen: list[Entry], selection: Selection) -> list[Entry]:
    have = {entry.id for entry in chosen}
    wanted = {getattr(e, attr, None) for e in chosen for attr in PEOPLE_REFS} - have - {None}
    if not wanted:
        return []
    query = select(Entry).where(
        Entry.id.in_(sorted(str(w) for w in wanted)),
        Entry.kind == "expert",
        Entry.classification.in_(selection.levels),
    )
    return list(session.scalars(query))


def shipped_values(entry: Entry, pack_ids: set[str]) -> dict[str, object]:
    values = {k: v for k, v in snapshot(entry).items() if k not in ("id", "kind")}
    for field in ref_fields(entry.kind):
        value = values.get(field.name)
        if field.type == "reflist":
            values[field.name] = [item for item in _as_ids(value) if item in pack_ids]
        elif value is not None and value not in pack_ids:
            del values[field.name]
    for name in rows_with_refs(entry.kind):
        spec = field_by_name(entry.kind, name)
        if spec is not None and name in values:
            values[name] = rows.map_refs(spec, values[name], lambda ref, _kind: ref in pack_ids)
    return values


def _as_ids(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def build_contents(
    session: Session,
    blobs: BlobStore,
    entries: list[Entry],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> PackContents:
    pack_ids = {entry.id for entry in entries}
    contents = PackContents([])
    for done, entry in enumerate(entries, start=1):
        if cancel is not None and cancel():
            raise Cancelled("export cancelled")
        rows = list(session.scalars(select(Attachment).where(Attachment.entry_id == entry.id)))
        contents.blobs.update((row.id, blobs.get(row.id)) for row in rows)
        contents.entries.append(
            PackEntry(
                id=entry.id,
                kind=entry.kind,
                revision=entry.revision,
                values=shipped_values(entry, pack_ids),
                attachments=tuple(_attachment(row) for row in rows),
            )
        )
        if progress is not None:
            progress(done, len(entries))
    return contents


def _attachment(row: Attachment) -> PackAttachment:
    return PackAttachment(row.id, row.file_name, row.media_type, row.size)
