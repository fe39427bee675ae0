"""What an import looks up, held in memory: entries by id and title, tags, themes, tombstones.

Loaded once per import (one query each) and extended as items are read, so
references and wiki links between the files of one import resolve without a
query per item. The answers match the one-entry path (`resolve_ref`,
`find_by_title`): an id first, then the exact title, then the title in any
case, the entry created first winning.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.models import Entry, EntryTombstone, Tag, Theme

Candidates = list[tuple[str, str]]  # (id, kind), oldest first


class Known:
    def __init__(self, session: Session) -> None:
        self.kinds: dict[str, str] = {}
        self.titles: dict[str, str] = {}  # id -> current title
        self._exact: dict[str, Candidates] = {}
        self._lower: dict[str, Candidates] = {}
        rows = session.execute(select(Entry.id, Entry.kind, Entry.title).order_by(Entry.created_at))
        for entry_id, kind, title in rows:
            self.add(entry_id, kind, title)
        self.existing = frozenset(self.kinds)
        self.tags: dict[str, int] = {
            name: tag_id for name, tag_id in session.execute(select(Tag.name, Tag.id))
        }
        self.themes = frozenset(session.scalars(select(Theme.key)))
        self.deleted = frozenset(session.scalars(select(EntryTombstone.entry_id)))

    # -- entries ---------------------------------------------------------------
    def add(self, entry_id: str, kind: str, title: str) -> None:
        self.kinds[entry_id] = kind
        self.titles[entry_id] = title
        self._exact.setdefault(title, []).append((entry_id, kind))
        self._lower.setdefault(title.lower(), []).append((entry_id, kind))

    def retitle(self, entry_id: str, title: str) -> None:
        """An update renamed an entry: its old title no longer finds it."""
        old = self.titles.get(entry_id)
        if old is None or old == title:
            return
        for table, key in ((self._exact, old), (self._lower, old.lower())):
            table[key] = [pair for pair in table.get(key, []) if pair[0] != entry_id]
        self.add(entry_id, self.kinds[entry_id], title)

    def find(self, title: str, kind: str | None = None) -> tuple[str, str] | None:
        """(id, kind) of the first entry titled `title` (exactly, else in any case)."""
        text = title.strip()
        for table, key in ((self._exact, text), (self._lower, text.lower())):
            for entry_id, entry_kind in table.get(key, ()):
                if kind is None or entry_kind == kind:
                    return entry_id, entry_kind
        return None

    def resolve(
        self, value: object, kind: str | None, name: str, kinds: tuple[str, ...], keep_deleted: bool
    ) -> str | None:
        """The id `value` names, as `expertise.services.values.resolve_ref` decides."""
        if value is None or value == "":
            return None
        text = str(value).strip()
        found: tuple[str, str] | None = None
        if text in self.kinds:
            found = (text, self.kinds[text])
        else:
            found = self.find(text, kind)
        if found is None and keep_deleted and text in self.deleted:
            return text
        wanted = (kind,) if kind else kinds
        if found is None or (wanted and found[1] not in wanted):
            raise UserError(f"{name}: no {' or '.join(wanted) or 'entry'} with that id or title")
        return found[0]
