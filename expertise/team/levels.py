"""Classification levels as the small integers the server routes by (0 = lowest).

The names come from the registry (expertise/fields); the server only ever sees the numbers.
"""

from __future__ import annotations

from expertise.fields import CLASSIFICATIONS, classification_rank
from expertise.team.errors import TeamError

LEVELS: tuple[str, ...] = CLASSIFICATIONS


def level_of(classification: str) -> int:
    """The level number of a classification name; TeamError for an unknown name."""
    try:
        return classification_rank(classification)
    except ValueError:
        raise TeamError(
            f"unknown classification {classification!r}: use one of {', '.join(LEVELS)}"
        ) from None


def levels_up_to(clearance: int) -> list[int]:
    """The levels a member with this clearance may read."""
    return list(range(0, clearance + 1))
