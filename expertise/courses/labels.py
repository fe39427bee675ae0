"""Words printed in an exported course pack, in the pack's language (nl or en).

An export is a document for people outside the app, so it needs words; they
live here as data, next to the taxonomy labels, not in the code that lays out
the page. The UI's own strings still go through Qt's tr().
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from expertise.fields import any_spec, field_label, kind_label
from expertise.fields.taxonomy import taxonomy_labels
from expertise.resources import load_yaml

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents",
        "audience": "Audience",
        "ceiling": "Classification ceiling",
        "entries": "Entries",
        "exported": "Exported",
        "hub": "Hub",
        "note": "Trainer note",
        "attachments": "Attachments",
        "tags": "Tags",
        "themes": "Themes",
        "page": "page {page} / {pages}",
        "skipped": "{count} entries above the ceiling were left out.",
        "course_pack": "Course pack",
        "withheld": "[an entry above the classification ceiling]",
        "yes": "yes",
        "no": "no",
    },
    "nl": {
        "contents": "Inhoud",
        "audience": "Doelgroep",
        "ceiling": "Rubriceringsplafond",
        "entries": "Onderdelen",
        "exported": "Geëxporteerd",
        "hub": "Hub",
        "note": "Notitie voor de trainer",
        "attachments": "Bijlagen",
        "tags": "Tags",
        "themes": "Thema's",
        "page": "pagina {page} / {pages}",
        "skipped": "{count} onderdelen boven het plafond zijn weggelaten.",
        "course_pack": "Cursuspakket",
        "withheld": "[een onderdeel boven het rubriceringsplafond]",
        "yes": "ja",
        "no": "nee",
    },
}

KIND_NAMES = {
    "en": {
        "advice": "Advice note",
        "innovation": "Innovation project",
        "practice": "Best practice",
        "expert": "Expert",
        "organisation": "Organisation",
    },
    "nl": {
        "advice": "Advies",
        "innovation": "Innovatieproject",
        "practice": "Goede praktijk",
        "expert": "Expert",
        "organisation": "Organisatie",
    },
}

FIELD_NAMES_NL = {
    "author": "Auteur",
    "audience": "Doelgroep",
    "requested_by": "Aangevraagd door",
    "advice_date": "Datum advies",
    "stage": "Fase",
    "bottleneck": "Knelpunt",
    "start_date": "Start",
    "end_date": "Einde",
    "owner_org": "Eigenaar (organisatie)",
    "lead": "Projectleider",
    "partners": "Partners",
    "results": "Resultaten",
    "context": "Context",
    "practice": "Werkwijze",
    "outcome": "Resultaat",
    "lessons": "Lessen",
    "source_case": "Voorbeeldzaak",
    "evidence_level": "Onderbouwing",
    "region": "Regio/eenheid",
    "role": "Rol",
    "organisation": "Organisatie",
    "unit": "Eenheid",
    "expertise": "Expertise",
    "languages": "Talen",
    "email": "E-mail",
    "phone": "Telefoon",
    "availability": "Beschikbaarheid",
    "internal": "Intern",
    "org_type": "Soort",
    "country": "Land",
    "contact": "Contact",
    "partner_since": "Partner sinds",
}


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    colour: str


def language_of(lang: str) -> str:
    return lang if lang in WORDS else "en"


def word(lang: str, key: str) -> str:
    return WORDS[language_of(lang)][key]


def kind_name(lang: str, kind: str) -> str:
    # kinds without a name here (the work-cycle kinds) take the registry's label
    return KIND_NAMES[language_of(lang)].get(kind) or kind_label(kind, language_of(lang))


def field_name(lang: str, name: str) -> str:
    if language_of(lang) == "nl" and name in FIELD_NAMES_NL:
        return FIELD_NAMES_NL[name]
    if language_of(lang) == "nl" and any_spec(name) is not None:
        return field_label(name, "nl")  # the work-cycle fields: the registry's Dutch label
    return name.replace("_", " ").capitalize()


@lru_cache(maxsize=4)
def _levels() -> tuple[tuple[str, str, str, str], ...]:
    data = load_yaml("taxonomy.yaml") or {}
    return tuple(
        (str(c["key"]), str(c["label_nl"]), str(c["label_en"]), str(c.get("colour", "#555555")))
        for c in data.get("classifications", [])
    )


def level(lang: str, key: str) -> Level:
    for found, label_nl, label_en, colour in _levels():
        if found == key:
            return Level(key, label_nl if language_of(lang) == "nl" else label_en, colour)
    return Level(key, key.capitalize(), "#555555")


@lru_cache(maxsize=4)
def _theme_table() -> dict[str, tuple[str, str]]:
    return {key: (nl, en) for key, nl, en, _group in taxonomy_labels()}


def theme_name(lang: str, key: str) -> str:
    labels = _theme_table().get(key)
    if labels is None:
        return key
    return labels[0] if language_of(lang) == "nl" else labels[1]
