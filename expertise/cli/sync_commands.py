"""`expertise sync`: one sync round with the team server, and the conflicts it left.

    expertise sync [--json]                      push local changes, pull the team's
    expertise sync --conflicts [--json]          list entries changed on both sides
    expertise sync --resolve ID mine|theirs|both carry out the choice (no server needed)

Exit codes: 0 done (conflicts are listed, not errors), 4 when an item was refused
(tampered, replayed, unsigned: see the list), 12 when the server cannot be reached,
3 when it refuses this member. The password is taken as `team` takes it.
"""

from __future__ import annotations

import argparse

from expertise.cli import output
from expertise.cli.team_commands import server_password
from expertise.hub import Hub
from expertise.team.conflicts import RESOLUTIONS, ConflictRecord
from expertise.team.errors import TeamError
from expertise.team.sync import SyncReport

REFUSED_EXIT = 4
Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    text = "one sync round with the team server (push, then pull)"
    sync = sub.add_parser("sync", parents=[common], help=text, description=text)
    sync.set_defaults(handler=cmd_sync)
    sync.add_argument("--conflicts", action="store_true", help="list open conflicts only")
    sync.add_argument(
        "--resolve",
        nargs=2,
        metavar=("ENTRY_ID", "|".join(RESOLUTIONS)),
        help="resolve one conflict: keep mine, take theirs, or keep both",
    )


def _password(hub: Hub) -> str:
    role = hub.team.role()
    if not role:
        raise TeamError("this hub is not in a team: `team create` or `team request` first")
    return server_password(role) or ""


def cmd_sync(hub: Hub, args: argparse.Namespace) -> int:
    if args.resolve:
        entry_id, choice = args.resolve
        hub.team.resolve(entry_id, choice)
        output.say(f"conflict of {entry_id} resolved: {choice}")
        return 0
    if args.conflicts:
        return _show_conflicts(hub.team.conflicts(), args.json)
    report = hub.team.sync(_password(hub), progress=None if args.json else _progress)
    if args.json:
        output.emit_json(report.as_dict())
    else:
        _show_report(report)
    return REFUSED_EXIT if report.refused else 0


def _progress(phase: str, done: int, total: int) -> None:
    if done and done % 1000 == 0:
        output.warn(f"{phase}: {done}" + (f" of {total}" if total else ""))


def _show_report(report: SyncReport) -> None:
    output.say(
        f"pushed {report.pushed}, pulled {report.pulled}: {len(report.created)} new, "
        f"{len(report.updated)} updated, {len(report.deleted)} deleted"
    )
    if report.held_back:
        output.say(f"{len(report.held_back)} entries above your clearance stay on this laptop")
    for refusal in report.refused:
        output.warn(f"refused ({refusal.reason}): {refusal.message}")
    if report.open_conflicts:
        output.say(
            f"{report.open_conflicts} conflicts wait for you: `expertise sync --conflicts`"
        )


def _show_conflicts(found: list[ConflictRecord], as_json: bool) -> int:
    if as_json:
        output.emit_json(found)
        return 0
    for c in found:
        here = c.title_here if c.title_here is not None else "(deleted here)"
        there = c.title_theirs if c.title_theirs is not None else "(deleted there)"
        output.say(f"{c.entry_id}  here: {here}  |  theirs (r{c.their_revision}): {there}")
    output.say(f"{len(found)} conflicts")
    return 0
