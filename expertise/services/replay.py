"""Dated revisions for shipped demo content: an entry's history as it would have happened.

The demo hub is made in one go, so every entry would start with one revision dated
today. A bottleneck's status history and the upkeep rules (no change for 90 days)
need a past, so the demo's history file lists earlier values with their dates and
this module writes them as the entry's revisions. Only expertise/demo.py uses it:
real entries get their history from real saves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import delete
from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.models import Entry, Revision
from expertise.services.convert import jsonable, snapshot
from expertise.services.entries import get_entry

DEMO_ACTOR = "demo"
SAVED_AT = time(9, 0)  # a working morning, not midnight


@dataclass(frozen=True)
class Step:
    on: date
    values: Mapping[str, object] = field(default_factory=dict)


def steps_from(raw: object, entry_id: str) -> list[Step]:
    """Steps from the history file: a list of {date: DATE, field: value...}, oldest first."""
    if not isinstance(raw, list) or not raw:
        raise UserError(f"history of {entry_id}: expected a list of steps")
    steps = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("date"), date):
            raise UserError(f"history of {entry_id}: every step needs a 'date'")
        steps.append(Step(item["date"], {k: v for k, v in item.items() if k != "date"}))
    if [s.on for s in steps] != sorted(s.on for s in steps):
        raise UserError(f"history of {entry_id}: steps must be in date order")
    return steps


def replay(session: Session, entry_id: str, steps: Sequence[Step]) -> Entry:
    """Replace the entry's revisions with one per step; the last must match the entry."""
    entry = get_entry(session, entry_id)
    final = snapshot(entry)
    if {**final, **jsonable(dict(steps[-1].values))} != final:
        raise UserError(f"history of {entry_id}: the last step does not match the entry")
    session.execute(delete(Revision).where(Revision.entry_id == entry_id))
    for number, step in enumerate(steps, start=1):
        session.add(
            Revision(
                entry_id=entry_id,
                revision=number,
                saved_at=datetime.combine(step.on, SAVED_AT),
                saved_by=DEMO_ACTOR,
                snapshot={**final, **jsonable(dict(step.values))},
            )
        )
    entry.revision = len(steps)
    entry.created_at = datetime.combine(steps[0].on, SAVED_AT)
    entry.updated_at = datetime.combine(steps[-1].on, SAVED_AT)
    return entry
