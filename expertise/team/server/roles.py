"""Database roles of a team: one LOGIN role per member in the team's group role.

Role names are made by the app (`xt_` + the member id, hex) and passwords arrive as SCRAM
verifiers checked for their shape, so nothing a request file says is pasted into SQL
unchecked. DDL takes no bind parameters: that is why both are checked before use.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from expertise.team.errors import TeamError
from expertise.team.scram import is_verifier

_ROLE = re.compile(r"^xt_[0-9a-f]{12,32}(_members)?$")


def member_role(member_id: str) -> str:
    return f"xt_{member_id}"


def group_role(team_id: str) -> str:
    return f"xt_{team_id}_members"


def _checked(role: str) -> str:
    if not _ROLE.match(role):
        raise TeamError(f"{role!r} is not a team role name")
    return role


def require_createrole(connection: Connection) -> None:
    """TeamError unless the connected role may create roles (the team admin's privilege)."""
    allowed = connection.execute(
        text("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    if not allowed:
        user = connection.execute(text("SELECT current_user")).scalar()
        raise TeamError(
            f"the database role {user!r} may not create roles: agency IT grants "
            "it CREATEROLE for the team admin (docs/TEAM.md)"
        )


def create_member(connection: Connection, role: str, verifier: str, group: str) -> None:
    if not is_verifier(verifier):
        raise TeamError("the request's password verifier is malformed")
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    if exists.first() is not None:
        raise TeamError(f"the database role {role} exists already: was this request admitted?")
    # not text(): the verifier's colons would read as bind parameters
    connection.exec_driver_sql(
        f'CREATE ROLE "{_checked(role)}" LOGIN PASSWORD \'{verifier}\' IN ROLE "{_checked(group)}"'
    )


def remove_member(connection: Connection, role: str, group: str) -> bool:
    """Revoke the role's team access and drop it; True when dropped, False when only disabled.

    Its open sessions are ended where the admin may do so; row-level security already shows a
    removed member nothing, whatever is still connected.
    """
    role = _checked(role)
    connection.execute(text(f'ALTER ROLE "{role}" NOLOGIN'))
    connection.execute(text(f'REVOKE "{_checked(group)}" FROM "{role}"'))
    connection.execute(
        text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE usename = :r AND pid <> pg_backend_pid() "
            "AND pg_has_role(current_user, 'pg_signal_backend', 'MEMBER')"
        ),
        {"r": role},
    )
    savepoint = connection.begin_nested()
    try:
        connection.execute(text(f'DROP ROLE "{role}"'))
    except Exception:
        savepoint.rollback()  # it still owns or may do something: disabled is enough
        return False
    savepoint.commit()
    return True
