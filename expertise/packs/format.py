"""The `.ekp` container: a zip, encrypted with a pack passphrase, then signed (ARCHITECTURE §8).

Layout (every byte of the file but the last 64 is signed):

    zip member  mimetype       "application/vnd.expertise-hub.knowledge-pack" (stored)
    zip member  manifest.json  the clear manifest (see manifest.py)
    zip member  payload.bin    AES-256-GCM blob of the inner zip (see contents.py);
                               key = HKDF(Argon2id(pack passphrase, manifest.kdf)),
                               associated data = domain || SHA-256(manifest.json)
    zip end-of-central-directory record, whose 104-byte comment is the trailer:
        "EKPACK" || format version (u16, big endian) || Ed25519 public key (32)
        || Ed25519 signature (64) over domain || every byte of the file before it

Encrypt-then-sign: the reader checks the signature over the raw bytes before
it parses a single zip header or JSON value, and a flipped byte anywhere in
the file fails that check. Because the payload is authenticated by the
signature, a payload that then fails to decrypt means a wrong passphrase.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from expertise.atomic import atomic_write_bytes
from expertise.crypto import aead_decrypt, aead_encrypt, hkdf, wipe
from expertise.errors import IntegrityError, WrongPassphrase
from expertise.kdf import derive_kek
from expertise.packs.contents import PackContents, build_inner, parse_inner
from expertise.packs.errors import BadPack, NewerPackFormat
from expertise.packs.manifest import FORMAT_VERSION, Manifest, parse_manifest
from expertise.packs.safety import open_zip, read_member
from expertise.packs.signing import PUBLIC_KEY_LEN, SIGNATURE_LEN, PublisherKey, fingerprint, verify

SUFFIX = ".ekp"
MIMETYPE = b"application/vnd.expertise-hub.knowledge-pack"
MAGIC = b"EKPACK"
TRAILER_LEN = len(MAGIC) + 2 + PUBLIC_KEY_LEN + SIGNATURE_LEN
EOCD_LEN = 22
MAX_PACK = 1024 * 1024 * 1024
MAX_PAYLOAD = MAX_PACK
_SIGN_DOMAIN = b"expertise-hub/knowledge-pack/signature/v1\x00"
_AAD_DOMAIN = b"expertise-hub/knowledge-pack/payload/v1\x00"
_KEY_PURPOSE = "packs/payload"
MEMBERS = ("mimetype", "manifest.json", "payload.bin")


@dataclass(frozen=True)
class SignedPack:
    """A pack whose signature verified; the payload is still encrypted."""

    public_key: bytes
    manifest: Manifest
    manifest_bytes: bytes
    payload: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def _payload_key(passphrase: str, manifest: Manifest) -> bytes:
    kek = derive_kek(passphrase, manifest.kdf)
    try:
        return hkdf(kek, _KEY_PURPOSE)
    finally:
        wipe(kek)


def _aad(manifest_bytes: bytes) -> bytes:
    return _AAD_DOMAIN + hashlib.sha256(manifest_bytes).digest()


def seal(manifest: Manifest, contents: PackContents, passphrase: str, key: PublisherKey) -> bytes:
    """The complete signed pack file as bytes."""
    manifest_bytes = manifest.to_bytes()
    payload = aead_encrypt(
        _payload_key(passphrase, manifest), build_inner(contents), _aad(manifest_bytes)
    )
    unsigned = _container(manifest_bytes, payload, key.public_key)
    return sign_container(unsigned, key)


def _container(manifest_bytes: bytes, payload: bytes, public_key: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", MIMETYPE, zipfile.ZIP_STORED)
        archive.writestr("manifest.json", manifest_bytes, zipfile.ZIP_DEFLATED)
        archive.writestr("payload.bin", payload, zipfile.ZIP_STORED)
        archive.comment = (
            MAGIC + struct.pack(">H", FORMAT_VERSION) + public_key + bytes(SIGNATURE_LEN)
        )
    return buffer.getvalue()


def sign_container(data: bytes, key: PublisherKey) -> bytes:
    """Replace the trailer's last 64 bytes with the signature over everything before."""
    body = data[:-SIGNATURE_LEN]
    return body + key.sign(_SIGN_DOMAIN + body)


