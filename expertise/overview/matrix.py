"""The barrier-model matrix: phases (columns, in taxonomy order) × themes (rows).

A cell counts the measures (advice, innovation and practice entries) and the
open bottlenecks that carry both the row's theme and the column's phase. An
entry above the classification ceiling is not counted at all, so a count
never reveals that a confidential entry exists (docs/SECURITY.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Select, Subquery, func, select
from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.fields import measure_kinds
from expertise.fields.taxonomy import taxonomy
from expertise.models import (
    CLASSIFICATIONS,
    MODEL_BY_KIND,
    Entry,
    Theme,
    classification_rank,
    entry_themes,
)
from expertise.records import EntrySummary
from expertise.services.convert import to_summary

MEASURE_KINDS = measure_kinds()
BOTTLENECK_KIND = "bottleneck"
CLOSED_BOTTLENECK = frozenset({"resolved", "parked"})
RETIRED = "superseded"  # a superseded measure no longer stands in the chain


@dataclass(frozen=True)
class Heading:
    """A row (theme) or column (phase) of the matrix."""

    key: str
    label_nl: str
    label_en: str

    def label(self, language: str) -> str:
        return self.label_nl if language == "nl" else self.label_en


@dataclass(frozen=True)
class Cell:
    measures: Mapping[str, int]  # kind -> count, for each of MEASURE_KINDS
    open_bottlenecks: int = 0

    @property
    def measure_total(self) -> int:
        return sum(self.measures.values())

    @property
    def total(self) -> int:
        return self.measure_total + self.open_bottlenecks


EMPTY = Cell({kind: 0 for kind in MEASURE_KINDS})


@dataclass(frozen=True)
class BarrierMatrix:
    ceiling: str
    phases: tuple[Heading, ...]
    themes: tuple[Heading, ...]
    cells: Mapping[tuple[str, str], Cell] = field(default_factory=dict)  # (theme, phase)

    def cell(self, theme: str, phase: str) -> Cell:
        return self.cells.get((theme, phase), EMPTY)

    def highest(self) -> int:
        """The largest cell total: the top of the heat map's scale."""
        return max((cell.total for cell in self.cells.values()), default=0)

    def as_dict(self, language: str) -> dict[str, object]:
        """Keys, labels and counts, every cell included (also the empty ones)."""
        return {
            "ceiling": self.ceiling,
            "phases": [_heading(h, language) for h in self.phases],
            "themes": [_heading(h, language) for h in self.themes],
            "cells": [
                {"theme": t.key, "phase": p.key, **_counts(self.cell(t.key, p.key))}
                for t in self.themes
                for p in self.phases
            ],
        }


def _heading(heading: Heading, language: str) -> dict[str, str]:
    return {"key": heading.key, "label": heading.label(language)}


def _counts(cell: Cell) -> dict[str, object]:
    return {
        "measures": cell.measure_total,
        "by_kind": dict(cell.measures),
        "open_bottlenecks": cell.open_bottlenecks,
    }


def check_ceiling(ceiling: str | None) -> str:
    """The ceiling to apply; no ceiling means every level."""
    if ceiling is None:
        return CLASSIFICATIONS[-1]
    if ceiling not in CLASSIFICATIONS:
        raise UserError(f"ceiling: must be one of {', '.join(CLASSIFICATIONS)}")
    return ceiling


def within(ceiling: str) -> tuple[str, ...]:
    return tuple(
        c for c in CLASSIFICATIONS if classification_rank(c) <= classification_rank(ceiling)
    )


def headings(session: Session) -> tuple[tuple[Heading, ...], tuple[Heading, ...]]:
    """(phases, themes) of this hub: phases in the shipped taxonomy's order, themes too;
    keys the hub added itself follow, by label."""
    rows = list(session.scalars(select(Theme)))
    order = _shipped_order()

    def ordered(group: str) -> tuple[Heading, ...]:
        mine = [r for r in rows if r.group == group]
        mine.sort(key=lambda r: (order.get(r.key, len(order)), r.label_en.casefold()))
        return tuple(Heading(r.key, r.label_nl, r.label_en) for r in mine)

    return ordered("phase"), ordered("theme")


@cache  # the shipped file does not change while the app runs; parsing it costs ~0.1 s
def _shipped_order() -> dict[str, int]:
    """Position of each shipped key: themes in file order, then phases by their `order`."""
    return {item.key: position for position, item in enumerate(taxonomy())}


def barrier_matrix(session: Session, ceiling: str | None = None) -> BarrierMatrix:
    level = check_ceiling(ceiling)
    phases, themes = headings(session)
    theme_keys, phase_keys = [h.key for h in themes], [h.key for h in phases]
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    # Counted by the database: one row per (theme, phase, kind), however many entries.
    for counted in _counted(level):
        row, col = entry_themes.alias("row_key"), entry_themes.alias("column_key")
        query = (
            select(row.c.theme_key, col.c.theme_key, counted.c.kind, func.count())
            .select_from(counted)
            .join(row, row.c.entry_id == counted.c.id)
            .join(col, col.c.entry_id == counted.c.id)
            .where(row.c.theme_key.in_(theme_keys), col.c.theme_key.in_(phase_keys))
            .group_by(row.c.theme_key, col.c.theme_key, counted.c.kind)
        )
        for theme, phase, kind, count in session.execute(query):
            counts[(theme, phase)][kind] = count
    cells = {
        place: Cell(
            {kind: found.get(kind, 0) for kind in MEASURE_KINDS}, found.get(BOTTLENECK_KIND, 0)
        )
        for place, found in counts.items()
    }
    return BarrierMatrix(level, phases, themes, cells)


def _counted(level: str) -> list[Subquery]:
    """(id, kind) of the measures and of the open bottlenecks at or below `level`."""
    measures = (
        select(Entry.id, Entry.kind)
        .where(
            Entry.kind.in_(MEASURE_KINDS),
            Entry.status != RETIRED,
            Entry.classification.in_(within(level)),
        )
        .subquery("measures")
    )
    found = [measures]
    model: Any = MODEL_BY_KIND.get(BOTTLENECK_KIND)
    if model is not None:  # a hub model without the kind has nothing to count
        bottlenecks = select(model.id, model.kind).where(*_open(model, level)).subquery("open")
        found.append(bottlenecks)
    return found


def _open(model: Any, level: str) -> tuple[Any, ...]:
    return (
        model.state.not_in(CLOSED_BOTTLENECK),
        model.status != RETIRED,
        model.classification.in_(within(level)),
    )


def cell_entries(
    session: Session, theme: str, phase: str, ceiling: str | None = None
) -> list[EntrySummary]:
    """The entries a cell counts, measures first then bottlenecks, each by title."""
    level = check_ceiling(ceiling)
    in_cell = (Entry.id.in_(_keyed(theme)), Entry.id.in_(_keyed(phase)))
    rows = list(
        session.scalars(
            select(Entry).where(
                *in_cell,
                Entry.kind.in_(MEASURE_KINDS),
                Entry.status != RETIRED,
                Entry.classification.in_(within(level)),
            )
        )
    )
    model: Any = MODEL_BY_KIND.get(BOTTLENECK_KIND)
    if model is not None:
        open_here = select(model.id).where(*_open(model, level), *in_cell)
        rows += session.scalars(select(Entry).where(Entry.id.in_(open_here)))
    ranked = sorted(rows, key=lambda e: (e.kind == BOTTLENECK_KIND, e.title.casefold()))
    return [to_summary(entry) for entry in ranked]


def _keyed(key: str) -> Select[tuple[str]]:
    return select(entry_themes.c.entry_id).where(entry_themes.c.theme_key == key)
