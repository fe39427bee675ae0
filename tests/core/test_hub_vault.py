"""Opening, passphrases, tampering and locking of a whole hub (issue: bad input)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from expertise.errors import HubInUse, IntegrityError, NotAHub, WrongPassphrase
from expertise.hub import Hub
from expertise.kdf import KdfParams, derive_kek
from tests.conftest import PASSPHRASE


def _make(path: Path) -> None:
    with Hub.create(path, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        hub.entries.add("advice", {"title": "Blijft bewaard", "body": "inhoud"})


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_wrong_passphrase_changes_nothing(hub_path):
    _make(hub_path)
    before = _snapshot(hub_path)
    with pytest.raises(WrongPassphrase):
        Hub.open(hub_path, "not the passphrase")
    assert _snapshot(hub_path) == before
    with Hub.open(hub_path, PASSPHRASE) as hub:
        assert hub.entries.count() == 1


def test_a_folder_that_is_no_hub(tmp_path):
    with pytest.raises(NotAHub):
        Hub.open(tmp_path, PASSPHRASE)


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_damaged_database_is_an_integrity_error(hub_path, damage):
    _make(hub_path)
    db = hub_path / "hub.db"
    data = bytearray(db.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 3 or 1]
    else:
        data[len(data) // 2] ^= 0xFF
        data[100] ^= 0xFF
    db.write_bytes(bytes(data))
    try:
        hub = Hub.open(hub_path, PASSPHRASE)
    except IntegrityError:
        return  # refused at open: the clearest outcome
    with hub:
        try:
            hub.entries.list()
            report = hub.maintenance.check()
        except IntegrityError:
            return
        assert report.problems, "damage must be reported by check"


def test_damaged_header_is_an_integrity_error(hub_path):
    _make(hub_path)
    header = hub_path / "vault.json"
    header.write_bytes(header.read_bytes()[:40])
    with pytest.raises(IntegrityError):
        Hub.open(hub_path, PASSPHRASE)


def test_second_opener_gets_in_use_and_lock_is_released_on_close(hub_path):
    _make(hub_path)
    first = Hub.open(hub_path, PASSPHRASE)
    with pytest.raises(HubInUse):
        Hub.open(hub_path, PASSPHRASE)
    first.close()
    Hub.open(hub_path, PASSPHRASE).close()


def test_passwd_is_a_quick_rewrap(hub_path):
    _make(hub_path)
    with Hub.open(hub_path, PASSPHRASE) as hub:
        started = time.perf_counter()
        hub.keys.change_passphrase("a new and longer passphrase")
        elapsed = time.perf_counter() - started
    kdf_started = time.perf_counter()
    derive_kek("x", KdfParams.floor())
    one_kdf = time.perf_counter() - kdf_started
    assert elapsed - one_kdf < 1.0
    with pytest.raises(WrongPassphrase):
        Hub.open(hub_path, PASSPHRASE)
    with Hub.open(hub_path, "a new and longer passphrase") as hub:
        assert hub.entries.count() == 1


def test_recovery_key_opens_the_hub(hub_path):
    _make(hub_path)
    with Hub.open(hub_path, PASSPHRASE) as hub:
        recovery = hub.keys.add_recovery_key()
    with Hub.open_with_recovery_key(hub_path, recovery.lower()) as hub:
        assert hub.entries.count() == 1


def test_lock_audit_trail_has_no_content(hub_path):
    _make(hub_path)
    with Hub.open(hub_path, PASSPHRASE) as hub:
        actions = [event.action for event in hub.maintenance.audit_log()]
        assert {"create", "unlock", "lock"} <= set(actions)
        assert all("Blijft" not in str(event.detail) for event in hub.maintenance.audit_log())
