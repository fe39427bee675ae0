"""Bad input and faults of team membership: each ends in a clear message, nothing changed."""

from __future__ import annotations

import json
import socket

import psycopg
import pytest

from expertise.errors import IntegrityError
from expertise.team.errors import SchemaTooNew, ServerRefused, ServerUnavailable, TeamError
from tests.team.teamkit import MEMBER_PASSWORD, join, make_team, no_user, split


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens once it is closed


def test_newer_server_schema_says_update_the_app(make_laptop, team_url):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea", "internal")
    with psycopg.connect(team_url) as conn:
        conn.execute("UPDATE team_schema_version SET version_num = '0042'")
    message = "the team server runs schema 42, this app knows up to 1: update the app"
    with pytest.raises(SchemaTooNew, match=message), bea.team.server(MEMBER_PASSWORD) as server:
        bea.team.refresh(server)
    with pytest.raises(SchemaTooNew, match=message):
        admin.team.upgrade(password)
    other = make_laptop("other")
    with pytest.raises(SchemaTooNew, match=message):
        make_team(other, team_url)


def test_wrong_password_and_unreachable_server(make_laptop, team_url):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea", "internal")
    with pytest.raises(ServerRefused, match="wrong password"), \
            bea.team.server("not the password at all") as server:
        bea.team.refresh(server)
    unreachable = f"postgresql://127.0.0.1:{_closed_port()}/team"
    with pytest.raises(ServerUnavailable, match="cannot be reached"), \
            bea.team.server(MEMBER_PASSWORD, url=unreachable) as server:
        bea.team.refresh(server)
    status = bea.team.status(MEMBER_PASSWORD + "x")
    assert status.online is False and status.clearance == "internal"
    assert "wrong password" in status.problem


def test_create_refuses_bad_urls_and_roles_without_createrole(make_laptop, team_url, pg_cluster):
    admin = make_laptop("admin")
    url, password = split(team_url)
    with pytest.raises(TeamError, match="carries a password"):
        admin.team.create(team_url, "Team", password)
    with pytest.raises(TeamError, match="must name the admin's database role"):
        admin.team.create(no_user(team_url), "Team", password)
    with pytest.raises(TeamError, match="must look like"):
        admin.team.create("http://example.org/x", "Team", password)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        conn.execute("CREATE ROLE plain_user LOGIN PASSWORD 'plain user password'")
    try:
        plain = url.replace("postgres@", "plain_user@")
        with pytest.raises(TeamError, match="may not create roles"):
            admin.team.create(plain, "Team", "plain user password")
    finally:
        with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
            conn.execute("DROP ROLE plain_user")
    assert not admin.team.status().in_team


def test_bad_requests_are_refused(make_laptop, team_url):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    request = bea.team.request("Bea", MEMBER_PASSWORD)
    tampered = json.loads(request)
    tampered["display_name"] = "Mallory"
    for raw, reason in ((b"not json", "not JSON"), (b"{}", "not a team membership request"),
                        (json.dumps(tampered).encode(), "signature does not verify"),
                        (b"x" * 20_000, "too large")):
        with pytest.raises(TeamError, match=reason):
            admin.team.admit(raw, "internal", password)
    with pytest.raises(TeamError, match="unknown classification"):
        admin.team.admit(request.encode(), "top-secret", password)
    admin.team.admit(request.encode(), "public", password)
    with pytest.raises(TeamError, match="already"):
        admin.team.admit(request.encode(), "public", password)
    with pytest.raises(TeamError, match="at least 12"):
        make_laptop("short").team.request("Short", "short")


def test_items_from_strangers_or_forged_do_not_verify(make_laptop, team_url):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea", "internal")
    signature = admin.team.keys.sign(b"item bytes")
    bea.team.keys.verify(admin.team.keys.member_id, b"item bytes", signature)
    with pytest.raises(IntegrityError, match="wrong signature"):
        bea.team.keys.verify(admin.team.keys.member_id, b"item bytes!", signature)
    with pytest.raises(IntegrityError, match="not a team member"):
        bea.team.keys.verify("0123456789abcdef", b"item bytes", signature)


def test_upgrade_is_idempotent_and_an_empty_database_has_no_team(make_laptop, team_url,
                                                                 new_team_db):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    assert admin.team.upgrade(password) == "0001"
    join(bea, admin, password, team_url, "Bea", "internal")
    empty = no_user(new_team_db())
    with pytest.raises(TeamError, match="admin runs `team create`"), \
            admin.team.server(password, url=empty) as server:
        admin.team.refresh(server)
    with pytest.raises(TeamError, match="only the team admin"):
        bea.team.upgrade(MEMBER_PASSWORD)
