"""The `expertise` command line: commands and exit codes (ARCHITECTURE §6).

Most tests run `main(argv)` in this process (tests/cli_here.py); the ones whose point is the
separate process stay real subprocesses: `init` with the KDF calibrated to this machine, the
exit codes the shell sees for a wrong passphrase and a usage error, and no terminal on stdin.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE, run_cli

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE}


@pytest.fixture
def cli_hub(demo_hub_template, tmp_path) -> Path:
    import shutil

    folder = tmp_path / "hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


def cli(folder: Path, *args: str, env: dict[str, str] | None = None):
    return run_cli_here("--hub", str(folder), *args, env=env if env is not None else ENV)


def cli_process(folder: Path, *args: str, env: dict[str, str] | None = None):
    return run_cli("--hub", str(folder), *args, env=env if env is not None else ENV)


def test_init_add_show(tmp_path):
    folder = tmp_path / "new"
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    made = run_cli("--hub", str(folder), "--passphrase-file", str(secret), "init")
    assert made.returncode == 0, made.stderr
    added = cli(
        folder,
        "add",
        "advice",
        "--title",
        "Advies via CLI",
        "--body",
        "Zie [[Niets]]",
        "--tag",
        "cli",
        "--field",
        "audience=public",
    )
    assert added.returncode == 0, added.stderr
    entry_id = added.stdout.strip()
    shown = cli(folder, "show", entry_id, "--json")
    data = json.loads(shown.stdout)
    assert data["title"] == "Advies via CLI" and data["audience"] == "public"
    assert data["tags"] == ["cli"]


def test_wrong_passphrase_exits_3(cli_hub):
    result = cli_process(cli_hub, "list", env={"EXPERTISE_PASSPHRASE": "wrong one"})
    assert result.returncode == 3 and "Traceback" not in result.stderr


def test_no_passphrase_without_terminal_exits_3(cli_hub):
    result = cli_process(cli_hub, "list", env={})
    assert result.returncode == 3 and "passphrase" in result.stderr


def test_tampered_header_exits_4(cli_hub):
    header = cli_hub / "vault.json"
    header.write_text(header.read_text().replace('"version": 1', '"version": 1 ', 1) + "x")
    result = cli(cli_hub, "list")
    assert result.returncode == 4, result.stderr
    assert "Traceback" not in result.stderr


def test_tampered_database_exits_4(cli_hub):
    db = cli_hub / "hub.db"
    data = bytearray(db.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 100] ^= 0xFF
    db.write_bytes(bytes(data))
    result = cli(cli_hub, "check")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2(cli_hub):
    assert cli_process(cli_hub, "add", "recipe", "--title", "x").returncode == 2


def test_unknown_id_exits_1(cli_hub):
    result = cli(cli_hub, "show", "00000000-0000-4000-8000-000000000000")
    assert result.returncode == 1 and "no entry" in result.stderr


def test_search_json_contract(cli_hub):
    result = cli(cli_hub, "search", "slachtofferidentificatie", "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"query", "total", "results", "facets", "suggestion", "notice"}
    assert data["notice"] is None  # only a read-only hub with a stale index gives a notice
    assert data["total"] >= 1
    assert set(data["results"][0]) == {"id", "kind", "title", "score", "snippet"}


def test_export_json_to_file_and_md(cli_hub, tmp_path):
    out = tmp_path / "all.json"
    assert cli(cli_hub, "export", "--json", "-o", str(out)).returncode == 0
    assert len(json.loads(out.read_text())) >= 40
    md = tmp_path / "md"
    assert cli(cli_hub, "export", "--format", "md", str(md)).returncode == 0
    assert len(list(md.glob("*.md"))) >= 40


def test_passwd_then_old_passphrase_fails(cli_hub):
    result = cli(
        cli_hub, "passwd", env={**ENV, "EXPERTISE_NEW_PASSPHRASE": "nieuwe zin voor de hub"}
    )
    assert result.returncode == 0, result.stderr
    assert cli(cli_hub, "list").returncode == 3
    assert (
        cli(cli_hub, "list", env={"EXPERTISE_PASSPHRASE": "nieuwe zin voor de hub"}).returncode == 0
    )


def test_backup_opens_with_same_passphrase(cli_hub, tmp_path):
    target = tmp_path / "backup"
    assert cli(cli_hub, "backup", str(target)).returncode == 0
    listed = cli(target, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == len(json.loads(cli(cli_hub, "list", "--json").stdout))


def test_check_is_clean_on_a_good_hub(cli_hub):
    result = cli(cli_hub, "check", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["ok"] is True


def test_erase_person_removes_every_trace(cli_hub):
    experts = json.loads(cli(cli_hub, "list", "--kind", "expert", "--json").stdout)
    victim = experts[0]
    result = cli(cli_hub, "erase-person", victim["id"], "--json")
    assert result.returncode == 0, result.stderr
    assert cli(cli_hub, "show", victim["id"]).returncode == 1
    exported = cli(cli_hub, "export", "--json").stdout
    assert victim["id"] not in exported
    family_name = victim["title"].split()[-1]
    found = json.loads(cli(cli_hub, "search", f'"{victim["title"]}"', "--json").stdout)
    assert all(hit["id"] != victim["id"] for hit in found["results"])
    assert family_name  # the name may still appear in free text, which erase reports
