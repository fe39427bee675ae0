"""`expertise team …`: create a team hub, request, admit and remove members, status, upgrade.

The server URL comes from the command line or $EXPERTISE_SERVER (and may carry TLS options,
never a password). The database password comes from $EXPERTISE_SERVER_PASSWORD (taken out of
the environment once read, for scripts), else the OS keyring (secure backends only), else a
prompt; never from argv. docs/TEAM.md is the administrator's side.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import asdict
from pathlib import Path

from expertise.cli import output
from expertise.hub import Hub
from expertise.models import CLASSIFICATIONS
from expertise.private import write_private_text
from expertise.secretenv import take_env
from expertise.team import password as keyring_password
from expertise.team.connect import role_from_url
from expertise.team.errors import TeamError
from expertise.team.password import MIN_LENGTH
from expertise.team.records import TeamStatus

ENV_SERVER = "EXPERTISE_SERVER"
ENV_PASSWORD = "EXPERTISE_SERVER_PASSWORD"
Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    team = sub.add_parser("team", parents=[common], help="a team hub synced through PostgreSQL")
    actions = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    create = _action(actions, common, "create", cmd_create,
                     "create the team on an empty database; this hub becomes its admin")
    create.add_argument("url", nargs="?", metavar="URL",
                        help="postgresql://ADMIN_ROLE@host:5432/database (else $EXPERTISE_SERVER)")
    create.add_argument("--name", required=True, help="the team's name")
    create.add_argument("--display-name", default="admin", help="your name as members see it")
    request = _action(actions, common, "request", cmd_request,
                      "write a membership request for the admin (public keys, no secret)")
    request.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    request.add_argument("--name", required=True, help="your name as the team sees it")
    request.add_argument("url", nargs="?", metavar="URL",
                         help="the team server (else $EXPERTISE_SERVER; may be given later)")
    admit = _action(actions, common, "admit", cmd_admit, "admit a member from their request")
    admit.add_argument("file", type=Path, metavar="FILE")
    admit.add_argument("--clearance", required=True, choices=CLASSIFICATIONS)
    remove = _action(actions, common, "remove", cmd_remove,
                     "remove a member: role dropped, keys rotated for what is written next")
    remove.add_argument("member", metavar="MEMBER", help="member id, role or display name")
    status = _action(actions, common, "status", cmd_status, "this hub's team and its members")
    status.add_argument("url", nargs="?", metavar="URL", help="the team server, if not known yet")
    status.add_argument("--offline", action="store_true", help="do not ask the server")
    _action(actions, common, "upgrade", cmd_upgrade, "bring the server's schema to this app's")


def _action(actions: Sub, common: argparse.ArgumentParser, name: str, handler: object,
            text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(
        name, parents=[common], help=text, description=text)
    parser.set_defaults(handler=handler)
    return parser


def server_url(args: argparse.Namespace) -> str | None:
    return getattr(args, "url", None) or os.environ.get(ENV_SERVER) or None


def server_password(role: str, *, ask: bool = True) -> str | None:
    """The password of `role`: environment, OS keyring, prompt; None if `ask` is False."""
    found = take_env(ENV_PASSWORD) or keyring_password.recall(role)
    if found:
        return found
    if not ask:
        return None
    if not sys.stdin.isatty():
        raise TeamError(f"no password for the team server role {role}: keep it in the OS "
                        f"keyring, set ${ENV_PASSWORD}, or run this in a terminal")
    return getpass.getpass(f"Team server password of {role}: ")


def _hub_role(hub: Hub) -> str:
    role = hub.team.role()
    if not role:
        raise TeamError("this hub is not in a team: `team create` or `team request` first")
    return role


def _new_password() -> str:
    found = take_env(ENV_PASSWORD)
    if found is None:
        if not sys.stdin.isatty():
            raise TeamError(f"no server password: set ${ENV_PASSWORD} or run this in a terminal")
        found = getpass.getpass("Choose your team server password: ")
        if found != getpass.getpass("Repeat it: "):
            raise TeamError("the two passwords differ")
    if len(found) < MIN_LENGTH:
        raise TeamError(f"the server password must be at least {MIN_LENGTH} characters")
    return found


def cmd_create(hub: Hub, args: argparse.Namespace) -> int:
    url = server_url(args)
    if not url:
        raise TeamError(f"give the server URL or set ${ENV_SERVER}")
    role = role_from_url(url)
    if not role:
        raise TeamError("the URL must name the admin's database role: "
                        "postgresql://ROLE@host:5432/database")
    secret = server_password(role) or ""
    hub.team.create(url, args.name, secret, display_name=args.display_name)
    kept = keyring_password.remember(role, secret)
    output.say(f"team {args.name!r} created; this hub is its admin ({role})")
    if not kept:
        output.say("no secure OS keyring: the password will be asked for each time")
    return 0


def cmd_request(hub: Hub, args: argparse.Namespace) -> int:
    secret = _new_password()
    text = hub.team.request(args.name, secret, url=server_url(args))
    write_private_text(args.output, text + "\n")
    role = _hub_role(hub)
    keyring_password.remember(role, secret)
    output.say(f"request written to {args.output}: hand it to the team admin (it holds no "
               f"secret). Your role: {role}")
    return 0


def cmd_admit(hub: Hub, args: argparse.Namespace) -> int:
    try:
        raw = args.file.read_bytes()
    except OSError as error:
        raise TeamError(f"cannot read the request: {error.strerror}") from None
    secret = server_password(_hub_role(hub)) or ""
    info = hub.team.admit(raw, args.clearance, secret)
    output.say(f"admitted {info.display_name} ({info.member_id}) with clearance {info.clearance}")
    return 0


def cmd_remove(hub: Hub, args: argparse.Namespace) -> int:
    secret = server_password(_hub_role(hub)) or ""
    removed = hub.team.remove(args.member, secret)
    output.say(f"removed {removed}: role dropped, new keys for everything written from now on "
               "(what they synced before stays on their laptop)")
    return 0


def cmd_upgrade(hub: Hub, args: argparse.Namespace) -> int:
    secret = server_password(_hub_role(hub)) or ""
    output.say(f"the team server runs schema {hub.team.upgrade(secret).lstrip('0')}")
    return 0


def cmd_status(hub: Hub, args: argparse.Namespace) -> int:
    role = hub.team.role()
    url = server_url(args)
    secret = None if args.offline or not role else server_password(role, ask=sys.stdin.isatty())
    if url and role and not hub.team.setting("server"):
        hub.team.set_setting("server", url)
    status = hub.team.status(secret)
    if args.json:
        output.emit_json(asdict(status))
    else:
        _print_status(status)
    return 0


def _print_status(status: TeamStatus) -> None:
    if not status.role:
        output.say("not in a team")
        return
    state = {None: "not asked", True: "reachable", False: "NOT reachable"}[status.online]
    output.say(f"team:      {status.team_name or '(not admitted yet)'}")
    output.say(f"server:    {status.server or '(unknown)'} ({state})")
    if status.problem:
        output.say(f"           {status.problem}")
    output.say(f"member:    {status.member_id} role {status.role}"
               + (" (admin)" if status.is_admin else ""))
    if status.request_pending:
        output.say("           request made; not yet admitted or not yet refreshed")
    output.say(f"clearance: {status.clearance or '-'}")
    output.say("key epochs: " + ", ".join(f"{k} {v}" for k, v in status.epochs.items()))
    for member in status.members:
        output.say(f"  {member.member_id}  {member.status:8} {member.clearance:13} "
                   f"{member.display_name}")
