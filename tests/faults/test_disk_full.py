"""A real full disk: a 6 MB tmpfs holding the hub (or the target), filled with ballast.

Two ways to hit it: the space check refuses up front (the common case), or the
check is bypassed so the write really runs into ENOSPC / SQLITE_FULL midway
(`..._midway`): the transaction rolls back and the message is the same kind.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from expertise import space
from expertise.cli import main as cli_main
from expertise.hub import Hub
from expertise.oserrors import FaultKind, HubFault
from tests.conftest import PASSPHRASE
from tests.faults import kit, mounts

MB = 1024 * 1024


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with mounts.tmpfs(tmp_path / "disk", size_mb=6) as mounted:
        yield mounted


@pytest.fixture
def seeded_on_disk(disk: Path) -> kit.Seeded:
    return kit.seed_hub(disk / "hub")


def _no_space_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the write start so that it meets the full disk for real."""
    for name in ("for_import", "for_reindex", "for_backup", "for_export", "for_pack_import"):
        monkeypatch.setattr(space, name, lambda *args, **kwargs: 0)
    monkeypatch.setattr(space, "for_course_export", lambda *args, **kwargs: 0)


def _cli_in_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str]:
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    code = cli_main(list(args))
    return code, capsys.readouterr().err


def test_import_3000_notes_into_nearly_full_6mb_tmpfs_is_refused_up_front(
    seeded_on_disk: kit.Seeded, tmp_path: Path
):
    """The issue's case: exit 5 and one line with the figures, not a 66-line traceback."""
    notes = kit.write_notes(tmp_path / "notes", 3000, seeded_on_disk.marker)
    mounts.fill_to(seeded_on_disk.folder.parent, 2 * MB)
    result = kit.cli(seeded_on_disk.folder, "import", str(notes))
    line = kit.one_line(result.stderr)
    assert result.returncode == 5
    assert "is full" in line and "free" in line and "MB" in line and "nothing was changed" in line
    assert seeded_on_disk.marker not in line
    kit.verify_nothing_lost(seeded_on_disk, plaintext_ok=[notes])
    with Hub.open(seeded_on_disk.folder, PASSPHRASE) as hub:
        assert hub.entries.count() == len(seeded_on_disk.committed)
    kit.record(
        "disk full (real tmpfs)", "import (CLI)", line, result.returncode, "refused up front"
    )


