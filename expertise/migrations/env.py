"""Alembic environment: migrations run on the engine the Hub passes in."""

from __future__ import annotations

from alembic import context

from expertise.models import Base


def run() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
