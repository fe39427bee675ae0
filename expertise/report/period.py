"""The reporting period of a progress report: by default 1 September of the year
before to 31 August of the report's year (the report is due before 1 September)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from expertise.errors import UserError

FIRST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    year: int
    start: date
    end: date  # inclusive
    today: date

    @property
    def as_of(self) -> date:
        """The day open counts are taken on: the end, or today for a period still running."""
        return min(self.end, self.today)

    @property
    def running(self) -> bool:
        return self.today < self.end

    def window(self) -> tuple[datetime, datetime]:
        """[start, end] as a half-open datetime range, for `created_at` columns."""
        return datetime.combine(self.start, time.min), datetime.combine(
            self.end + timedelta(days=1), time.min
        )

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def reporting_period(
    year: int, start: date | None = None, end: date | None = None, today: date | None = None
) -> Period:
    """The period for `year`; a clear UserError for a year or a range that cannot be reported."""
    today = today or date.today()
    if year < FIRST_YEAR or year > 9998:
        raise UserError(f"{year}: not a report year (from {FIRST_YEAR})")
    start = start or date(year - 1, 9, 1)
    end = end or date(year, 8, 31)
    if start > end:
        raise UserError(f"the period starts ({start}) after it ends ({end})")
    if start > today:
        raise UserError(
            f"the reporting period for {year} starts on {start}, in the future: nothing to report"
        )
    return Period(year, start, end, today)


def current_year(today: date | None = None) -> int:
    """The report year whose period holds `today` (from 1 September on, the next year's)."""
    today = today or date.today()
    return today.year + 1 if (today.month, today.day) >= (9, 1) else today.year
