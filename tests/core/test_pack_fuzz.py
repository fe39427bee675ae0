"""Fuzzing the pack reader (checklist S10).

Whatever bytes arrive as a pack, reading or importing it either works (only
when the file is the publisher's own, signed bytes) or raises one of our own
errors: never a zipfile/json/struct traceback, and nothing is imported.

Argon2id is swapped for a cheap stand-in, as in the vault fuzzer: the fuzzer's
business is the parsers, and each real derivation costs half a second.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expertise.errors import InputError, IntegrityError, WrongPassphrase
from expertise.hub import Hub
from expertise.kdf import KdfParams, check_floor, encode_passphrase
from expertise.packs import format as container
from expertise.packs.contents import parse_inner
from expertise.packs.manifest import parse_manifest
from tests.conftest import PASSPHRASE
from tests.core.packkit import PACK_PASS, export, hub_key, resign, split_pack

ALLOWED = (InputError, IntegrityError, WrongPassphrase)
# A deeper run: EXPERTISE_FUZZ_EXAMPLES=20000 pytest tests/core/test_pack_fuzz.py
FUZZ = settings(
    max_examples=int(os.environ.get("EXPERTISE_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _cheap_kek(passphrase: str, params: KdfParams) -> bytearray:
    check_floor(params)
    material = repr((params.memory_kib, params.iterations, params.parallelism, params.salt))
    return bytearray(hashlib.sha256(encode_passphrase(passphrase) + material.encode()).digest())


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("pack-fuzz")
    with mock.patch("expertise.packs.format.derive_kek", _cheap_kek):
        with (
            Hub.create(root / "source", PASSPHRASE, kdf=KdfParams.floor()) as source,
            Hub.create(root / "target", PASSPHRASE, kdf=KdfParams.floor()) as target,
        ):
            first = source.entries.add("advice", {"title": "Advies", "body": "Eerst triage."})
            source.entries.add("organisation", {"title": "Meldpunt", "country": "NL"})
            source.attachments.add(first.id, "notitie.txt", data=b"korte notitie")
            publisher = source.packs
            packs = target.packs
            packs.trust(publisher.publisher_fingerprint(), publisher.publisher_name())
            good = export(publisher, root / "good.ekp")
            yield {
                "root": root,
                "packs": packs,
                "key": hub_key(publisher),
                "good": good.read_bytes(),
                "parts": split_pack(good),
                "before": target.transfer.export_json(),
            }


def _import(world: dict[str, Any], data: bytes, dry_run: bool = False) -> bool:
    """True if the bytes imported; False if refused with one of our errors."""
    path: Path = world["root"] / "fuzzed.ekp"
    path.write_bytes(data)
    try:
        world["packs"].import_pack(path, PACK_PASS, dry_run=dry_run)
    except ALLOWED:
        return False
    return True


mutation = st.tuples(
    st.sampled_from(["flip", "set", "insert", "delete", "truncate"]),
    st.integers(min_value=0, max_value=2**31),
    st.integers(min_value=1, max_value=255),
)


def _mutate(data: bytes, steps: list[tuple[str, int, int]]) -> bytes:
    out = bytearray(data)
    for op, where, value in steps:
        at = where % max(len(out), 1)
        if op == "flip" and out:
            out[at] ^= value
        elif op == "set" and out:
            out[at] = value
        elif op == "insert":
            out[at:at] = bytes([value])
        elif op == "delete" and out:
            del out[at]
        elif op == "truncate":
            del out[at:]
    return bytes(out)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused(world, data):
    assert not _import(world, data)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_packs_are_refused(world, steps):
    data = _mutate(world["good"], steps)
    if data != world["good"]:
        assert not _import(world, data)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_resigned_mutations_never_crash(world, steps):
    """Past the signature: mutated zips and manifests signed by the trusted key itself."""
    good = world["good"]
    body = _mutate(good[: -container.TRAILER_LEN], steps)
    # A dry run: a harmless change (a zip timestamp, say) is a valid signed pack.
    _import(world, resign(body + good[-container.TRAILER_LEN :], world["key"]), dry_run=True)


@FUZZ
@given(st.binary(max_size=2048) | st.lists(mutation, min_size=1, max_size=4))
def test_manifest_parser(world, data):
    raw = data if isinstance(data, bytes) else _mutate(world["parts"][0], data)
    try:
        parse_manifest(raw)
    except IntegrityError:
        pass


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=6))
def test_contents_parser(world, steps):
    manifest_bytes, inner = world["parts"]
    manifest = parse_manifest(manifest_bytes)
    try:
        parse_inner(_mutate(inner, steps), manifest)
    except IntegrityError:
        pass


def test_nothing_was_imported(world):
    assert world["packs"]._hub.transfer.export_json() == world["before"]
