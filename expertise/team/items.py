"""The item envelope: one entry (or its deletion) as the team server stores it (docs/TEAM.md).

    plaintext   b"E" + the pack's inner zip holding this one entry and its
                attachments (expertise/packs/contents.py: the JSON is deflated,
                attachments are stored), or b"D" + {"format", "id", "kind"}
                for a deletion (a tombstone)
    ciphertext  AES-256-GCM under the level's content key of one epoch;
                associated data = domain || item id, revision, level, epoch, author
    signature   the author's Ed25519 signature over domain || item id, revision,
                base revision, level, epoch, author, SHA-256(ciphertext)

The server sees only the clear routing fields. A laptop refuses, with a reason,
an item that is unsigned, signed by an unknown member or wrongly, altered, or
not what its clear fields say; refusals are reported, never applied.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from expertise.crypto import Secret, aead_decrypt, aead_encrypt
from expertise.errors import IntegrityError
from expertise.models import CLASSIFICATIONS, KINDS, classification_rank
from expertise.packs.contents import (
    PackAttachment,
    PackContents,
    PackEntry,
    build_inner,
    read_inner,
)
from expertise.packs.errors import BadPack
from expertise.packs.manifest import canonical_id
from expertise.packs.safety import bounded_text, expect_keys, load_json

FORMAT = 1
_AAD_DOMAIN = b"expertise-hub/team-item/content/v1\x00"
_SIGN_DOMAIN = b"expertise-hub/team-item/signature/v1\x00"
_ENTRY, _TOMBSTONE = b"E", b"D"
MAX_TOMBSTONE = 4096

# Why an item was refused (SyncReport lists them; the CLI prints them).
UNSIGNED = "unsigned"
UNKNOWN_AUTHOR = "unknown-author"
BAD_SIGNATURE = "bad-signature"
NO_KEY = "no-key"
TAMPERED = "tampered"
MALFORMED = "malformed"
REPLAYED = "replayed"
REASONS = (UNSIGNED, UNKNOWN_AUTHOR, BAD_SIGNATURE, NO_KEY, TAMPERED, MALFORMED, REPLAYED)


class ItemRefused(IntegrityError):
    """An item this laptop will not apply; `reason` is one of REASONS."""

    def __init__(self, item_id: str, revision: int, reason: str, message: str) -> None:
        self.item_id = item_id
        self.revision = revision
        self.reason = reason
        super().__init__(f"item {item_id[:40]} revision {revision}: {message}")


class UnknownAuthor(Exception):
    """Raised by a verifier for an author id that is not a member of the team."""


class ItemKeys(Protocol):
    """What the envelope needs of the team's keys (expertise/team/keys.py provides it)."""

    @property
    def member_id(self) -> str: ...

    def sign(self, data: bytes) -> bytes: ...

    def verify(self, author_id: str, data: bytes, signature: bytes) -> None:
        """IntegrityError unless valid; UnknownAuthor for a non-member."""
        ...

    def content_key(self, level: int, epoch: int) -> Secret:
        """The level's content key of one epoch; KeyError if this member does not hold it."""
        ...

    def current_epoch(self, level: int) -> int:
        """The newest epoch of the level: what new items are written with."""
        ...


@dataclass(frozen=True)
class ItemContent:
    """The plaintext of one item: an entry's values and attachments, or its deletion."""

    entry_id: str
    kind: str
    values: dict[str, object] | None  # None: the entry was deleted
    attachments: tuple[PackAttachment, ...] = ()
    blobs: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def deleted(self) -> bool:
        return self.values is None

    @property
    def level(self) -> int:
        """The classification rank; a deletion carries the level it was written at."""
        if self.values is None:
            return 0
        return classification_rank(str(self.values.get("classification") or "internal"))


@dataclass(frozen=True)
class SealedItem:
    """One row of the server's items table: routing fields in clear, the rest sealed."""

    item_id: str
    revision: int
    base_revision: int | None
    level: int
    epoch: int
    author_id: str
    ciphertext: bytes
    signature: bytes
    seq: int | None = None  # the server's change sequence, once stored

    @property
    def size(self) -> int:
        return len(self.ciphertext)

    @property
    def digest(self) -> str:
        """SHA-256 of the ciphertext: tells two items of one revision apart."""
        return hashlib.sha256(self.ciphertext).hexdigest()

    def to_bytes(self) -> bytes:
        """The whole item as stored locally for a conflict (re-verified when resolved)."""
        clear = {k: v for k, v in vars(self).items() if k not in ("ciphertext", "signature")}
        clear["signature"] = self.signature.hex()
        header = json.dumps(clear, sort_keys=True).encode("utf-8")
        return len(header).to_bytes(4, "big") + header + self.ciphertext

    @classmethod
    def from_bytes(cls, data: bytes) -> SealedItem:
        size = int.from_bytes(data[:4], "big")
        clear = json.loads(data[4 : 4 + size].decode("utf-8"))
        clear["signature"] = bytes.fromhex(clear["signature"])
        return cls(ciphertext=bytes(data[4 + size :]), **clear)

    def signed_bytes(self) -> bytes:
        base = "" if self.base_revision is None else str(self.base_revision)
        clear = (self.item_id, str(self.revision), base, str(self.level), str(self.epoch))
        fields = "\x00".join((*clear, self.author_id)).encode("utf-8")
        return _SIGN_DOMAIN + fields + b"\x00" + hashlib.sha256(self.ciphertext).digest()


def _aad(item_id: str, revision: int, level: int, epoch: int, author_id: str) -> bytes:
    return _AAD_DOMAIN + f"{item_id}\x00{revision}\x00{level}\x00{epoch}\x00{author_id}".encode()


