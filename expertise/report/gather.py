"""Read the numbers of a progress report inside one session, never above the ceiling.

Every query filters on the ceiling in SQL, so an entry above it is never read,
not even counted; what is counted raises the report's banner to its level.
Drafts are not counted: they are not yet the centre's work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from expertise.fields import field_by_name
from expertise.models import (
    CLASSIFICATIONS,
    AdviceNote,
    AuditEvent,
    BestPractice,
    CoursePack,
    Entry,
    Expert,
    InnovationProject,
    Organisation,
    Theme,
    classification_rank,
    entry_themes,
)
from expertise.report.numbers import (
    AdviceNumbers,
    Counts,
    CourseNumbers,
    InnovationNumbers,
    NetworkNumbers,
    PracticeNumbers,
)
from expertise.report.period import Period

CONSENT_VALID_DAYS = 365


class Scope:
    """What a report may read (period and ceiling) and the highest level it did read."""

    def __init__(self, period: Period, ceiling: str) -> None:
        self.period = period
        self.ceiling = ceiling
        self.levels = CLASSIFICATIONS[: classification_rank(ceiling) + 1]
        self.highest = -1

    def allowed(self, query: Select, model: type[Entry] = Entry) -> Select:  # type: ignore[type-arg]
        return query.where(model.classification.in_(self.levels), model.status != "draft")

    def saw(self, levels: Iterable[str]) -> None:
        for level in levels:
            if level in self.levels:
                self.highest = max(self.highest, classification_rank(level))

    @property
    def highest_level(self) -> str:
        return CLASSIFICATIONS[max(self.highest, 0)]


def choices(kind: str, name: str) -> tuple[str, ...]:
    """The keys of an enum field in the registry's order (the order a reader expects)."""
    spec = field_by_name(kind, name)
    return spec.choices if spec is not None else ()


def ordered(counter: Counter[str], order: Iterable[str] = ()) -> Counts:
    """Known keys in their order (zeros kept), then the rest by count."""
    known = list(order)
    rest = sorted((k for k in counter if k not in known), key=lambda k: (-counter[k], k))
    return tuple((key, counter.get(key, 0)) for key in known + rest)


def by_count(counter: Counter[str]) -> Counts:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _created(day: datetime | None) -> date | None:
    return day.date() if day is not None else None


# -- innovation -------------------------------------------------------------------
def innovation(session: Session, scope: Scope) -> InnovationNumbers:
    """Projects that ran during the period (started before its end, not ended before its
    start), by their stage; those that started in the period apart."""
    period = scope.period
    rows = session.execute(
        scope.allowed(
            select(
                InnovationProject.stage,
                InnovationProject.start_date,
                InnovationProject.end_date,
                InnovationProject.created_at,
                InnovationProject.classification,
            ),
            InnovationProject,
        )
    ).all()
    continuing: Counter[str] = Counter()
    started: Counter[str] = Counter()
    for stage, start, end, created, level in rows:
        begun = start or _created(created)
        if begun is None or begun > period.end or (end is not None and end < period.start):
            continue
        (started if period.holds(begun) else continuing)[stage] += 1
        scope.saw([level])
    order = choices("innovation", "stage")
    return InnovationNumbers(
        active=sum(continuing.values()) + sum(started.values()),
        started=sum(started.values()),
        continuing_by_stage=ordered(continuing, order),
        started_by_stage=ordered(started, order),
    )


# -- advice ---------------------------------------------------------------------------
def advice(session: Session, scope: Scope) -> AdviceNumbers:
    """Advice given in the period (its advice date, else the day it was recorded)."""
    org = aliased(Organisation)
    visible_org = org.classification.in_(scope.levels)
    query = scope.allowed(
        select(
            AdviceNote.audience,
            AdviceNote.advice_date,
            AdviceNote.created_at,
            AdviceNote.classification,
            org.title,
            org.classification,
        ).outerjoin(org, (org.id == AdviceNote.requested_by_id) & visible_org),
        AdviceNote,
    )
    audiences: Counter[str] = Counter()
    requesters: Counter[str] = Counter()
    for audience, day, created, level, org_title, org_level in session.execute(query):
        if not scope.period.holds(day or _created(created)):
            continue
        audiences[audience] += 1
        requesters[org_title or ""] += 1
        scope.saw([level] + ([org_level] if org_title else []))
    return AdviceNumbers(
        total=sum(audiences.values()),
        by_audience=ordered(audiences, choices("advice", "audience")),
        by_requester=by_count(requesters),
    )


