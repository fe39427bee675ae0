"""The yearly progress report in the app: File → Progress report… (ARCHITECTURE §8).

The dialog takes the hub's `ReportFacade` (``hub.report``) and the serial
TaskRunner; the report is written on the runner behind a progress dialog with
Cancel, so the window never freezes.
"""

from ui.report.dialog import ReportDialog

__all__ = ["ReportDialog"]
