"""`expertise sync` (main(argv)) against the real PostgreSQL: JSON, exit codes."""

from __future__ import annotations

import json

from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE
from tests.team.teamkit import MEMBER_PASSWORD, join, make_team


def _sync(hub_path, password: str, *args: str):
    env = {"EXPERTISE_PASSPHRASE": PASSPHRASE, "EXPERTISE_SERVER_PASSWORD": password}
    return run_cli_here("--hub", str(hub_path), "sync", *args, env=env)


def test_sync_json_conflicts_and_exit_codes(make_laptop, team_url):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea", "internal")
    note = admin.entries.add("advice", {"title": "Via de CLI", "classification": "internal"})
    admin.team.sync(password), bea.team.sync(MEMBER_PASSWORD)
    admin.entries.update(note.id, {"title": "Admin"})
    bea.entries.update(note.id, {"title": "Bea"})
    admin.team.sync(password)
    paths = admin.path, bea.path
    admin.close(), bea.close()

    done = _sync(paths[1], MEMBER_PASSWORD, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["conflicts"] == [note.id] and report["open_conflicts"] == 1
    listed = _sync(paths[1], MEMBER_PASSWORD, "--conflicts", "--json")
    [conflict] = json.loads(listed.stdout)
    assert (conflict["title_here"], conflict["title_theirs"]) == ("Bea", "Admin")
    resolved = _sync(paths[1], MEMBER_PASSWORD, "--resolve", note.id, "theirs")
    assert resolved.returncode == 0, resolved.stderr
    bad = _sync(paths[1], MEMBER_PASSWORD, "--resolve", note.id, "theirs")
    assert bad.returncode == 1 and "no open team conflict" in bad.stderr
    text = _sync(paths[1], MEMBER_PASSWORD)
    assert text.returncode == 0 and "pushed 0, pulled 0" in text.stdout
    wrong = _sync(paths[1], "not the password 123")
    assert wrong.returncode == 3 and "Traceback" not in wrong.stderr
