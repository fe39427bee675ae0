"""Helpers for the knowledge-pack tests: hubs, quick exports and hand-made packs.

Hand-made packs are signed with a real publisher key, so the reader's checks
after the signature (zip names, manifest, contents) are what gets tested.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from expertise.crypto import aead_encrypt
from expertise.kdf import KdfParams
from expertise.packs import PackFacade
from expertise.packs import format as container
from expertise.packs.signing import PublisherKey

PACK_PASS = "pack passphrase for tests"


def export(packs: PackFacade, out: Path, ceiling: str = "internal", **kwargs) -> Path:
    packs.export(out, PACK_PASS, ceiling, kdf=KdfParams.floor(), **kwargs)
    return out


def hub_key(packs: PackFacade) -> PublisherKey:
    return packs._hub.session.read(packs._key)


def resign(data: bytes, key: PublisherKey) -> bytes:
    return container.sign_container(data, key)


def seal_raw(
    manifest_bytes: bytes,
    inner: bytes,
    key: PublisherKey,
    kdf: KdfParams,
    members: list[tuple[str, bytes]] | None = None,
    version: int = 1,
) -> bytes:
    """A pack built by hand from its parts; `members` replaces the usual three."""
    from expertise.packs.manifest import parse_manifest

    manifest = parse_manifest(manifest_bytes)
    payload = aead_encrypt(
        container._payload_key(PACK_PASS, manifest), inner, container._aad(manifest_bytes)
    )
    parts = members or [
        ("mimetype", container.MIMETYPE),
        ("manifest.json", manifest_bytes),
        ("payload.bin", payload),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            archive.writestr(name, data)
        archive.comment = container.MAGIC + struct.pack(">H", version) + key.public_key + bytes(64)
    return resign(buffer.getvalue(), key)


def split_pack(path: Path) -> tuple[bytes, bytes]:
    """(manifest bytes, decrypted inner zip) of a real pack."""
    from expertise.crypto import aead_decrypt

    pack = container.open_pack(path.read_bytes())
    inner = aead_decrypt(
        container._payload_key(PACK_PASS, pack.manifest),
        pack.payload,
        container._aad(pack.manifest_bytes),
    )
    return pack.manifest_bytes, inner


def inner_zip(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


def read_inner(inner: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(inner)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def craft(
    path: Path,
    key: PublisherKey,
    name: str,
    entries: list,
    blobs: dict[str, bytes] | None = None,
    ceiling: str = "confidential",
) -> Path:
    """A correctly signed pack holding exactly `entries` (PackEntry), as a hostile partner
    with a trusted key could write it: every check after the signature applies."""
    import uuid

    from expertise.packs.contents import PackContents
    from expertise.packs.manifest import FORMAT_VERSION, Manifest, ManifestEntry

    manifest = Manifest(
        format=FORMAT_VERSION,
        pack_id=str(uuid.uuid4()),
        publisher_name=name,
        fingerprint=key.fingerprint,
        created="2026-11-30T10:00:00+00:00",
        ceiling=ceiling,
        with_people=False,
        kdf=KdfParams.floor(),
        entries=tuple(ManifestEntry(e.id, e.revision) for e in entries),
    )
    container.write_pack(path, manifest, PackContents(list(entries), blobs or {}), PACK_PASS, key)
    return path