# -- best practices -----------------------------------------------------------------
def practices(session: Session, scope: Scope) -> PracticeNumbers:
    start, end = scope.period.window()

    def added(query: Select) -> Select:  # type: ignore[type-arg]
        query = query.where(BestPractice.created_at >= start, BestPractice.created_at < end)
        return scope.allowed(query, BestPractice)

    rows = session.execute(
        added(
            select(BestPractice.title, BestPractice.evidence_level, BestPractice.classification)
        ).order_by(BestPractice.title)
    ).all()
    scope.saw(row.classification for row in rows)
    # One query for the themes of every practice added, not one per chunk of ids.
    themes = session.scalars(
        added(
            select(entry_themes.c.theme_key)
            .join(BestPractice, BestPractice.id == entry_themes.c.entry_id)
            .join(Theme, Theme.key == entry_themes.c.theme_key)
            .where(Theme.group == "theme")
        )
    )
    return PracticeNumbers(
        total=len(rows),
        by_evidence=ordered(
            Counter(row.evidence_level for row in rows), choices("practice", "evidence_level")
        ),
        by_theme=by_count(Counter(themes)),
        titles=tuple(row.title for row in rows),
    )


# -- the expert network ---------------------------------------------------------------
def network(session: Session, scope: Scope) -> NetworkNumbers:
    start, end = scope.period.window()
    org = aliased(Organisation)
    experts = session.execute(
        scope.allowed(
            select(
                Expert.created_at,
                Expert.internal,
                Expert.consent_date,
                Expert.last_verified,
                Expert.classification,
                org.org_type,
            ).outerjoin(
                org, (org.id == Expert.organisation_id) & org.classification.in_(scope.levels)
            ),
            Expert,
        ).where(Expert.created_at < end)
    ).all()
    orgs = session.execute(
        scope.allowed(
            select(Organisation.created_at, Organisation.org_type, Organisation.classification),
            Organisation,
        ).where(Organisation.created_at < end)
    ).all()
    scope.saw([row.classification for row in experts] + [row.classification for row in orgs])
    new_experts = [row for row in experts if row.created_at >= start]
    new_orgs = [row for row in orgs if row.created_at >= start]
    types = choices("organisation", "org_type")
    return NetworkNumbers(
        experts_added=len(new_experts),
        experts_internal=sum(1 for row in new_experts if row.internal),
        orgs_added=len(new_orgs),
        experts_total=len(experts),
        orgs_total=len(orgs),
        experts_by_type=ordered(Counter(row.org_type or "" for row in new_experts), types),
        orgs_by_type=ordered(Counter(row.org_type for row in new_orgs), types),
        consent=_consent(experts, scope.period.as_of),
    )


def _consent(experts: Sequence[Any], as_of: date) -> Counts:
    cutoff = as_of - timedelta(days=CONSENT_VALID_DAYS)
    counter: Counter[str] = Counter()
    for row in experts:
        if row.consent_date is None:
            counter["missing"] += 1
        elif max(row.consent_date, row.last_verified or row.consent_date) >= cutoff:
            counter["current"] += 1
        else:
            counter["stale"] += 1
    return ordered(counter, ("current", "stale", "missing"))


# -- course packs delivered (from the audit log) ---------------------------------------
def courses(session: Session, scope: Scope) -> CourseNumbers:
    """Each course-pack export in the period is one delivery; a pack above the report's
    ceiling (by its ceiling at export time) is not counted at all."""
    start, end = scope.period.window()
    events = session.execute(
        select(AuditEvent.target_id, AuditEvent.detail).where(
            AuditEvent.action == "course-export", AuditEvent.at >= start, AuditEvent.at < end
        )
    ).all()
    titles = _pack_titles(session, scope)
    existing = set(session.scalars(select(CoursePack.id)))
    formats: Counter[str] = Counter()
    packs: Counter[str] = Counter()
    for target, detail in events:
        level = str((detail or {}).get("ceiling", "confidential"))
        if level not in scope.levels:
            continue
        current = titles.get(target or "")
        if current is None and target in existing:
            continue  # the pack exists but is above the ceiling now
        formats[str((detail or {}).get("format", ""))] += 1
        packs[current[0] if current else ""] += 1
        scope.saw([level] + ([current[1]] if current else []))
    return CourseNumbers(
        exports=sum(formats.values()),
        by_format=ordered(formats, ("pdf", "html", "md")),
        by_pack=by_count(packs),
    )


def _pack_titles(session: Session, scope: Scope) -> dict[str, tuple[str, str]]:
    rows = session.execute(
        select(CoursePack.id, CoursePack.title, CoursePack.ceiling).where(
            CoursePack.ceiling.in_(scope.levels)
        )
    )
    return {row.id: (row.title, row.ceiling) for row in rows}


Step = Callable[[Session, Scope], object]
# Each step fills the field of ReportNumbers named like the step.
STEPS: tuple[tuple[str, Step], ...] = tuple(
    (step.__name__, step) for step in (innovation, advice, practices, network, courses)
)
