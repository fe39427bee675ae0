"""`expertise team …` end to end: real hubs, the real PostgreSQL, passwords never in argv."""

from __future__ import annotations

import json
import shutil

from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE
from tests.team.teamkit import MEMBER_PASSWORD, no_user, split


def _hub(folder, template):
    shutil.copytree(template, folder, ignore=shutil.ignore_patterns(".lock"))
    return str(folder)


def _cli(hub: str, *args: str, password: str | None = None, server: str | None = None):
    env = {"EXPERTISE_PASSPHRASE": PASSPHRASE}
    if password is not None:
        env["EXPERTISE_SERVER_PASSWORD"] = password
    if server is not None:
        env["EXPERTISE_SERVER"] = server
    return run_cli_here("--hub", hub, "team", *args, env=env)


def test_create_request_admit_status_remove(tmp_path, team_url, laptop_template):
    admin = _hub(tmp_path / "admin", laptop_template)
    bea = _hub(tmp_path / "bea", laptop_template)
    url, password = split(team_url)
    done = _cli(admin, "create", url, "--name", "Centrum", password=password)
    assert done.returncode == 0, done.stderr
    request_file = tmp_path / "bea-request.json"
    done = _cli(bea, "request", "-o", str(request_file), "--name", "Bea",
                password=MEMBER_PASSWORD, server=no_user(team_url))
    assert done.returncode == 0, done.stderr
    assert MEMBER_PASSWORD not in request_file.read_text()
    done = _cli(admin, "admit", str(request_file), "--clearance", "internal", password=password)
    assert done.returncode == 0, done.stderr
    assert "admitted Bea" in done.stdout
    done = _cli(bea, "status", "--json", password=MEMBER_PASSWORD)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["online"] is True and status["clearance"] == "internal"
    assert sorted(m["display_name"] for m in status["members"]) == ["Bea", "admin"]
    done = _cli(admin, "remove", "Bea", password=password)
    assert done.returncode == 0, done.stderr
    done = _cli(bea, "status", password=MEMBER_PASSWORD)
    assert done.returncode == 0 and "NOT reachable" in done.stdout
    assert "refused the login" in done.stdout


def test_faults_give_one_line_and_an_exit_code(tmp_path, team_url, laptop_template):
    admin = _hub(tmp_path / "admin", laptop_template)
    url, password = split(team_url)
    wrong = _cli(admin, "create", url, "--name", "Centrum", password="wrong password!!")
    assert wrong.returncode == 3 and "refused the login" in wrong.stderr
    in_url = _cli(admin, "create", team_url, "--name", "Centrum", password=password)
    assert in_url.returncode == 1 and "carries a password" in in_url.stderr
    no_password = _cli(admin, "create", url, "--name", "Centrum")
    assert no_password.returncode == 1 and "no password for the team server" in no_password.stderr
    closed = url.rsplit(":", 1)[0] + ":1/db"
    unreachable = _cli(admin, "create", closed, "--name", "Centrum", password=password)
    assert unreachable.returncode == 12 and "cannot be reached" in unreachable.stderr
    for done in (wrong, in_url, no_password, unreachable):
        assert "Traceback" not in done.stderr
        assert password not in done.stderr + done.stdout
