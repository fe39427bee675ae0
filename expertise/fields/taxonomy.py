"""The shipped taxonomy (resources/taxonomy.yaml): themes and barrier-model phases, in order.

A new hub is seeded from it; after that each hub edits its own copy (the
`themes` table), so this is the default, not the live list.
"""

from __future__ import annotations

from dataclasses import dataclass

from expertise.fields.labels import Label
from expertise.resources import load_yaml

GROUPS = (("theme", "themes"), ("phase", "phases"))  # (group, section of the YAML)


@dataclass(frozen=True)
class TaxonomyItem:
    key: str
    label: Label
    group: str  # "theme" or "phase"; keys of both share one namespace
    description: Label | None = None


def taxonomy() -> tuple[TaxonomyItem, ...]:
    """Every theme, then every phase, each in the file's order."""
    data = load_yaml("taxonomy.yaml") or {}
    items: list[TaxonomyItem] = []
    for group, section in GROUPS:
        raw_items = list(data.get(section, []) or [])
        # phases carry an explicit `order`; without one the file's order holds
        ordered = sorted(enumerate(raw_items), key=lambda pair: (pair[1].get("order", 0), pair[0]))
        items.extend(_item(raw, group) for _index, raw in ordered)
    return tuple(items)


def _item(raw: dict[str, object], group: str) -> TaxonomyItem:
    description = None
    if raw.get("description_nl") or raw.get("description_en"):
        description = Label(str(raw.get("description_nl", "")), str(raw.get("description_en", "")))
    label = Label(str(raw["label_nl"]), str(raw["label_en"]))
    return TaxonomyItem(str(raw["key"]), label, group, description)


def themes() -> tuple[TaxonomyItem, ...]:
    return tuple(item for item in taxonomy() if item.group == "theme")


def phases() -> tuple[TaxonomyItem, ...]:
    return tuple(item for item in taxonomy() if item.group == "phase")


def taxonomy_labels() -> list[tuple[str, str, str, str]]:
    """(key, label_nl, label_en, group) for every theme and barrier-model phase."""
    return [(item.key, item.label.nl, item.label.en, item.group) for item in taxonomy()]
