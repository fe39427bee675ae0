"""The yearly progress report to the minister (ARCHITECTURE §8): numbers (gather.py),
document (document.py), charts (charts.py), PDF (pdf.py) and DOCX (docx.py)."""

from expertise.report.api import ReportFacade, ReportResult
from expertise.report.period import Period, reporting_period

__all__ = ["Period", "ReportFacade", "ReportResult", "reporting_period"]
