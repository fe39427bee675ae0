"""Create a team, admit two laptops with different clearances, read the status (real PostgreSQL)."""

from __future__ import annotations

import psycopg

from tests.team.teamkit import join, make_team, member_connect


def test_create_makes_this_hub_the_admin(make_laptop, team_url):
    admin = make_laptop("admin")
    make_team(admin, team_url)
    status = admin.team.status()
    assert status.in_team and status.is_admin and status.team_name == "Expertisecentrum"
    assert status.clearance == "confidential"
    assert status.epochs == {"public": 1, "internal": 1, "confidential": 1}
    assert [m.display_name for m in status.members] == ["Ada Admin"]
    with psycopg.connect(team_url) as conn:
        version = conn.execute("SELECT version_num FROM team_schema_version").fetchone()[0]
        names = conn.execute("SELECT name_sealed FROM members").fetchone()[0]
    assert version == "0001"
    assert b"Ada Admin" not in bytes(names)


def test_two_members_with_different_clearances(make_laptop, team_url):
    admin, bea, cas = make_laptop("admin"), make_laptop("bea"), make_laptop("cas")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea Internal", "internal")
    join(cas, admin, password, team_url, "Cas Public", "public")
    assert bea.team.keys.cleared_levels() == [0, 1]
    assert cas.team.keys.cleared_levels() == [0]
    assert bea.team.status().clearance == "internal"
    names = sorted(m.display_name for m in cas.team.status().members)
    assert names == ["Ada Admin", "Bea Internal", "Cas Public"]
    # the same level key on both laptops, and it is the admin's
    assert bytes(bea.team.keys.content_key(0, 1)) == bytes(admin.team.keys.content_key(0, 1))
    assert bytes(cas.team.keys.content_key(0, 1)) == bytes(admin.team.keys.content_key(0, 1))
    with member_connect(team_url, bea) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == bea.team.role()


def test_lock_wipes_the_loaded_team_keys(make_laptop, team_url):
    admin = make_laptop("admin")
    make_team(admin, team_url)
    level_key = admin.team.keys.content_key(2, 1)
    identity = admin.team.keys.identity()
    assert any(level_key) and any(identity.ed25519_seed)
    admin.lock()
    assert not any(level_key)
    assert not any(identity.ed25519_seed) and not any(identity.x25519_seed)
