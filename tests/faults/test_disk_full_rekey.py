"""A re-key on a real full disk (6 MB tmpfs): refused up front, or out of room midway."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from expertise import rekey
from expertise.cli import main as cli_main
from tests.conftest import PASSPHRASE, run_cli
from tests.faults import kit, mounts

NEW = "a fresh passphrase for the re-key"


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[kit.Seeded]:
    with mounts.tmpfs(tmp_path / "disk", size_mb=6) as disk:
        yield kit.seed_hub(disk / "hub", entries=20)


def test_rekey_on_full_disk_refused_up_front(seeded: kit.Seeded):
    mounts.fill_to(seeded.folder.parent, 256 * 1024)
    env = {**kit.ENV, "EXPERTISE_NEW_PASSPHRASE": NEW}
    result = run_cli("--hub", str(seeded.folder), "rekey", env=env)
    line = kit.one_line(result.stderr)
    assert result.returncode == 5 and "MB free" in line and "nothing was changed" in line
    kit.verify_nothing_lost(seeded)
    kit.record("disk full (real tmpfs)", "rekey (CLI)", line, 5, "refused up front")


def test_rekey_runs_out_of_space_midway_real_enospc(
    seeded: kit.Seeded, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    ballast = mounts.fill_to(seeded.folder.parent, 200 * 1024)
    monkeypatch.setattr(rekey, "check_space", lambda folder: None)
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("EXPERTISE_NEW_PASSPHRASE", NEW)
    code = cli_main(["--hub", str(seeded.folder), "rekey"])
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error")]
    assert code == 5 and len(lines) == 1 and "is full" in lines[0]
    monkeypatch.undo()
    assert not (seeded.folder / rekey.STAGE_DIR).exists()
    ballast.unlink()
    kit.verify_nothing_lost(seeded)  # the old passphrase still opens every entry
    kit.record("disk full (real tmpfs)", "rekey (CLI)", lines[0], 5, "ran out midway")
