"""Erase a person: their expert entry goes, their name goes from everything else.

The name (every form of it, see namevariants.py), e-mail and phone are
replaced with a marker in every text and JSON column of every table, so
history, saved searches, course notes, audit details, tags and attachment
names are covered, and a table added later is covered without a change
here. Attachment contents are rewritten when they are plain text; other
formats that still name the person are listed in `not_changed`, by id.
Everything happens in the caller's one transaction: all or nothing.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from sqlalchemy import JSON, String, Table, and_, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import IntegrityError, UserError
from expertise.fields import KIND_SPECS, ref_fields
from expertise.models import (
    Attachment,
    Base,
    Entry,
    Expert,
    HubMeta,
    Link,
    Revision,
    Tag,
    entry_tags,
)
from expertise.packs.signing import NAME_ROW
from expertise.records import EraseReport
from expertise.services.entries import delete_entry
from expertise.services.namevariants import Scrubber, name_variants
from expertise.services.values import normalise_tag
from index.extract import extract_text

log = logging.getLogger(__name__)

ENTRY_TABLES = ("entries", *(spec.table for spec in KIND_SPECS.values()))
PLACES = {
    "revisions": "revisions",
    "links": "links",
    "attachments": "attachment names",
    "audit_events": "audit details",
    "saved_searches": "saved searches",
    "course_packs": "course packs",
    "course_items": "course notes",
    "synonym_groups": "thesaurus",
    "themes": "themes",
    "trusted_publishers": "trusted publishers",
    "entry_origins": "pack origins",
}
SEPARATE = frozenset({"tags", "hub_meta", "entry_tags", "entry_themes"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".csv"})


@dataclass
class Erasure:
    """The report, plus what the index must do after the commit."""

    report: EraseReport
    touched: set[str] = field(default_factory=set)
    changed_entries: set[str] = field(default_factory=set)
    full_reindex: bool = False
    # Blob files to delete once the transaction has committed: deleted before,
    # a crash would leave records pointing at nothing (and a half-done erasure).
    dropped_blobs: list[str] = field(default_factory=list)


def erase_person(session: Session, blobs: BlobStore, person_id: str) -> Erasure:
    person = session.get(Entry, person_id)
    if not isinstance(person, Expert):
        raise UserError(f"no expert with id {person_id[:40]!r}")
    # the kind's columns are declared from the registry, so they are read by name
    role, email, phone = (str(getattr(person, attr) or "") for attr in ("role", "email", "phone"))
    forms = name_variants(person.title, role, [email, phone])
    scrub = Scrubber(forms, person_id)
    outcome = Erasure(EraseReport(expert_id=person_id, name_forms=len(forms)))
    outcome.touched |= _referring_entries(session, person_id)
    _remove_person(session, person_id, outcome)
    session.flush()
    _scrub_attachment_contents(session, blobs, scrub, outcome)
    session.flush()
    _scrub_tags(session, scrub, outcome)
    for table in Base.metadata.sorted_tables:
        if table.name not in SEPARATE:
            _scrub_table(session, table, scrub, outcome)
    _scrub_publisher_name(session, scrub, outcome.report)
    outcome.touched.discard(person_id)
    outcome.report.reindexed = len(outcome.touched)
    return outcome


def _referring_entries(session: Session, person_id: str) -> set[str]:
    """Entries whose index document lists the person (author, owner, lead...)."""
    found: set[str] = set()
    for name in ENTRY_TABLES:
        table = Base.metadata.tables[name]
        refs = [c for c in table.columns if c.foreign_keys and not c.primary_key]
        if refs:
            found |= set(
                session.scalars(select(table.c.id).where(or_(*(c == person_id for c in refs))))
            )
    return found


def _remove_person(session: Session, person_id: str, outcome: Erasure) -> None:
    report = outcome.report
    own = select(Revision.id).where(Revision.entry_id == person_id)
    report.revisions_removed = len(list(session.scalars(own)))
    report.references_cleared = _clear_references(session, person_id)
    session.execute(
        delete(Link).where(or_(Link.target_id == person_id, Link.source_id == person_id))
    )
    for attachment in list(
        session.scalars(select(Attachment).where(Attachment.entry_id == person_id))
    ):
        outcome.dropped_blobs.append(attachment.id)
        session.delete(attachment)
    delete_entry(session, person_id)


def _clear_references(session: Session, person_id: str) -> int:
    """Other entries' history may name the person as author/owner/lead: clear it."""
    cleared = 0
    for revision in session.scalars(select(Revision).where(Revision.entry_id != person_id)):
        snapshot = dict(revision.snapshot)
        names = [f.name for f in ref_fields(str(snapshot.get("kind", "advice")))]
        hits = [name for name in names if snapshot.get(name) == person_id]
        for name in hits:
            snapshot[name] = None
        if hits:
            revision.snapshot = snapshot
            cleared += len(hits)
    return cleared


def _scrub_attachment_contents(
    session: Session, blobs: BlobStore, scrub: Scrubber, outcome: Erasure
) -> None:
    report = outcome.report
    for row in list(session.scalars(select(Attachment))):
        place = f"attachment {row.id} of entry {row.entry_id} ({row.media_type})"
        try:
            data = blobs.get(row.id)
        except IntegrityError:
            report.not_changed.append(f"{place}: damaged, could not be read")
            continue
        text = _as_text(row, data)
        if text is not None:
            cleaned = scrub.text(text)
            if cleaned != text:
                _replace_attachment(session, blobs, row, cleaned.encode("utf-8"), outcome)
                _count(report, "attachment contents")
                outcome.touched.add(row.entry_id)
            continue
        extracted = extract_text(data, row.media_type, row.file_name)
        if scrub.text(extracted) != extracted:
            report.not_changed.append(f"{place}: its content names the person; edit or remove it")


