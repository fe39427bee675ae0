"""The numbers of a progress report: plain values, gathered in one session (gather.py),
turned into words and charts in the report's language later (document.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from expertise.report.period import Period

Counts = tuple[tuple[str, int], ...]  # (key, count) in the order a reader expects


@dataclass(frozen=True)
class InnovationNumbers:
    active: int = 0
    started: int = 0
    continuing_by_stage: Counts = ()
    started_by_stage: Counts = ()


@dataclass(frozen=True)
class AdviceNumbers:
    total: int = 0
    by_audience: Counts = ()
    by_requester: Counts = ()  # organisation title, or "" when none is recorded or shown


@dataclass(frozen=True)
class PracticeNumbers:
    total: int = 0
    by_evidence: Counts = ()
    by_theme: Counts = ()  # theme key
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class NetworkNumbers:
    experts_added: int = 0
    experts_internal: int = 0
    orgs_added: int = 0
    experts_total: int = 0
    orgs_total: int = 0
    experts_by_type: Counts = ()  # org_type of the expert's organisation, "" for none
    orgs_by_type: Counts = ()
    consent: Counts = ()  # current | stale | missing


@dataclass(frozen=True)
class CourseNumbers:
    exports: int = 0
    by_format: Counts = ()
    by_pack: Counts = ()  # pack title, "" for a pack deleted since


@dataclass(frozen=True)
class BottleneckNumbers:
    new: int = 0  # signalled in the period
    resolved: int = 0  # resolved in the period
    open: int = 0  # open at the end of the period (or today, for a running one)
    by_state: Counts = ()  # of the open ones
    new_by_phase: Counts = ()
    resolved_by_phase: Counts = ()
    open_by_phase: Counts = ()
    open_by_party: Counts = ()  # responsible organisation title (or a placeholder)
    resolved_by_party: Counts = ()
    open_titles: tuple[str, ...] = ()


# year, objective, bottleneck, responsible parties, progress
AgendaLine = tuple[str, str, str, tuple[str, ...], str]


@dataclass(frozen=True)
class AgendaNumbers:
    agendas: int = 0
    years: tuple[str, ...] = ()  # the calendar years whose agendas were looked for
    items: tuple[AgendaLine, ...] = ()
    by_progress: Counts = ()


CaseLine = tuple[str, str, str, int, int]  # title, region, state, updates, practices


@dataclass(frozen=True)
class CaseNumbers:
    followed: int = 0
    updates: int = 0  # follow-ups dated in the period
    by_state: Counts = ()
    cases: tuple[CaseLine, ...] = ()


Heading = tuple[str, str, str]  # key, Dutch label, English label


@dataclass(frozen=True)
class BarrierNumbers:
    """The barrier model at the time of the report: themes (rows) × phases (columns),
    each cell the measures plus open bottlenecks (expertise/overview/matrix.py)."""

    themes: tuple[Heading, ...] = ()
    phases: tuple[Heading, ...] = ()
    cells: tuple[tuple[int, ...], ...] = ()  # one row per theme, one value per phase
    measures_by_phase: tuple[int, ...] = ()
    bottlenecks_by_phase: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        return sum(map(sum, self.cells))


@dataclass(frozen=True)
class ReportNumbers:
    period: Period
    ceiling: str
    hub_name: str
    generated_at: datetime
    highest_level: str  # the highest classification of anything counted or named
    innovation: InnovationNumbers = field(default_factory=InnovationNumbers)
    advice: AdviceNumbers = field(default_factory=AdviceNumbers)
    practices: PracticeNumbers = field(default_factory=PracticeNumbers)
    network: NetworkNumbers = field(default_factory=NetworkNumbers)
    courses: CourseNumbers = field(default_factory=CourseNumbers)
    barrier: BarrierNumbers = field(default_factory=BarrierNumbers)
    # None: the hub's model has no such kind (yet), so the report has no such section
    bottlenecks: BottleneckNumbers | None = None
    agenda: AgendaNumbers | None = None
    cases: CaseNumbers | None = None

    def total(self) -> int:
        """Everything counted; 0 means the report has nothing to say."""
        return (
            self.innovation.active
            + self.advice.total
            + self.practices.total
            + self.network.experts_added
            + self.network.orgs_added
            + self.courses.exports
            + (self.bottlenecks.new + self.bottlenecks.open if self.bottlenecks else 0)
            + (len(self.agenda.items) if self.agenda else 0)
            + (self.cases.followed if self.cases else 0)
        )
