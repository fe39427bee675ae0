"""Questions asked of the registry: which fields a kind has, in which order, with which label."""

from __future__ import annotations

from expertise.fields.kinds import BASE_FIELDS, KIND_SPECS, KINDS, UPKEEP_FIELDS
from expertise.fields.spec import FieldSpec, KindSpec

ALIASES = {"name": "title", "e_mail": "email"}  # loose names outside input may use


def kind_spec(kind: str) -> KindSpec:
    """The spec of `kind`; a KeyError for a kind the registry does not know."""
    return KIND_SPECS[kind]


def kind_label(kind: str, language: str) -> str:
    spec = KIND_SPECS.get(kind)
    return spec.label.get(language) if spec else kind


def kind_plural(kind: str, language: str) -> str:
    spec = KIND_SPECS.get(kind)
    return spec.plural.get(language) if spec else kind


def named_kinds() -> tuple[str, ...]:
    """Kinds whose title is a name (people, organisations)."""
    return tuple(kind for kind, spec in KIND_SPECS.items() if spec.named)


def work_kinds() -> tuple[str, ...]:
    """Kinds that record work (advice, projects, practices): not a person or an organisation."""
    return tuple(kind for kind, spec in KIND_SPECS.items() if not spec.named)


def anonymised_kinds() -> tuple[str, ...]:
    """Kinds whose text must hold no personal data (the personal-data guard watches them)."""
    return tuple(kind for kind, spec in KIND_SPECS.items() if spec.anonymised)


def measure_kinds() -> tuple[str, ...]:
    """Kinds that count as measures in the barrier model."""
    return tuple(kind for kind, spec in KIND_SPECS.items() if spec.measure)


def cycle_kinds() -> tuple[str, ...]:
    """Kinds followed over time in the work cycle (bottlenecks, cases, agendas)."""
    return tuple(kind for kind, spec in KIND_SPECS.items() if spec.cycle)


def csv_kinds() -> tuple[str, ...]:
    return tuple(kind for kind, spec in KIND_SPECS.items() if spec.csv)


def ref_target_kinds() -> tuple[str, ...]:
    """Kinds some reference field points at (an editor offers their entries), in KINDS order."""
    every = UPKEEP_FIELDS + tuple(f for s in KIND_SPECS.values() for f in s.fields)
    targets = {spec.ref_kind for spec in every if spec.type in ("ref", "reflist")}
    return tuple(kind for kind in KINDS if kind in targets)


def fields_of(kind: str) -> tuple[FieldSpec, ...]:
    """The upkeep fields and the kind's own fields: what `EntryRecord.fields` holds."""
    return UPKEEP_FIELDS + KIND_SPECS[kind].fields


def field_by_name(kind: str, name: str) -> FieldSpec | None:
    return next((spec for spec in fields_of(kind) if spec.name == name), None)


def ref_fields(kind: str) -> tuple[FieldSpec, ...]:
    return tuple(spec for spec in fields_of(kind) if spec.type in ("ref", "reflist"))


def field_order(kind: str) -> tuple[str, ...]:
    """Every field name of a kind in docs/FIELDS.md order: the order of rendered output."""
    own = KIND_SPECS[kind].fields if kind in KIND_SPECS else ()
    return tuple(spec.name for spec in BASE_FIELDS + UPKEEP_FIELDS + own)


def spec_of(kind: str, name: str) -> FieldSpec | None:
    """The spec of field `name` in an entry of `kind` (base fields included)."""
    base = next((spec for spec in BASE_FIELDS if spec.name == name), None)
    return base or field_by_name(kind, name)


def any_spec(name: str) -> FieldSpec | None:
    """The spec of `name` in the first kind that has the field."""
    return next((found for kind in KINDS if (found := spec_of(kind, name)) is not None), None)


def all_field_names() -> frozenset[str]:
    every = BASE_FIELDS + UPKEEP_FIELDS + tuple(f for s in KIND_SPECS.values() for f in s.fields)
    return frozenset(spec.name for spec in every)


def field_label(name: str, language: str, kind: str | None = None) -> str:
    """The shown name of a field; without a kind, the first kind that has it names it."""
    candidates = (kind,) if kind is not None and kind in KIND_SPECS else KINDS
    for candidate in candidates:
        spec = spec_of(candidate, name)
        if spec is not None:
            return spec.label.get(language)
    return name.replace("_", " ").capitalize()
