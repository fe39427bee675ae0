"""The field types: the ONE table a new type is added to.

A type says how its column is declared (the model classes are generated from
it), how an outside value is checked (front matter, CSV), how a value from the
UI or the Hub API is coerced, and whether it holds a list (a CSV cell then
holds items separated by `;`, front matter a YAML list).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import MappedColumn, mapped_column

from expertise.errors import InputError, UserError
from expertise.fields import checks, rows
from expertise.fields.spec import FieldSpec

# Turns a reference (an id or a title) into the id of an entry of `kind`.
Resolver = Callable[[object, str | None, str], str | None]
Check = Callable[[FieldSpec, object, str, int | None], object | None]
Coerce = Callable[[FieldSpec, object, Resolver], object]


@dataclass(frozen=True)
class FieldType:
    name: str
    column: Callable[[FieldSpec], MappedColumn[Any]]
    check: Check  # one outside value, or one item of a list
    coerce: Coerce
    is_list: bool = False
    multiline: bool = False  # free text over several lines (a text area in the editor)


def _string(spec: FieldSpec, default: int = 200) -> MappedColumn[Any]:
    return mapped_column(String(spec.length or default), nullable=False, default=_default(spec, ""))


def _default(spec: FieldSpec, fallback: object) -> object:
    return fallback if spec.default is None else spec.default


def _text_check(spec: FieldSpec, value: object, source: str, line: int | None) -> object | None:
    check = checks.FORMATS.get(spec.format or "", checks.check_line)
    return check(spec.name, value, source, line)


def _enum_check(spec: FieldSpec, value: object, source: str, line: int | None) -> object | None:
    return checks.check_choice(spec.name, value, source, line, spec.choices)


def _plain(check: checks.Checker) -> Check:
    return lambda spec, value, source, line: check(spec.name, value, source, line)


def _as_text(spec: FieldSpec, value: object, _resolve: Resolver) -> object:
    text = "" if value is None else str(value)
    if spec.format == "year" and text.strip():
        # a year is sorted and compared as text, so its shape is held on every path in
        try:
            checks.check_year(spec.name, text, "", None)
        except InputError:
            raise UserError(f"{spec.name}: must be a year YYYY") from None
        return text.strip()
    return text


def _as_enum(spec: FieldSpec, value: object, _resolve: Resolver) -> object:
    if value in (None, ""):
        return spec.choices[0]
    if value not in spec.choices:
        raise UserError(f"{spec.name}: must be one of {', '.join(spec.choices)}")
    return value


def as_list(value: object) -> list[str]:
    """Loose list input: a list, or text separated by commas or semicolons."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        parts = value.replace(";", ",").split(",")
    elif isinstance(value, list | tuple | set | frozenset):
        parts = [str(item) for item in value]
    else:
        raise UserError(f"expected a list, got {type(value).__name__}")
    return [part.strip() for part in parts if part.strip()]


def as_date(value: object, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise UserError(f"{name}: not a date (YYYY-MM-DD)") from None


def _as_bool(_spec: FieldSpec, value: object, _resolve: Resolver) -> object:
    return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "ja")


def _ref_column(_spec: FieldSpec) -> MappedColumn[Any]:
    return mapped_column(
        String(36), ForeignKey("entries.id", ondelete="SET NULL"), nullable=True, default=None
    )


def _list_column(_spec: FieldSpec) -> MappedColumn[Any]:
    return mapped_column(JSON, nullable=False, default=list)


TYPES: dict[str, FieldType] = {
    "text": FieldType("text", _string, _text_check, _as_text),
    "multiline": FieldType(
        "multiline",
        lambda spec: (
            _string(spec)
            if spec.length
            else mapped_column(Text, nullable=False, default=_default(spec, ""))
        ),
        _plain(checks.check_multiline),
        _as_text,
        multiline=True,
    ),
    "enum": FieldType(
        "enum",
        lambda spec: mapped_column(
            String(20), nullable=False, default=_default(spec, spec.choices[0])
        ),
        _enum_check,
        _as_enum,
    ),
    "date": FieldType(
        "date",
        lambda _spec: mapped_column(Date, nullable=True, default=None),
        _plain(checks.check_date),
        lambda spec, value, _resolve: as_date(value, spec.name),
    ),
    "list": FieldType(
        "list", _list_column, _text_check, lambda _s, value, _r: as_list(value), is_list=True
    ),
    "bool": FieldType(
        "bool",
        lambda spec: mapped_column(Boolean, nullable=False, default=_default(spec, False)),
        _plain(checks.check_bool),
        _as_bool,
    ),
    "ref": FieldType(
        "ref",
        _ref_column,
        _plain(checks.check_reference),
        lambda spec, value, resolve: resolve(value, spec.ref_kind, spec.name),
    ),
    "reflist": FieldType(
        "reflist",
        _list_column,
        _plain(checks.check_reference),
        lambda spec, value, resolve: [
            resolve(item, spec.ref_kind, spec.name) for item in as_list(value)
        ],
        is_list=True,
    ),
}


def _rows_check(spec: FieldSpec, value: object, source: str, line: int | None) -> object | None:
    return rows.check_rows(spec, value, source, line, check_value)


def _rows_coerce(spec: FieldSpec, value: object, resolve: Resolver) -> object:
    return rows.coerce_rows(
        spec, value, resolve, lambda column, cell, res: TYPES[column.type].coerce(column, cell, res)
    )


# Rows of typed columns (follow-ups, agenda items): one JSON column of row objects.
TYPES["rows"] = FieldType("rows", _list_column, _rows_check, _rows_coerce)


def type_of(spec: FieldSpec) -> FieldType:
    return TYPES[spec.type]


def check_value(spec: FieldSpec, value: object, source: str, line: int | None) -> object | None:
    """Normalise one outside value of `spec`, or raise InputError naming it. None: absent."""
    if value is None:
        return None
    kind = TYPES[spec.type]
    if kind.is_list:
        return checks.check_list(
            spec.name,
            value,
            source,
            line,
            lambda _n, item, src, at: kind.check(spec, item, src, at),
        )
    return kind.check(spec, value, source, line)
