"""Row-level security: a member's own database role, connecting directly with psycopg, gets
nothing above its clearance, cannot change or delete items, and sees only its own keys."""

from __future__ import annotations

import psycopg
import pytest

from tests.team.conftest import laptops
from tests.team.teamkit import join, make_team, member_connect

ROW = ("INSERT INTO items (item_id, revision, level, epoch, author_id, size, ciphertext, "
       "signature) VALUES (%s, 1, %s, 1, %s, 4, %s, %s)")


@pytest.fixture(scope="module")
def team_url(new_team_db):
    return new_team_db()  # one team for the module: the tests only read, or write new rows


@pytest.fixture(scope="module")
def team(tmp_path_factory, laptop_template, team_url):
    with laptops(tmp_path_factory.mktemp("rls"), laptop_template) as make_laptop:
        admin, bea, cas = make_laptop("admin"), make_laptop("bea"), make_laptop("cas")
        password = make_team(admin, team_url)
        join(bea, admin, password, team_url, "Bea Internal", "internal")
        join(cas, admin, password, team_url, "Cas Public", "public")
        with psycopg.connect(team_url) as conn:  # the admin's (owner's) connection
            for level in range(3):
                conn.execute(ROW, (f"item-{level}", level, admin.team.keys.member_id,
                                   b"\x00" * 4, b"\x01" * 64))
        yield admin, bea, cas


def _levels(conn) -> list[int]:
    return sorted(r[0] for r in conn.execute("SELECT level FROM items").fetchall())


def test_members_see_items_up_to_their_clearance_only(team, team_url):
    _admin, bea, cas = team
    with member_connect(team_url, bea) as conn:
        assert _levels(conn) == [0, 1]
        assert conn.execute("SELECT count(*) FROM items WHERE level = 2").fetchone()[0] == 0
    with member_connect(team_url, cas) as conn:
        assert _levels(conn) == [0]


@pytest.mark.parametrize("statement", [
    "UPDATE items SET ciphertext = '\\x00'::bytea WHERE level = 0",
    "DELETE FROM items WHERE level = 0",
    "UPDATE members SET clearance = 2",
    "DELETE FROM wrapped_keys",
    "INSERT INTO key_epochs (level, epoch) VALUES (0, 99)",
])
def test_members_cannot_change_what_is_there(team, team_url, statement):
    _admin, bea, _cas = team
    with member_connect(team_url, bea) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)


def test_members_read_only_their_own_wrapped_keys(team, team_url):
    _admin, bea, cas = team
    with member_connect(team_url, bea) as conn:
        owners = {r[0] for r in conn.execute("SELECT member_id FROM wrapped_keys").fetchall()}
        levels = sorted(r[0] for r in conn.execute("SELECT level FROM wrapped_keys").fetchall())
    assert owners == {bea.team.keys.member_id}
    assert levels == [0, 1]
    with member_connect(team_url, cas) as conn:
        owners = {r[0] for r in conn.execute("SELECT member_id FROM wrapped_keys").fetchall()}
    assert owners == {cas.team.keys.member_id}


def test_members_insert_only_as_themselves_and_within_clearance(team, team_url):
    admin, bea, _cas = team
    me = bea.team.keys.member_id
    with member_connect(team_url, bea) as conn:
        conn.execute(ROW, ("mine", 1, me, b"\x00" * 4, b"\x01" * 64))
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # above clearance
            conn.execute(ROW, ("secret", 2, me, b"\x00" * 4, b"\x01" * 64))
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # as someone else
            conn.execute(ROW, ("forged", 0, admin.team.keys.member_id, b"\x00" * 4, b"\x01" * 64))


def test_a_role_outside_the_team_cannot_even_connect(pg_cluster, team, team_url):
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        conn.execute("CREATE ROLE outsider_rls LOGIN PASSWORD 'outsider password 1'")
    try:
        url = team_url.replace(f"postgres:{pg_cluster.password}@", "outsider_rls:"
                               "outsider%20password%201@")
        with pytest.raises(psycopg.OperationalError, match="permission denied"):
            psycopg.connect(url, connect_timeout=5)
    finally:
        with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
            conn.execute("DROP ROLE outsider_rls")
