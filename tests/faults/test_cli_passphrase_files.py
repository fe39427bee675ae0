"""Passphrases given as files, as scripts and the kill-run give them (no prompt, no env)."""

from __future__ import annotations

from pathlib import Path

from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE, run_cli

NEW = "een nieuwe wachtzin uit een bestand"


def test_passwd_reads_the_new_passphrase_from_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()).close()
    old_file, new_file = tmp_path / "old.pass", tmp_path / "new.pass"
    old_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    new_file.write_text(NEW + "\n", encoding="utf-8")

    result = run_cli(
        "--hub", str(folder), "--passphrase-file", str(old_file),
        "passwd", "--new-passphrase-file", str(new_file),
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    listed = run_cli("--hub", str(folder), "--passphrase-file", str(new_file), "list")
    assert listed.returncode == 0, listed.stderr
    refused = run_cli("--hub", str(folder), "--passphrase-file", str(old_file), "list")
    assert refused.returncode == 3
