"""Words printed in an exported course pack, in the pack's language (nl or en).

An export is a document for people outside the app, so it needs words; they
live here as data, not in the code that lays out the page. Kind, field and
classification names come from the registry (expertise/fields); UI strings go through tr().
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from expertise.fields import classification_level, field_label, kind_label
from expertise.fields.taxonomy import taxonomy_labels

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
    return kind_label(kind, language_of(lang))


def field_name(lang: str, name: str) -> str:
    return field_label(name, language_of(lang))


def level(lang: str, key: str) -> Level:
    found = classification_level(key)
    if found is None:
        return Level(key, key.capitalize(), "#555555")
    return Level(key, found.label.get(language_of(lang)), found.colour)


@lru_cache(maxsize=4)
def _theme_table() -> dict[str, tuple[str, str]]:
    return {key: (nl, en) for key, nl, en, _group in taxonomy_labels()}


def theme_name(lang: str, key: str) -> str:
    labels = _theme_table().get(key)
    if labels is None:
        return key
    return labels[0] if language_of(lang) == "nl" else labels[1]
