"""Removing a member: the role is gone, a new epoch exists for each level it held, wrapped to
the remaining members only; what the member synced before stays (docs/TEAM.md)."""

from __future__ import annotations

import psycopg
import pytest

from expertise.team.errors import ServerRefused, TeamError, TeamKeyMissing
from tests.team.teamkit import join, make_team, member_connect


def test_remove_drops_the_role_and_rotates_the_keys(make_laptop, team_url):
    admin, bea, cas = make_laptop("admin"), make_laptop("bea"), make_laptop("cas")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea Internal", "internal")
    join(cas, admin, password, team_url, "Cas Public", "public")
    old_public = bytes(cas.team.keys.content_key(0, 1))

    removed = admin.team.remove("Cas Public", password)

    assert removed == cas.team.keys.member_id
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        member_connect(team_url, cas)
    with pytest.raises(ServerRefused, match="refused"), cas.team.server("member password 0123") \
            as server:
        cas.team.refresh(server)
    # level 0 (the only one Cas held) has a new epoch; internal and confidential do not
    assert [admin.team.keys.current_epoch(level) for level in range(3)] == [2, 1, 1]
    with psycopg.connect(team_url) as conn:
        holders = {r[0] for r in conn.execute(
            "SELECT member_id FROM wrapped_keys WHERE level = 0 AND epoch = 2").fetchall()}
        status = conn.execute("SELECT status FROM members WHERE member_id = %s",
                              (removed,)).fetchone()[0]
    assert holders == {admin.team.keys.member_id, bea.team.keys.member_id}
    assert status == "removed"
    with bea.team.server("member password 0123") as server:
        bea.team.refresh(server)
    assert bytes(bea.team.keys.content_key(0, 2)) == bytes(admin.team.keys.content_key(0, 2))
    with pytest.raises(TeamKeyMissing):
        cas.team.keys.content_key(0, 2)
    # what Cas had stays on Cas's laptop: the old key still opens old items there
    assert bytes(cas.team.keys.content_key(0, 1)) == old_public
    assert [m.status for m in admin.team.status().members if m.member_id == removed] == \
        ["removed"]


def test_remove_refuses_unknown_members_self_and_non_admins(make_laptop, team_url):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea", "internal")
    with pytest.raises(TeamError, match="no active team member"):
        admin.team.remove("nobody-like-this", password)
    with pytest.raises(TeamError, match="cannot remove themselves"):
        admin.team.remove(admin.team.keys.member_id, password)
    with pytest.raises(TeamError, match="only the team admin"):
        bea.team.remove(admin.team.keys.member_id, "member password 0123")