def write_pack(
    out: Path, manifest: Manifest, contents: PackContents, passphrase: str, key: PublisherKey
) -> int:
    data = seal(manifest, contents, passphrase, key)
    atomic_write_bytes(out, data)
    return len(data)


def read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_PACK:
            raise BadPack("the pack is larger than allowed (1 GiB)")
        return path.read_bytes()
    except IsADirectoryError:
        raise BadPack(f"{path.name} is a folder, not a pack") from None


def verified_key(data: bytes) -> tuple[int, bytes]:
    """(format version, publisher key) from the trailer, once the signature verified.

    Reads no zip header and no JSON: the only parsing is of the fixed trailer.
    """
    public_key = _check_trailer(data)
    verify(public_key, data[-SIGNATURE_LEN:], _SIGN_DOMAIN + data[:-SIGNATURE_LEN])
    (version,) = struct.unpack(">H", data[-TRAILER_LEN:][len(MAGIC) : len(MAGIC) + 2])
    return version, public_key


def open_pack(data: bytes) -> SignedPack:
    """Check the signature, then the structure and the manifest; no passphrase needed."""
    _, public_key = verified_key(data)
    archive = open_zip(data, "the pack")
    infos = archive.infolist()
    if tuple(info.filename for info in infos) != MEMBERS:
        raise BadPack("the pack holds unexpected files: refused")
    mimetype, manifest_bytes, payload = (
        read_member(archive, info, cap)
        for info, cap in zip(infos, (len(MIMETYPE), 8 * 1024 * 1024, MAX_PAYLOAD), strict=True)
    )
    if mimetype != MIMETYPE:
        raise BadPack("not a knowledge pack")
    manifest = parse_manifest(manifest_bytes)
    if manifest.fingerprint != fingerprint(public_key):
        raise BadPack("the manifest names another publisher than the key that signed it")
    return SignedPack(public_key, manifest, manifest_bytes, payload)


def _check_trailer(data: bytes) -> bytes:
    if len(data) < EOCD_LEN + TRAILER_LEN or data[-TRAILER_LEN:][: len(MAGIC)] != MAGIC:
        raise BadPack("not a knowledge pack, or the file is truncated")
    trailer = data[-TRAILER_LEN:]
    (version,) = struct.unpack(">H", trailer[len(MAGIC) : len(MAGIC) + 2])
    if version > FORMAT_VERSION:
        raise NewerPackFormat(version)
    if version < 1:
        raise BadPack("not a knowledge pack")
    eocd = data[-(TRAILER_LEN + EOCD_LEN) : -TRAILER_LEN]
    # The trailer must be the zip comment itself, so no zip reader sees other bytes there.
    if eocd[:4] != b"PK\x05\x06" or struct.unpack("<H", eocd[-2:])[0] != TRAILER_LEN:
        raise BadPack("the pack is damaged (end of archive not where it should be)")
    start = len(MAGIC) + 2
    return trailer[start : start + PUBLIC_KEY_LEN]


def decrypt(pack: SignedPack, passphrase: str) -> PackContents:
    """Decrypt and check the contents against the manifest."""
    key = _payload_key(passphrase, pack.manifest)
    try:
        inner = aead_decrypt(key, pack.payload, _aad(pack.manifest_bytes))
    except IntegrityError:
        # The signature covered these very bytes: only the key can be wrong.
        raise WrongPassphrase("wrong pack passphrase") from None
    return parse_inner(inner, pack.manifest)


def load(path: Path, passphrase: str | None = None) -> tuple[SignedPack, PackContents | None]:
    pack = open_pack(read_file(path))
    return pack, decrypt(pack, passphrase) if passphrase is not None else None
