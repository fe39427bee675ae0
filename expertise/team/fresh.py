"""Many pulled entries that are new here, created in one pass (a first sync brings thousands).

The one-at-a-time path (`apply_values` + `save_revision`) looks tags, themes and every
wiki link up per entry; here, as the bulk import does (`expertise/bulkimport/`) but in
the sync's own transaction, tags and themes come from maps, the batch is flushed once before its
references are resolved, and each entry gets its first revision and links directly.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from expertise.models import Entry, EntryTombstone, Link, Revision, Tag, Theme, utcnow
from expertise.services.convert import snapshot
from expertise.services.entries import apply_values, bump_change_counter, new_entry, split_refs
from expertise.services.links import parse_wiki_links
from expertise.services.values import as_list, normalise_tag
from expertise.team import refs
from expertise.team.items import ItemContent


def create_many(
    session: Session, contents: list[ItemContent], actor: str
) -> tuple[list[Entry], int]:
    """New entries for `contents` (ids kept); and how many references were left out."""
    ids = [c.entry_id for c in contents]
    session.execute(delete(EntryTombstone).where(EntryTombstone.entry_id.in_(ids)))
    tags = {tag.name: tag for tag in session.scalars(select(Tag))}
    themes = {theme.key: theme for theme in session.scalars(select(Theme))}
    built: list[tuple[Entry, dict[str, object]]] = []
    with session.no_autoflush:
        for content in contents:
            assert content.values is not None
            entry = new_entry(content.kind, content.entry_id)
            plain, ref_values = split_refs(content.kind, content.values)
            rest = {k: v for k, v in plain.items() if k not in ("tags", "themes")}
            names = sorted({normalise_tag(str(n)) for n in as_list(plain.get("tags"))} - {""})
            entry.tags = [tags.setdefault(name, Tag(name=name)) for name in names]
            keys = sorted(set(as_list(plain.get("themes"))))
            entry.themes = [themes[key] for key in keys if key in themes]
            session.add(entry)
            apply_values(session, entry, rest)
            built.append((entry, ref_values))
    session.flush()  # references may point into this same batch
    dropped = 0
    with session.no_autoflush:
        for entry, ref_values in built:
            kept, lost = refs.known(session, entry.kind, ref_values)
            dropped += lost
            apply_values(session, entry, kept)
        titles = _titles(session)
        for entry, _ in built:
            _first_revision(session, entry, actor, titles)
    _resolve_dangling(session, {entry.title.lower() for entry, _ in built})
    bump_change_counter(session)
    return [entry for entry, _ in built], dropped


def _titles(session: Session) -> dict[str, str]:
    found: dict[str, str] = {}
    for entry_id, title in session.execute(
        select(Entry.id, Entry.title).order_by(Entry.created_at)
    ):
        found.setdefault(title.lower(), entry_id)
    return found


def _first_revision(session: Session, entry: Entry, actor: str, titles: dict[str, str]) -> None:
    entry.revision = 1
    entry.updated_at = utcnow()
    session.add(Revision(entry_id=entry.id, revision=1, saved_by=actor, snapshot=snapshot(entry)))
    for title in parse_wiki_links(entry.body_md):
        target = titles.get(title.lower())
        session.add(Link(source_id=entry.id, target_id=target, target_title=title, relation="wiki"))


def _resolve_dangling(session: Session, new_titles: set[str]) -> None:
    """Links written before their target existed here may find it among the new entries."""
    target = (
        select(Entry.id)
        .where(func.lower(Entry.title) == func.lower(Link.target_title))
        .order_by(Entry.created_at)
        .limit(1)
        .scalar_subquery()
    )
    waiting = Link.target_id.is_(None) & func.lower(Link.target_title).in_(sorted(new_titles))
    session.execute(update(Link).where(waiting).values(target_id=target))
