"""The laptop's team settings (`team_config` rows) and member cache, inside the local hub."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from expertise.models import TeamConfig, TeamMember

SERVER = "server"
TEAM_NAME = "team_name"
MEMBER_ID = "member_id"
ROLE = "role"
CLEARANCE = "clearance"
IS_ADMIN = "is_admin"
DISPLAY_NAME = "display_name"
JOINED = "joined"


def get(session: Session, key: str) -> str | None:
    row = session.get(TeamConfig, key)
    return row.value if row is not None else None


def put(session: Session, key: str, value: str) -> None:
    row = session.get(TeamConfig, key)
    if row is None:
        session.add(TeamConfig(key=key, value=value))
    else:
        row.value = value


def replace_members(session: Session, rows: list[TeamMember]) -> None:
    """The server's member list as the new local cache (written only when it changed:
    every sync round refreshes it, and most find it as it was)."""
    columns = [getattr(TeamMember, name) for name in _COLUMNS]  # rows, not ORM objects
    held = {tuple(row) for row in session.execute(select(*columns))}
    given = {tuple(getattr(row, name) for name in _COLUMNS) for row in rows}
    if held == given and len(given) == len(rows):
        return
    session.execute(delete(TeamMember))
    session.add_all(rows)


_COLUMNS = ("member_id", "x25519_public", "ed25519_public", "clearance", "status", "display_name")
