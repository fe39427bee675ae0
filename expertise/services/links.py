"""Wiki links: `[[Title]]` or `[[Title|shown text]]` in Markdown bodies."""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.orm import Session

from expertise.models import Entry, Link

WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]{1,500})(?:\|[^\[\]\n]{0,500})?\]\]")


def parse_wiki_links(body: str) -> list[str]:
    seen: dict[str, None] = {}
    for match in WIKI_LINK.finditer(body):
        seen.setdefault(match.group(1).strip(), None)
    return [title for title in seen if title]


def find_by_title(session: Session, title: str, kind: str | None = None) -> Entry | None:
    # The exact title first: it uses the title index, where lower() scans the
    # whole table (~0.2 s per wiki link at 100k entries, on every save).
    exact = _first(session, Entry.title == title.strip(), kind)
    return exact or _first(session, func.lower(Entry.title) == title.strip().lower(), kind)


def _first(session: Session, condition: ColumnElement[bool], kind: str | None) -> Entry | None:
    query = select(Entry).where(condition)
    if kind:
        query = query.where(Entry.kind == kind)
    return session.scalars(query.order_by(Entry.created_at).limit(1)).first()


def find_id_by_title(session: Session, title: str) -> str | None:
    """The id `find_by_title` would give, without loading the entry (a save links many)."""
    for condition in (
        Entry.title == title.strip(),
        func.lower(Entry.title) == title.strip().lower(),
    ):
        query = select(Entry.id).where(condition).order_by(Entry.created_at).limit(1)
        found = session.scalars(query).first()
        if found is not None:
            return found
    return None


def sync_links(session: Session, entry: Entry) -> None:
    session.execute(delete(Link).where(Link.source_id == entry.id, Link.relation == "wiki"))
    for title in parse_wiki_links(entry.body_md):
        session.add(
            Link(
                source_id=entry.id,
                target_id=find_id_by_title(session, title),
                target_title=title,
                relation="wiki",
            )
        )


def resolve_dangling(session: Session, entry: Entry) -> None:
    """A new or renamed entry may be what earlier `[[...]]` links were waiting for."""
    session.execute(
        update(Link)
        .where(Link.target_id.is_(None), func.lower(Link.target_title) == entry.title.lower())
        .values(target_id=entry.id)
    )
