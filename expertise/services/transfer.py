"""Import (Markdown + front matter, CSV) and export (Markdown folder, JSON).

An import parses every file before it touches the database and then writes
in one transaction, so a bad file anywhere means nothing is half-imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.atomic import atomic_write_bytes
from expertise.csvread import read_csv_rows
from expertise.errors import InputError, UserError
from expertise.fields import csv_kinds, kind_plural, kind_spec
from expertise.fields.rows import map_refs, rows_with_refs
from expertise.fieldspec import field_by_name
from expertise.frontmatter import decode_text, parse_document, render_document
from expertise.models import Entry
from expertise.private import make_private_folder
from expertise.records import ImportReport
from expertise.services.convert import jsonable, to_record
from expertise.services.entries import apply_values, new_entry, save_revision, split_refs

MAX_FILE = 20 * 1024 * 1024
MARKER_CHARS = 7  # "organis" and "organiz": a file name may spell it either way


@dataclass
class Incoming:
    source: str
    kind: str
    values: dict[str, object]
    line: int | None = None  # the CSV row, or None: the file as a whole
    lines: dict[str, int] = field(default_factory=dict)  # field -> file line (front matter)
    notes: list[str] = field(default_factory=list)  # values read by label (fields/lenient.py)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in (".md", ".csv")))
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"{path}: no such file or folder")
    return files


def _csv_kind(path: Path) -> str:
    name = path.name.lower()
    for kind in csv_kinds():
        if any(word[:MARKER_CHARS] in name for word in (kind, *kind_spec(kind).words)):
            return kind
    plurals = " or ".join(kind_plural(kind, "en").lower() for kind in csv_kinds())
    files = " or ".join(f"{kind_plural(kind, 'en').lower()}*.csv" for kind in csv_kinds())
    raise InputError(
        f"cannot tell whether this CSV holds {plurals} (name the file {files})", path.name
    )


def read_file(path: Path) -> list[Incoming]:
    if path.stat().st_size > MAX_FILE:
        raise InputError("file larger than 20 MB", path.name)
    text = decode_text(path.read_bytes(), path.name)
    if path.suffix.lower() == ".csv":
        kind = _csv_kind(path)
        rows = read_csv_rows(text, path.name, kind, lenient=True)
        return [Incoming(path.name, kind, row.values, row.line, {}, row.notes) for row in rows]
    parsed = parse_document(text, path.name, lenient=True)
    values = dict(parsed.meta)
    values["title"] = parsed.title
    values["body"] = parsed.body
    return [Incoming(path.name, str(values["kind"]), values, None, parsed.lines, parsed.notes)]


def parse_all(paths: Iterable[Path]) -> tuple[list[Incoming], int]:
    files = collect_files(paths)
    incoming = [item for path in files for item in read_file(path)]
    return incoming, len(files)


def _existing(session: Session, item: Incoming) -> Entry | None:
    entry_id = item.values.get("id")
    if not entry_id:
        return None
    entry = session.get(Entry, str(entry_id))
    if entry is not None and entry.kind != item.kind:
        raise InputError(f"id belongs to a {entry.kind} entry, file says {item.kind}", item.source)
    return entry


def import_items(session: Session, items: list[Incoming], actor: str) -> ImportReport:
    report = ImportReport()
    staged: list[tuple[Incoming, Entry, bool, dict[str, object]]] = []
    for item in items:
        entry = _existing(session, item)
        is_new = entry is None
        if entry is None:
            entry_id = item.values.get("id")
            entry = new_entry(item.kind, str(entry_id) if entry_id else None)
            session.add(entry)
        plain, refs = split_refs(item.kind, item.values)
        _apply(session, entry, plain, item.source)
        staged.append((item, entry, is_new, refs))
    session.flush()
    for item, entry, is_new, refs in staged:
        _apply(session, entry, refs, item.source)
        changed = save_revision(session, entry, actor)
        bucket = report.created if is_new else report.updated if changed else report.unchanged
        bucket.append(entry.id)
    return report


def _apply(session: Session, entry: Entry, values: dict[str, object], source: str) -> None:
    try:
        apply_values(session, entry, {k: v for k, v in values.items() if k not in ("id", "kind")})
    except UserError as error:
        raise InputError(str(error), source) from None


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
