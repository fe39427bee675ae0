"""Run and check the team server's Alembic migrations (migrations/; no alembic.ini at run time).

Only the admin migrates (`team create`, `team upgrade`): the tables belong to them. Every
other connection first checks the schema: newer than this app knows means "update the app",
older means "the admin runs `expertise team upgrade`".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection

from expertise.team.errors import SchemaTooNew, TeamError
from expertise.team.server.schema import VERSION_TABLE

HERE = Path(__file__).parent / "migrations"


@cache
def _script() -> ScriptDirectory:
    # read once per process: every sync round checks the schema, and reading the
    # migration scripts again each time cost more than the round's own queries
    return ScriptDirectory(str(HERE))


def head() -> str:
    found = _script().get_current_head()
    assert found is not None  # there is always a first migration
    return found


def current(connection: Connection) -> str | None:
    """The server's schema revision, None when no team schema is there."""
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def _number(revision: str) -> str:
    return revision.lstrip("0") or "0"


def check(connection: Connection) -> None:
    """Raise unless the server runs exactly the schema this app knows."""
    found = current(connection)
    if found is None:
        raise TeamError("there is no team on this server database: the admin runs `team create`")
    _refuse_newer(found)
    if found != head():
        raise TeamError(
            f"the team server runs schema {_number(found)}, this app needs {_number(head())}: "
            "the team admin runs `expertise team upgrade`"
        )


def _refuse_newer(found: str) -> None:
    try:
        _script().get_revision(found)
    except CommandError:
        raise SchemaTooNew(
            f"the team server runs schema {_number(found)}, this app knows up to "
            f"{_number(head())}: update the app"
        ) from None


def upgrade(connection: Connection, *, member_group: str | None = None) -> None:
    """Bring the schema to this app's head inside the caller's transaction."""
    found = current(connection)
    if found is not None:
        _refuse_newer(found)
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = connection
    config.attributes["member_group"] = member_group
    command.upgrade(config, "head")
