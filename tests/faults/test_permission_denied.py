"""Permission denied, for real: the CLI runs without root's power to ignore file modes.

These machines run the tests as root, and root reads and writes whatever the
mode bits say. `setpriv` drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from
the CLI process, so a folder of mode 0500 refuses it as it refuses any user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO
from tests.faults import kit

DROP = "-dac_override,-dac_read_search"
FAULT = "permission denied (real, capabilities dropped)"


def _require_setpriv() -> None:
    problem = None
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        problem = "dropping root's file capabilities needs root"
    elif shutil.which("setpriv") is None:
        problem = "no setpriv command (util-linux)"
    if problem and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"fault tests must run under CI: {problem}")
    if problem:
        pytest.skip(f"real permission test skipped: {problem}")


def _cli_without_override(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXPERTISE_")}
    env["EXPERTISE_PASSPHRASE"] = PASSPHRASE
    command = [
        "setpriv", f"--bounding-set={DROP}", f"--inh-caps={DROP}",
        sys.executable, "-m", "expertise", "--hub", str(folder), *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)


@pytest.fixture
def locked_folder(tmp_path: Path):
    folder = tmp_path / "not-mine"
    folder.mkdir()
    folder.chmod(0o500)  # read and enter, never write
    yield folder
    folder.chmod(0o700)


@pytest.mark.parametrize(
    ("operation", "args"),
    [
        ("Markdown export (CLI)", ("export", "--format", "md", "{target}/export")),
        ("JSON export (CLI)", ("export", "--json", "-o", "{target}/all.json")),
        ("backup (CLI)", ("backup", "{target}/backup")),
    ],
)
def test_writing_into_a_folder_without_permission_is_one_line_exit_7(
    tmp_path: Path, locked_folder: Path, operation: str, args: tuple[str, ...]
):
    _require_setpriv()
    seeded = kit.seed_hub(tmp_path / "hub")
    filled = [arg.format(target=locked_folder) for arg in args]
    result = _cli_without_override(seeded.folder, *filled)
    line = kit.one_line(result.stderr)
    assert result.returncode == 7, result.stderr
    assert "permission" in line.lower() and seeded.marker not in line
    assert list(locked_folder.iterdir()) == []
    kit.verify_nothing_lost(seeded)
    kit.record(FAULT, operation, line, 7, "target folder 0500")


def test_a_hub_whose_files_cannot_be_read_says_so(tmp_path: Path):
    _require_setpriv()
    seeded = kit.seed_hub(tmp_path / "hub")
    database = seeded.folder / "hub.db"
    database.chmod(0o000)
    try:
        result = _cli_without_override(seeded.folder, "list")
    finally:
        database.chmod(0o600)
    line = kit.one_line(result.stderr)
    assert result.returncode == 7, result.stderr
    assert "permission" in line.lower() and seeded.marker not in line
    kit.verify_nothing_lost(seeded)
    kit.record(FAULT, "open/list (CLI)", line, 7, "hub.db 0000")
