"""The work-cycle sections of a report: bottlenecks, the year's agenda, example cases.

These kinds come from the registry (expertise/fields); a hub whose model does
not have one yet gets no such section rather than an error. Like gather.py,
every query carries the ceiling and leaves drafts out; a reference to an entry
that is deleted or above the ceiling is named by a placeholder, never by title.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.fields import field_by_name
from expertise.models import MODEL_BY_KIND, Entry, Theme, entry_themes
from expertise.report.gather import Scope, by_count, choices, ordered
from expertise.report.numbers import AgendaNumbers, BottleneckNumbers, CaseNumbers

CLOSED = frozenset({"resolved", "parked"})
DELETED, HIDDEN = "\x00deleted", "\x00hidden"  # placeholders the document puts into words


def has_kind(kind: str) -> bool:
    return kind in MODEL_BY_KIND


def _column(kind: str, name: str) -> Any:
    spec = field_by_name(kind, name)
    assert spec is not None, f"{kind}.{name} is not in the registry"
    return getattr(MODEL_BY_KIND[kind], spec.attr)


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def titles(session: Session, scope: Scope, ids: Iterable[object]) -> dict[str, str]:
    """Entry id -> title for the ids within the ceiling; others are left out."""
    wanted = sorted({str(i) for i in ids if i})
    found: dict[str, str] = {}
    for first in range(0, len(wanted), 500):
        rows = session.execute(
            select(Entry.id, Entry.title, Entry.classification).where(
                Entry.id.in_(wanted[first : first + 500]), Entry.classification.in_(scope.levels)
            )
        )
        for entry_id, title, level in rows:
            found[entry_id] = title
            scope.saw([level])
    return found


def existing(session: Session, ids: Iterable[object]) -> set[str]:
    wanted = sorted({str(i) for i in ids if i})
    return set(session.scalars(select(Entry.id).where(Entry.id.in_(wanted))))


def _name(ref: object, shown: Mapping[str, str], present: set[str]) -> str:
    key = str(ref or "")
    if key in shown:
        return shown[key]
    return HIDDEN if key in present else DELETED


# -- bottlenecks ----------------------------------------------------------------------
def bottlenecks(session: Session, scope: Scope) -> BottleneckNumbers | None:
    if not has_kind("bottleneck"):
        return None
    model = MODEL_BY_KIND["bottleneck"]
    state = _column("bottleneck", "state")
    query = scope.allowed(
        select(
            model.id,
            model.title,
            model.classification,
            model.created_at,
            state,
            _column("bottleneck", "signalled_on"),
            _column("bottleneck", "resolved_on"),
            _column("bottleneck", "responsible"),
        ),
        model,
    )
    period = scope.period
    new, resolved, still_open = [], [], []
    for row in session.execute(query):
        entry_id, title, level, created, current, signalled, done, responsible = row
        begun = _day(signalled) or _day(created)
        finished = _day(done)
        if begun is None or begun > period.end:
            continue
        scope.saw([level])
        item = (entry_id, title, current, list(responsible or []))
        if period.holds(begun):
            new.append(item)
        if period.holds(finished):
            resolved.append(item)
        closed_by_end = (finished is not None and finished <= period.as_of) or (
            finished is None and current in CLOSED
        )
        if not closed_by_end:
            still_open.append(item)
    return _bottleneck_numbers(session, scope, new, resolved, still_open)


def _bottleneck_numbers(
    session: Session,
    scope: Scope,
    new: list,
    resolved: list,
    still_open: list,  # type: ignore[type-arg]
) -> BottleneckNumbers:
    phases = _phases_of(session, {item[0] for item in new + resolved + still_open})
    parties = titles(session, scope, (p for item in new + resolved + still_open for p in item[3]))

    def per_phase(items: list) -> Counter[str]:  # type: ignore[type-arg]
        return Counter(key for item in items for key in phases.get(item[0], ()))

    def per_party(items: list) -> Counter[str]:  # type: ignore[type-arg]
        return Counter(parties.get(str(p), HIDDEN) for item in items for p in item[3] or [""])

    return BottleneckNumbers(
        new=len(new),
        resolved=len(resolved),
        open=len(still_open),
        by_state=ordered(Counter(item[2] for item in still_open), choices("bottleneck", "state")),
        new_by_phase=by_count(per_phase(new)),
        resolved_by_phase=by_count(per_phase(resolved)),
        open_by_phase=by_count(per_phase(still_open)),
        open_by_party=by_count(per_party(still_open)),
        resolved_by_party=by_count(per_party(resolved)),
        open_titles=tuple(sorted(item[1] for item in still_open)),
    )


def _phases_of(session: Session, ids: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    wanted = sorted(ids)
    for first in range(0, len(wanted), 500):
        query = (
            select(entry_themes.c.entry_id, entry_themes.c.theme_key)
            .join(Theme, Theme.key == entry_themes.c.theme_key)
            .where(entry_themes.c.entry_id.in_(wanted[first : first + 500]), Theme.group == "phase")
        )
        for entry_id, key in session.execute(query):
            found.setdefault(entry_id, []).append(key)
    return found


# -- the year's agenda ------------------------------------------------------------------
def agenda(session: Session, scope: Scope) -> AgendaNumbers | None:
    if not has_kind("agenda"):
        return None
    model = MODEL_BY_KIND["agenda"]
    year = _column("agenda", "year")
    rows = session.execute(
        scope.allowed(
            select(model.classification, year, _column("agenda", "items")).where(
                year.in_(agenda_years(scope))
            ),
            model,
        ).order_by(year)
    ).all()
    items: list[dict[str, Any]] = []
    for level, of_year, found in rows:
        scope.saw([level])
        items += [{**item, "_year": of_year} for item in found or [] if isinstance(item, dict)]
    refs = [item.get("bottleneck") for item in items]
    refs += [p for item in items for p in item.get("responsible") or []]
    shown, present = titles(session, scope, refs), existing(session, refs)
    lines = tuple(
        (
            str(item["_year"]),
            str(item.get("objective") or ""),
            _name(item.get("bottleneck"), shown, present) if item.get("bottleneck") else "",
            tuple(_name(p, shown, present) for p in item.get("responsible") or []),
            str(item.get("progress") or ""),
        )
        for item in items
    )
    progress = Counter(line[4] for line in lines)
    return AgendaNumbers(
        agendas=len(rows),
        years=tuple(agenda_years(scope)),
        items=lines,
        by_progress=ordered(progress, _progress_keys()),
    )


def agenda_years(scope: Scope) -> list[str]:
    """The agendas a period reports on: those of every calendar year it touches (the
    default period, September to August, touches two)."""
    return [str(y) for y in range(scope.period.start.year, scope.period.end.year + 1)]


def _progress_keys() -> tuple[str, ...]:
    spec = field_by_name("agenda", "items")
    for column in getattr(spec, "columns", ()) or ():
        if column.name == "progress":
            return tuple(column.choices)
    return ()


# -- example cases ------------------------------------------------------------------------
def cases(session: Session, scope: Scope) -> CaseNumbers | None:
    if not has_kind("case"):
        return None
    model = MODEL_BY_KIND["case"]
    query = scope.allowed(
        select(
            model.title,
            model.classification,
            model.created_at,
            _column("case", "state"),
            _column("case", "region"),
            _column("case", "follow_ups"),
            _column("case", "produced_practices"),
        ),
        model,
    )
    period = scope.period
    lines = []
    for title, level, created, state, region, follow_ups, produced in session.execute(query):
        updates = [_day(row.get("date")) for row in follow_ups or [] if isinstance(row, dict)]
        in_period = sum(1 for day in updates if period.holds(day))
        started = _day(created)
        if not in_period and (state != "following" or started is None or started > period.end):
            continue
        scope.saw([level])
        lines.append((title, region or "", state or "", in_period, len(produced or [])))
    lines.sort(key=lambda line: line[0].casefold())
    return CaseNumbers(
        followed=len(lines),
        updates=sum(line[3] for line in lines),
        by_state=ordered(Counter(line[2] for line in lines), choices("case", "state")),
        cases=tuple(lines),
    )
