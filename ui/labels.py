"""Shown names of kinds, fields and choices: the registry's labels in the UI's language.

The labels are data in expertise/fields (Dutch and English side by side), so
the .ts holds no copies of them; UI chrome still goes through tr()
(docs/ARCHITECTURE.md §3 and §7).
"""

from __future__ import annotations

from expertise import (
    BASE_FIELDS,
    CLASSIFICATION_LEVELS,
    KIND_SPECS,
    UPKEEP_FIELDS,
    FieldLabel,
    FieldSpec,
    any_spec,
    kind_spec,
    spec_of,
)
from ui.i18n import ui_language


def shown(label: FieldLabel) -> str:
    return label.get(ui_language())


def kind_label(kind: str) -> str:
    try:
        return shown(kind_spec(kind).label)
    except KeyError:
        return kind  # a kind from a newer hub or a pack: shown by its key


def kind_plural(kind: str) -> str:
    try:
        return shown(kind_spec(kind).plural)
    except KeyError:
        return kind


def _spec(name: str, kind: str | None) -> FieldSpec | None:
    found = spec_of(kind, name) if kind else None
    return found or any_spec(name)


def field_label(name: str, kind: str | None = None) -> str:
    spec = _spec(name, kind)
    return shown(spec.label) if spec else name.replace("_", " ").capitalize()


def _named(name: str) -> list[FieldSpec]:
    """Every field or row column called `name`, in registry order (kinds may share a name)."""
    fields = [*BASE_FIELDS, *UPKEEP_FIELDS, *(f for k in KIND_SPECS.values() for f in k.fields)]
    return [spec for field in fields for spec in (field, *field.columns) if spec.name == name]


def choice_label(name: str, key: str, kind: str | None = None) -> str:
    """The label of value `key` of the enum field (or row column) `name`; else the key."""
    first = _spec(name, kind)
    for spec in ([first] if first else []) + _named(name):
        if key in spec.choices:
            return spec.choice_label(key, ui_language())
    return key


def column_label(field: str, column: str, kind: str | None = None) -> str:
    """The shown name of a column of a structured-list ("rows") field."""
    for spec in ([found] if (found := _spec(field, kind)) else []) + _named(field):
        found_column = spec.column(column)
        if found_column is not None:
            return shown(found_column.label)
    return column.replace("_", " ").capitalize()


def choice_items(spec: FieldSpec) -> list[tuple[str, str]]:
    """(key, label) of every choice of an enum field, in the registry's order."""
    return [(option.key, shown(option.label)) for option in spec.options]


def status_label(status: str) -> str:
    return choice_label("status", status)


def classification_label(level: str) -> str:
    found = next((item for item in CLASSIFICATION_LEVELS if item.key == level), None)
    return shown(found.label) if found else level
