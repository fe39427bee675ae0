"""The `vault.json` header: its model, a defensive parser and the writer.

The header is outside input (a file anyone with the folder can edit), so it is
parsed field by field with types and sizes checked, and every failure becomes
NotAHub or IntegrityError with a plain message, never a stray exception from
json, base64 or a KeyError (checklist S10 fuzzes this).

Layout (version 1)::

    {"format": "expertise-hub-vault", "version": 1, "hub_id": UUID4,
     "created": ISO-8601, "key_check": b64(HMAC-SHA256),
     "wraps": [{"type": "passphrase", "kdf": {...}, "wrapped_key": b64},
               {"type": "recovery", "wrapped_key": b64}]}
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from expertise.crypto import KEY_LEN, NONCE_LEN, TAG_LEN
from expertise.errors import IntegrityError, NotAHub, UserError
from expertise.kdf import KdfParams

FORMAT = "expertise-hub-vault"
VERSION = 1
HEADER_NAME = "vault.json"
MAX_HEADER_BYTES = 64 * 1024
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
_WRAPPED_LEN = 1 + NONCE_LEN + KEY_LEN + TAG_LEN
_CHECK_LEN = 32
_HEADER_KEYS = {"format", "version", "hub_id", "created", "key_check", "wraps"}
_WRAP_KEYS = {PASSPHRASE: {"type", "kdf", "wrapped_key"}, RECOVERY: {"type", "wrapped_key"}}


@dataclass(frozen=True)
class KeyWrap:
    kind: str
    wrapped: bytes
    kdf: KdfParams | None = None


@dataclass(frozen=True)
class VaultHeader:
    hub_id: str
    created: str
    key_check: bytes
    wraps: tuple[KeyWrap, ...]

    def identity(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "hub_id": self.hub_id,
            "created": self.created,
        }

    def passphrase_wrap(self) -> tuple[KeyWrap, KdfParams]:
        # parse_header guarantees both; the check keeps mypy and -O honest.
        wrap = self.wrap(PASSPHRASE)
        if wrap is None or wrap.kdf is None:
            raise IntegrityError("vault header has no passphrase wrap")
        return wrap, wrap.kdf

    def wrap(self, kind: str) -> KeyWrap | None:
        return next((w for w in self.wraps if w.kind == kind), None)

    def without(self, kind: str) -> VaultHeader:
        return replace(self, wraps=tuple(w for w in self.wraps if w.kind != kind))

    def with_wrap(self, wrap: KeyWrap) -> VaultHeader:
        # Passphrase first keeps the file stable and readable.
        wraps = sorted((*self.without(wrap.kind).wraps, wrap), key=lambda w: w.kind != PASSPHRASE)
        return replace(self, wraps=tuple(wraps))


def canonical_json(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def wrap_aad(header: VaultHeader, kind: str, kdf: KdfParams | None) -> bytes:
    """Associated data of one wrap: the header identity, wrap type and KDF."""
    bound = {**header.identity(), "wrap": kind, "kdf": kdf.to_json() if kdf else None}
    return canonical_json(bound)


# --- reading the header -------------------------------------------------------


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Two "wraps" keys would let two parsers see two different headers.
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key")
    return dict(pairs)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _load_json(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_HEADER_BYTES:
        raise IntegrityError("vault header is too large")
    try:
        data = json.loads(
            raw.decode("utf-8"),
            object_pairs_hook=_reject_duplicates,
            parse_constant=_reject_constant,
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise IntegrityError("vault header is not valid JSON (truncated or damaged)") from None
    if not isinstance(data, dict):
        raise IntegrityError("vault header is not a JSON object")
    return data


def _b64_field(value: object, length: int, what: str) -> bytes:
    if isinstance(value, str) and len(value) <= 2 * length:
        try:
            decoded = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            decoded = b""
        if len(decoded) == length:
            return decoded
    raise IntegrityError(f"vault header {what} is malformed")


def _uuid_field(value: object) -> str:
    try:
        if isinstance(value, str) and str(uuid.UUID(value)) == value:
            return value
    except ValueError:
        pass
    raise IntegrityError("vault header hub_id is malformed")


def _timestamp_field(value: object) -> str:
    try:
        if isinstance(value, str) and len(value) <= 40:
            datetime.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise IntegrityError("vault header created time is malformed")


def _parse_wrap(item: object) -> KeyWrap:
    if not isinstance(item, dict):
        raise IntegrityError("vault header key wrap is malformed")
    kind = item.get("type")
    if not isinstance(kind, str) or kind not in _WRAP_KEYS:
        raise IntegrityError("vault header has an unknown key wrap")
    if set(item) != _WRAP_KEYS[kind]:
        raise IntegrityError("vault header key wrap has missing or unknown fields")
    kdf = KdfParams.from_json(item["kdf"]) if kind == PASSPHRASE else None
    return KeyWrap(kind, _b64_field(item["wrapped_key"], _WRAPPED_LEN, "wrapped key"), kdf)


def _parse_wraps(value: object) -> tuple[KeyWrap, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= len(_WRAP_KEYS):
        raise IntegrityError("vault header key wraps are malformed")
    wraps = tuple(_parse_wrap(item) for item in value)
    kinds = [w.kind for w in wraps]
    if len(set(kinds)) != len(kinds) or PASSPHRASE not in kinds:
        raise IntegrityError("vault header key wraps are malformed")
    return wraps


def _check_version(data: dict[str, Any]) -> None:
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise IntegrityError("vault header version is malformed")
    if version > VERSION:
        raise IntegrityError("vault header was made by a newer version of Expertise Hub")


def parse_header(raw: bytes) -> VaultHeader:
    """Structural parse of `vault.json` bytes (no key needed)."""
    data = _load_json(raw)
    if data.get("format") != FORMAT:
        raise NotAHub("vault.json is not an Expertise Hub vault header")
    _check_version(data)
    if set(data) != _HEADER_KEYS:
        raise IntegrityError("vault header has missing or unknown fields")
    return VaultHeader(
        hub_id=_uuid_field(data["hub_id"]),
        created=_timestamp_field(data["created"]),
        key_check=_b64_field(data["key_check"], _CHECK_LEN, "key check"),
        wraps=_parse_wraps(data["wraps"]),
    )


def read_header(folder: Path) -> VaultHeader:
    try:
        with (Path(folder) / HEADER_NAME).open("rb") as handle:
            raw = handle.read(MAX_HEADER_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise NotAHub("no vault header in this folder") from None
    except OSError as exc:
        raise UserError(f"the vault header cannot be read ({exc.strerror})") from None
    return parse_header(raw)


# --- writing the header -------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _wrap_json(wrap: KeyWrap) -> dict[str, Any]:
    out: dict[str, Any] = {"type": wrap.kind}
    if wrap.kdf is not None:
        out["kdf"] = wrap.kdf.to_json()
    out["wrapped_key"] = _b64(wrap.wrapped)
    return out


def header_bytes(header: VaultHeader) -> bytes:
    obj = {
        **header.identity(),
        "key_check": _b64(header.key_check),
        "wraps": [_wrap_json(w) for w in header.wraps],
    }
    return (json.dumps(obj, indent=2) + "\n").encode("utf-8")
