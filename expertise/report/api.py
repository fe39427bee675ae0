"""`ReportFacade` (`Hub.report`): the yearly progress report to the minister.

One read session gathers the numbers under the ceiling; the document, its
charts (PNG in memory) and the PDF/DOCX are made outside it. A finished report
leaves one audit event without content: year, period, ceiling, language,
formats and pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from expertise import space
from expertise.errors import UserError
from expertise.hub.core import HubCore
from expertise.models import CLASSIFICATIONS
from expertise.report import gather
from expertise.report.document import build_document
from expertise.report.model import ReportDocument
from expertise.report.numbers import ReportNumbers
from expertise.report.period import reporting_period
from expertise.report.words import LANGS
from expertise.services import audit

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
DEFAULT_CEILING = "internal"
# Shares of the progress bar (percent) at which each step starts.
GATHERED, CHARTED, PDF_DONE = 15, 45, 90


@dataclass(frozen=True)
class ReportResult:
    year: int
    start: date
    end: date
    ceiling: str
    lang: str
    banner_level: str
    counted: int
    pdf: Path | None = None
    docx: Path | None = None
    pages: int = 0
    cancelled: bool = False


class ReportFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub

    def numbers(
        self,
        year: int,
        ceiling: str = DEFAULT_CEILING,
        start: date | None = None,
        end: date | None = None,
        today: date | None = None,
    ) -> ReportNumbers:
        """The report's numbers, nothing above `ceiling` read."""
        _check_ceiling(ceiling)
        period = reporting_period(year, start, end, today)
        return self._hub.session.read(lambda s: _gather(s, period, ceiling, self._hub.path.name))

    def document(self, numbers: ReportNumbers, lang: str = "nl") -> ReportDocument:
        _check_lang(lang)
        return build_document(numbers, lang)

    def write(
        self,
        year: int,
        *,
        pdf: Path | str | None = None,
        docx: Path | str | None = None,
        ceiling: str = DEFAULT_CEILING,
        lang: str = "nl",
        start: date | None = None,
        end: date | None = None,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> ReportResult:
        """Write the report as PDF and/or DOCX; a cancelled run writes nothing more."""
        targets = _targets(pdf, docx)
        _check_lang(lang)
        numbers = self.numbers(year, ceiling, start, end)
        doc = build_document(numbers, lang)
        result = _result(numbers, lang)
        _step(progress, GATHERED)
        if _stopped(cancel):
            return replace(result, cancelled=True)
        from expertise.report.charts import render_all

        images = render_all(doc.charts())
        _step(progress, CHARTED)
        if _stopped(cancel):
            return replace(result, cancelled=True)
        result = self._write_files(doc, images, targets, result, progress, cancel)
        if not result.cancelled:
            self._audit(result)
            _step(progress, 100)
        return result

    def _write_files(
        self,
        doc: ReportDocument,
        images: dict[str, bytes],
        targets: dict[str, Path],
        result: ReportResult,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> ReportResult:
        from expertise.report.docx import write_docx
        from expertise.report.pdf import write_pdf

        size = sum(len(data) for data in images.values()) + 200_000
        if "pdf" in targets:
            space.for_course_export(targets["pdf"], size)
            pages = write_pdf(doc, images, targets["pdf"], _scaled(progress), cancel)
            if not pages:
                return replace(result, cancelled=True)
            result = replace(result, pdf=targets["pdf"], pages=pages)
        if "docx" in targets:
            if _stopped(cancel):
                return replace(result, cancelled=True)
            space.for_course_export(targets["docx"], size)
            write_docx(doc, images, targets["docx"])
            result = replace(result, docx=targets["docx"])
        return result

    def _audit(self, result: ReportResult) -> None:
        detail = {
            "year": result.year,
            "from": result.start.isoformat(),
            "to": result.end.isoformat(),
            "ceiling": result.ceiling,
            "lang": result.lang,
            "formats": [f for f, path in (("pdf", result.pdf), ("docx", result.docx)) if path],
            "pages": result.pages,
        }
        self._hub.session.read(lambda s: audit.record(s, "progress-report", None, detail))


def _gather(session: Session, period: gather.Period, ceiling: str, hub: str) -> ReportNumbers:
    scope = gather.Scope(period, ceiling)
    from expertise.report import gather_cycle
    from expertise.report.gather_barrier import barrier

    parts = {name: step(session, scope) for name, step in gather.STEPS}
    parts["barrier"] = barrier(session, scope)
    parts["bottlenecks"] = gather_cycle.bottlenecks(session, scope)
    parts["agenda"] = gather_cycle.agenda(session, scope)
    parts["cases"] = gather_cycle.cases(session, scope)
    return ReportNumbers(
        period=period,
        ceiling=ceiling,
        hub_name=hub,
        generated_at=datetime.now().replace(microsecond=0),
        highest_level=scope.highest_level,
        **parts,  # type: ignore[arg-type]
    )


def _result(numbers: ReportNumbers, lang: str) -> ReportResult:
    period = numbers.period
    return ReportResult(
        period.year,
        period.start,
        period.end,
        numbers.ceiling,
        lang,
        numbers.highest_level,
        numbers.total(),
    )


def _targets(pdf: Path | str | None, docx: Path | str | None) -> dict[str, Path]:
    targets = {fmt: Path(p) for fmt, p in (("pdf", pdf), ("docx", docx)) if p}
    if not targets:
        raise UserError("name a PDF or DOCX file to write the report to")
    if len(targets) == 2 and targets["pdf"].resolve() == targets["docx"].resolve():
        raise UserError("the PDF and the DOCX need different file names")
    for path in targets.values():
        if path.is_dir():
            raise UserError(f"{path}: is a folder, name a file")
        if not path.parent.is_dir():
            raise UserError(f"{path.parent}: no such folder")
    return targets


def _check_ceiling(ceiling: str) -> None:
    if ceiling not in CLASSIFICATIONS:
        raise UserError(f"{ceiling}: not a classification ({', '.join(CLASSIFICATIONS)})")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise UserError(f"{lang}: report language must be one of {', '.join(LANGS)}")


def _stopped(cancel: Cancel | None) -> bool:
    return cancel is not None and cancel()


def _step(progress: Progress | None, done: int) -> None:
    if progress is not None:
        progress(done, 100)


def _scaled(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    report = progress

    def step(done: int, total: int) -> None:
        share = PDF_DONE - CHARTED
        report(CHARTED + (share * done // total if total else share), 100)

    return step


__all__ = ["ReportFacade", "ReportResult"]
