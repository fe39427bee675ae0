"""Fuzzing the vault header parser (checklist S10).

Whatever bytes sit in vault.json, opening the hub either works or raises one
of our own errors; never a json/base64/KeyError/TypeError traceback.

Argon2id is swapped for a cheap stand-in here: the fuzzer's business is the
parser and the unwrap logic, and a mutated header may legitimately ask for
4 GiB of Argon2 memory, which would make each example take seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expertise.errors import IntegrityError, NotAHub, WrongPassphrase
from expertise.kdf import KdfParams, check_floor, encode_passphrase
from expertise.vault import Vault
from expertise.vault_header import parse_header

PASS = "fuzz passphrase"
ALLOWED = (IntegrityError, NotAHub, WrongPassphrase)
# A deeper run: EXPERTISE_FUZZ_EXAMPLES=20000 pytest tests/core/test_vault_fuzz.py
FUZZ = settings(
    max_examples=int(os.environ.get("EXPERTISE_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _cheap_kek(passphrase: str, params: KdfParams) -> bytearray:
    check_floor(params)
    material = repr((params.memory_kib, params.iterations, params.parallelism, params.salt))
    return bytearray(hashlib.sha256(encode_passphrase(passphrase) + material.encode()).digest())


@pytest.fixture(scope="module")
def cheap_kdf() -> Iterator[None]:
    with mock.patch("expertise.vault.derive_kek", _cheap_kek):
        yield


@pytest.fixture(scope="module")
def valid(cheap_kdf: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("fuzz-template")
    vault = Vault.create(folder, PASS, kdf=KdfParams.floor())
    recovery = vault.add_recovery_key()
    raw = (folder / "vault.json").read_bytes()
    return {"raw": raw, "master": vault.master_key_copy(), "recovery": recovery}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-work")


def _open_every_way(folder: Path, raw: bytes, valid: dict[str, Any]) -> None:
    (folder / "vault.json").write_bytes(raw)
    for unlock in (
        lambda: Vault.unlock(folder, PASS),
        lambda: Vault.unlock_with_recovery_key(folder, valid["recovery"]),
        lambda: Vault.unlock_with_master_key(folder, valid["master"]),
    ):
        try:
            vault = unlock()
        except ALLOWED:
            continue
        # Success is fine for edits that change nothing (whitespace, key order)
        # but must then yield the real master key.
        assert vault.master_key_copy() == valid["master"]


@FUZZ
@given(raw=st.binary(max_size=2048))
def test_arbitrary_bytes(raw: bytes, work: Path, valid: dict[str, Any]) -> None:
    _open_every_way(work, raw, valid)


@FUZZ
@given(data=st.data())
def test_byte_mutations_of_a_valid_header(
    data: st.DataObject, work: Path, valid: dict[str, Any]
) -> None:
    raw = bytearray(valid["raw"])
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if action == "flip":
            raw[position] ^= data.draw(st.integers(1, 255))
        elif action == "delete":
            del raw[position]
        elif action == "insert":
            raw[position:position] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            del raw[position:]
        if not raw:
            break
    _open_every_way(work, bytes(raw), valid)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _paths(child, (*prefix, index))
    return found


@FUZZ
@given(data=st.data())
def test_field_mutations_of_a_valid_header(
    data: st.DataObject, work: Path, valid: dict[str, Any]
) -> None:
    header = json.loads(valid["raw"])
    path = data.draw(st.sampled_from(_paths(header)))
    parent = header
    for key in path[:-1]:
        parent = parent[key]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(JSON_VALUES)
    _open_every_way(work, json.dumps(header).encode(), valid)


@FUZZ
@given(raw=st.binary(max_size=512) | st.text(max_size=512).map(str.encode))
def test_parser_alone(raw: bytes) -> None:
    try:
        parse_header(raw)
    except ALLOWED:
        pass
