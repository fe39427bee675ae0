"""The registry of kinds and their fields (docs/FIELDS.md): one entry per kind.

Adding a kind is one KindSpec here (with its labels) plus an Alembic migration
that creates its table; the models, checks, CLI, index, exports and the UI all
read the list from here (docs/ARCHITECTURE.md §3).
"""

from __future__ import annotations

from expertise.fields.labels import Choice, Label
from expertise.fields.spec import FieldSpec, KindSpec
from expertise.fields.values import (
    AGENDA_PROGRESS,
    AUDIENCES,
    BOTTLENECK_STATES,
    CASE_STATES,
    CLASSIFICATION_LEVELS,
    EVIDENCE_LEVELS,
    LANGUAGE_CHOICES,
    ORG_TYPES,
    STAGES,
    STATUS_CHOICES,
)


def _f(name: str, type_: str, nl: str, en: str, **extra: object) -> FieldSpec:
    return FieldSpec(name, type_, Label(nl, en), **extra)  # type: ignore[arg-type]


ADVICE = KindSpec(
    "advice",
    Label("Advies", "Advice note"),
    Label("Adviezen", "Advice notes"),
    "advice_notes",
    "AdviceNote",
    (
        _f("audience", "enum", "Doelgroep", "Audience", options=AUDIENCES),
        _f("requested_by", "ref", "Aangevraagd door", "Requested by", ref_kind="organisation"),
        _f("advice_date", "date", "Adviesdatum", "Advice date"),
    ),
    measure=True,
)
INNOVATION = KindSpec(
    "innovation",
    Label("Innovatieproject", "Innovation project"),
    Label("Innovatieprojecten", "Innovation projects"),
    "innovation_projects",
    "InnovationProject",
    (
        _f("stage", "enum", "Fase", "Stage", options=STAGES),
        _f("bottleneck", "multiline", "Aangepakt knelpunt", "Bottleneck addressed"),
        _f("start_date", "date", "Startdatum", "Start date"),
        _f("end_date", "date", "Einddatum", "End date"),
        _f(
            "owner_org",
            "ref",
            "Eigenaar (organisatie)",
            "Owning organisation",
            ref_kind="organisation",
        ),
        _f("lead", "ref", "Leidende expert", "Lead expert", ref_kind="expert"),
        _f("partners", "reflist", "Partners", "Partners", ref_kind="organisation"),
        _f("results", "multiline", "Resultaten", "Results"),
    ),
    measure=True,
    words=("innovatie",),
)
PRACTICE = KindSpec(
    "practice",
    Label("Best practice", "Best practice"),
    Label("Best practices", "Best practices"),
    "best_practices",
    "BestPractice",
    (
        _f("context", "multiline", "Context", "Context"),
        _f("practice", "multiline", "Werkwijze", "Practice"),
        _f("outcome", "multiline", "Resultaat", "Outcome"),
        _f("lessons", "multiline", "Geleerde lessen", "Lessons learned"),
        _f("source_case", "multiline", "Bronzaak (geanonimiseerd)", "Source case (anonymised)"),
        _f(
            "evidence_level",
            "enum",
            "Bewijsniveau",
            "Evidence level",
            options=EVIDENCE_LEVELS,
            default="observed",
        ),
        _f("region", "text", "Regio / eenheid", "Region / unit"),
    ),
    anonymised=True,
    measure=True,
    words=("praktijk",),
)
EXPERT = KindSpec(
    "expert",
    Label("Expert", "Expert"),
    Label("Experts", "Experts"),
    "experts",
    "Expert",
    (
        _f("role", "text", "Functie", "Role"),
        _f("organisation", "ref", "Organisatie", "Organisation", ref_kind="organisation"),
        _f("unit", "text", "Eenheid", "Unit"),
        _f("expertise", "list", "Expertisegebieden", "Expertise areas"),
        _f("languages", "list", "Talen", "Languages"),
        _f("email", "text", "E-mail", "E-mail", length=320, format="email"),
        _f("phone", "text", "Telefoon", "Phone", length=60),
        _f("availability", "multiline", "Beschikbaarheid", "Availability", length=200),
        _f("internal", "bool", "Intern", "Internal", default=True),
        _f("consent_date", "date", "Toestemming voor vermelding gegeven", "Listing consent given"),
        _f("consent_basis", "multiline", "Grondslag toestemming", "Consent basis", length=200),
        _f("last_verified", "date", "Laatst gecontroleerd", "Last verified"),
    ),
    named=True,
    csv=True,
)
ORGANISATION = KindSpec(
    "organisation",
    Label("Organisatie", "Organisation"),
    Label("Organisaties", "Organisations"),
    "organisations",
    "Organisation",
    (
        _f("org_type", "enum", "Type", "Type", options=ORG_TYPES, default="other"),
        _f(
            "country",
            "text",
            "Land (ISO-code)",
            "Country (ISO code)",
            length=2,
            default="NL",
            format="country",
        ),
        _f("contact", "multiline", "Contact", "Contact", length=400),
        _f("partner_since", "date", "Partner sinds", "Partner since"),
    ),
    named=True,
    csv=True,
    words=("organization",),
)

