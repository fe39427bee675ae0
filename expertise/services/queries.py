"""Read-only queries: listings, links, history, labels with counts."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from expertise.models import Entry, Link, Revision, Tag, Theme, entry_tags, entry_themes
from expertise.records import EntrySummary, Label, LinkRecord, RevisionRecord
from expertise.services.convert import to_summary

ORDERS = {
    "title": Entry.title,
    "updated": Entry.updated_at.desc(),
    "created": Entry.created_at.desc(),
    "kind": Entry.kind,
}


def _filtered(
    kind: str | None, tag: str | None, theme: str | None, status: str | None
) -> Select[Entry]:
    query = select(Entry)
    if kind:
        query = query.where(Entry.kind == kind)
    if status:
        query = query.where(Entry.status == status)
    if tag:
        query = query.join(entry_tags).join(Tag).where(Tag.name == tag.lower())
    if theme:
        query = query.join(entry_themes).where(entry_themes.c.theme_key == theme)
    return query


def list_entries(
    session: Session,
    kind: str | None = None,
    tag: str | None = None,
    theme: str | None = None,
    status: str | None = None,
    order: str = "title",
    limit: int | None = None,
    offset: int = 0,
) -> list[EntrySummary]:
    query = _filtered(kind, tag, theme, status).order_by(ORDERS.get(order, Entry.title))
    query = query.offset(offset).limit(limit)
    return [to_summary(entry) for entry in session.scalars(query)]


def outgoing_links(session: Session, entry_id: str) -> list[LinkRecord]:
    rows = session.execute(
        select(Link.target_id, Link.target_title, Entry.kind, Link.relation)
        .outerjoin(Entry, Entry.id == Link.target_id)
        .where(Link.source_id == entry_id)
        .order_by(Link.id)
    )
    return [LinkRecord(tid, title, kind, rel) for tid, title, kind, rel in rows]


def backlinks(session: Session, entry_id: str) -> list[LinkRecord]:
    rows = session.execute(
        select(Entry.id, Entry.title, Entry.kind, Link.relation)
        .join(Link, Link.source_id == Entry.id)
        .where(Link.target_id == entry_id)
        .order_by(Entry.title)
        .distinct()
    )
    return [LinkRecord(eid, title, kind, rel) for eid, title, kind, rel in rows]


def revisions(session: Session, entry_id: str) -> list[RevisionRecord]:
    rows = session.scalars(
        select(Revision).where(Revision.entry_id == entry_id).order_by(Revision.revision.desc())
    )
    return [RevisionRecord(r.revision, r.saved_at, r.saved_by, dict(r.snapshot)) for r in rows]


def tags_with_counts(session: Session) -> list[Label]:
    rows = session.execute(
        select(Tag.name, func.count(entry_tags.c.entry_id))
        .join(entry_tags, entry_tags.c.tag_id == Tag.id)
        .group_by(Tag.name)
        .order_by(Tag.name)
    )
    return [Label(name, name, name, int(count), "tag") for name, count in rows]


def themes_with_counts(session: Session) -> list[Label]:
    rows = session.execute(
        select(Theme, func.count(entry_themes.c.entry_id))
        .outerjoin(entry_themes, entry_themes.c.theme_key == Theme.key)
        .group_by(Theme.key)
        .order_by(Theme.group, Theme.key)
    )
    return [Label(t.key, t.label_nl, t.label_en, int(count), t.group) for t, count in rows]


def kind_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Entry.kind, func.count()).group_by(Entry.kind))
    return {kind: int(count) for kind, count in rows}


def titles(session: Session, prefix: str = "", limit: int = 50) -> list[tuple[str, str, str]]:
    """(id, title, kind) for wiki-link completion."""
    query = select(Entry.id, Entry.title, Entry.kind).order_by(Entry.title).limit(limit)
    if prefix:
        query = query.where(func.lower(Entry.title).startswith(prefix.lower(), autoescape=True))
    return [(eid, title, kind) for eid, title, kind in session.execute(query)]
