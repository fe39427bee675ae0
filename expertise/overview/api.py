"""`BarrierFacade` (``hub.barrier``) and `UpkeepFacade` (``hub.upkeep``): read-only
overviews as Hub actions, one session each, for the CLI and the UI."""

from __future__ import annotations

from datetime import date

from expertise.hub.core import HubCore
from expertise.overview import matrix, upkeep
from expertise.overview.matrix import BarrierMatrix
from expertise.overview.upkeep import DueItem
from expertise.records import EntrySummary


class BarrierFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub

    def matrix(self, ceiling: str | None = None) -> BarrierMatrix:
        """Phases × themes with the measures and open bottlenecks at or below `ceiling`."""
        return self._hub.session.read(lambda s: matrix.barrier_matrix(s, ceiling))

    def cell_entries(
        self, theme: str, phase: str, ceiling: str | None = None
    ) -> list[EntrySummary]:
        """The entries one cell counts."""
        return self._hub.session.read(lambda s: matrix.cell_entries(s, theme, phase, ceiling))


class UpkeepFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub

    def due(
        self, within_days: int = upkeep.DUE_WITHIN_DAYS, today: date | None = None
    ) -> list[DueItem]:
        """The upkeep list on `today` (default: the local date)."""
        day = today or date.today()
        return self._hub.session.read(lambda s: upkeep.due_items(s, day, within_days))
