"""Wiki links: `[[Title]]` or `[[Title|shown text]]` in Markdown bodies."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import cast

from sqlalchemy import ColumnElement, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from expertise.db import in_chunks
from expertise.models import Entry, Link

LINKS = cast(Table, Link.__table__)

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
    sync_links_many(session, [entry])


def sync_links_many(session: Session, entries: Sequence[Entry]) -> None:
    """The wiki links of each entry written anew, as `find_id_by_title` resolves them, with
    one delete, at most two title queries per 500 titles and one insert for all of them
    (a team pull saves a batch of entries at once)."""
    ids = [entry.id for entry in entries]
    for chunk in in_chunks(ids):
        session.execute(delete(Link).where(Link.source_id.in_(chunk), Link.relation == "wiki"))
    wanted = {entry.id: parse_wiki_links(entry.body_md) for entry in entries}
    targets = ids_by_title(session, [title for titles in wanted.values() for title in titles])
    rows = [
        {"source_id": source, "target_id": targets[title], "target_title": title,
         "relation": "wiki"}
        for source, titles in wanted.items()
        for title in titles
    ]
    if rows:
        session.execute(insert(LINKS), rows)


def ids_by_title(session: Session, titles: Iterable[str]) -> dict[str, str | None]:
    """`find_id_by_title` of each title (the exact title, else the same title ignoring
    case; the oldest entry of those), in one query per 500 titles and step."""
    wanted = sorted({title.strip() for title in titles})
    exact: dict[str, str] = {}
    for chunk in in_chunks(wanted):
        query = select(Entry.title, Entry.id).where(Entry.title.in_(chunk))
        for title, entry_id in session.execute(query.order_by(Entry.created_at)):
            exact.setdefault(title, entry_id)
    lowered = sorted({title.lower() for title in wanted if title not in exact})
    folded: dict[str, str] = {}
    for chunk in in_chunks(lowered):
        lower = func.lower(Entry.title)
        query = select(lower, Entry.id).where(lower.in_(chunk)).order_by(Entry.created_at)
        for title, entry_id in session.execute(query):
            folded.setdefault(title, entry_id)
    return {
        title: exact.get(title.strip()) or folded.get(title.strip().lower()) for title in titles
    }


def resolve_dangling(session: Session, entry: Entry) -> None:
    """A new or renamed entry may be what earlier `[[...]]` links were waiting for."""
    resolve_dangling_many(session, [entry])


def resolve_dangling_many(session: Session, entries: Sequence[Entry]) -> None:
    """`resolve_dangling` of each entry in turn (a link waiting for a title two of them
    share goes to the first), with one query per 500 titles and one update."""
    first: dict[str, str] = {}
    for entry in entries:
        first.setdefault(entry.title.lower(), entry.id)
    lower = func.lower(Link.target_title)
    found: list[dict[str, object]] = []
    for chunk in in_chunks(sorted(first)):
        waiting = select(Link.id, lower).where(Link.target_id.is_(None), lower.in_(chunk))
        found += [
            {"_id": link_id, "target_id": first[title]}
            for link_id, title in session.execute(waiting)
        ]
    if found:
        session.execute(update(LINKS).where(LINKS.c.id == bindparam("_id")), found)
