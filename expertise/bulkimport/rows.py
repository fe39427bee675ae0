"""An entry as plain table rows: built from checked values, compared as a revision snapshot.

The bulk import writes with SQLAlchemy Core, so what the ORM does for one
entry (`apply_values`, column defaults, `snapshot`) is done here on dicts,
with the same rules: a value the item does not give keeps its current value
(or the column default for a new entry), and the snapshot has exactly the
shape `expertise.services.convert.snapshot` gives (tests compare the two).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import cast

from sqlalchemy import Column, Table

from expertise.errors import UserError
from expertise.fields import FieldSpec, field_by_name, fields_of
from expertise.fields.types import as_list, type_of
from expertise.models import MODEL_BY_KIND, Entry
from expertise.services.convert import jsonable
from expertise.services.values import BASE_CHOICES, RESERVED, normalise_tag

ENTRIES = cast(Table, Entry.__table__)
# (value, kind, field name, allowed kinds, keep a deleted id) -> id: `Known.resolve`
Lookup = Callable[[object, str | None, str, tuple[str, ...], bool], str | None]


def kind_table(kind: str) -> Table:
    return cast(Table, MODEL_BY_KIND[kind].__table__)


def _default(column: Column[object]) -> object:
    default = column.default
    if default is None:
        return None
    arg = getattr(default, "arg", None)
    return arg(None) if getattr(default, "is_callable", False) else arg  # type: ignore[misc]


@cache
def _entry_columns() -> frozenset[str]:
    return frozenset(column.name for column in ENTRIES.columns)


@dataclass
class EntryRows:
    """One entry's row in `entries`, its row in its kind's table, its tags and themes."""

    kind: str
    entry: dict[str, object]
    own: dict[str, object]
    tags: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.entry["id"])

    @property
    def title(self) -> str:
        return str(self.entry["title"])

    @property
    def body(self) -> str:
        return str(self.entry["body_md"] or "")

    def get(self, attr: str) -> object:
        return self.entry[attr] if attr in _entry_columns() else self.own[attr]

    def set(self, attr: str, value: object) -> None:
        (self.entry if attr in _entry_columns() else self.own)[attr] = value

    def copy(self) -> EntryRows:
        return EntryRows(
            self.kind, dict(self.entry), dict(self.own), list(self.tags), [*self.themes]
        )


def new_rows(kind: str, entry_id: str, now: datetime) -> EntryRows:
    """A new entry as `new_entry` and the column defaults make it, before any value."""
    entry = {column.name: _default(column) for column in ENTRIES.columns}
    entry.update(id=entry_id, kind=kind, body_md="", summary="", created_at=now, updated_at=now)
    own = {column.name: _default(column) for column in kind_table(kind).columns}
    own["id"] = entry_id
    return EntryRows(kind, entry, own)


def apply_values(rows: EntryRows, values: Mapping[str, object], lookup: Lookup) -> None:
    """`expertise.services.entries.apply_values` on rows; tags and themes are set apart."""
    _apply_base(rows, values)
    for name, value in values.items():
        if name in RESERVED or name in BASE_CHOICES:
            continue
        spec = field_by_name(rows.kind, name)
        if spec is None:
            raise UserError(f"{name}: not a field of a {rows.kind} entry")
        rows.set(spec.attr, _coerce(spec, value, lookup))


def _apply_base(rows: EntryRows, values: Mapping[str, object]) -> None:
    if "title" in values:
        title = str(values["title"] or "").strip()
        if not title:
            raise UserError("title: must not be empty")
        rows.entry["title"] = title[:500]
    for name in ("body", "body_md"):
        if name in values:
            rows.entry["body_md"] = str(values[name] or "")
    if "summary" in values:
        rows.entry["summary"] = str(values["summary"] or "")
    for name, choices in BASE_CHOICES.items():
        if name in values and values[name] not in (None, ""):
            if values[name] not in choices:
                raise UserError(f"{name}: must be one of {', '.join(choices)}")
            rows.entry[name] = values[name]


def _coerce(spec: FieldSpec, value: object, lookup: Lookup) -> object:
    """As `expertise.services.values.coerce`, references looked up in memory."""

    def resolve(ref: object, kind: str | None, name: str) -> str | None:
        kinds = spec.ref_kinds if kind is None else ()
        return lookup(ref, kind, name, kinds, spec.type == "rows")

    return type_of(spec).coerce(spec, value, resolve)


def tag_names(value: object) -> list[str]:
    return sorted({normalise_tag(name) for name in as_list(value)} - {""})


def theme_keys(value: object, known: frozenset[str]) -> list[str]:
    wanted = sorted(set(as_list(value)))
    unknown = [key for key in wanted if key not in known]
    if unknown:
        raise UserError(f"themes: {len(unknown)} unknown theme keys (see docs/FIELDS.md)")
    return wanted


def snapshot(rows: EntryRows) -> dict[str, object]:
    """What `expertise.services.convert.snapshot` gives for this entry once it is stored."""
    entry = rows.entry
    data: dict[str, object] = {
        "id": entry["id"],
        "kind": rows.kind,
        "title": entry["title"],
        "summary": entry["summary"],
        "tags": sorted(rows.tags),
        "themes": sorted(rows.themes),
        "classification": entry["classification"],
        "language": entry["language"],
        "status": entry["status"],
    }
    for spec in fields_of(rows.kind):
        value = rows.get(spec.attr)
        data[spec.name] = list(value) if isinstance(value, list) else value
    data["body"] = entry["body_md"]
    return {key: jsonable(value) for key, value in data.items()}
