"""References and attachment names of pulled entries, as a pack import treats them.

A pulled entry may name entries this laptop does not have (not pulled yet, or above
its clearance): such references are left out here, never stored dangling.
"""

from __future__ import annotations

import mimetypes

from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.fields import rows
from expertise.fields.rows import rows_with_refs
from expertise.fieldspec import field_by_name, ref_fields
from expertise.models import Entry
from expertise.services.attachments import safe_file_name


def known(session: Session, kind: str, values: dict[str, object]) -> tuple[dict[str, object], int]:
    """Only references to entries that exist here with the expected kind; and how many went."""

    def exists(value: object, ref_kind: str | None) -> bool:
        found = session.get(Entry, str(value))
        return found is not None and (ref_kind is None or found.kind == ref_kind)

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
