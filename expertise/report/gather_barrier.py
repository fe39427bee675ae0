"""The barrier heat map of a report, read through the barrier-model service
(expertise/overview/matrix.py) in the report's own session and ceiling."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.models import Entry, Theme, entry_themes
from expertise.overview import matrix
from expertise.report.gather import Scope
from expertise.report.numbers import BarrierNumbers


def barrier(session: Session, scope: Scope) -> BarrierNumbers:
    found = matrix.barrier_matrix(session, scope.ceiling)
    themes = tuple((h.key, h.label_nl, h.label_en) for h in found.themes)
    phases = tuple((h.key, h.label_nl, h.label_en) for h in found.phases)
    cells = tuple(tuple(found.cell(t[0], p[0]).total for p in phases) for t in themes)
    measures = tuple(sum(found.cell(t[0], p[0]).measure_total for t in themes) for p in phases)
    bottlenecks = tuple(
        sum(found.cell(t[0], p[0]).open_bottlenecks for t in themes) for p in phases
    )
    if any(map(any, cells)):
        scope.saw(_levels_placed(session, scope))
    return BarrierNumbers(themes, phases, cells, measures, bottlenecks)


def _levels_placed(session: Session, scope: Scope) -> set[str]:
    """Levels of the entries placed on a phase, within the ceiling: what the matrix may
    have counted (a superset, so the banner is never too low)."""
    query = (
        select(Entry.classification)
        .join(entry_themes, entry_themes.c.entry_id == Entry.id)
        .join(Theme, Theme.key == entry_themes.c.theme_key)
        .where(
            Theme.group == "phase",
            Entry.kind.in_((*matrix.MEASURE_KINDS, matrix.BOTTLENECK_KIND)),
            Entry.classification.in_(scope.levels),
        )
        .distinct()
    )
    return set(session.scalars(query))
