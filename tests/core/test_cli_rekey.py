"""`expertise rekey`: passphrase files like passwd, exit codes, help.

Through `main(argv)` in this process (tests/cli_here.py), except the one whose point is a
process without a terminal on stdin.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from expertise.errors import WrongPassphrase
from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE, run_cli

NEW = "een nieuwe wachtzin na een lek"
RECOVERY = re.compile(r"^[A-Z2-7]{4}(?:-[A-Z2-7]{4}){12}-[A-Z2-7]{2}$", re.M)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old_file, new_file = tmp_path / "old.pass", tmp_path / "new.pass"
    old_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    new_file.write_text(NEW + "\n", encoding="utf-8")
    return old_file, new_file


def _hub(folder: Path, *, recovery: bool = False) -> str | None:
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        hub.entries.add("advice", {"title": "Werkwijze bij aangifte", "body": "Stap een."})
        return hub.keys.add_recovery_key() if recovery else None


def _list(folder: Path, secret: Path) -> int:
    return run_cli_here("--hub", str(folder), "--passphrase-file", str(secret), "list").returncode


def test_rekey_takes_the_new_passphrase_from_a_file_and_the_old_one_stops_working(tmp_path, files):
    folder = tmp_path / "hub"
    _hub(folder)
    old_vault = (folder / "vault.json").read_bytes()
    old_file, new_file = files
    result = run_cli_here(
        "--hub", str(folder), "--passphrase-file", str(old_file),
        "rekey", "--new-passphrase-file", str(new_file),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "re-keyed" in result.stdout and "Traceback" not in result.stderr
    assert not RECOVERY.search(result.stdout)  # there was no recovery key to replace
    assert _list(folder, new_file) == 0
    assert _list(folder, old_file) == 3
    (folder / "vault.json").write_bytes(old_vault)  # the old header back in place
    assert _list(folder, old_file) == 4  # unwraps the old key, which opens nothing


def test_rekey_prints_a_new_recovery_key_once_and_the_old_one_fails(tmp_path, files):
    folder = tmp_path / "hub"
    old_key = _hub(folder, recovery=True)
    old_file, new_file = files
    result = run_cli_here(
        "--hub", str(folder), "--passphrase-file", str(old_file),
        "rekey", "--new-passphrase-file", str(new_file),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (new_key,) = RECOVERY.findall(result.stdout)
    assert new_key != old_key
    with pytest.raises(WrongPassphrase):
        Hub.open_with_recovery_key(folder, str(old_key))
    with Hub.open_with_recovery_key(folder, new_key) as hub:
        assert hub.entries.count() == 1


def test_rekey_reads_the_new_passphrase_from_the_environment_like_passwd(tmp_path):
    folder = tmp_path / "hub"
    _hub(folder)
    env = {"EXPERTISE_PASSPHRASE": PASSPHRASE, "EXPERTISE_NEW_PASSPHRASE": NEW}
    assert run_cli_here("--hub", str(folder), "rekey", env=env).returncode == 0
    with Hub.open(folder, NEW) as hub:
        assert hub.entries.count() == 1


def test_a_short_new_passphrase_is_refused_and_nothing_changes(tmp_path, files):
    folder = tmp_path / "hub"
    _hub(folder)
    before = (folder / "vault.json").read_bytes()
    short = tmp_path / "short.pass"
    short.write_text("kort\n", encoding="utf-8")
    result = run_cli_here(
        "--hub", str(folder), "--passphrase-file", str(files[0]),
        "rekey", "--new-passphrase-file", str(short),
    )  # fmt: skip
    assert result.returncode == 1
    assert "too short" in result.stderr and "Traceback" not in result.stderr
    assert (folder / "vault.json").read_bytes() == before
    assert not (folder / ".rekey").exists()


def test_no_new_passphrase_without_a_terminal_is_a_clear_error(tmp_path, files):
    folder = tmp_path / "hub"
    _hub(folder)
    result = run_cli("--hub", str(folder), "--passphrase-file", str(files[0]), "rekey")
    assert result.returncode == 1
    assert "--new-passphrase-file" in result.stderr


def test_help_says_when_to_use_passwd_and_when_rekey():
    passwd = run_cli_here("passwd", "--help").stdout
    rekey = run_cli_here("rekey", "--help").stdout
    top = run_cli_here("--help").stdout
    assert "rekey" in passwd and "known to someone" in " ".join(passwd.split())
    assert "known to someone" in " ".join(rekey.split())
    assert "rekey" in top


def test_readme_tells_passwd_from_rekey():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "expertise rekey" in readme
    assert "known to someone" in " ".join(readme.split())
