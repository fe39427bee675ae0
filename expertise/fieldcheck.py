"""Validation of entry fields as docs/FIELDS.md defines them.

Front matter and CSV both read outside input, so they share these checks: one
place decides what a valid `review_by` or `org_type` is. Which check a field
gets follows from its type in the registry (expertise/fields); values leave
normalised, so that checking a checked entry again changes nothing (the
render/parse round trip relies on that).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from expertise.errors import InputError
from expertise.fields import (
    ALIASES,
    BASE_FIELDS,
    DEFAULT_CLASSIFICATION,
    DEFAULT_LANGUAGE,
    DEFAULT_STATUS,
    all_field_names,
    any_spec,
    field_order,
    spec_of,
)
from expertise.fields.lenient import read_values
from expertise.fields.types import check_value

# Applied by the hub when a field is absent; the parsers leave absent fields
# absent so a rendered document says only what its author said.
DEFAULTS: dict[str, str] = {
    "classification": DEFAULT_CLASSIFICATION,
    "language": DEFAULT_LANGUAGE,
    "status": DEFAULT_STATUS,
}
ALL_FIELDS = all_field_names()
_KIND = next(spec for spec in BASE_FIELDS if spec.name == "kind")

__all__ = [
    "ALL_FIELDS",
    "DEFAULTS",
    "canonical_field",
    "check_entry",
    "check_field",
    "field_order",
    "shown_name",
]


def canonical_field(name: str) -> str:
    """Header cells and keys are matched loosely: case, spaces and the `name` alias."""
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    return ALIASES.get(key, key)


def shown_name(name: str) -> str:
    """A field name as quoted in a message: outside input may send a huge key."""
    return repr(name if len(name) <= 40 else name[:40] + "…")


def check_entry(
    raw: Mapping[str, object],
    source: str,
    lines: Mapping[str, int] | None = None,
    line: int | None = None,
    notes: list[str] | None = None,
) -> dict[str, object]:
    """Validate and normalise one entry's fields; absent or empty values are dropped.

    `lines` maps a field to the line it came from; `line` is the fallback (the
    front matter start, or the CSV row). With a `notes` list, enum values and
    themes are read leniently (expertise/fields/lenient.py) and a note is added
    for each value read other than as its key; without one, only keys pass.
    """
    lines = lines or {}
    if notes is not None:
        raw, read_how = read_values(raw, source, lines, line)
        notes.extend(read_how)
    kind = _require_kind(raw, source, lines.get("kind", line))
    allowed = field_order(kind)
    checked: dict[str, object] = {}
    for name, value in raw.items():
        at = lines.get(name, line)
        if name not in ALL_FIELDS:
            raise InputError(f"unknown field {shown_name(name)}", source, at)
        if name not in allowed:
            raise InputError(f"field {name!r} does not apply to kind {kind!r}", source, at)
        normalised = check_field(name, value, source, at, kind)
        if normalised is not None:
            checked[name] = normalised
    _check_dates_in_order(checked, source, lines.get("end_date", line))
    return {name: checked[name] for name in allowed if name in checked}


def check_field(
    name: str, value: object, source: str, line: int | None, kind: str | None = None
) -> object | None:
    """Normalise one value, or raise InputError naming the field. None means absent.

    Without a kind, the field is looked up in every kind (a title, a tag list).
    """
    spec = spec_of(kind, name) if kind else any_spec(name)
    if spec is None:
        raise InputError(f"unknown field {shown_name(name)}", source, line)
    return check_value(spec, value, source, line)


def _require_kind(raw: Mapping[str, object], source: str, line: int | None) -> str:
    if raw.get("kind") is None:
        raise InputError("missing field 'kind'", source, line)
    kind = check_value(_KIND, raw["kind"], source, line)
    assert isinstance(kind, str)
    return kind


def _check_dates_in_order(checked: Mapping[str, object], source: str, line: int | None) -> None:
    start, end = checked.get("start_date"), checked.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise InputError("field 'end_date' is before 'start_date'", source, line)
