"""The vault header and master key (ARCHITECTURE §4, checklist S1-S3, S7)."""

from __future__ import annotations

import base64
import dataclasses
import json
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from expertise.crypto import hkdf
from expertise.errors import (
    HubLocked,
    IntegrityError,
    NotAHub,
    UserError,
    WrongPassphrase,
)
from expertise.kdf import KdfParams, time_derivation
from expertise.vault import Vault

PASS = "correct horse battery staple"
REFUSED = (WrongPassphrase, IntegrityError, NotAHub)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("vault-template") / "hub"
    vault = Vault.create(folder, PASS, kdf=KdfParams.floor())
    return folder, vault.master_key_copy()


@pytest.fixture
def folder(template: tuple[Path, bytes], tmp_path: Path) -> Path:
    copy = tmp_path / "hub"
    shutil.copytree(template[0], copy)
    return copy


@pytest.fixture
def master(template: tuple[Path, bytes]) -> bytes:
    return template[1]


def header(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "vault.json").read_text())


def write_header(folder: Path, data: dict[str, Any]) -> None:
    (folder / "vault.json").write_text(json.dumps(data))


# --- create / unlock ----------------------------------------------------------


def test_create_writes_a_header_without_secrets(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "hub"
    vault = Vault.create(folder, PASS, kdf=KdfParams.floor())
    assert Vault.is_vault(folder) and not vault.locked and vault.folder == folder
    assert uuid.UUID(vault.hub_id).version == 4
    raw = (folder / "vault.json").read_bytes()
    data = json.loads(raw)
    assert data["format"] == "expertise-hub-vault" and data["version"] == 1
    assert data["hub_id"] == vault.hub_id
    assert [w["type"] for w in data["wraps"]] == ["passphrase"]
    key = vault.master_key_copy()
    for form in (key, key.hex().encode(), base64.b64encode(key), PASS.encode()):
        assert form not in raw
    assert list(folder.iterdir()) == [folder / "vault.json"]


def test_unlock_gives_the_same_master_key(folder: Path, master: bytes) -> None:
    vault = Vault.unlock(folder, PASS)
    assert vault.master_key_copy() == master
    assert vault.kdf_params.iterations == 3


def test_subkeys_are_hkdf_of_the_master_key(folder: Path, master: bytes) -> None:
    vault = Vault.unlock_with_master_key(folder, master)
    purposes = ["database", "index", "attachments", "signing"]
    keys = [vault.subkey(p) for p in purposes]
    assert len({bytes(k) for k in keys}) == 4 and all(len(k) == 32 for k in keys)
    assert keys[0] == hkdf(master, "database")


def test_create_refuses_a_folder_with_a_vault(folder: Path) -> None:
    before = (folder / "vault.json").read_bytes()
    with pytest.raises(UserError, match="already holds a hub"):
        Vault.create(folder, PASS, kdf=KdfParams.floor())
    assert (folder / "vault.json").read_bytes() == before


def test_create_refuses_bad_input(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="empty"):
        Vault.create(tmp_path / "a", "", kdf=KdfParams.floor())
    weak = dataclasses.replace(KdfParams.floor(), iterations=2)
    with pytest.raises(IntegrityError, match="below the floor"):
        Vault.create(tmp_path / "b", PASS, kdf=weak)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="not a folder"):
        Vault.create(tmp_path / "file", PASS, kdf=KdfParams.floor())
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_wrong_passphrase_changes_nothing_on_disk(folder: Path) -> None:
    path = folder / "vault.json"
    before, stat = path.read_bytes(), path.stat()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(folder, "wrong horse")
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in folder.iterdir()) == ["vault.json"]


def test_missing_header_is_not_a_hub(tmp_path: Path) -> None:
    assert not Vault.is_vault(tmp_path)
    with pytest.raises(NotAHub):
        Vault.unlock(tmp_path, PASS)
    with pytest.raises(NotAHub):
        Vault.unlock(tmp_path / "missing", PASS)


def test_master_key_unlock_checks_the_key(folder: Path, master: bytes) -> None:
    assert Vault.unlock_with_master_key(folder, master).hub_id == header(folder)["hub_id"]
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_master_key(folder, bytes(32))
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_master_key(folder, master[:16])


# --- changing the passphrase --------------------------------------------------


def test_change_passphrase_rewraps_only(folder: Path, master: bytes) -> None:
    vault = Vault.unlock(folder, PASS)
    database_key = vault.subkey("database")
    old_salt = vault.kdf_params.salt
    vault.change_passphrase("a new passphrase")
    with pytest.raises(WrongPassphrase):
        Vault.unlock(folder, PASS)
    reopened = Vault.unlock(folder, "a new passphrase")
    assert reopened.master_key_copy() == master
    assert reopened.subkey("database") == database_key
    assert reopened.kdf_params.salt != old_salt
    assert reopened.kdf_params.iterations == 3
    assert sorted(p.name for p in folder.iterdir()) == ["vault.json"]  # no temp left


