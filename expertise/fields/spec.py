"""The shape of a registry entry: a field of an entry, and a kind of entry."""

from __future__ import annotations

from dataclasses import dataclass

from expertise.fields.labels import Choice, Label


@dataclass(frozen=True)
class FieldSpec:
    """One field as docs/FIELDS.md names it; `type` is a key of expertise.fields.types.TYPES."""

    name: str
    type: str
    label: Label
    ref_kind: str | None = None  # the kind a ref/reflist points at; None: any kind
    ref_kinds: tuple[str, ...] = ()  # without a ref_kind: the kinds it may point at (all if empty)
    options: tuple[Choice, ...] = ()  # enum choices, in the order they are offered
    length: int | None = None  # a String(length) column instead of the type's own column
    default: object = None  # column default; None: the type's default
    format: str | None = None  # a refinement of the text check (expertise.fields.checks.FORMATS)
    columns: tuple[FieldSpec, ...] = ()  # the columns of a "rows" field (expertise/fields/rows.py)
    required: bool = False  # a column a row cannot do without

    @property
    def attr(self) -> str:
        """The model attribute: a reference is stored as the id it points at."""
        return f"{self.name}_id" if self.type == "ref" else self.name

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)

    def column(self, name: str) -> FieldSpec | None:
        return next((column for column in self.columns if column.name == name), None)

    def choice_label(self, key: str, language: str) -> str:
        found = next((option for option in self.options if option.key == key), None)
        return found.label.get(language) if found else key


@dataclass(frozen=True)
class KindSpec:
    """A kind of entry: its labels, its table (joined inheritance) and its own fields."""

    name: str
    label: Label
    plural: Label
    table: str
    class_name: str
    fields: tuple[FieldSpec, ...]
    named: bool = False  # the title is a name (a person, an organisation), not a subject
    csv: bool = False  # can be imported from a CSV file (docs/FIELDS.md, "CSV import")
    # Anonymised by rule (example cases, practices): the personal-data guard scans its text
    # in the editor and before an export (docs/ARCHITECTURE.md §8).
    anonymised: bool = False
    measure: bool = False  # a measure placed in the barrier model (expertise/overview)
    cycle: bool = False  # followed over time in the work cycle (a tab in the entry pane)
    words: tuple[str, ...] = ()  # other words a search may use for it (`kind:praktijk`)

    def field(self, name: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.name == name), None)
