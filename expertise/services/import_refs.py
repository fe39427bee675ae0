"""The references of one import, checked in one go before anything is written.

Every reference an imported item makes (a ref or reflist field, a reference
inside a row) must name an entry: one already in the hub, or one in the same
import. A missing one is refused with the file, the field, the name and the
closest existing name; with `create_missing` each missing name becomes a draft
entry of the kind the field points at (docs/FIELDS.md, "References"), added to
the import so it is created in the same transaction. Existing names are read
with one query for all names and one for all ids, then looked up in dicts.
"""

from __future__ import annotations

import difflib
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from expertise.db import in_chunks
from expertise.errors import InputError
from expertise.fields import fields_of, kind_label
from expertise.fields.rows import REF_TYPES
from expertise.fields.spec import FieldSpec
from expertise.models import Entry, EntryTombstone
from expertise.records import CreatedMissing

_ID_RE = re.compile(r"[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SHOWN_CHARS = 60
_SUGGEST_CUTOFF = 0.6


Asked = tuple[str, tuple[str, ...], bool]  # (lookup key, kinds, in a row)


class Item(Protocol):
    """What an import item offers (expertise/bulkimport/sources.py `Incoming`)."""

    source: str
    kind: str
    values: dict[str, object]
    line: int | None
    lines: dict[str, int]


@dataclass(frozen=True, slots=True)
class Wanted:
    """One reference an item makes: where, which field, what it may point at, the name."""

    source: str
    line: int | None
    field: str
    kinds: tuple[str, ...]  # the kinds it may point at; () for any kind
    name: str
    in_row: bool  # a row keeps the id of an entry deleted here
    is_id: bool  # the name is an entry id, not a title
    key: str  # how it is looked up: the id, or the title in lower case


def _want(
    source: str, line: int | None, field: str, kinds: tuple[str, ...], name: str, in_row: bool
) -> Wanted:
    if _ID_RE.fullmatch(name.lower()):
        return Wanted(source, line, field, kinds, name, in_row, True, name.lower())
    return Wanted(source, line, field, kinds, name, in_row, False, _lower(name))


def _lower(text: str) -> str:
    """Lower case as SQLite's lower() makes it (ASCII only), so a match here is one there."""
    return text.strip().translate(_ASCII_LOWER)


# -- what the items ask for ---------------------------------------------------------


@cache
def _ref_specs(kind: str) -> tuple[FieldSpec, ...]:
    return tuple(
        spec
        for spec in fields_of(kind)
        if spec.type in REF_TYPES
        or (spec.type == "rows" and any(c.type in REF_TYPES for c in spec.columns))
    )


def _targets(spec: FieldSpec) -> tuple[str, ...]:
    return (spec.ref_kind,) if spec.ref_kind else spec.ref_kinds


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list | tuple) else [value]
    return [str(item).strip() for item in items if item not in (None, "")]


def wanted_refs(items: Iterable[Item]) -> Iterator[Wanted]:
    """Every reference the items make, in the order of the items and their fields."""
    for item in items:
        for spec in _ref_specs(item.kind):
            value = item.values.get(spec.name)
            if value in (None, "", []):
                continue
            line = item.lines.get(spec.name, item.line)
            if spec.type != "rows":
                for name in _names(value):
                    yield _want(item.source, line, spec.name, _targets(spec), name, False)
                continue
            for index, row in enumerate(value if isinstance(value, list) else []):
                at = item.lines.get(f"{spec.name}[{index + 1}]", line)
                for column in spec.columns:
                    if column.type in REF_TYPES and isinstance(row, Mapping):
                        field = f"{spec.name}[{index + 1}].{column.name}"
                        cell = item.lines.get(field, at)
                        for name in _names(row.get(column.name)):
                            yield _want(item.source, cell, field, _targets(column), name, True)


# -- what the hub and the import hold -----------------------------------------------


