"""Alembic environment of the team server: migrations run on the connection the app passes in."""

from __future__ import annotations

from alembic import context

from expertise.team.server.schema import VERSION_TABLE


def run() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, version_table=VERSION_TABLE, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


run()
