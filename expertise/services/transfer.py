"""Export: a Markdown folder (front matter + body per entry) and JSON.

The import is the bulk pipeline of expertise/bulkimport/.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.atomic import atomic_write_bytes
from expertise.fields.rows import map_refs, rows_with_refs
from expertise.fieldspec import field_by_name
from expertise.frontmatter import render_document
from expertise.models import Entry
from expertise.private import make_private_folder
from expertise.services.convert import jsonable, to_record


def slug(title: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return text[:60] or "entry"


def export_meta(record_dict: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in record_dict.items() if k != "body" and v not in (None, "", [])}


def export_markdown(session: Session, out_dir: Path) -> int:
    make_private_folder(out_dir)
    count = 0
    for entry in session.scalars(select(Entry).order_by(Entry.kind, Entry.title)):
        data = without_deleted_row_refs(session, entry.kind, to_record(entry).as_dict())
        text = render_document(export_meta(data), str(data["body"]))
        name = f"{entry.kind}-{slug(entry.title)}-{entry.id[:8]}.md"
        atomic_write_bytes(out_dir / name, text.encode("utf-8"))
        count += 1
    return count


def without_deleted_row_refs(
    session: Session, kind: str, data: dict[str, object]
) -> dict[str, object]:
    """A row keeps the id of an entry deleted here; outside this hub that id means nothing."""
    for name in rows_with_refs(kind):
        spec = field_by_name(kind, name)
        if spec is not None and data.get(name):
            data[name] = map_refs(
                spec, data[name], lambda ref, _k: session.get(Entry, ref) is not None
            )
    return data


def export_json(session: Session) -> list[dict[str, object]]:
    entries = session.scalars(select(Entry).order_by(Entry.kind, Entry.title))
    return [jsonable(to_record(entry).as_dict()) for entry in entries]
