"""Shown names in both languages of the hub: a label is data, kept next to the key it names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    nl: str
    en: str

    def get(self, language: str) -> str:
        """The label in `language`; English for any language the hub does not speak."""
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True)
class Choice:
    """One value of an enumerated field: the stored key and its shown label."""

    key: str
    label: Label


@dataclass(frozen=True)
class Level(Choice):
    """A classification level; its place in CLASSIFICATION_LEVELS is its rank."""

    colour: str  # badge and banner background, readable with white text


def choices(*pairs: tuple[str, str, str]) -> tuple[Choice, ...]:
    """Choices from (key, Dutch label, English label) triples, in the order given."""
    return tuple(Choice(key, Label(nl, en)) for key, nl, en in pairs)
