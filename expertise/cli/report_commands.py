"""`expertise report YEAR`: the yearly progress report to the minister (ARCHITECTURE §6, §8).

The period is 1 September of YEAR-1 to 31 August of YEAR unless --from/--to say
otherwise; nothing above --ceiling (default internal) is read. A year whose
period has not started, or a period that ends before it starts, is a user error
(exit 1); an empty period still gives a whole report whose sections say so.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from expertise.cli import output
from expertise.hub import Hub
from expertise.models import CLASSIFICATIONS
from expertise.report.api import DEFAULT_CEILING

SubParsers = argparse._SubParsersAction  # type: ignore[type-arg]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: not a date (YYYY-MM-DD)") from None


def register(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    help_text = "write the yearly progress report to the minister (PDF and/or DOCX)"
    parser = sub.add_parser(
        "report",
        parents=[common],
        help=help_text,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=cmd_report)
    parser.add_argument("year", type=int, metavar="YEAR", help="report year, e.g. 2026")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="write the report as PDF")
    parser.add_argument("--docx", type=Path, metavar="FILE", help="write an editable DOCX")
    parser.add_argument(
        "--ceiling",
        choices=CLASSIFICATIONS,
        default=DEFAULT_CEILING,
        help=f"highest classification read and counted (default {DEFAULT_CEILING})",
    )
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="default nl")
    parser.add_argument("--from", dest="start", type=_day, metavar="DATE", help="period start")
    parser.add_argument("--to", dest="end", type=_day, metavar="DATE", help="period end")


def cmd_report(hub: Hub, args: argparse.Namespace) -> int:
    result = hub.report.write(
        args.year,
        pdf=args.pdf,
        docx=args.docx,
        ceiling=args.ceiling,
        lang=args.lang,
        start=args.start,
        end=args.end,
    )
    if args.json:
        output.emit_json(
            {
                "year": result.year,
                "from": result.start.isoformat(),
                "to": result.end.isoformat(),
                "ceiling": result.ceiling,
                "lang": result.lang,
                "banner": result.banner_level,
                "counted": result.counted,
                "pdf": str(result.pdf) if result.pdf else None,
                "docx": str(result.docx) if result.docx else None,
                "pages": result.pages,
            }
        )
        return 0
    written = [str(path) for path in (result.pdf, result.docx) if path is not None]
    pages = f", {result.pages} pages" if result.pdf else ""
    output.say(
        f"progress report {result.year} ({result.start} to {result.end}, ceiling "
        f"{result.ceiling}, {result.lang}{pages}): {', '.join(written)}"
    )
    if not result.counted:
        output.warn(
            "note: nothing was recorded in this period under this ceiling; "
            "each section of the report says so"
        )
    return 0
