"""Overviews of the centre's work cycle: the barrier-model matrix and the upkeep list.

Both are read-only views computed from the entries (docs/ARCHITECTURE.md §3);
`api.py` holds their Hub sub-facades (``hub.barrier``, ``hub.upkeep``).
"""

from expertise.overview.matrix import BarrierMatrix, Cell, Heading
from expertise.overview.upkeep import DUE_WITHIN_DAYS, REASONS, DueItem

__all__ = ["DUE_WITHIN_DAYS", "REASONS", "BarrierMatrix", "Cell", "DueItem", "Heading"]
