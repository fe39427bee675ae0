"""What the index must know of the data model, handed in by its owner.

`index/` never imports the core (docs/ARCHITECTURE.md §2), so the kinds, the
classification levels and the words a query may use for their values arrive
here through the `SearchIndex` constructor; the core builds this from its
registry. An index made without one knows no levels: under a ceiling it shows
nothing (fail closed), and without aliases it takes values as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class IndexConfig:
    work_kinds: tuple[str, ...] = ()  # kinds whose entries show what an expert worked on
    classifications: tuple[str, ...] = ()  # lowest first
    default_classification: str = ""
    # field -> other word for a value (lower case) -> the stored value, e.g. a Dutch label
    value_aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def allowed_levels(self, level: str) -> tuple[str, ...]:
        """Classifications at or below `level`; an unknown level fails closed (the lowest only)."""
        if not self.classifications:
            return ()
        top = self.classifications.index(level) if level in self.classifications else 0
        return self.classifications[: top + 1]

    def classification_of(self, value: str) -> str:
        """The stored level of a record: an unknown level counts as the most restrictive."""
        level = value.lower() or self.default_classification
        if not self.classifications or level in self.classifications:
            return level
        return self.classifications[-1]
