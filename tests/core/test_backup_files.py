"""`backup` copies regular files only: a planted symbolic link is never followed.

A link in the hub folder pointing at a plaintext file elsewhere would put
that plaintext into a backup everyone believes is encrypted (docs/SECURITY.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from expertise.errors import UserError
from tests.conftest import files_containing

MARKER = "PLANTED-PLAINTEXT-7f3e2a"

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges")


def _plaintext_outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "notes.txt"
    target.write_text(f"case notes {MARKER}\n", encoding="utf-8")
    return target


def test_symlink_in_attachments_is_skipped(hub, tmp_path: Path) -> None:
    record = hub.entries.add("advice", {"title": "Advies met bijlage", "body": "tekst"})
    hub.attachments.add(record.id, "werkwijze.txt", data=b"een gewone bijlage")
    target = _plaintext_outside(tmp_path)
    (hub.path / "attachments" / "planted").symlink_to(target)
    (hub.path / "planted-in-root").symlink_to(target)

    out = hub.maintenance.backup(tmp_path / "backup")

    assert files_containing(out, MARKER) == []
    assert not any(p.is_symlink() for p in out.rglob("*"))
    assert not (out / "attachments" / "planted").exists()
    # the real attachment blob is still there
    copied = [p for p in (out / "attachments").iterdir() if p.is_file()]
    assert len(copied) == 1


def test_symlinked_attachments_folder_is_refused(hub, tmp_path: Path) -> None:
    target = _plaintext_outside(tmp_path)
    attachments = hub.path / "attachments"
    if attachments.exists():
        attachments.rmdir()  # a fresh hub has no attachment yet
    attachments.symlink_to(target.parent, target_is_directory=True)

    with pytest.raises(UserError, match="symbolic link"):
        hub.maintenance.backup(tmp_path / "backup")
    assert files_containing(tmp_path / "backup", MARKER) == []


def test_vault_json_appears_whole_or_not_at_all(hub, tmp_path: Path, monkeypatch) -> None:
    """A backup stopped while writing vault.json leaves no torn vault.json behind."""
    from expertise.services import backup

    real_write = backup.write_new_file

    def torn_vault(path: Path, data: bytes) -> None:
        if path.name.startswith("vault.json"):
            real_write(path, data[: len(data) // 2])
            raise OSError(5, "stopped midway")
        real_write(path, data)

    monkeypatch.setattr(backup, "write_new_file", torn_vault)
    target = tmp_path / "backup"
    with pytest.raises(OSError):
        backup.write_backup(hub._engine, hub._db_key, hub.path, target)
    assert not (target / "vault.json").exists()
    monkeypatch.undo()
    out = hub.maintenance.backup(tmp_path / "second")
    assert (out / "vault.json").read_bytes() == (hub.path / "vault.json").read_bytes()
    assert not (out / "vault.json.partial").exists()
