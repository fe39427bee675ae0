"""One import's plan: ids and titles placed, values resolved in memory, batches written.

Every item of a chunk is placed first (its id, a duplicate id refused, its
title known), so references inside a chunk resolve in any order; an item whose
reference names nothing yet waits for the end of the import, when every file
has been read. An entry whose stored content equals the item is left alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from expertise.bulkimport import rows as R
from expertise.bulkimport.current import Current, load_current
from expertise.bulkimport.lookup import Known
from expertise.bulkimport.sources import Incoming
from expertise.bulkimport.store import Batch, Writer, stamp
from expertise.errors import UserError
from expertise.models import utcnow
from expertise.records import ImportReport
from expertise.services import import_refs
from expertise.services.entries import bump_change_counter, split_refs

_NOT_VALUES = ("id", "kind", "tags", "themes")
BATCH = 500  # items written together
# told of each batch once it is written (the import's index feed, feed.py)
Written = Callable[[Batch, Known], None]


class _Later(Exception):
    """A reference that may name an entry of a later chunk: the item waits for the end."""


@dataclass
class _Placed:
    item: Incoming
    entry_id: str
    existing: bool


@dataclass
class Outcome:
    report: ImportReport
    kinds: set[str] = field(default_factory=set)


class Plan:
    def __init__(
        self, session: Session, actor: str, create_missing: bool, written: Written | None = None
    ) -> None:
        self._session = session
        self._written = written
        self._actor = actor
        self._create_missing = create_missing
        self._known = Known(session)
        self._writer = Writer(session, self._known)
        self._given: dict[str, str] = {}  # id -> the file that gave it
        self._waiting: list[_Placed] = []
        self._now = utcnow()
        self.outcome = Outcome(ImportReport())

    def add(self, items: list[Incoming]) -> None:
        self.outcome.report.notes.extend(note for item in items for note in item.notes)
        # every id and title of the chunk is known before any reference is resolved
        self._process([self._place(item) for item in items], final=False)

    def finish(self) -> None:
        waiting, self._waiting = self._waiting, []
        if waiting:
            self._make_missing(waiting)
        for start in range(0, len(waiting), BATCH):
            self._process(waiting[start : start + BATCH], final=True)
        self._writer.resolve_dangling()
        report = self.outcome.report
        if report.created or report.updated:
            bump_change_counter(self._session)

    def _make_missing(self, waiting: list[_Placed]) -> None:
        """References still unresolved: refused with a helpful message, or made drafts."""
        items = [one.item for one in waiting]
        made = import_refs.resolve_references(self._session, items, self._create_missing)
        self.outcome.report.created_missing = made
        drafts = [Incoming(m.source, m.kind, import_refs.draft_values(m)) for m in made]
        if drafts:
            self._process([self._place(draft) for draft in drafts], final=True)

    # -- placing: ids, duplicates, titles ------------------------------------------
    def _place(self, item: Incoming) -> _Placed:
        entry_id, existing = self._id_of(item)
        self._given[entry_id] = item.source
        title = str(item.values.get("title") or "").strip()[:500]
        if not existing:
            self._known.add(entry_id, item.kind, title)
        elif "title" in item.values:
            self._known.retitle(entry_id, title)
        return _Placed(item, entry_id, existing)

    def _id_of(self, item: Incoming) -> tuple[str, bool]:
        given = item.values.get("id")
        if not given:
            return str(uuid.uuid4()), False
        try:
            entry_id = str(uuid.UUID(str(given)))
        except ValueError:
            raise item.error("id: not a valid id", "id") from None
        if entry_id in self._given:
            raise item.error(f"id is given twice (also in {self._given[entry_id]})", "id")
        stored = self._known.kinds.get(entry_id) if entry_id in self._known.existing else None
        if stored is not None and stored != item.kind:
            raise item.error(f"id belongs to a {stored} entry, file says {item.kind}", "id")
        return entry_id, stored is not None

    # -- building and writing a batch ----------------------------------------------
    def _process(self, placed: list[_Placed], *, final: bool) -> None:
        current = load_current(
            self._session, [(p.entry_id, p.item.kind) for p in placed if p.existing]
        )
        batch = Batch()
        for one in placed:
            try:
                entry = self._build(one, current, final)
            except _Later:
                self._waiting.append(one)
                continue
            self._stage(batch, one, entry, current)
        self._writer.write(batch)
        if batch and self._written is not None:
            self._written(batch, self._known)

    def _build(self, one: _Placed, current: Current, final: bool) -> R.EntryRows:
        item = one.item
        if one.existing:
            entry = current.rows[one.entry_id].copy()
        else:
            entry = R.new_rows(item.kind, one.entry_id, self._now)
        plain, refs = split_refs(item.kind, item.values)
        for name, value in plain.items():
            if name not in _NOT_VALUES:
                self._apply(item, entry, name, value)
        if "tags" in plain:
            entry.tags = R.tag_names(plain["tags"])
        if "themes" in plain:
            entry.themes = self._checked(item, "themes", R.theme_keys, self._known.themes)
        for name, value in refs.items():
            try:
                R.apply_values(entry, {name: value}, self._known.resolve)
            except UserError as error:
                if not final:
                    raise _Later() from None
                raise item.error(str(error), name) from None
        return entry

    def _apply(self, item: Incoming, entry: R.EntryRows, name: str, value: object) -> None:
        try:
            R.apply_values(entry, {name: value}, self._known.resolve)
        except UserError as error:
            raise item.error(str(error), name) from None

    @staticmethod
    def _checked(
        item: Incoming, name: str, check: Callable[..., list[str]], *args: object
    ) -> list[str]:
        try:
            return check(item.values[name], *args)
        except UserError as error:
            raise item.error(str(error), name) from None

    def _stage(self, batch: Batch, one: _Placed, entry: R.EntryRows, current: Current) -> None:
        report = self.outcome.report
        last_number, last_snapshot = current.last.get(one.entry_id, (0, None))
        snapshot = R.snapshot(entry)
        if one.existing and last_snapshot == snapshot:
            report.unchanged.append(one.entry_id)
            return
        stamp(entry, last_number + 1, self._now)  # neither is part of the snapshot
        batch.add(entry, is_new=not one.existing, snapshot=snapshot, by=self._actor)
        (report.updated if one.existing else report.created).append(one.entry_id)
        self.outcome.kinds.add(entry.kind)
