"""What the search index is told of the data model (index/ never imports the core)."""

from __future__ import annotations

from collections.abc import Iterable

from expertise.fields.kinds import BASE_FIELDS, KIND_SPECS
from expertise.fields.labels import Label
from expertise.fields.registry import work_kinds
from expertise.fields.values import CLASSIFICATIONS, DEFAULT_CLASSIFICATION
from index.config import IndexConfig

ALIASED = ("kind", "classification", "language")  # exact-value fields a query may name


def index_config() -> IndexConfig:
    return IndexConfig(
        work_kinds=work_kinds(),
        classifications=CLASSIFICATIONS,
        default_classification=DEFAULT_CLASSIFICATION,
        value_aliases={name: _aliases(name) for name in ALIASED},
    )


def _aliases(field: str) -> dict[str, str]:
    """One-word labels (both languages) and a kind's extra words, each to the stored key."""
    spec = next(spec for spec in BASE_FIELDS if spec.name == field)
    found: dict[str, str] = {}
    for option in spec.options:
        extra = KIND_SPECS[option.key].words if field == "kind" else ()
        for word in (*_words(option.label), *extra):
            if word != option.key:
                found.setdefault(word, option.key)
    return found


def _words(label: Label) -> Iterable[str]:
    # a query value is one word: a label of several words cannot be typed as one
    return (text.lower() for text in (label.nl, label.en) if " " not in text)
