"""A real full disk (6 MB tmpfs) under a knowledge-pack import and a course-pack export."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from expertise import space
from expertise.cli import main as cli_main
from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE, run_cli
from tests.faults import kit, mounts

PACK_PASS = "pack passphrase for fault tests"
ENV = {**kit.ENV, "EXPERTISE_PACK_PASSPHRASE": PACK_PASS}


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with mounts.tmpfs(tmp_path / "disk", size_mb=6) as mounted:
        yield mounted


def _bulky_pack(folder: Path, out: Path, marker: str) -> Path:
    """A signed pack of 20 entries with ~100 KB of hardly compressible text each."""
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as source:
        for number in range(20):
            filler = " ".join(uuid.uuid4().hex for _ in range(3000))
            source.entries.add(
                "practice",
                {"title": f"Werkwijze ketensamenwerking {number}", "body": filler + marker},
            )
        source.packs.export(out, PACK_PASS, "internal", kdf=KdfParams.floor())
    return out


def test_pack_import_onto_full_disk_refused_then_midway_real_enospc(
    tmp_path: Path,
    disk: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    seeded = kit.seed_hub(disk / "hub")
    pack = _bulky_pack(tmp_path / "source", tmp_path / "bulky.ekp", seeded.marker)
    mounts.fill_to(disk, 300 * 1024)
    args = ("pack", "import", str(pack), "--trust")
    result = run_cli("--hub", str(seeded.folder), *args, env=ENV)
    line = kit.one_line(result.stderr)
    assert result.returncode == 5 and "is full" in line and "nothing was changed" in line
    monkeypatch.setattr(space, "for_pack_import", lambda *a, **k: 0)
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("EXPERTISE_PACK_PASSPHRASE", PACK_PASS)
    code = cli_main(["--hub", str(seeded.folder), *args])
    midway = kit.one_line(capsys.readouterr().err)
    assert code == 5 and "is full" in midway
    monkeypatch.undo()
    kit.verify_nothing_lost(seeded)
    with Hub.open(seeded.folder, PASSPHRASE) as hub:
        assert hub.entries.count() == len(seeded.committed)
    kit.record("disk full (real tmpfs)", "pack import (CLI)", line, 5, "refused up front")
    kit.record("disk full (real tmpfs)", "pack import (CLI)", midway, 5, "ran out midway")


def _course(folder: Path) -> tuple[kit.Seeded, str]:
    seeded = kit.seed_hub(folder, entries=30)
    with Hub.open(folder, PASSPHRASE) as hub:
        courses = hub.courses
        pack = courses.create("Basiscursus ketenaanpak", "internal")
        courses.add_entries(pack.id, list(seeded.committed))
    return seeded, pack.id


@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_course_export_to_full_disk_refused_then_midway_real_enospc(
    tmp_path: Path,
    disk: Path,
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    seeded, pack_id = _course(tmp_path / "hub")
    mounts.fill_to(disk, 8 * 1024)
    out = disk / ("course.pdf" if fmt == "pdf" else "course")
    args = ("course", "export", pack_id, f"--{fmt}", str(out))
    result = kit.cli(seeded.folder, *args)
    line = kit.one_line(result.stderr)
    assert result.returncode == 5 and str(disk) in line and seeded.marker not in line
    monkeypatch.setattr(space, "for_course_export", lambda *a, **k: 0)
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    code = cli_main(["--hub", str(seeded.folder), *args])
    midway = kit.one_line(capsys.readouterr().err)
    assert code == 5 and seeded.marker not in midway
    monkeypatch.undo()
    leftovers = [p for p in disk.rglob("*") if p.name != "ballast.bin"]
    assert not [p for p in leftovers if p.is_file()], f"half export left: {leftovers}"
    kit.verify_nothing_lost(seeded, also_scan=[disk])
    operation = f"course export {fmt.upper()} (CLI)"
    kit.record("disk full (real tmpfs)", operation, line, 5, "refused up front")
    kit.record("disk full (real tmpfs)", operation, midway, 5, "ran out midway")
