"""`course export` and `pack export` on the CLI: personal data lists hits, exit 1.

`--allow-personal-data` writes the export and leaves an audit event that
names entry ids, pattern kinds and counts; neither the listing nor the audit
row holds the text that matched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.privacy import AUDIT_ACTION
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE}
PHONE = "+31 6 1234 5678"
MAIL = "r.de.wit@example.nl"


def cli(folder: Path, *args: str):
    return run_cli_here("--hub", str(folder), *args, env=ENV)


@pytest.fixture
def leaky_hub(tmp_path: Path) -> dict[str, object]:
    folder = tmp_path / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        body = f"Het gezin was bereikbaar op {PHONE}; de school mailde {MAIL}."
        dirty = hub.entries.add(
            "practice", {"title": "Voorbeeldzaak West", "classification": "internal", "body": body}
        ).id
    made = cli(folder, "course", "create", "Basiscursus", "--ceiling", "internal")
    assert made.returncode == 0, made.stderr
    added = cli(folder, "course", "add", "Basiscursus", dirty)
    assert added.returncode == 0, added.stderr
    return {"folder": folder, "dirty": dirty}


def _override_rows(folder: Path) -> list[dict[str, object]]:
    with Hub.open(folder, PASSPHRASE) as hub:
        return [dict(r.detail) for r in hub.maintenance.audit_log() if r.action == AUDIT_ACTION]


def test_course_export_lists_hits_and_exits_1(leaky_hub, tmp_path: Path) -> None:
    folder, dirty = leaky_hub["folder"], leaky_hub["dirty"]
    out = tmp_path / "c.html"
    refused = cli(folder, "course", "export", "Basiscursus", "--html", str(out))
    assert refused.returncode == 1
    assert not out.exists()
    lines = refused.stderr.splitlines()
    assert any(str(dirty) in line and "Voorbeeldzaak West" in line for line in lines)
    assert any("body" in line and "phone" in line and "+3" in line for line in lines)
    assert any("body" in line and "email" in line for line in lines)
    assert "--allow-personal-data" in lines[-1]
    assert PHONE not in refused.stderr and MAIL not in refused.stderr
    assert _override_rows(folder) == []
    as_json = cli(folder, "course", "export", "Basiscursus", "--html", str(out), "--json")
    assert as_json.returncode == 1
    [item] = json.loads(as_json.stdout)["personal_data"]
    assert item["id"] == dirty and [h["pattern"] for h in item["hits"]] == ["phone", "email"]
    assert PHONE not in as_json.stdout and MAIL not in as_json.stdout


def test_course_export_override_is_audited_without_content(leaky_hub, tmp_path: Path) -> None:
    folder, dirty = leaky_hub["folder"], leaky_hub["dirty"]
    out = tmp_path / "c.html"
    done = cli(
        folder, "course", "export", "Basiscursus", "--html", str(out), "--allow-personal-data"
    )
    assert done.returncode == 0, done.stderr
    assert out.exists()
    [detail] = _override_rows(folder)
    assert detail["entries"] == [dirty]
    assert detail["kinds"] == {"email": 1, "phone": 1}
    assert detail["hits"] == 2 and detail["how"] == "all"
    text = json.dumps(detail)
    assert PHONE not in text and MAIL not in text and "example" not in text


def test_pack_export_refused_then_overridden(leaky_hub, tmp_path: Path) -> None:
    folder = leaky_hub["folder"]
    secret = tmp_path / "pack-pass.txt"
    secret.write_text("pack passphrase for tests\n")
    out = tmp_path / "p.ehpack"
    args = ("pack", "export", str(out), "--ceiling", "internal")
    refused = cli(folder, *args, "--pack-passphrase-file", str(secret))
    assert refused.returncode == 1
    assert "phone" in refused.stderr and PHONE not in refused.stderr
    assert not out.exists()
    done = cli(folder, *args, "--pack-passphrase-file", str(secret), "--allow-personal-data")
    assert done.returncode == 0, done.stderr
    assert out.exists()
    [detail] = _override_rows(folder)
    assert detail["export"] == "pack-export"
