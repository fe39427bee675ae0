"""EIO and EDQUOT injected at the file layer (see inject.py); ENAMETOOLONG for real.

A failing disk and a disk quota cannot be made on these machines without a
device of their own, so these writes are made to fail in Python's file layer.
A too-long file name is real: the kernel refuses the target folder's name.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from expertise.cli import main as cli_main
from expertise.hub import Hub
from tests.conftest import PASSPHRASE
from tests.faults import inject, kit

KINDS = {errno.EIO: ("read/write error", 9, "I/O error"), errno.EDQUOT: ("quota", 6, "quota")}


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str):
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    code = cli_main(list(args))
    return code, kit.one_line(capsys.readouterr().err)


@pytest.mark.parametrize("number", sorted(KINDS))
def test_markdown_export_injected_fault_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], number
):
    seeded = kit.seed_hub(tmp_path / "hub", entries=12)
    target = tmp_path / "export"
    inject.failing_writes(monkeypatch, number, target, after_bytes=2000)
    code, line = _run(
        monkeypatch, capsys, "--hub", str(seeded.folder), "export", "--format", "md", str(target)
    )
    words, exit_code, label = KINDS[number]
    assert code == exit_code and words in line and seeded.marker not in line
    assert str(target) in line, "the message names the export's folder, not the hub"
    monkeypatch.undo()
    assert not list(target.glob(".*.tmp")), "no temporary export file is left"
    kit.verify_nothing_lost(seeded, plaintext_ok=list(target.glob("*.md")))
    fault = f"{label} (injected, file layer)"
    kit.record(fault, "Markdown export (CLI)", line, exit_code, "after 2 kB")


@pytest.mark.parametrize("number", sorted(KINDS))
def test_backup_injected_fault_leaves_no_half_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], number
):
    seeded = kit.seed_hub(tmp_path / "hub")
    target = tmp_path / "backup"
    inject.failing_writes(monkeypatch, number, target)
    code, line = _run(monkeypatch, capsys, "--hub", str(seeded.folder), "backup", str(target))
    words, exit_code, label = KINDS[number]
    assert code == exit_code and words in line and str(target) in line
    monkeypatch.undo()
    assert not target.exists() or not any(target.iterdir()), "no half backup is left"
    kit.verify_nothing_lost(seeded)
    kit.record(f"{label} (injected, file layer)", "backup (CLI)", line, exit_code, "first write")


def test_reindex_eio_injected_in_the_index_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    seeded = kit.seed_hub(tmp_path / "hub", entries=30)
    inject.failing_writes(monkeypatch, errno.EIO, seeded.folder / "index")
    code, line = _run(monkeypatch, capsys, "--hub", str(seeded.folder), "reindex")
    assert code == 9 and "read/write error" in line and "run `check`" in line
    monkeypatch.undo()
    kit.verify_nothing_lost(seeded)  # the next open rebuilds whatever the index lost
    kit.record("I/O error (injected, file layer)", "reindex (CLI)", line, 9, "first write")


def test_edit_save_eio_injected_in_the_index_after_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    seeded = kit.seed_hub(tmp_path / "hub")
    entry_id = next(iter(seeded.committed))
    with Hub.open(seeded.folder, PASSPHRASE) as hub:
        inject.failing_writes(monkeypatch, errno.EIO, seeded.folder / "index")
        with pytest.raises(Exception) as raised:
            hub.entries.update(entry_id, {"body": "Aangepaste afspraak."})
        monkeypatch.undo()
        message = str(raised.value)
        assert "was saved" in message and "nothing was changed" not in message
        assert hub.entries.get(entry_id).body_md == "Aangepaste afspraak."
    kit.verify_nothing_lost(seeded)
    kit.record("I/O error (injected, file layer)", "edit/save (Hub)", message, 9, "index update")


LONG = "x" * 300  # one name component over the 255 bytes every Linux file system allows


@pytest.mark.parametrize("operation", ["backup", "Markdown export", "course export PDF"])
def test_name_too_long_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], operation
):
    seeded = kit.seed_hub(tmp_path / "hub")
    with Hub.open(seeded.folder, PASSPHRASE) as hub:
        pack = hub.courses.create("Basiscursus", "internal")
        hub.courses.add_entries(pack.id, list(seeded.committed))
    target = str(tmp_path / LONG / "out")
    args = {
        "backup": ("backup", target),
        "Markdown export": ("export", "--format", "md", target),
        "course export PDF": ("course", "export", pack.id, "--pdf", target + ".pdf"),
    }[operation]
    code, line = _run(monkeypatch, capsys, "--hub", str(seeded.folder), *args)
    assert code == 11 and "too long" in line and "\n" not in line
    assert f"under {tmp_path}" in line, "names the folder asked for, not the root"
    # the folder the user typed may be named; never an entry's title or text
    assert seeded.marker not in line and "Werkafspraak" not in line
    kit.verify_nothing_lost(seeded)
    kit.record("file name too long (real)", f"{operation} (CLI)", line, 11, "target path")
