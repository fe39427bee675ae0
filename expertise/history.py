"""How a field's value moved over an entry's revisions: the status history of a bottleneck.

Nothing extra is stored for it: every save keeps a full snapshot (revisions), so
the history is the list of revisions at which the value changed, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from expertise.records import RevisionRecord


@dataclass(frozen=True)
class ValueChange:
    saved_at: datetime
    value: str
    saved_by: str
    revision: int


def value_history(revisions: Iterable[RevisionRecord], field: str) -> list[ValueChange]:
    """One change per revision where `field` got a new value; unset values are skipped."""
    changes: list[ValueChange] = []
    last: object = None
    for revision in sorted(revisions, key=lambda item: item.revision):
        value = revision.snapshot.get(field)
        if value in (None, "") or value == last:
            continue
        changes.append(
            ValueChange(revision.saved_at, str(value), revision.saved_by, revision.revision)
        )
        last = value
    return changes