def test_import_runs_out_of_space_midway_real_sqlite_full(
    seeded_on_disk: kit.Seeded,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    notes = kit.write_notes(tmp_path / "notes", 3000, seeded_on_disk.marker)
    mounts.fill_to(seeded_on_disk.folder.parent, 2 * MB)
    _no_space_check(monkeypatch)
    code, err = _cli_in_process(
        capsys, monkeypatch, "--hub", str(seeded_on_disk.folder), "import", str(notes)
    )
    line = kit.one_line(err)
    assert code == 5 and "is full" in line and "nothing was changed" in line
    monkeypatch.undo()
    kit.verify_nothing_lost(seeded_on_disk, plaintext_ok=[notes])
    kit.record("disk full (real tmpfs)", "import (CLI)", line, code, "ran out midway")


def test_edit_save_on_full_disk_real_enospc_rolls_back_and_retries(seeded_on_disk: kit.Seeded):
    entry_id = next(iter(seeded_on_disk.committed))
    with Hub.open(seeded_on_disk.folder, PASSPHRASE) as hub:
        before = hub.entries.get(entry_id)
        ballast = mounts.fill_to(seeded_on_disk.folder.parent, 0)
        big = "Uitgebreide werkinstructie voor de intake. " * 60_000  # ~2.6 MB of text
        with pytest.raises(HubFault) as raised:
            hub.entries.update(entry_id, {"body": big + seeded_on_disk.marker})
        fault = raised.value.fault
        assert fault.kind is FaultKind.DISK_FULL and fault.exit_code == 5
        assert "\n" not in fault.message and seeded_on_disk.marker not in fault.message
        assert hub.entries.get(entry_id).revision == before.revision
        ballast.unlink()
        saved = hub.entries.update(entry_id, {"body": "Korte versie na vrijmaken van ruimte."})
        assert saved.revision == before.revision + 1
    kit.verify_nothing_lost(seeded_on_disk)
    kit.record("disk full (real tmpfs)", "edit/save (Hub)", fault.message, 5, "ran out midway")


def test_reindex_refused_up_front_then_midway_real_enospc(
    seeded_on_disk: kit.Seeded, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    mounts.fill_to(seeded_on_disk.folder.parent, 0)
    result = kit.cli(seeded_on_disk.folder, "reindex")
    line = kit.one_line(result.stderr)
    assert result.returncode == 5 and "is full" in line
    _no_space_check(monkeypatch)
    code, err = _cli_in_process(capsys, monkeypatch, "--hub", str(seeded_on_disk.folder), "reindex")
    midway = kit.one_line(err)
    assert code == 5 and "is full" in midway
    monkeypatch.undo()
    (seeded_on_disk.folder.parent / "ballast.bin").unlink()
    kit.verify_nothing_lost(seeded_on_disk)
    kit.record("disk full (real tmpfs)", "reindex (CLI)", line, 5, "refused up front")
    kit.record("disk full (real tmpfs)", "reindex (CLI)", midway, 5, "ran out midway")


def test_backup_to_full_target_refused_then_midway_leaves_no_half_copy(
    tmp_path: Path, disk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    seeded = kit.seed_hub(tmp_path / "hub", entries=40)
    mounts.fill_to(disk, 64 * 1024)
    target = disk / "backup"
    result = kit.cli(seeded.folder, "backup", str(target))
    line = kit.one_line(result.stderr)
    assert result.returncode == 5 and str(disk) in line and "is full" in line
    _no_space_check(monkeypatch)
    code, err = _cli_in_process(
        capsys, monkeypatch, "--hub", str(seeded.folder), "backup", str(target)
    )
    midway = kit.one_line(err)
    assert code == 5 and str(disk) in midway
    assert not target.exists() or not any(target.iterdir()), "no half backup is left"
    monkeypatch.undo()
    kit.verify_nothing_lost(seeded, also_scan=[disk])
    kit.record("disk full (real tmpfs)", "backup (CLI)", line, 5, "refused up front")
    kit.record("disk full (real tmpfs)", "backup (CLI)", midway, 5, "ran out midway")


def test_markdown_export_to_full_target_real_enospc(
    tmp_path: Path, disk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    seeded = kit.seed_hub(tmp_path / "hub", entries=40)
    with Hub.open(seeded.folder, PASSPHRASE) as hub:
        hub.entries.update(next(iter(seeded.committed)), {"body": "x" * 400_000})
    mounts.fill_to(disk, 64 * 1024)
    target = disk / "export"
    result = kit.cli(seeded.folder, "export", "--format", "md", str(target))
    line = kit.one_line(result.stderr)
    assert result.returncode == 5 and str(disk) in line
    _no_space_check(monkeypatch)
    code, err = _cli_in_process(
        capsys, monkeypatch, "--hub", str(seeded.folder), "export", "--format", "md", str(target)
    )
    midway = kit.one_line(err)
    assert code == 5 and seeded.marker not in midway and str(disk) in midway
    assert not list(target.glob(".*.tmp")), "no temporary export file is left"
    monkeypatch.undo()
    # A finished export file is plaintext by design; only temporary files must not be.
    kit.verify_nothing_lost(seeded, also_scan=[disk], plaintext_ok=list(target.glob("*.md")))
    kit.record("disk full (real tmpfs)", "Markdown export (CLI)", line, 5, "refused up front")
    kit.record("disk full (real tmpfs)", "Markdown export (CLI)", midway, 5, "ran out midway")


def test_json_export_to_full_target_refused(tmp_path: Path, disk: Path):
    seeded = kit.seed_hub(tmp_path / "hub", entries=40)
    with Hub.open(seeded.folder, PASSPHRASE) as hub:
        hub.entries.update(next(iter(seeded.committed)), {"body": "x" * 400_000})
    mounts.fill_to(disk, 16 * 1024)
    result = kit.cli(seeded.folder, "export", "-o", str(disk / "out.json"))
    line = kit.one_line(result.stderr)
    assert result.returncode == 5 and not (disk / "out.json").exists()
    kit.verify_nothing_lost(seeded, also_scan=[disk])
    kit.record("disk full (real tmpfs)", "JSON export (CLI)", line, 5, "refused up front")


def test_space_estimates_are_honest_figures(tmp_path: Path, disk: Path):
    seeded = kit.seed_hub(disk / "hub")
    free = mounts.free_of(disk)
    assert space.for_rekey(seeded.folder) == space.hub_size(seeded.folder) + space.MARGIN
    with pytest.raises(HubFault) as raised:
        space.ensure(disk, free + 10 * MB)
    fault = raised.value.fault
    assert fault.needed_bytes == free + 10 * MB and fault.short_by_mb in (10, 11)
    assert json.dumps(fault.message)  # one plain line
