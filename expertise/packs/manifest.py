"""The clear manifest of a pack: who published it, when, under which ceiling, what it holds.

It names entries by id and revision only (no titles, no content), so it can
be shown before the passphrase is typed, and it is bound into the payload's
associated data and the signature, so it cannot be swapped.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from expertise.errors import IntegrityError
from expertise.kdf import KdfParams
from expertise.models import CLASSIFICATIONS
from expertise.packs.errors import BadPack, NewerPackFormat
from expertise.packs.safety import bounded_text, expect, expect_keys, load_json

FORMAT_VERSION = 1
MAX_MANIFEST = 8 * 1024 * 1024
MAX_ENTRIES = 100_000
# A pack's KDF cost is chosen by its publisher; these caps keep a hostile
# (but trusted) pack from pinning the importer's memory or CPU.
MAX_PACK_MEMORY_KIB = 1024 * 1024
MAX_PACK_ITERATIONS = 50
_KEYS = {
    "format",
    "pack_id",
    "publisher",
    "created",
    "ceiling",
    "with_people",
    "kdf",
    "entries",
}


@dataclass(frozen=True)
class ManifestEntry:
    id: str
    revision: int


@dataclass(frozen=True)
class Manifest:
    format: int
    pack_id: str
    publisher_name: str
    fingerprint: str
    created: str
    ceiling: str
    with_people: bool
    kdf: KdfParams
    entries: tuple[ManifestEntry, ...]

    def to_bytes(self) -> bytes:
        data = {
            "format": self.format,
            "pack_id": self.pack_id,
            "publisher": {"name": self.publisher_name, "fingerprint": self.fingerprint},
            "created": self.created,
            "ceiling": self.ceiling,
            "with_people": self.with_people,
            "kdf": self.kdf.to_json(),
            "entries": [{"id": e.id, "revision": e.revision} for e in self.entries],
        }
        return json.dumps(data, ensure_ascii=True, sort_keys=True, indent=1).encode("ascii")


def canonical_id(value: object, what: str) -> str:
    """A UUID in its canonical lower-case form, or BadPack."""
    text = bounded_text(value, what, 36)
    try:
        canonical = str(uuid.UUID(text))
    except ValueError:
        raise BadPack(f"pack data: {what} is not an id") from None
    if canonical != text:
        raise BadPack(f"pack data: {what} is not an id")
    return canonical


def revision_number(value: object, what: str) -> int:
    number = expect(value, int, what)
    if not 1 <= number < 2**31:
        raise BadPack(f"pack data: {what} is out of range")
    return number


def parse_manifest(data: bytes) -> Manifest:
    raw = load_json(data, "the manifest", MAX_MANIFEST)
    if isinstance(raw, dict) and isinstance(raw.get("format"), int) and raw["format"] > 1:
        raise NewerPackFormat(raw["format"])
    body = expect_keys(raw, _KEYS, set(), "manifest")
    if expect(body["format"], int, "format") != FORMAT_VERSION:
        raise BadPack("pack data: unknown manifest format")
    publisher = expect_keys(body["publisher"], {"name", "fingerprint"}, set(), "publisher")
    return Manifest(
        format=FORMAT_VERSION,
        pack_id=canonical_id(body["pack_id"], "pack id"),
        publisher_name=bounded_text(publisher["name"], "publisher name", 200).strip(),
        fingerprint=_fingerprint(publisher["fingerprint"]),
        created=_created(body["created"]),
        ceiling=_ceiling(body["ceiling"]),
        with_people=expect(body["with_people"], bool, "with_people"),
        kdf=_kdf(body["kdf"]),
        entries=_entries(body["entries"]),
    )


def _fingerprint(value: object) -> str:
    text = bounded_text(value, "fingerprint", 64)
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise BadPack("pack data: fingerprint is malformed")
    return text


def _created(value: object) -> str:
    text = bounded_text(value, "created", 40)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise BadPack("pack data: created is not a date and time") from None
    return text


def _ceiling(value: object) -> str:
    text = bounded_text(value, "ceiling", 20)
    if text not in CLASSIFICATIONS:
        raise BadPack("pack data: unknown classification ceiling")
    return text


def _kdf(value: object) -> KdfParams:
    try:
        params = KdfParams.from_json(value)
    except IntegrityError as error:
        raise BadPack(f"pack data: {error}") from None
    if params.memory_kib > MAX_PACK_MEMORY_KIB or params.iterations > MAX_PACK_ITERATIONS:
        raise BadPack("pack data: KDF parameters out of range for a pack")
    return params


def _entries(value: object) -> tuple[ManifestEntry, ...]:
    items = expect(value, list, "entries")
    if len(items) > MAX_ENTRIES:
        raise BadPack("pack data: too many entries")
    entries = tuple(_entry(item) for item in items)
    if len({e.id for e in entries}) != len(entries):
        raise BadPack("pack data: the manifest lists an entry twice")
    return entries


def _entry(item: Any) -> ManifestEntry:
    data = expect_keys(item, {"id", "revision"}, set(), "manifest entry")
    return ManifestEntry(
        canonical_id(data["id"], "entry id"), revision_number(data["revision"], "revision")
    )
