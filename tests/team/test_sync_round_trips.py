"""What a sync round costs besides its items (real PostgreSQL): the team settings a refresh
reads and writes are read in one query, not one each."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.team.teamkit import MEMBER_PASSWORD, join, make_team


def test_a_refresh_reads_the_team_settings_in_one_query(make_laptop, team_url) -> None:
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea", "internal")
    read: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        if "FROM team_config" in statement and conn.engine.dialect.name != "postgresql":
            read.append(statement)

    with bea.team.server(MEMBER_PASSWORD) as server:
        event.listen(Engine, "before_cursor_execute", count)
        try:
            bea.team.refresh(server)
        finally:
            event.remove(Engine, "before_cursor_execute", count)

    assert len(read) == 1, read
    assert bea.team.status().clearance == "internal"
    assert bea.team.joined
