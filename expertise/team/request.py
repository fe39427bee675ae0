"""A membership request: what a new member's laptop hands to the admin (no secret in it).

JSON with the member's public keys, chosen display name and role name, and a SCRAM-SHA-256
verifier of the database password they chose; signed with their Ed25519 key, so the admin
knows the request was made by the holder of that key and was not altered on the way.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from expertise.team.crypto import PUBLIC_LEN, Identity, member_id_of
from expertise.team.errors import TeamError
from expertise.team.scram import is_verifier
from expertise.team.server.roles import member_role

FORMAT = "expertise-team-request/1"
MAX_BYTES = 16_384
MAX_NAME = 200


@dataclass(frozen=True)
class MemberRequest:
    member_id: str
    role: str
    display_name: str
    x25519_public: bytes
    ed25519_public: bytes
    verifier: str

    def _body(self) -> dict[str, str]:
        return {
            "format": FORMAT,
            "member_id": self.member_id,
            "role": self.role,
            "display_name": self.display_name,
            "verifier": self.verifier,
            "x25519_public": base64.b64encode(self.x25519_public).decode(),
            "ed25519_public": base64.b64encode(self.ed25519_public).decode(),
        }

    def to_json(self, identity: Identity) -> str:
        body = self._body()
        signature = identity.sign(_canonical(body))
        return json.dumps({**body, "signature": base64.b64encode(signature).decode()}, indent=2)

    @classmethod
    def make(cls, identity: Identity, display_name: str, verifier: str) -> MemberRequest:
        return cls(
            identity.member_id,
            member_role(identity.member_id),
            _name(display_name),
            identity.x25519_public,
            identity.ed25519_public,
            verifier,
        )


def _canonical(body: dict[str, str]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME:
        raise TeamError(f"the display name must be 1 to {MAX_NAME} characters")
    return name


def _field(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise TeamError(f"not a team membership request: {key!r} is missing")
    return value


def _key(data: dict[str, Any], key: str) -> bytes:
    try:
        raw = base64.b64decode(_field(data, key), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != PUBLIC_LEN:
        raise TeamError(f"the request's {key} is malformed")
    return raw


def parse(raw: bytes) -> MemberRequest:
    """Check a request file's bytes: shape, sizes, ids and the signature; TeamError if not."""
    if len(raw) > MAX_BYTES:
        raise TeamError("not a team membership request: the file is too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise TeamError("not a team membership request: not JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TeamError("not a team membership request (or from a newer app version)")
    request = MemberRequest(
        _field(data, "member_id"),
        _field(data, "role"),
        _name(_field(data, "display_name")),
        _key(data, "x25519_public"),
        _key(data, "ed25519_public"),
        _field(data, "verifier"),
    )
    if request.member_id != member_id_of(request.ed25519_public) or request.role != member_role(
        request.member_id
    ):
        raise TeamError("the request's member id does not match its keys")
    if not is_verifier(request.verifier):
        raise TeamError("the request's password verifier is malformed")
    try:
        signature = base64.b64decode(_field(data, "signature"), validate=True)
        Ed25519PublicKey.from_public_bytes(request.ed25519_public).verify(
            signature, _canonical(request._body())
        )
    except (InvalidSignature, binascii.Error, ValueError):
        raise TeamError("the request's signature does not verify: it was altered") from None
    return request
