"""A damaged hub.db: every command says so in one line, exits 4, and changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, run_cli

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE}
PAGE = 4096


@pytest.fixture
def damaged_hub(demo_hub_template, tmp_path) -> Path:
    folder = tmp_path / "hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    database = folder / "hub.db"
    data = bytearray(database.read_bytes())
    assert len(data) > PAGE * 12
    for offset in range(PAGE * 5, len(data) - PAGE, PAGE):  # page 1 stays intact
        data[offset + 100 : offset + 200] = bytes(100)
    database.write_bytes(bytes(data))
    return folder


@pytest.mark.parametrize("command", [["list"], ["search", "grooming"], ["check"]])
def test_damaged_database_is_one_line_and_exit_4(damaged_hub, command):
    before = (damaged_hub / "hub.db").read_bytes()
    result = run_cli("--hub", str(damaged_hub), *command, env=ENV)
    assert result.returncode == 4
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "hub.db" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert (damaged_hub / "hub.db").read_bytes() == before
