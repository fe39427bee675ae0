"""The upkeep list: what needs attention, one line per entry and reason.

- an entry past its review date (`review_overdue`) or due within N days (`review_due`);
- an expert without a recorded consent (`consent_missing`), and an expert whose last
  confirmation, the later of consent and verification, is over a year old or was never
  recorded (`expert_unconfirmed`): giving consent and verifying the details both count
  as the expert confirming the entry;
- a bottleneck still open without a change for 90 days (`bottleneck_quiet`);
- an example case still followed without a follow-up for 90 days (`case_quiet`).

Superseded entries are left out: they are kept for history, not upkept. Today's
date is a parameter so the rules can be tested on fixed dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.models import MODEL_BY_KIND, Entry, Expert
from expertise.overview.matrix import CLOSED_BOTTLENECK, RETIRED

DUE_WITHIN_DAYS = 30
QUIET_DAYS = 90
REASONS = (
    "review_overdue",
    "review_due",
    "consent_missing",
    "expert_unconfirmed",
    "bottleneck_quiet",
    "case_quiet",
)
FOLLOWED_CASE = "following"


@dataclass(frozen=True)
class DueItem:
    entry_id: str
    kind: str
    title: str
    reason: str  # one of REASONS
    date: date | None  # the date the rule looked at; None when it was never recorded


def year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def due_items(session: Session, today: date, within_days: int = DUE_WITHIN_DAYS) -> list[DueItem]:
    """Every line of the upkeep list, by reason (in REASONS order), then date, then title."""
    if within_days < 0:
        from expertise.errors import UserError

        raise UserError("within: must be 0 or more days")
    items = _reviews(session, today, within_days) + _experts(session, today)
    items += _quiet_bottlenecks(session, today) + _quiet_cases(session, today)
    order = {reason: n for n, reason in enumerate(REASONS)}
    return sorted(
        items, key=lambda i: (order[i.reason], i.date or date.min, i.title.casefold(), i.entry_id)
    )


def _reviews(session: Session, today: date, within_days: int) -> list[DueItem]:
    horizon = today + timedelta(days=within_days)
    query = select(Entry.id, Entry.kind, Entry.title, Entry.review_by).where(
        Entry.review_by.is_not(None), Entry.review_by <= horizon, Entry.status != RETIRED
    )
    items: list[DueItem] = []
    for entry_id, kind, title, day in session.execute(query):
        reason = "review_overdue" if day is not None and day < today else "review_due"
        items.append(DueItem(entry_id, kind, title, reason, day))
    return items


def _experts(session: Session, today: date) -> list[DueItem]:
    cutoff = year_before(today)
    query = select(Expert.id, Expert.title, Expert.consent_date, Expert.last_verified).where(
        Expert.status != RETIRED
    )
    items: list[DueItem] = []
    for entry_id, title, consent, verified in session.execute(query):
        if consent is None:
            items.append(DueItem(entry_id, "expert", title, "consent_missing", None))
        latest = max((day for day in (consent, verified) if day is not None), default=None)
        if latest is None or latest < cutoff:
            items.append(DueItem(entry_id, "expert", title, "expert_unconfirmed", latest))
    return items


def _quiet_bottlenecks(session: Session, today: date) -> list[DueItem]:
    """Open bottlenecks whose entry has not changed for QUIET_DAYS."""
    model: Any = MODEL_BY_KIND.get("bottleneck")
    if model is None:
        return []
    cutoff = today - timedelta(days=QUIET_DAYS)
    query = select(model.id, model.title, model.updated_at).where(
        model.state.not_in(CLOSED_BOTTLENECK), model.status != RETIRED
    )
    return [
        DueItem(entry_id, "bottleneck", title, "bottleneck_quiet", changed.date())
        for entry_id, title, changed in session.execute(query)
        if changed.date() < cutoff
    ]


def _quiet_cases(session: Session, today: date) -> list[DueItem]:
    """Followed cases whose last follow-up (or, with none yet, their start) is QUIET_DAYS old."""
    model: Any = MODEL_BY_KIND.get("case")
    if model is None:
        return []
    cutoff = today - timedelta(days=QUIET_DAYS)
    query = select(model.id, model.title, model.created_at, model.follow_ups).where(
        model.state == FOLLOWED_CASE, model.status != RETIRED
    )
    items: list[DueItem] = []
    for entry_id, title, created, follow_ups in session.execute(query):
        last = last_follow_up(follow_ups)
        if (last or created.date()) < cutoff:
            items.append(DueItem(entry_id, "case", title, "case_quiet", last))
    return items


def last_follow_up(rows: object) -> date | None:
    """The latest date in a case's follow-up log (rows hold dates as ISO text)."""
    found: list[date] = []
    for row in rows if isinstance(rows, list) else []:
        value = row.get("date") if isinstance(row, dict) else None
        if isinstance(value, date):
            found.append(value)
        elif isinstance(value, str):
            try:
                found.append(date.fromisoformat(value))
            except ValueError:
                continue  # a malformed cell is the editor's concern, not a crash here
    return max(found, default=None)
