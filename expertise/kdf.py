"""Passphrase to key-encryption key with Argon2id (ARCHITECTURE §4, checklist S1).

The parameters live in the vault header next to the salt, so they can be
raised later without breaking old hubs. Because the header is outside input,
every parameter set read from it is checked against a floor: a header edited
to cheaper parameters is refused instead of quietly weakening the hub.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import math
import secrets
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

from argon2.low_level import ARGON2_VERSION, Type, hash_secret_raw

from expertise.errors import IntegrityError

KEK_LEN = 32
FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_ITERATIONS = 3
FLOOR_PARALLELISM = 4
SALT_LEN = 16
# Upper bounds keep a hostile header from making unlock allocate or spin for
# ever; they sit far above anything calibrate() or a user would choose.
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_ITERATIONS = 200
MAX_PARALLELISM = 16
MAX_SALT_LEN = 64
ALGORITHM = "argon2id"
_JSON_KEYS = {"algorithm", "version", "memory_kib", "iterations", "parallelism", "salt"}


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_LEN)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters and salt, as stored in a header."""

    memory_kib: int
    iterations: int
    parallelism: int
    salt: bytes

    @classmethod
    def floor(cls, salt: bytes | None = None) -> KdfParams:
        """The weakest parameters we accept, with a fresh salt unless given."""
        salt = new_salt() if salt is None else salt
        return cls(FLOOR_MEMORY_KIB, FLOOR_ITERATIONS, FLOOR_PARALLELISM, salt)

    def with_fresh_salt(self) -> KdfParams:
        return dataclasses.replace(self, salt=new_salt())

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the salt in base64)."""
        return {
            "algorithm": ALGORITHM,
            "version": ARGON2_VERSION,
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "parallelism": self.parallelism,
            "salt": base64.b64encode(self.salt).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: object) -> KdfParams:
        """Parse and check a dict from a header; IntegrityError if unusable."""
        if not isinstance(data, dict) or set(data) != _JSON_KEYS:
            raise IntegrityError("KDF parameters are malformed")
        if data["algorithm"] != ALGORITHM or _int_field(data, "version") != ARGON2_VERSION:
            raise IntegrityError("KDF algorithm is not supported")
        params = cls(
            memory_kib=_int_field(data, "memory_kib"),
            iterations=_int_field(data, "iterations"),
            parallelism=_int_field(data, "parallelism"),
            salt=_salt_field(data["salt"]),
        )
        check_floor(params)
        return params

    def __repr__(self) -> str:
        # The salt is not secret, but it identifies a hub: keep it out of logs.
        return (
            f"KdfParams(memory_kib={self.memory_kib}, iterations={self.iterations}, "
            f"parallelism={self.parallelism})"
        )


def _int_field(data: dict[str, Any], name: str) -> int:
    value = data[name]
    # bool is an int subclass; `true` is not a cost parameter.
    if not isinstance(value, int) or isinstance(value, bool):
        raise IntegrityError(f"KDF parameter {name} is not an integer")
    return value


def _salt_field(value: object) -> bytes:
    if not isinstance(value, str) or len(value) > 4 * MAX_SALT_LEN:
        raise IntegrityError("KDF salt is malformed")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise IntegrityError("KDF salt is malformed") from None


def check_floor(params: KdfParams) -> None:
    """Refuse parameters below the floor (no downgrade) or absurdly high."""
    below = (
        params.memory_kib < FLOOR_MEMORY_KIB
        or params.iterations < FLOOR_ITERATIONS
        or params.parallelism < FLOOR_PARALLELISM
        or len(params.salt) < SALT_LEN
    )
    if below:
        raise IntegrityError("KDF parameters below the floor: refused")
    above = (
        params.memory_kib > MAX_MEMORY_KIB
        or params.iterations > MAX_ITERATIONS
        or params.parallelism > MAX_PARALLELISM
        or len(params.salt) > MAX_SALT_LEN
    )
    if above:
        raise IntegrityError("KDF parameters out of range: refused")


def raw_argon2id(secret: bytes, params: KdfParams, length: int = KEK_LEN) -> bytearray:
    """Argon2id without the floor check: for known-answer tests only."""
    out = hash_secret_raw(
        secret=secret,
        salt=params.salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=length,
        type=Type.ID,
        version=ARGON2_VERSION,
    )
    return bytearray(out)


def encode_passphrase(passphrase: str) -> bytes:
    # NFC so that "é" typed as one code point or as e + accent is the same
    # passphrase on every OS and keyboard.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_kek(passphrase: str, params: KdfParams) -> bytearray:
    """The key-encryption key for `passphrase` (floor checked first)."""
    check_floor(params)
    return raw_argon2id(encode_passphrase(passphrase), params)


def time_derivation(params: KdfParams) -> float:
    """Seconds one derivation with `params` takes on this machine."""
    start = time.perf_counter()
    raw_argon2id(secrets.token_bytes(16), params)
    return time.perf_counter() - start


def calibrate(target_seconds: float = 0.5, max_seconds: float = 1.0) -> KdfParams:
    """Parameters that take about `target_seconds` here, never below the floor.

    Only the iteration count grows: memory stays at the floor so that a hub
    made on a big desktop still opens on a small laptop.
    """
    params = KdfParams.floor()
    elapsed = time_derivation(params)
    while elapsed < target_seconds:
        per_iteration = elapsed / params.iterations
        wanted = max(params.iterations + 1, math.ceil(target_seconds / per_iteration))
        wanted = min(wanted, MAX_ITERATIONS, math.floor(max_seconds / per_iteration))
        if wanted <= params.iterations:
            break
        candidate = dataclasses.replace(params, iterations=wanted)
        measured = time_derivation(candidate)
        if measured > max_seconds:
            break
        params, elapsed = candidate, measured
    return params.with_fresh_salt()
