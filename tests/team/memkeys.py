"""Team keys held in memory: real Ed25519 and AES keys, no server (for envelope tests)."""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from expertise.errors import IntegrityError
from expertise.team.items import UnknownAuthor


class Team:
    """The members' public keys and the level keys per epoch, as the server would hand them."""

    def __init__(self, levels: int = 3) -> None:
        self.public: dict[str, bytes] = {}
        self.level_keys: dict[tuple[int, int], bytes] = {
            (level, 1): secrets.token_bytes(32) for level in range(levels)
        }

    def member(self, member_id: str, clearance: int = 2) -> MemoryKeys:
        private = Ed25519PrivateKey.generate()
        self.public[member_id] = private.public_key().public_bytes_raw()
        return MemoryKeys(self, member_id, private, clearance)


class MemoryKeys:
    def __init__(self, team: Team, member_id: str, private: Ed25519PrivateKey, clearance: int):
        self._team = team
        self._member_id = member_id
        self._private = private
        self.clearance = clearance

    @property
    def member_id(self) -> str:
        return self._member_id

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)

    def verify(self, author_id: str, data: bytes, signature: bytes) -> None:
        public = self._team.public.get(author_id)
        if public is None:
            raise UnknownAuthor(author_id)
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
        except InvalidSignature:
            raise IntegrityError("wrong signature") from None

    def content_key(self, level: int, epoch: int) -> bytes:
        if level > self.clearance:
            raise KeyError((level, epoch))
        return self._team.level_keys[(level, epoch)]

    def current_epoch(self, level: int) -> int:
        if level > self.clearance:
            raise KeyError(level)
        return max(epoch for (lvl, epoch) in self._team.level_keys if lvl == level)
