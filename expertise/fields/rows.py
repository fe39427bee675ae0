"""Structured list fields: rows of typed columns (the follow-ups of a case, agenda items).

A rows field is a FieldSpec of type "rows" whose `columns` are FieldSpecs too,
so a cell is checked, coerced and labelled like a field of its own type. Rows
are stored as JSON: dates as ISO text, references as entry ids (kept as they
were when their entry is deleted, so a row never loses its place; the UI shows
them as deleted). Outside input (front matter, packs) is checked here with the
file line of the row and of the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

from expertise.errors import InputError, UserError
from expertise.fields.registry import fields_of
from expertise.fields.spec import FieldSpec

MAX_ROWS = 200
REF_TYPES = ("ref", "reflist")

Row = dict[str, object]
Resolver = Callable[[object, str | None, str], str | None]
CellCheck = Callable[[FieldSpec, object, str, int | None], object | None]
CellCoerce = Callable[[FieldSpec, object, Resolver], object]


def cell_name(spec: FieldSpec, index: int, column: FieldSpec) -> str:
    """How a message names a cell: the field, the 1-based row, the column."""
    return f"{spec.name}[{index + 1}].{column.name}"


# -- outside input ---------------------------------------------------------------


def check_rows(
    spec: FieldSpec, value: object, source: str, line: int | None, check_cell: CellCheck
) -> list[Row] | None:
    """Normalise the rows of outside input; empty cells are dropped, columns keep their order."""
    if value is None or value == "" or value == []:
        return None
    if not isinstance(value, list | tuple):
        raise InputError(f"field {spec.name!r} must be a list of rows", source, line)
    if len(value) > MAX_ROWS:
        raise InputError(f"field {spec.name!r} has more than {MAX_ROWS} rows", source, line)
    item_lines: list[int] = getattr(value, "lines", [])
    return [
        _check_row(spec, index, row, source, _at(item_lines, index, line), check_cell)
        for index, row in enumerate(value)
    ]


def _at(lines: list[int], index: int, fallback: int | None) -> int | None:
    return lines[index] if index < len(lines) else fallback


def _check_row(
    spec: FieldSpec,
    index: int,
    row: object,
    source: str,
    line: int | None,
    check_cell: CellCheck,
) -> Row:
    at = getattr(row, "line", line)
    lines: Mapping[str, int] = getattr(row, "lines", {})
    if not isinstance(row, Mapping):
        raise InputError(
            f"field {spec.name!r}: row {index + 1} must be a mapping of columns", source, at
        )
    known = {column.name: column for column in spec.columns}
    for name in row:
        if name not in known:
            where = lines.get(str(name), at)
            raise InputError(
                f"field {spec.name!r}: row {index + 1} has an unknown column {str(name)[:40]!r}"
                f" (columns: {', '.join(known)})",
                source,
                where,
            )
    checked: Row = {}
    for column in spec.columns:
        named = replace(column, name=cell_name(spec, index, column))
        value = check_cell(named, row.get(column.name), source, lines.get(column.name, at))
        if value is not None:
            checked[column.name] = value
        elif column.required:
            raise InputError(
                f"field {spec.name!r}: row {index + 1} lacks column {column.name!r}", source, at
            )
    return checked


# -- loose input (UI, Hub API, imports after checking) ------------------------------


def coerce_rows(
    spec: FieldSpec, value: object, resolve: Resolver, coerce_cell: CellCoerce
) -> list[Row]:
    """Stored rows from loose input: every column present, in order; UserError names the cell."""
    if value is None or value == "":
        return []
    if not isinstance(value, list | tuple):
        raise UserError(f"{spec.name}: must be a list of rows")
    if len(value) > MAX_ROWS:
        raise UserError(f"{spec.name}: more than {MAX_ROWS} rows")
    rows: list[Row] = []
    for index, row in enumerate(value):
        if not isinstance(row, Mapping):
            raise UserError(f"{spec.name}: row {index + 1} must be a mapping of columns")
        unknown = [str(name) for name in row if spec.column(str(name)) is None]
        if unknown:
            raise UserError(
                f"{spec.name}: row {index + 1} has an unknown column {unknown[0][:40]!r}"
            )
        rows.append(_coerce_row(spec, index, row, resolve, coerce_cell))
    return rows


def _coerce_row(
    spec: FieldSpec,
    index: int,
    row: Mapping[str, object],
    resolve: Resolver,
    coerce_cell: CellCoerce,
) -> Row:
    stored: Row = {}
    for column in spec.columns:
        raw = row.get(column.name)
        if column.type == "enum" and raw in (None, "") and not column.required:
            raw = column.choices[0]
        try:
            value = coerce_cell(column, raw, resolve)
        except UserError as error:
            raise UserError(f"{spec.name}: row {index + 1}: {error}") from None
        if column.required and value in (None, "", []):
            raise UserError(f"{spec.name}: row {index + 1}: {column.name}: must not be empty")
        stored[column.name] = value.isoformat() if isinstance(value, date) else value
    return stored


# -- references inside rows -------------------------------------------------------


def rows_with_refs(kind: str) -> tuple[str, ...]:
    """The rows fields of `kind` that hold references: resolved after a batch's entries exist."""
    return tuple(
        spec.name
        for spec in fields_of(kind)
        if spec.type == "rows" and any(column.type in REF_TYPES for column in spec.columns)
    )


def ref_ids(spec: FieldSpec, rows: object) -> list[str]:
    """Every entry id the rows refer to, in order of appearance."""
    found: list[str] = []
    for row in _rows(rows):
        for column in spec.columns:
            if column.type in REF_TYPES:
                found.extend(str(item) for item in _items(row.get(column.name)))
    return found


def map_refs(spec: FieldSpec, rows: object, keep: Callable[[str, str | None], bool]) -> list[Row]:
    """The rows with each reference `keep(id, ref_kind)` refuses taken out (None, or dropped
    from a list): packs without the target, an erased person."""
    mapped: list[Row] = []
    for row in _rows(rows):
        copy = dict(row)
        for column in spec.columns:
            value = copy.get(column.name)
            if column.type == "ref" and value is not None and not keep(str(value), column.ref_kind):
                copy[column.name] = None
            elif column.type == "reflist":
                copy[column.name] = [v for v in _items(value) if keep(str(v), column.ref_kind)]
        mapped.append(copy)
    return mapped


def row_text(spec: FieldSpec, rows: object) -> str:
    """The prose of the rows (text columns), for the search index."""
    parts = [
        str(row.get(column.name) or "")
        for row in _rows(rows)
        for column in spec.columns
        if column.type in ("text", "multiline")
    ]
    return "\n".join(part for part in parts if part)


def row_lines(spec: FieldSpec, rows: object) -> list[str]:
    """Each row as one line of its own values, references left out: for documents read
    outside the hub (course packs), where an id means nothing and a title may be above
    the document's ceiling."""
    lines = []
    for row in _rows(rows):
        cells = [
            str(row.get(column.name) or "").replace("_", " ") if column.type == "enum"
            else str(row.get(column.name) or "")
            for column in spec.columns
            if column.type not in REF_TYPES
        ]
        line = " · ".join(cell for cell in cells if cell)
        if line:
            lines.append(line)
    return lines


def _rows(rows: object) -> list[Mapping[str, object]]:
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def _items(value: object) -> list[object]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
