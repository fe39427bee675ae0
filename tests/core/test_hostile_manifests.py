"""Hostile pack manifests (tests/hostile_corpus/manifest-*.json): shown as text or refused.

Each file overrides strings of a real pack's manifest; the pack is re-signed with the
publisher's key, so the reader gets past the signature. `pack inspect` and `pack import
--dry-run` either show the strings as text or refuse the pack in one line; nothing crashes.
The rest of the corpus is tested in tests/core/test_hostile_corpus.py.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE
from tests.core.hostile_kit import MANIFESTS, assert_one_line_refusal, cli, ids, kek_once_per_hub
from tests.core.packkit import PACK_PASS, export, hub_key, resign, split_pack


@pytest.fixture(scope="module", autouse=True)
def _kek_once() -> Iterator[None]:
    with kek_once_per_hub():
        yield


@pytest.fixture(scope="module")
def small_pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes, object]:
    root = tmp_path_factory.mktemp("manifest")
    with Hub.create(root / "source", PASSPHRASE, kdf=KdfParams.floor()) as source:
        source.entries.add("advice", {"title": "Intake method", "body_md": "Method."})
        packs = source.packs
        path = export(packs, root / "real.ekp")
        key = hub_key(packs)
    manifest, inner = split_pack(path)
    Hub.create(root / "target", PASSPHRASE, kdf=KdfParams.floor()).close()
    return root, manifest, inner, key


def _override(data: dict, dotted: str, value: object) -> None:
    *path, last = dotted.split(".")
    for part in path:
        data = data[int(part)] if isinstance(data, list) else data[part]
    if isinstance(data, list):
        data[int(last)] = value
    else:
        data[last] = value


def _seal(original: bytes, raw: bytes, inner: bytes, key: object) -> bytes:
    """A pack with manifest `raw`, encrypted as the original was, signed with the real key.

    The reader checks the signature, then parses the manifest: a hostile one is
    refused there, before any decryption.
    """
    import struct

    from expertise.crypto import aead_encrypt
    from expertise.packs import format as container
    from expertise.packs.manifest import parse_manifest

    secret = container._payload_key(PACK_PASS, parse_manifest(original))
    payload = aead_encrypt(secret, inner, container._aad(raw))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", container.MIMETYPE)
        archive.writestr("manifest.json", raw)
        archive.writestr("payload.bin", payload)
        archive.comment = container.MAGIC + struct.pack(">H", 1) + key.public_key + bytes(64)
    return resign(buffer.getvalue(), key)


@pytest.mark.parametrize("path", MANIFESTS, ids=ids(MANIFESTS))
def test_a_hostile_manifest_is_shown_as_text_or_refused(small_pack, path):
    root, manifest, inner, key = small_pack
    data = json.loads(manifest)
    for dotted, value in json.loads(path.read_text(encoding="utf-8")).items():
        _override(data, dotted, value)
    raw = json.dumps(data, ensure_ascii=True, sort_keys=True, indent=1).encode("ascii")
    pack = root / path.with_suffix(".ekp").name
    pack.write_bytes(_seal(manifest, raw, inner, key))
    secret = root / "secret"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    (root / "pack-secret").write_text(PACK_PASS, encoding="utf-8")
    runs = [
        cli(root / "target", secret, "pack", "inspect", str(pack)),  # reads nothing untrusted
        cli(root / "target", secret, "pack", "inspect", str(pack), "--untrusted-ok"),
        cli(
            root / "target", secret, "pack", "import", str(pack), "--dry-run", "--trust",
            "--pack-passphrase-file", str(root / "pack-secret"),
        ),
    ]  # fmt: skip
    assert runs[0].code == 0 and "were not read" in runs[0].out and "\x1b" not in runs[0].out
    for ran in runs[1:]:
        assert "Traceback" not in ran.out + ran.err
        if path.name.startswith("refuse-"):
            assert_one_line_refusal(ran, pack.name)
        else:
            assert ran.code == 0, ran.err
            assert "\x1b" not in ran.out and "\x07" not in ran.out  # no terminal control