class Known:
    """Ids and (kind, lower-case title) pairs of the hub and of the items being imported."""

    def __init__(self, session: Session, items: Sequence[Item], wanted: list[Wanted]) -> None:
        self.session = session
        self.items = items
        self.ids: dict[str, str] = {}  # id -> kind
        self.titles: dict[str, set[str]] = {}  # lower title -> kinds
        self.deleted: set[str] = set()
        self.hub_titles: dict[str, list[tuple[str, str, str]]] = {}  # lower -> (title, kind, id)
        self.seen: set[str] = set()
        names = {want.key for want in wanted if not want.is_id}
        for item in items:
            if item.values.get("id"):
                self.ids[str(item.values["id"])] = item.kind
            title = _lower(str(item.values.get("title") or ""))
            if title in names:
                self.titles.setdefault(title, set()).add(item.kind)
        self.batch_titles = set(self.titles)
        self._load_ids(session, sorted({want.key for want in wanted if want.is_id}))
        self._load_names(session, [want for want in wanted if not want.is_id])

    def add(self, kind: str, title: str) -> None:
        self.titles.setdefault(_lower(title), set()).add(kind)

    def _load_ids(self, session: Session, ids: list[str]) -> None:
        for chunk in in_chunks(ids):
            query = select(Entry.id, Entry.kind).where(Entry.id.in_(chunk))
            self.ids.update({row.id: row.kind for row in session.execute(query)})
            tombs = select(EntryTombstone.entry_id).where(EntryTombstone.entry_id.in_(chunk))
            self.deleted.update(session.scalars(tombs))

    def _load_names(self, session: Session, wanted: list[Wanted]) -> None:
        """One query for the names of fields that point at given kinds (the kind index keeps
        it to those entries), and one more only if some field may point at any kind."""
        typed = sorted({w.key for w in wanted if not w.is_id and w.kinds})
        kinds = sorted({kind for w in wanted if not w.is_id for kind in w.kinds})
        untyped = sorted({w.key for w in wanted if not w.is_id and not w.kinds})
        for chunk in in_chunks(typed):
            self._add_rows(session, func.lower(Entry.title).in_(chunk), Entry.kind.in_(kinds))
        for chunk in in_chunks(untyped):
            self._add_rows(session, func.lower(Entry.title).in_(chunk))

    def _add_rows(self, session: Session, *where: ColumnElement[bool]) -> None:
        query = select(Entry.id, Entry.kind, Entry.title).where(*where).order_by(Entry.created_at)
        for entry_id, kind, title in session.execute(query):
            if entry_id not in self.seen:  # a name asked by a typed and an untyped field
                self.seen.add(entry_id)
                self.add(kind, title)
                self.hub_titles.setdefault(_lower(title), []).append((title, kind, entry_id))

    def id_of(self, want: Wanted) -> str | None:
        """The id a title names in the hub, picked as `find_by_title` would (the exact title
        first, the oldest first); None when an item of this import may be meant instead."""
        found = [
            c for c in self.hub_titles.get(want.key, []) if not want.kinds or c[1] in want.kinds
        ]
        exact = next((c for c in found if c[0] == want.name), None)
        if exact is not None:
            return exact[2]
        return found[0][2] if found and want.key not in self.batch_titles else None

    def has(self, want: Wanted) -> bool:
        if want.is_id:
            kind = self.ids.get(want.key)
            if kind is None:
                return want.in_row and want.key in self.deleted
            return not want.kinds or kind in want.kinds
        kinds = self.titles.get(want.key)
        if not kinds:
            return False
        return not want.kinds or not kinds.isdisjoint(want.kinds)

    def closest(self, want: Wanted) -> str | None:
        """The existing title most like the missing name, among entries it may point at.

        Asked only when a reference is missing, so this second query costs nothing
        on an import whose references are all found.
        """
        query = select(Entry.title)
        if want.kinds:
            query = query.where(Entry.kind.in_(want.kinds))
        titles = list(self.session.scalars(query))
        titles += [
            str(item.values.get("title") or "")
            for item in self.items
            if not want.kinds or item.kind in want.kinds
        ]
        by_lower = {title.lower(): title for title in titles if title}
        found = difflib.get_close_matches(want.name.lower(), by_lower, n=1, cutoff=_SUGGEST_CUTOFF)
        return by_lower[found[0]] if found else None


