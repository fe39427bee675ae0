"""Bulk creation of many new entries: large imports, demo and benchmark corpora.

The one-at-a-time path (`create_entry` → `save_revision`) looks every wiki
link up by title with a scan of the entries table and re-resolves dangling
links per save: right for an edit, quadratic for 100k entries. Here a batch
is one transaction, tags, themes and titles are resolved from in-memory
maps, and each entry gets its first revision and its links directly. The
search index is not touched: the caller rebuilds it once afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from expertise.db import session_scope
from expertise.errors import UserError
from expertise.models import Entry, Link, Revision, Tag, Theme, utcnow
from expertise.services.convert import snapshot
from expertise.services.entries import apply_values, bump_change_counter, new_entry, split_refs
from expertise.services.links import parse_wiki_links
from expertise.services.values import as_list, normalise_tag

BATCH = 1000
Item = tuple[str, Mapping[str, object]]


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Labels:
    """Tag and theme rows by name, so a batch does not query per entry."""

    def __init__(self, session: Session) -> None:
        self.themes = {theme.key: theme for theme in session.scalars(select(Theme))}
        self.tags = {tag.name: tag for tag in session.scalars(select(Tag))}

    def tags_for(self, names: object) -> list[Tag]:
        wanted = sorted({normalise_tag(name) for name in as_list(names)} - {""})
        for name in wanted:
            if name not in self.tags:
                self.tags[name] = Tag(name=name)
        return [self.tags[name] for name in wanted]

    def themes_for(self, keys: object) -> list[Theme]:
        wanted = sorted(set(as_list(keys)))
        unknown = [key for key in wanted if key not in self.themes]
        if unknown:
            raise UserError(f"themes: {len(unknown)} unknown theme keys (see docs/FIELDS.md)")
        return [self.themes[key] for key in wanted]


class _Titles:
    """Lower-cased title → id of the first entry with it (as `find_by_title` picks)."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(select(Entry.id, Entry.title).order_by(Entry.created_at))
        self.ids: dict[str, str] = {}
        for entry_id, title in rows:
            self.ids.setdefault(title.lower(), entry_id)
        self.dangling: list[tuple[str, str]] = []  # (lower title, source id)

    def add(self, entry: Entry) -> None:
        self.ids.setdefault(entry.title.lower(), entry.id)


def _build(
    session: Session, labels: _Labels, kind: str, values: Mapping[str, object]
) -> tuple[Entry, dict[str, object]]:
    """A new entry with its plain values; references are returned to apply after a flush."""
    entry_id = values.get("id")
    entry = new_entry(kind, str(entry_id) if entry_id else None)
    if not str(values.get("title") or "").strip():
        raise UserError("title: must not be empty")
    plain, refs = split_refs(kind, values)
    rest = {k: v for k, v in plain.items() if k not in ("id", "kind", "tags", "themes")}
    entry.tags = labels.tags_for(values.get("tags"))
    entry.themes = labels.themes_for(values.get("themes"))
    session.add(entry)
    apply_values(session, entry, rest)
    return entry, refs


def _first_revision(session: Session, entry: Entry, actor: str, titles: _Titles) -> None:
    entry.revision = 1
    entry.updated_at = utcnow()
    session.add(Revision(entry_id=entry.id, revision=1, saved_by=actor, snapshot=snapshot(entry)))
    for title in parse_wiki_links(entry.body_md):
        target = titles.ids.get(title.lower())
        if target is None:
            titles.dangling.append((title.lower(), entry.id))
        session.add(Link(source_id=entry.id, target_id=target, target_title=title, relation="wiki"))


def _preload_refs(session: Session, chunk: list[Item]) -> list[Entry]:
    """Load every referenced entry in one query so `resolve_ref` hits the identity map.

    The caller keeps the returned list: the identity map holds rows weakly.
    """
    ids = {
        str(value)
        for _, values in chunk
        for value in values.values()
        if isinstance(value, str) and len(value) == 36 and value.count("-") == 4
    }
    ids |= {
        str(item)
        for _, values in chunk
        for value in values.values()
        if isinstance(value, list)
        for item in value
    }
    if not ids:
        return []
    return list(session.scalars(select(Entry).where(Entry.id.in_(ids))))


def insert_entries(
    sessions: sessionmaker[Session],
    items: Iterable[Item],
    actor: str,
    *,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """Create new entries in batches of one transaction each; returns their ids.

    A bad item fails its batch only: earlier batches stay committed.
    """
    created: list[str] = []
    with session_scope(sessions) as session:
        titles = _Titles(session)
    for chunk in _batches(items, batch):
        with session_scope(sessions) as session:
            labels = _Labels(session)
            referenced = _preload_refs(session, chunk)
            with session.no_autoflush:
                built = [_build(session, labels, kind, values) for kind, values in chunk]
            session.flush()  # references may point into this same batch
            with session.no_autoflush:
                for entry, refs in built:
                    apply_values(session, entry, refs)
                    titles.add(entry)
                entries = [entry for entry, _ in built]
                del referenced
                for entry in entries:
                    _first_revision(session, entry, actor, titles)
            bump_change_counter(session)
        created.extend(entry.id for entry in entries)
        if progress is not None:
            progress(len(created))
    _resolve_dangling(sessions, titles)
    return created


def _resolve_dangling(sessions: sessionmaker[Session], titles: _Titles) -> None:
    """Links written before their target existed (a later batch) now find it."""
    found = [(t, src, titles.ids[t]) for t, src in titles.dangling if t in titles.ids]
    if not found:
        return
    with session_scope(sessions) as session:
        for title, source, target in found:
            session.execute(
                update(Link)
                .where(Link.source_id == source, Link.target_id.is_(None))
                .where(func.lower(Link.target_title) == title)
                .values(target_id=target)
            )
