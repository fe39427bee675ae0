"""The one registry of the data model (docs/ARCHITECTURE.md §3).

Kinds and their fields (`kinds`), the field types (`types`), the value sets
with their Dutch and English labels (`values`) and the shipped taxonomy
(`taxonomy`). The models, the checks of outside input, the CLI, the exports,
the index configuration and the UI all derive their lists from here.
"""

from expertise.fields.kinds import BASE_FIELDS, KIND_SPECS, KINDS, UPKEEP_FIELDS
from expertise.fields.labels import Choice, Label, Level
from expertise.fields.registry import (
    ALIASES,
    all_field_names,
    anonymised_kinds,
    any_spec,
    csv_kinds,
    cycle_kinds,
    field_by_name,
    field_label,
    field_order,
    fields_of,
    kind_label,
    kind_plural,
    kind_spec,
    measure_kinds,
    named_kinds,
    ref_fields,
    ref_target_kinds,
    spec_of,
    work_kinds,
)
from expertise.fields.spec import FieldSpec, KindSpec
from expertise.fields.values import (
    CLASSIFICATION_LEVELS,
    CLASSIFICATIONS,
    DEFAULT_CLASSIFICATION,
    DEFAULT_LANGUAGE,
    DEFAULT_STATUS,
    LANGUAGE_CHOICES,
    LANGUAGES,
    STATUS_CHOICES,
    STATUSES,
    classification_level,
    classification_rank,
)

__all__ = [
    "ALIASES",
    "anonymised_kinds",
    "BASE_FIELDS",
    "CLASSIFICATIONS",
    "CLASSIFICATION_LEVELS",
    "DEFAULT_CLASSIFICATION",
    "DEFAULT_LANGUAGE",
    "DEFAULT_STATUS",
    "KINDS",
    "KIND_SPECS",
    "LANGUAGES",
    "LANGUAGE_CHOICES",
    "STATUSES",
    "STATUS_CHOICES",
    "UPKEEP_FIELDS",
    "Choice",
    "FieldSpec",
    "KindSpec",
    "Label",
    "Level",
    "all_field_names",
    "any_spec",
    "classification_level",
    "classification_rank",
    "csv_kinds",
    "cycle_kinds",
    "field_by_name",
    "field_label",
    "field_order",
    "fields_of",
    "kind_label",
    "kind_plural",
    "kind_spec",
    "measure_kinds",
    "named_kinds",
    "ref_fields",
    "ref_target_kinds",
    "spec_of",
    "work_kinds",
]