def _replace_attachment(
    session: Session, blobs: BlobStore, row: Attachment, data: bytes, outcome: Erasure
) -> None:
    """The cleaned content as a new attachment; the old blob goes after the commit.

    Rewriting the blob in place would change it even if the transaction never
    commits; a new blob id keeps the old content whole until it does (an
    uncommitted new blob is removed on the next open).
    """
    new = Attachment(
        id=str(uuid.uuid4()),
        entry_id=row.entry_id,
        file_name=row.file_name,
        media_type=row.media_type,
        size=len(data),
        added_at=row.added_at,
    )
    blobs.put(new.id, data)
    session.delete(row)
    session.add(new)
    outcome.dropped_blobs.append(row.id)


def _as_text(row: Attachment, data: bytes) -> str | None:
    """The attachment as UTF-8 text when it is a plain-text file we can rewrite safely."""
    plain = row.media_type.startswith("text/") or PurePath(row.file_name).suffix.lower() in (
        TEXT_SUFFIXES
    )
    if not plain:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _scrub_tags(session: Session, scrub: Scrubber, outcome: Erasure) -> None:
    """Tag names are unique: a tag that becomes an existing name is merged into it."""
    names = {name: tag_id for tag_id, name in session.execute(select(Tag.id, Tag.name))}
    for name, tag_id in list(names.items()):
        new = normalise_tag(scrub.text(name))
        if new == name:
            continue
        members = set(
            session.scalars(select(entry_tags.c.entry_id).where(entry_tags.c.tag_id == tag_id))
        )
        outcome.touched |= members
        _count(outcome.report, "tags")
        del names[name]
        target = names.get(new)
        if target is None:
            session.execute(update(Tag).where(Tag.id == tag_id).values(name=new))
            names[new] = tag_id
            continue
        present = set(
            session.scalars(select(entry_tags.c.entry_id).where(entry_tags.c.tag_id == target))
        )
        for entry_id in sorted(members - present):
            session.execute(insert(entry_tags).values(entry_id=entry_id, tag_id=target))
        session.execute(delete(entry_tags).where(entry_tags.c.tag_id == tag_id))
        session.execute(delete(Tag).where(Tag.id == tag_id))


def _scrub_table(session: Session, table: Table, scrub: Scrubber, outcome: Erasure) -> None:
    columns = [
        c
        for c in table.columns
        if isinstance(c.type, String | JSON) and not c.primary_key and not c.foreign_keys
    ]
    if not columns:
        return
    keys = list(table.primary_key.columns)
    owner = table.c.get("entry_id") if table.name == "attachments" else None
    extra = [owner] if owner is not None else []
    changes: list[tuple[Any, dict[str, object]]] = []
    for row in session.execute(select(*keys, *extra, *columns)):
        values = row._mapping
        new = {c.name: _scrubbed(scrub, values[c.name]) for c in columns}
        new = {name: v for name, v in new.items() if v != values[name]}
        if new:
            changes.append((row, new))
    for row, new in changes:
        _apply(session, table, keys, row, new)
        _note_change(table, row, new, outcome)


def _scrubbed(scrub: Scrubber, value: object) -> object:
    if value is None:
        return None
    return scrub.text(value) if isinstance(value, str) else scrub.value(value)


def _apply(
    session: Session, table: Table, keys: list[Any], row: Any, new: dict[str, object]
) -> None:
    for column in table.columns:
        if column.unique and column.name in new:
            new[column.name] = _free_value(session, column, new[column.name])
    condition = and_(*(key == row._mapping[key.name] for key in keys))
    session.execute(update(table).where(condition).values(**new))


def _free_value(session: Session, column: Any, value: object) -> object:
    """A unique column (a saved search's name) gets a number when the new value is taken."""
    taken = set(session.scalars(select(column)))
    candidate, number = value, 2
    while candidate in taken:
        candidate, number = f"{value} ({number})", number + 1
    return candidate


def _note_change(table: Table, row: Any, new: dict[str, object], outcome: Erasure) -> None:
    values = row._mapping
    if table.name in ENTRY_TABLES:
        outcome.changed_entries.add(values["id"])
        outcome.report.changed["entries"] = len(outcome.changed_entries)
        outcome.touched.add(values["id"])
        if values.get("kind") == "organisation" and "title" in new:
            # an organisation's name also sits in the documents of entries that cite it
            outcome.full_reindex = True
        return
    if table.name == "attachments":
        outcome.touched.add(values["entry_id"])
    _count(outcome.report, PLACES.get(table.name, table.name))


def _scrub_publisher_name(session: Session, scrub: Scrubber, report: EraseReport) -> None:
    row = session.get(HubMeta, NAME_ROW)
    if row is not None and scrub.text(row.value) != row.value:
        row.value = scrub.text(row.value)
        _count(report, "publisher name")


def _count(report: EraseReport, place: str) -> None:
    report.changed[place] = report.changed.get(place, 0) + 1