def content_hash(
    values: Mapping[str, object] | None, attachments: tuple[PackAttachment, ...]
) -> str:
    """A stable hash of what an entry says: a local edit since the last sync changes it."""
    listed = sorted((a.id, a.file_name, a.size) for a in attachments)
    doc = {"values": values, "attachments": listed}
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- sealing ---------------------------------------------------------------------
def _plaintext(content: ItemContent, revision: int) -> bytes:
    if content.values is None:
        doc = {"format": FORMAT, "id": content.entry_id, "kind": content.kind}
        return _TOMBSTONE + json.dumps(doc, sort_keys=True).encode("utf-8")
    entry = PackEntry(content.entry_id, content.kind, revision, content.values, content.attachments)
    return _ENTRY + build_inner(PackContents([entry], dict(content.blobs)))


def seal_item(
    content: ItemContent,
    revision: int,
    base_revision: int | None,
    epoch: int,
    keys: ItemKeys,
    level: int | None = None,
) -> SealedItem:
    """Encrypt and sign one item as `keys.member_id` (a deletion may name its old level)."""
    if revision < 1 or (base_revision is not None and base_revision >= revision):
        raise ValueError("an item's revision is positive and above its base revision")
    level = content.level if level is None else level
    author = keys.member_id
    aad = _aad(content.entry_id, revision, level, epoch, author)
    ciphertext = aead_encrypt(keys.content_key(level, epoch), _plaintext(content, revision), aad)
    unsigned = SealedItem(
        content.entry_id, revision, base_revision, level, epoch, author, ciphertext, b""
    )
    return dataclasses.replace(unsigned, signature=keys.sign(unsigned.signed_bytes()))


# -- opening ---------------------------------------------------------------------
def open_item(item: SealedItem, keys: ItemKeys) -> ItemContent:
    """Verify, decrypt and parse one item; ItemRefused (with its reason) otherwise."""
    _check_signature(item, keys)
    try:
        key = keys.content_key(item.level, item.epoch)
    except KeyError:
        raise _refused(item, NO_KEY, "this member holds no key for its level and epoch") from None
    aad = _aad(item.item_id, item.revision, item.level, item.epoch, item.author_id)
    try:
        plaintext = aead_decrypt(key, item.ciphertext, aad)
    except IntegrityError:
        raise _refused(item, TAMPERED, "the content failed authentication (altered)") from None
    try:
        content = _parse(plaintext, item.revision)
    except BadPack as error:
        raise _refused(item, MALFORMED, str(error)) from None
    _check_matches(item, content)
    return content


def verify_held(item: SealedItem, keys: ItemKeys) -> None:
    """The signature check alone, for an item whose ciphertext this laptop holds already
    (same revision, same digest): its content is known, only its signature is new."""
    _check_signature(item, keys)


def _check_signature(item: SealedItem, keys: ItemKeys) -> None:
    if not item.signature:
        raise _refused(item, UNSIGNED, "the item carries no signature")
    try:
        keys.verify(item.author_id, item.signed_bytes(), item.signature)
    except UnknownAuthor:
        raise _refused(item, UNKNOWN_AUTHOR, "its author is not a member of the team") from None
    except IntegrityError:
        message = "the signature does not verify (altered or replayed)"
        raise _refused(item, BAD_SIGNATURE, message) from None


def _parse(plaintext: bytes, revision: int) -> ItemContent:
    tag, body = plaintext[:1], plaintext[1:]
    if tag == _TOMBSTONE:
        doc = expect_keys(
            load_json(body, "a deletion", MAX_TOMBSTONE),
            {"format", "id", "kind"},
            set(),
            "deletion",
        )
        if doc["format"] != FORMAT:
            raise BadPack("a deletion of an unknown format")
        kind = bounded_text(doc["kind"], "kind", 20)
        if kind not in KINDS:
            raise BadPack("a deletion of an unknown kind")
        return ItemContent(canonical_id(doc["id"], "entry id"), kind, None)
    if tag != _ENTRY:
        raise BadPack("an item of an unknown format")
    contents = read_inner(body)
    if len(contents.entries) != 1:
        raise BadPack("an item holds one entry")
    entry = contents.entries[0]
    if entry.revision != revision:
        raise BadPack("the entry's revision differs from the item's")
    if {a.id for a in entry.attachments} != set(contents.blobs) or any(
        len(contents.blobs[a.id]) != a.size for a in entry.attachments
    ):
        raise BadPack("the attachments do not match the entry")
    return ItemContent(entry.id, entry.kind, entry.values, entry.attachments, contents.blobs)


def _check_matches(item: SealedItem, content: ItemContent) -> None:
    """The clear fields the server routes by must say what the sealed content says."""
    if content.entry_id != item.item_id:
        raise _refused(item, MALFORMED, "the content belongs to another item")
    if not content.deleted and content.level != item.level:
        raise _refused(item, MALFORMED, "the content's classification differs from its level")
    if not 0 <= item.level < len(CLASSIFICATIONS):
        raise _refused(item, MALFORMED, "an unknown level")


def check_not_replayed(
    item: SealedItem, have_revision: int | None, have_digest: str | None
) -> None:
    """Refuse an item older than, or differing at, the revision this laptop already holds."""
    if have_revision is None:
        return
    if item.revision < have_revision:
        raise _refused(
            item, REPLAYED, f"an older revision than the one held here ({have_revision})"
        )
    if item.revision == have_revision and have_digest is not None and item.digest != have_digest:
        raise _refused(item, REPLAYED, "the revision held here, with other content")


def _refused(item: SealedItem, reason: str, message: str) -> ItemRefused:
    return ItemRefused(item.item_id, item.revision, reason, message)
