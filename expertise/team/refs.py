"""References and attachment names of pulled entries, as a pack import treats them.

A pulled entry may name entries this laptop does not have (not pulled yet, or above
its clearance): such references are left out here, never stored dangling.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session, with_polymorphic

from expertise.errors import UserError
from expertise.fields import rows
from expertise.fields.rows import rows_with_refs
from expertise.fieldspec import field_by_name, ref_fields
from expertise.models import Entry
from expertise.services.attachments import safe_file_name


def referenced(kind: str, values: Mapping[str, object]) -> set[str]:
    """Every entry id the reference values of a `kind` entry name."""
    found: set[str] = set()
    for spec in ref_fields(kind):
        value = values.get(spec.name)
        items = value if isinstance(value, list) else [value]
        found.update(str(v) for v in items if v is not None)
    for name in rows_with_refs(kind):
        rows_spec = field_by_name(kind, name)
        if rows_spec is not None and name in values:
            found.update(rows.ref_ids(rows_spec, values[name]))
    return found


def kinds_of(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """id -> kind of those of `ids` that exist here: one query per 500 ids, never one each."""
    wanted = sorted(set(ids))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = select(Entry.id, Entry.kind).where(Entry.id.in_(chunk))
        found.update((entry_id, kind) for entry_id, kind in session.execute(query))
    return found


def load(session: Session, ids: Iterable[str]) -> dict[str, Entry]:
    """The entries among `ids` that exist here, loaded whole in one query per 500 ids.

    Held by the caller, they stay in the session's identity map, so the per-reference
    `session.get` of `apply_values` (resolve_ref) is answered without a query each."""
    every_kind = with_polymorphic(Entry, "*")
    wanted = sorted(set(ids))
    found: dict[str, Entry] = {}
    for start in range(0, len(wanted), 500):
        query = select(every_kind).where(every_kind.id.in_(wanted[start : start + 500]))
        found.update((entry.id, entry) for entry in session.scalars(query))
    return found


def known(
    session: Session,
    kind: str,
    values: dict[str, object],
    kinds: Mapping[str, str] | None = None,
) -> tuple[dict[str, object], int]:
    """Only references to entries that exist here with the expected kind; and how many went.

    `kinds`: id -> kind of every entry a reference may name (`kinds_of`, or a batch's map);
    without it the ids named are looked up here in one query."""
    lookup = kinds if kinds is not None else kinds_of(session, referenced(kind, values))
    return known_in(lookup, kind, values)


def known_in(
    lookup: Mapping[str, str], kind: str, values: Mapping[str, object]
) -> tuple[dict[str, object], int]:
    """`known` against an id -> kind map of the entries that exist."""

    def exists(value: object, ref_kind: str | None) -> bool:
        found = lookup.get(str(value))
        return found is not None and (ref_kind is None or found == ref_kind)

    kept: dict[str, object] = {}
    dropped = 0
    for spec in ref_fields(kind):
        if spec.name not in values:
            continue
        value = values[spec.name]
        items = value if isinstance(value, list) else [value]
        good = [v for v in items if v is None or exists(v, spec.ref_kind)]
        dropped += len(items) - len(good)
        if spec.type == "reflist":
            kept[spec.name] = [str(v) for v in good if v is not None]
        else:
            kept[spec.name] = None if not good or good[0] is None else str(good[0])
    for name in rows_with_refs(kind):
        rows_spec = field_by_name(kind, name)
        if rows_spec is None or name not in values:
            continue
        before = len(rows.ref_ids(rows_spec, values[name]))
        kept[name] = rows.map_refs(rows_spec, values[name], exists)
        dropped += before - len(rows.ref_ids(rows_spec, kept[name]))
    return kept, dropped


def safe_name(file_name: str) -> str:
    try:
        return safe_file_name(file_name)
    except UserError:
        return "attachment"


def media_type(file_name: str) -> str:
    # Guessed from the name as on any upload: the item's own claim would steer
    # which text extractor the index runs on the bytes.
    return mimetypes.guess_type(safe_name(file_name))[0] or "application/octet-stream"
