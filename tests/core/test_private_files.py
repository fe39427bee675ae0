"""Files are owner-only whatever the umask: folders 0700, files 0600.

Run under umask 022 (the usual default), where a file created without an
explicit mode is readable by every local account.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _not_private(*roots: Path) -> list[str]:
    """Every folder not 0700 and every file not 0600 under the roots (roots included)."""
    found: list[str] = []
    for root in roots:
        for path in [root, *root.rglob("*")]:
            mode = path.lstat().st_mode
            want = 0o700 if stat.S_ISDIR(mode) else 0o600
            if not stat.S_ISLNK(mode) and stat.S_IMODE(mode) != want:
                found.append(f"{path.relative_to(root.parent)}: {oct(stat.S_IMODE(mode))}")
    return found


def _fill(hub: Hub) -> None:
    entry = hub.entries.add("advice", {"title": "Werkwijze chatanalyse", "body": "Stappenplan."})
    hub.attachments.add(entry.id, "stappenplan.txt", data=b"stap 1, stap 2")
    hub.maintenance.reindex()


def test_hub_backup_and_exports_are_private(tmp_path: Path, loose_umask: None) -> None:
    with Hub.create(tmp_path / "hub", PASSPHRASE, kdf=KdfParams.floor()) as hub:
        _fill(hub)
        hub.maintenance.backup(tmp_path / "backup")
        hub.transfer.export_markdown(tmp_path / "export-md")
        assert (tmp_path / "backup" / "vault.json").exists()
    assert _not_private(tmp_path / "hub", tmp_path / "backup", tmp_path / "export-md") == []


def test_opening_tightens_files_left_loose(tmp_path: Path, loose_umask: None) -> None:
    folder = tmp_path / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        _fill(hub)
    for path in [folder, *folder.rglob("*")]:  # as an older version or a copy left them
        path.chmod(0o755 if path.is_dir() else 0o644)
    Hub.open(folder, PASSPHRASE).close()
    assert _not_private(folder) == []


def test_cli_json_export_is_private(tmp_path: Path, loose_umask: None, monkeypatch) -> None:
    from expertise.cli import main

    with Hub.create(tmp_path / "hub", PASSPHRASE, kdf=KdfParams.floor()) as hub:
        _fill(hub)
    out = tmp_path / "export.json"
    out.write_text("[]")  # an existing, world-readable file is replaced owner-only
    out.chmod(0o644)
    os.umask(0o022)
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    assert main(["--hub", str(tmp_path / "hub"), "export", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text())) == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_write_private_text_is_owner_only_and_never_follows_a_link(
    tmp_path: Path, loose_umask: None
) -> None:
    from expertise.private import write_private_text

    key_file = tmp_path / "recovery-key.txt"
    write_private_text(key_file, "ABCD-EFGH")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text() == "ABCD-EFGH"
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("untouched")
    (tmp_path / "link.txt").symlink_to(elsewhere)
    with pytest.raises(OSError):
        write_private_text(tmp_path / "link.txt", "secret")
    assert elsewhere.read_text() == "untouched"