# -- the one call per import -------------------------------------------------------------


def resolve_references(
    session: Session, items: Sequence[Item], create_missing: bool = False
) -> list[CreatedMissing]:
    """Check every reference of `items`; with `create_missing`, the drafts to import first.

    Without `create_missing` a missing reference raises InputError naming the file,
    the line, the field and the name. With it, each missing name (once per kind,
    whatever its case) becomes a draft of the field's kind, titled by the name: the
    caller imports `draft_values(made)` for each one in the same transaction.
    """
    wanted = list(wanted_refs(items))
    if not wanted:
        return []
    known = Known(session, items, wanted)
    made: list[CreatedMissing] = []
    ids: dict[Asked, str | None] = {}
    for want in wanted:
        asked = (want.key, want.kinds, want.in_row)
        if asked in ids:
            continue  # the same name in many notes: looked up once
        if known.has(want):
            ids[asked] = None if want.is_id else known.id_of(want)
            continue
        if not create_missing or want.is_id or len(want.kinds) != 1:
            raise InputError(_missing_message(known, want, create_missing), want.source, want.line)
        where = f"{want.source}:{want.line}" if want.line is not None else want.source
        made.append(CreatedMissing(str(uuid.uuid4()), want.kinds[0], want.name, where, want.field))
        ids[asked] = made[-1].id
        known.add(want.kinds[0], want.name)
    _to_ids(items, ids)
    return made


def _to_ids(items: Sequence[Item], ids: dict[Asked, str | None]) -> None:
    """Names the check found are replaced by the ids they name, in the items' values, so
    writing them needs no lookup by title; names it left open stay for the writer."""

    def mapped(name: object, kinds: tuple[str, ...], in_row: bool) -> object:
        if not isinstance(name, str):
            return name
        found = ids.get((_lower(name), kinds, in_row))
        return found if found is not None else name

    def each(value: object, kinds: tuple[str, ...], in_row: bool) -> object:
        if isinstance(value, list | tuple):
            return [mapped(item, kinds, in_row) for item in value]
        return mapped(value, kinds, in_row)

    for item in items:
        for spec in _ref_specs(item.kind):
            value = item.values.get(spec.name)
            if value in (None, "", []):
                continue
            if spec.type != "rows":
                item.values[spec.name] = each(value, _targets(spec), False)
                continue
            if not isinstance(value, list):
                continue
            rows = [dict(row) if isinstance(row, Mapping) else row for row in value]
            for row in rows:
                for column in spec.columns:
                    if column.type in REF_TYPES and isinstance(row, dict) and column.name in row:
                        row[column.name] = each(row[column.name], _targets(column), True)
            item.values[spec.name] = rows


def draft_values(made: CreatedMissing) -> dict[str, object]:
    """The fields of the draft entry made for a missing reference."""
    return {"id": made.id, "kind": made.kind, "title": made.title, "status": "draft"}


def _missing_message(known: Known, want: Wanted, create_missing: bool) -> str:
    shown = want.name if len(want.name) <= _SHOWN_CHARS else want.name[:_SHOWN_CHARS] + "…"
    what = " or ".join(kind_label(kind, "en").lower() for kind in want.kinds) or "entry"
    if want.is_id:
        return f"field {want.field!r}: no {what} with id {shown!r}"
    message = f"field {want.field!r}: no {what} named {shown!r}"
    closest = known.closest(want)
    if closest is not None:
        message += f"; did you mean `{closest}`?"
    if not create_missing:
        return message + " (import with --create-missing to create it as a draft)"
    return message + f" (cannot create it: the field may point at an {what})"
