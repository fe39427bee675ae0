"""The suite's own PostgreSQL is real: a server that answers SQL and enforces passwords."""

from __future__ import annotations

import psycopg
import pytest


def test_cluster_answers_sql(pg_cluster, team_url):
    with psycopg.connect(team_url) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
        database = conn.execute("SELECT current_database()").fetchone()[0]
    assert int(version) >= 120000
    assert database.startswith("team_")


def test_wrong_password_is_refused(pg_cluster):
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_cluster.url(password="not-the-password"), connect_timeout=5)


def test_make_laptop_gives_real_hubs(make_laptop):
    first, second = make_laptop("a"), make_laptop("b")
    assert first.path != second.path
    assert (first.path / "hub.db").exists() and (second.path / "hub.db").exists()