BOTTLENECK = KindSpec(
    "bottleneck",
    Label("Knelpunt", "Bottleneck"),
    Label("Knelpunten", "Bottlenecks"),
    "bottlenecks",
    "Bottleneck",
    (
        _f("state", "enum", "Stand van zaken", "State", options=BOTTLENECK_STATES),
        _f("signalled_on", "date", "Gesignaleerd op", "Signalled on"),
        _f(
            "signalled_by",
            "ref",
            "Gesignaleerd door",
            "Signalled by",
            ref_kinds=("organisation", "expert"),
        ),
        _f(
            "responsible",
            "reflist",
            "Verantwoordelijke partijen",
            "Responsible parties",
            ref_kind="organisation",
        ),
        _f(
            "measures",
            "reflist",
            "Maatregelen",
            "Measures",
            ref_kinds=("advice", "innovation", "practice"),
        ),
        _f("resolved_on", "date", "Opgelost op", "Resolved on"),
        _f("resolution", "multiline", "Oplossing", "Resolution"),
    ),
    cycle=True,
)
FOLLOW_UP_COLUMNS = (
    _f("date", "date", "Datum", "Date", required=True),
    _f("author", "ref", "Auteur", "Author", ref_kind="expert"),
    _f("text", "multiline", "Bericht", "Update", required=True),
)
CASE = KindSpec(
    "case",
    Label("Voorbeeldzaak", "Example case"),
    Label("Voorbeeldzaken", "Example cases"),
    "example_cases",
    "ExampleCase",
    (
        _f("state", "enum", "Stand van zaken", "State", options=CASE_STATES),
        _f("region", "text", "Regio / eenheid", "Region / unit"),
        _f("follow_ups", "rows", "Vervolglog", "Follow-up log", columns=FOLLOW_UP_COLUMNS),
        _f("lessons", "multiline", "Geleerde lessen", "Lessons learned"),
        _f(
            "produced_practices",
            "reflist",
            "Opgeleverde werkwijzen",
            "Practices it produced",
            ref_kind="practice",
        ),
    ),
    anonymised=True,
    cycle=True,
)
AGENDA_ITEM_COLUMNS = (
    _f("bottleneck", "ref", "Knelpunt", "Bottleneck", ref_kind="bottleneck"),
    _f("objective", "multiline", "Doel", "Objective", required=True),
    _f("result", "multiline", "Beoogd resultaat", "Intended result"),
    _f("activities", "multiline", "Activiteiten", "Activities"),
    _f(
        "responsible",
        "reflist",
        "Verantwoordelijke partijen",
        "Responsible parties",
        ref_kind="organisation",
    ),
    _f("progress", "enum", "Voortgang", "Progress", options=AGENDA_PROGRESS),
)
AGENDA = KindSpec(
    "agenda",
    Label("Jaaragenda", "Yearly agenda"),
    Label("Jaaragenda's", "Yearly agendas"),
    "agendas",
    "Agenda",
    (
        _f("year", "text", "Jaar", "Year", length=4, format="year"),
        _f("items", "rows", "Agendapunten", "Agenda items", columns=AGENDA_ITEM_COLUMNS),
    ),
    cycle=True,
)

# In the order the sidebar, the kind filter and the CLI offer them.
KIND_SPECS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (ADVICE, INNOVATION, PRACTICE, EXPERT, ORGANISATION, BOTTLENECK, CASE, AGENDA)
}
KINDS: tuple[str, ...] = tuple(KIND_SPECS)

# Fields every entry has, stored on the shared `entries` table.
BASE_FIELDS: tuple[FieldSpec, ...] = (
    _f("id", "text", "Id", "Id", format="id"),
    _f(
        "kind",
        "enum",
        "Soort",
        "Kind",
        options=tuple(Choice(spec.name, spec.label) for spec in KIND_SPECS.values()),
    ),
    _f("title", "text", "Titel", "Title"),
    _f("summary", "multiline", "Samenvatting", "Summary"),
    _f("tags", "list", "Tags", "Tags"),
    _f("themes", "list", "Thema's", "Themes", format="theme"),
    _f("classification", "enum", "Rubricering", "Classification", options=CLASSIFICATION_LEVELS),
    _f("language", "enum", "Taal", "Language", options=LANGUAGE_CHOICES),
    _f("status", "enum", "Status", "Status", options=STATUS_CHOICES),
)
# Upkeep fields: every kind has them, each in its own column of `entries`.
UPKEEP_FIELDS: tuple[FieldSpec, ...] = (
    _f("owner", "ref", "Eigenaar", "Owner", ref_kind="expert"),
    _f("review_by", "date", "Herzien vóór", "Review by"),
    _f("superseded_by", "ref", "Vervangen door", "Superseded by"),
    _f("author", "ref", "Auteur", "Author", ref_kind="expert"),
)
