"""CSV import of experts and organisations (docs/FIELDS.md, "CSV import").

The first row names the columns with FIELDS.md field names; list fields hold
several values separated by `;`. Every cell goes through the same checks as
front matter (fieldcheck), and every error names the 1-based line of the file,
the header being line 1, so a user can find the cell in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from expertise.errors import InputError
from expertise.fieldcheck import canonical_field, check_entry, field_order, shown_name
from expertise.fields import csv_kinds, spec_of
from expertise.fields.types import type_of

MAX_CSV_CHARS = 5 * 1024 * 1024
MAX_ROWS = 10_000
_LIST_SEPARATOR = ";"

Row = tuple[int, list[str]]


@dataclass
class CsvRow:
    """One checked data row: its file line, its fields (with `kind`), the lenient notes."""

    line: int
    values: dict[str, object]
    notes: list[str] = field(default_factory=list)


def read_csv_entries(text: str, source: str, kind: str) -> list[dict[str, object]]:
    """One checked field dict (with `kind`) per non-empty data row; only keys pass."""
    return [row.values for row in read_csv_rows(text, source, kind)]


def read_csv_rows(text: str, source: str, kind: str, lenient: bool = False) -> list[CsvRow]:
    """One checked row per non-empty data row; `lenient` reads enum values by label too."""
    if kind not in csv_kinds():
        raise InputError(f"kind {kind!r} cannot be imported from CSV", source, None)
    if len(text) > MAX_CSV_CHARS:
        raise InputError(f"file is longer than {MAX_CSV_CHARS} characters", source, None)
    rows = _rows(text.removeprefix("\ufeff"), source)
    header = _header(next(rows, None), source, kind)
    entries: list[CsvRow] = []
    seen_ids: set[object] = set()
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave blank rows behind
        if len(entries) >= MAX_ROWS:
            raise InputError(f"more than {MAX_ROWS} rows", source, line)
        notes: list[str] | None = [] if lenient else None
        entry = _entry(header, cells, kind, source, line, notes)
        if entry.get("id") in seen_ids:
            raise InputError("duplicate id in this file", source, line)
        if "id" in entry:
            seen_ids.add(entry["id"])
        entries.append(CsvRow(line, entry, notes or []))
    return entries


def _rows(text: str, source: str) -> Iterator[Row]:
    """Rows with the file line each starts on; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"malformed CSV ({exc})", source, reader.line_num or start) from None
        yield start, cells
        start = reader.line_num + 1


def _header(row: Row | None, source: str, kind: str) -> list[str]:
    if row is None or not any(cell.strip() for cell in row[1]):
        raise InputError("missing header row with field names", source, 1)
    allowed = set(field_order(kind))
    names: list[str] = []
    for cell in row[1]:
        name = canonical_field(cell)
        if name not in allowed:
            raise InputError(_unknown_column(cell, kind), source, 1)
        if name in names:
            raise InputError(f"duplicate column {shown_name(name)}", source, 1)
        names.append(name)
    if "title" not in names:
        raise InputError("missing column 'title' (or 'name')", source, 1)
    return names


def _unknown_column(cell: str, kind: str) -> str:
    hint = " (separate columns with ',', not ';')" if ";" in cell else ""
    return f"unknown column {shown_name(cell.strip())} for kind {kind!r}{hint}"


def _entry(
    header: list[str], cells: list[str], kind: str, source: str, line: int, notes: list[str] | None
) -> dict[str, object]:
    if len(cells) != len(header):
        raise InputError(f"row has {len(cells)} cells, the header has {len(header)}", source, line)
    raw: dict[str, object] = {"kind": kind}
    for name, cell in zip(header, cells, strict=True):
        if name == "kind":
            if cell.strip() and cell.strip().lower() != kind:
                raise InputError(f"field 'kind' must be {kind!r} in this file", source, line)
            continue
        raw[name] = cell.split(_LIST_SEPARATOR) if _is_list(kind, name) else cell
    entry = check_entry(raw, source, line=line, notes=notes)
    if "title" not in entry:
        raise InputError("missing title (name)", source, line)
    return entry


def _is_list(kind: str, name: str) -> bool:
    spec = spec_of(kind, name)
    return spec is not None and type_of(spec).is_list
