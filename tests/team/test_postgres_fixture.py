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


def _run_fixture_test(env_extra: dict[str, str]):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(env_extra, EXPERTISE_PG_BIN="/nonexistent-postgresql/bin")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/team/test_postgres_fixture.py::test_cluster_answers_sql"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_missing_postgresql_fails_under_ci_and_skips_locally():
    under_ci = _run_fixture_test({"CI": "true"})
    assert under_ci.returncode != 0
    assert "CI=true: the team tests may not be skipped" in under_ci.stdout
    local = _run_fixture_test({})
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout
