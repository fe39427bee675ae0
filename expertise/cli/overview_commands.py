"""`expertise barrier` and `expertise due`: the barrier-model matrix and the upkeep list.

Text is for people (an aligned table, lines grouped by reason), `--json` for
scripts. Labels of phases and themes come from the hub's taxonomy in the
language of `--lang` (Dutch by default, the centre's working language).
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable

from expertise.cli import output
from expertise.hub import Hub
from expertise.models import CLASSIFICATIONS
from expertise.overview import DUE_WITHIN_DAYS, REASONS, BarrierMatrix, Cell, DueItem

SubParsers = argparse._SubParsersAction  # type: ignore[type-arg]
LABEL_WIDTH = 12  # phase labels wrap at this width in the header
EMPTY_CELL = "."
REASON_TITLES = {
    "review_overdue": "Review date passed",
    "review_due": "Review due within {days} days",
    "consent_missing": "Experts without a recorded consent",
    "expert_unconfirmed": "Experts not confirmed (consent or verification) for over a year",
    "bottleneck_quiet": "Open bottlenecks without a change for 90 days",
    "case_quiet": "Example cases without a follow-up for 90 days",
}


def register(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    barrier = _command(sub, common, "barrier", cmd_barrier, "the barrier-model matrix")
    barrier.add_argument(
        "--ceiling", choices=CLASSIFICATIONS, help="count nothing above this level (default: all)"
    )
    barrier.add_argument("--lang", choices=("nl", "en"), default="nl", help="label language")
    due = _command(sub, common, "due", cmd_due, "what needs upkeep: reviews, consent, follow-ups")
    due.add_argument(
        "--within",
        type=_days,
        default=DUE_WITHIN_DAYS,
        metavar="DAYS",
        help=f"reviews due within this many days (default {DUE_WITHIN_DAYS})",
    )


def _command(
    sub: SubParsers, common: argparse.ArgumentParser, name: str, handler: object, text: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, parents=[common], help=text, description=text
    )
    parser.set_defaults(handler=handler)
    return parser


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if days < 0:
        raise argparse.ArgumentTypeError("must be 0 or more days")
    return days


# -- barrier -------------------------------------------------------------------
def cmd_barrier(hub: Hub, args: argparse.Namespace) -> int:
    grid = hub.barrier.matrix(args.ceiling)
    if args.json:
        output.emit_json({**grid.as_dict(args.lang), "language": args.lang})
        return 0
    for line in matrix_lines(grid, args.lang):
        output.say(line)
    return 0


def cell_text(cell: Cell) -> str:
    return f"{cell.measure_total}/{cell.open_bottlenecks}" if cell.total else EMPTY_CELL


def matrix_lines(grid: BarrierMatrix, language: str) -> list[str]:
    """The matrix as aligned text: themes down, phases across, `measures/open bottlenecks`."""
    heads = [
        textwrap.wrap(h.label(language), LABEL_WIDTH, break_long_words=False) or [h.key]
        for h in grid.phases
    ]
    rows = [
        (t.label(language), [cell_text(grid.cell(t.key, p.key)) for p in grid.phases])
        for t in grid.themes
    ]
    widths = [
        max([len(word) for word in head] + [len(cells[i]) for _, cells in rows] + [3])
        for i, head in enumerate(heads)
    ]
    first = max([len(label) for label, _ in rows] + [5])
    lines = [f"Barrier model, ceiling {grid.ceiling}; each cell: measures/open bottlenecks", ""]
    for depth in range(max((len(head) for head in heads), default=0)):
        words = [head[depth] if depth < len(head) else "" for head in heads]
        lines.append(_line("", words, widths, first, str.ljust))
    lines.extend(_line(label, cells, widths, first, str.rjust) for label, cells in rows)
    return lines


def _line(
    label: str, parts: list[str], widths: list[int], first: int, align: Callable[[str, int], str]
) -> str:
    cells = [align(part, width) for part, width in zip(parts, widths, strict=True)]
    return (label.ljust(first) + "  " + "  ".join(cells)).rstrip()


# -- due -----------------------------------------------------------------------
def cmd_due(hub: Hub, args: argparse.Namespace) -> int:
    items = hub.upkeep.due(args.within)
    if args.json:
        output.emit_json([_item_json(item) for item in items])
        return 0
    for line in due_lines(items, args.within):
        output.say(line)
    return 0


def _item_json(item: DueItem) -> dict[str, object]:
    return {
        "id": item.entry_id,
        "kind": item.kind,
        "title": item.title,
        "reason": item.reason,
        "date": item.date.isoformat() if item.date else None,
    }


def due_lines(items: list[DueItem], within: int) -> list[str]:
    if not items:
        return [f"nothing due: no review within {within} days, no consent or follow-up lapsed"]
    lines: list[str] = []
    for reason in REASONS:
        group = [item for item in items if item.reason == reason]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{REASON_TITLES[reason].format(days=within)} ({len(group)})")
        for item in group:
            day = item.date.isoformat() if item.date else "never"
            lines.append(f"  {day:<10}  {item.kind:<12}  {item.entry_id}  {item.title}")
    return lines