def test_change_passphrase_costs_one_derivation(folder: Path) -> None:
    vault = Vault.unlock(folder, PASS)
    derivation = min(time_derivation(vault.kdf_params) for _ in range(3))
    start = time.perf_counter()
    vault.change_passphrase("another one")
    elapsed = time.perf_counter() - start
    assert elapsed - derivation < 0.5


def test_change_passphrase_can_raise_the_cost(folder: Path) -> None:
    vault = Vault.unlock(folder, PASS)
    stronger = dataclasses.replace(KdfParams.floor(), iterations=4)
    vault.change_passphrase("stronger", kdf=stronger)
    assert Vault.unlock(folder, "stronger").kdf_params == stronger


def test_change_passphrase_refuses_weaker_params(folder: Path) -> None:
    vault = Vault.unlock(folder, PASS)
    before = (folder / "vault.json").read_bytes()
    weak = dataclasses.replace(KdfParams.floor(), memory_kib=1024)
    with pytest.raises(IntegrityError, match="below the floor"):
        vault.change_passphrase("weak", kdf=weak)
    with pytest.raises(UserError):
        vault.change_passphrase("")
    assert (folder / "vault.json").read_bytes() == before


def test_failed_write_leaves_the_old_header(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = Vault.unlock(folder, PASS)
    before = (folder / "vault.json").read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("expertise.atomic.os.replace", disk_full)
    with pytest.raises(OSError):
        vault.change_passphrase("never written")
    monkeypatch.undo()
    assert (folder / "vault.json").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["vault.json"]
    vault.add_recovery_key()  # the in-memory header still matches the disk
    Vault.unlock(folder, PASS)


# --- recovery key -------------------------------------------------------------


def test_recovery_key_unlocks(folder: Path, master: bytes) -> None:
    vault = Vault.unlock(folder, PASS)
    assert not vault.has_recovery_key()
    text = vault.add_recovery_key()
    assert vault.has_recovery_key()
    assert text.encode() not in (folder / "vault.json").read_bytes()
    assert Vault.unlock_with_recovery_key(folder, text.lower()).master_key_copy() == master
    assert Vault.unlock(folder, PASS).master_key_copy() == master


def test_recovery_key_typo_is_caught_by_checksum(folder: Path) -> None:
    text = Vault.unlock(folder, PASS).add_recovery_key()
    typo = ("B" if text[0] != "B" else "C") + text[1:]
    with pytest.raises(WrongPassphrase, match="checksum does not match"):
        Vault.unlock_with_recovery_key(folder, typo)


def test_new_recovery_key_replaces_the_old_one(folder: Path) -> None:
    vault = Vault.unlock(folder, PASS)
    first = vault.add_recovery_key()
    second = vault.add_recovery_key()
    assert len(header(folder)["wraps"]) == 2
    with pytest.raises(WrongPassphrase, match="does not unlock"):
        Vault.unlock_with_recovery_key(folder, first)
    Vault.unlock_with_recovery_key(folder, second)


def test_remove_recovery_key(folder: Path) -> None:
    vault = Vault.unlock(folder, PASS)
    text = vault.add_recovery_key()
    vault.remove_recovery_key()
    assert not vault.has_recovery_key()
    with pytest.raises(WrongPassphrase, match="no recovery key"):
        Vault.unlock_with_recovery_key(folder, text)
    Vault.unlock(folder, PASS)


def test_recovery_key_survives_a_passphrase_change(folder: Path, master: bytes) -> None:
    vault = Vault.unlock(folder, PASS)
    text = vault.add_recovery_key()
    vault.change_passphrase("changed")
    assert Vault.unlock_with_recovery_key(folder, text).master_key_copy() == master


# --- lock ---------------------------------------------------------------------


def test_lock_wipes_the_master_key(folder: Path) -> None:
    vault = Vault.unlock(folder, PASS)
    vault.lock()
    assert vault.locked
    assert vault._master == bytearray(32)
    for call in (
        lambda: vault.subkey("database"),
        vault.master_key_copy,
        vault.add_recovery_key,
        vault.remove_recovery_key,
        lambda: vault.change_passphrase("x"),
    ):
        with pytest.raises(HubLocked):
            call()
    vault.lock()  # idempotent
    assert "locked=True" in repr(vault)


# --- a hostile header ---------------------------------------------------------


def test_newer_version_is_refused(folder: Path) -> None:
    data = header(folder)
    data["version"] = 2
    write_header(folder, data)
    with pytest.raises(IntegrityError, match="newer version"):
        Vault.unlock(folder, PASS)


@pytest.mark.parametrize(
    "field, value",
    [("iterations", 2), ("memory_kib", 32768), ("parallelism", 1), ("salt", "c2hvcnQ=")],
)
def test_header_below_the_floor_is_refused(folder: Path, field: str, value: object) -> None:
    data = header(folder)
    data["wraps"][0]["kdf"][field] = value
    write_header(folder, data)
    with pytest.raises(IntegrityError, match="below the floor"):
        Vault.unlock(folder, PASS)


def _flip_b64(value: str) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[len(raw) // 2] ^= 0x01
    return base64.b64encode(raw).decode()


def _set(*path: str | int, value: Callable[[Any], Any]) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value(target[path[-1]])

    return edit


def _constant(new: object) -> Callable[[Any], Any]:
    return lambda _old: new


TAMPERING = {
    "format": _set("format", value=lambda v: "something-else"),
    "version": _set("version", value=lambda v: 0),
    "hub_id": _set("hub_id", value=lambda v: str(uuid.uuid4())),
    "created": _set("created", value=lambda v: "2001-01-01T00:00:00+00:00"),
    "key_check": _set("key_check", value=_flip_b64),
    "wrap type": _set("wraps", 0, "type", value=lambda v: "recovery"),
    "memory": _set("wraps", 0, "kdf", "memory_kib", value=lambda v: v * 2),
    "iterations": _set("wraps", 0, "kdf", "iterations", value=lambda v: v + 1),
    "parallelism": _set("wraps", 0, "kdf", "parallelism", value=lambda v: v + 1),
    "salt": _set("wraps", 0, "kdf", "salt", value=_flip_b64),
    "wrapped key": _set("wraps", 0, "wrapped_key", value=_flip_b64),
    "extra field": lambda data: data.update(note="x"),
    "wraps": _set("wraps", value=lambda v: []),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_tampering_with_any_field_is_refused(folder: Path, master: bytes, name: str) -> None:
    data = header(folder)
    TAMPERING[name](data)
    write_header(folder, data)
    with pytest.raises(REFUSED):
        Vault.unlock(folder, PASS)
    if name not in {"memory", "iterations", "parallelism", "salt", "wrapped key"}:
        # Fields the key-check value covers stop a remembered key too.
        with pytest.raises(REFUSED):
            Vault.unlock_with_master_key(folder, master)


def test_tampered_key_check_is_an_integrity_error(folder: Path) -> None:
    data = header(folder)
    data["key_check"] = _flip_b64(data["key_check"])
    write_header(folder, data)
    with pytest.raises(IntegrityError, match="key check"):
        Vault.unlock(folder, PASS)


def test_tampered_recovery_wrap_is_refused(folder: Path) -> None:
    text = Vault.unlock(folder, PASS).add_recovery_key()
    data = header(folder)
    data["wraps"][1]["wrapped_key"] = _flip_b64(data["wraps"][1]["wrapped_key"])
    write_header(folder, data)
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery_key(folder, text)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{",
        b"[]",
        b"null",
        b"\xff\xfe{}",
        b'{"format": "expertise-hub-vault", "version": 1, "version": 1}',
        b'{"format": "expertise-hub-vault", "version": NaN}',
        b"[" * 60_000,
        b" " * 70_000,
    ],
)
def test_garbage_header_is_an_integrity_error(folder: Path, raw: bytes) -> None:
    (folder / "vault.json").write_bytes(raw)
    with pytest.raises(IntegrityError):
        Vault.unlock(folder, PASS)


def test_every_truncation_is_refused(folder: Path) -> None:
    raw = (folder / "vault.json").read_bytes()
    for length in range(0, len(raw) - 2, 7):
        (folder / "vault.json").write_bytes(raw[:length])
        with pytest.raises(IntegrityError):
            Vault.unlock(folder, PASS)


def test_wrong_types_are_integrity_errors(folder: Path, master: bytes) -> None:
    original = (folder / "vault.json").read_text()
    for path, value in [
        (("hub_id",), 12),
        (("created",), ["x"]),
        (("key_check",), None),
        (("wraps",), {"type": "passphrase"}),
        (("wraps", 0), "passphrase"),
        (("wraps", 0, "kdf"), "argon2id"),
        (("wraps", 0, "wrapped_key"), 5),
    ]:
        data = json.loads(original)
        _set(*path, value=_constant(value))(data)
        write_header(folder, data)
        with pytest.raises(IntegrityError):
            Vault.unlock_with_master_key(folder, master)
