"""Faults of a sync against the real PostgreSQL: the server unreachable or going away in the
middle of a pull, a member removed during a sync, a laptop whose clock is wrong."""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest

from expertise.team import sync as sync_module
from expertise.team.errors import ServerRefused, ServerUnavailable
from tests.team.teamkit import MEMBER_PASSWORD, join, make_team


@pytest.fixture
def pair(make_laptop, team_url):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea", "confidential")
    return admin, password, bea, team_url


def _fill(hub, count: int) -> list[str]:
    return [hub.entries.add("advice", {"title": f"Notitie {n}"}).id for n in range(count)]


def test_unreachable_server_changes_nothing_and_the_next_round_works(pair):
    admin, password, bea, _ = pair
    ids = _fill(admin, 3)
    real = admin.team.setting("server")
    admin.team.set_setting("server", "postgresql://127.0.0.1:9/nowhere")
    with pytest.raises(ServerUnavailable):
        admin.team.sync(password)
    assert admin.entries.count() == 3
    admin.team.set_setting("server", real)
    assert admin.team.sync(password).pushed == 3
    assert sorted(bea.team.sync(MEMBER_PASSWORD).created) == sorted(ids)


def _terminate_member_connections(team_url: str, role: str) -> None:
    with psycopg.connect(team_url, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,)
        )


def _pg_ctl(cluster, *args: str) -> None:
    import subprocess

    command = [str(cluster.bin_dir / "pg_ctl"), "-D", str(cluster.folder / "data"), *args]
    if cluster.user:
        command = ["runuser", "-u", cluster.user, "--", *command]
    subprocess.run(command, capture_output=True, check=True, timeout=120)


def _restart(cluster) -> None:
    options = (
        f"-p {cluster.port} -k {cluster.folder} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    _pg_ctl(cluster, "-o", options, "-l", str(cluster.folder / "server.log"), "-w", "start")


def test_server_stopped_mid_pull_resumes_without_loss_or_repeat(pair, pg_cluster, monkeypatch):
    admin, password, bea, _ = pair
    ids = _fill(admin, 9)
    admin.team.sync(password)
    monkeypatch.setattr(sync_module, "PULL_BATCH", 3)

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "pull" and done == 3:  # the first batch is committed: the server stops
            _pg_ctl(pg_cluster, "-m", "fast", "-w", "stop")

    try:
        with pytest.raises(ServerUnavailable):
            bea.team.sync(MEMBER_PASSWORD, progress=progress)
    finally:
        _restart(pg_cluster)
    assert bea.entries.count() == 3  # the committed batch stays
    rest = bea.team.sync(MEMBER_PASSWORD)
    assert len(rest.created) == 6 and bea.entries.count() == 9
    assert sorted(e.id for e in bea.entries.list()) == sorted(ids)
    # Nothing applied twice: one revision per entry here.
    assert {len(bea.entries.revisions(i)) for i in ids} == {1}


def test_connection_killed_between_batches_reconnects(pair, monkeypatch):
    """The server drops this member's connection between two batches: the next batch
    connects again (pre-ping) and the round ends complete, nothing applied twice."""
    admin, password, bea, team_url = pair
    _fill(admin, 4)
    admin.team.sync(password)
    from expertise.team import remote

    real_pull = remote.ServerItems.pull
    calls = {"n": 0}

    def dying_pull(self, after: int, limit: int):
        calls["n"] += 1
        if calls["n"] == 2:
            _terminate_member_connections(team_url, bea.team.role())
        return real_pull(self, after, limit)

    monkeypatch.setattr(sync_module, "PULL_BATCH", 2)
    monkeypatch.setattr(remote.ServerItems, "pull", dying_pull)
    report = bea.team.sync(MEMBER_PASSWORD)
    assert calls["n"] >= 3 and len(report.created) == 4 and bea.entries.count() == 4
    assert bea.team.sync(MEMBER_PASSWORD).created == []


def test_member_removed_during_a_sync(pair, monkeypatch):
    admin, password, bea, _ = pair
    _fill(admin, 6)
    admin.team.sync(password)
    monkeypatch.setattr(sync_module, "PULL_BATCH", 2)
    removed = {"done": False}

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "pull" and not removed["done"]:
            removed["done"] = True
            admin.team.remove(bea.team.setting("member_id"), password)

    # The round either stops at its next request (the role is gone) or ends having seen
    # nothing after the removal (RLS: no longer active); it never breaks the local hub.
    try:
        report = bea.team.sync(MEMBER_PASSWORD, progress=progress)
    except (ServerRefused, ServerUnavailable):
        report = None
    assert removed["done"]
    assert report is None or report.pulled == 2
    assert bea.entries.count() == 2  # what was synced before the removal stays
    with pytest.raises(ServerRefused):
        bea.team.sync(MEMBER_PASSWORD)


def test_a_wrong_clock_does_not_order_anything(pair, monkeypatch):
    """Bea's clock is ten years behind: her later edit still wins, by revision, not time."""
    from expertise.models import base
    from expertise.services import entries

    admin, password, bea, _ = pair
    [note] = _fill(admin, 1)
    admin.team.sync(password), bea.team.sync(MEMBER_PASSWORD)

    def past() -> datetime:
        return datetime(2016, 1, 1)

    monkeypatch.setattr(base, "utcnow", past)
    monkeypatch.setattr(entries, "utcnow", past)
    bea.entries.update(note, {"title": "Later, met een verkeerde klok"})
    assert bea.entries.get(note).updated_at.year == 2016
    assert bea.team.sync(MEMBER_PASSWORD).pushed == 1
    monkeypatch.undo()
    assert admin.team.sync(password).updated == [note]
    assert admin.entries.get(note).title == "Later, met een verkeerde klok"
