"""Which fields each kind has, how they map to model attributes, and their types.

One table drives the record conversion, revisions, import and export, so a
field added here appears everywhere at once (docs/FIELDS.md is its prose twin).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    attr: str
    type: str  # text | enum | date | list | bool | ref | reflist
    ref_kind: str | None = None
    choices: tuple[str, ...] = ()


def _f(name: str, type_: str = "text", **extra: object) -> Field:
    attr = f"{name}_id" if type_ == "ref" else name
    return Field(name, attr, type_, **extra)  # type: ignore[arg-type]


COMMON_FIELDS: tuple[Field, ...] = (
    _f("owner", "ref", ref_kind="expert"),
    _f("review_by", "date"),
    _f("superseded_by", "ref"),
    _f("author", "ref", ref_kind="expert"),
)

KIND_FIELDS: dict[str, tuple[Field, ...]] = {
    "advice": (
        _f("audience", "enum", choices=("investigation", "policy", "public")),
        _f("requested_by", "ref", ref_kind="organisation"),
        _f("advice_date", "date"),
    ),
    "innovation": (
        _f(
            "stage", "enum", choices=("idea", "pilot", "running", "evaluated", "adopted", "stopped")
        ),
        _f("bottleneck"),
        _f("start_date", "date"),
        _f("end_date", "date"),
        _f("owner_org", "ref", ref_kind="organisation"),
        _f("lead", "ref", ref_kind="expert"),
        _f("partners", "reflist", ref_kind="organisation"),
        _f("results"),
    ),
    "practice": (
        _f("context"),
        _f("practice"),
        _f("outcome"),
        _f("lessons"),
        _f("source_case"),
        _f("evidence_level", "enum", choices=("anecdotal", "observed", "evaluated")),
        _f("region"),
    ),
    "expert": (
        _f("role"),
        _f("organisation", "ref", ref_kind="organisation"),
        _f("unit"),
        _f("expertise", "list"),
        _f("languages", "list"),
        _f("email"),
        _f("phone"),
        _f("availability"),
        _f("internal", "bool"),
        _f("consent_date", "date"),
        _f("consent_basis"),
        _f("last_verified", "date"),
    ),
    "organisation": (
        _f(
            "org_type",
            "enum",
            choices=(
                "police",
                "prosecution",
                "ministry",
                "ngo",
                "provider",
                "international",
                "academic",
                "other",
            ),
        ),
        _f("country"),
        _f("contact"),
        _f("partner_since", "date"),
    ),
}

BASE_FIELDS = ("title", "summary", "classification", "language", "status")


def fields_of(kind: str) -> tuple[Field, ...]:
    return COMMON_FIELDS + KIND_FIELDS[kind]


def field_by_name(kind: str, name: str) -> Field | None:
    return next((field for field in fields_of(kind) if field.name == name), None)


def ref_fields(kind: str) -> tuple[Field, ...]:
    return tuple(f for f in fields_of(kind) if f.type in ("ref", "reflist"))
