"""`TeamKeys` (``hub.team.keys``): this laptop's team identity and the level content keys.

The identity (X25519 to receive wrapped keys, Ed25519 to sign items) is made here and never
leaves the laptop; its private halves sit in the SQLCipher hub (encrypted and re-keyed with
everything else; never a file of their own). Level keys arrive wrapped to our X25519 key
(expertise/team/crypto.py) and are kept the same way. Loaded keys live in bytearrays that
`forget()` wipes: the hub calls it on lock, like the database key (expertise/hub/parts.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from expertise.crypto import Secret, wipe
from expertise.errors import HubLocked, IntegrityError
from expertise.models import TeamConfig, TeamIdentity, TeamLevelKey, TeamMember
from expertise.team.crypto import Identity, unwrap, wrap_aad
from expertise.team.errors import TeamError, TeamKeyMissing
from expertise.team.levels import levels_up_to
from expertise.team.server.schema import ACTIVE

if TYPE_CHECKING:
    from expertise.hub.core import HubCore

CLEARANCE = "clearance"


class TeamKeys:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._identity: Identity | None = None
        self._levels: dict[tuple[int, int], bytearray] = {}

    # -- lifecycle -----------------------------------------------------------
    def forget(self) -> None:
        """Wipe every loaded key (the hub calls this on lock)."""
        if self._identity is not None:
            self._identity.wipe()
        self._identity = None
        for key in self._levels.values():
            wipe(key)
        self._levels.clear()

    # -- identity ------------------------------------------------------------
    def has_identity(self) -> bool:
        return self._hub.session.read(lambda s: s.get(TeamIdentity, 1)) is not None

    def create_identity(self) -> Identity:
        """This laptop's identity, made and stored on first use."""
        if self.has_identity():
            return self.identity()
        made = Identity.generate()
        row = TeamIdentity(
            id=1,
            member_id=made.member_id,
            x25519_private=bytes(made.x25519_seed),
            ed25519_private=bytes(made.ed25519_seed),
        )
        self._hub.session.read(lambda s: s.add(row))
        self._identity = made
        return made

    def identity(self) -> Identity:
        if self._hub.locked:
            raise HubLocked("the hub is locked")
        if self._identity is None:
            row = self._hub.session.read(lambda s: s.get(TeamIdentity, 1))
            if row is None:
                raise TeamError(
                    "this hub has no team identity: run `team request` or `team create` first"
                )
            self._identity = Identity(bytearray(row.x25519_private), bytearray(row.ed25519_private))
        return self._identity

    @property
    def member_id(self) -> str:
        return self.identity().member_id

    # -- signing ---------------------------------------------------------------
    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature by this member."""
        return self.identity().sign(data)

    def verify(self, author_id: str, data: bytes, signature: bytes) -> None:
        """IntegrityError unless `author_id` (a known member) signed `data`."""
        member = self._hub.session.read(lambda s: s.get(TeamMember, author_id))
        if member is None:
            raise IntegrityError(f"item signed by {author_id!r}, who is not a team member")
        try:
            Ed25519PublicKey.from_public_bytes(member.ed25519_public).verify(signature, data)
        except (InvalidSignature, ValueError):
            raise IntegrityError(f"item from {author_id} has a wrong signature") from None

    # -- level keys --------------------------------------------------------------
    def content_key(self, level: int, epoch: int) -> bytearray:
        """The content key of `level` in `epoch` (TeamKeyMissing if this laptop has none).

        The bytearray is the cached one, wiped on lock: use it, do not keep it.
        """
        cached = self._levels.get((level, epoch))
        if cached is not None:
            return cached
        row = self._hub.session.read(lambda s: s.get(TeamLevelKey, (level, epoch)))
        if row is None:
            raise TeamKeyMissing(f"no team key for level {level}, epoch {epoch} on this laptop")
        key = bytearray(row.key)
        self._levels[(level, epoch)] = key
        return key

    def current_epoch(self, level: int) -> int:
        """The newest epoch of `level` this laptop holds (what new items are written with)."""
        loaded = [epoch for (lv, epoch) in self._levels if lv == level]
        newest = self._hub.session.read(
            lambda s: s.scalar(
                select(func.max(TeamLevelKey.epoch)).where(TeamLevelKey.level == level)
            )
        )
        found = loaded + ([int(newest)] if newest is not None else [])
        if not found:
            raise TeamKeyMissing(f"no team key for level {level} on this laptop")
        return max(found)

    def cleared_levels(self) -> list[int]:
        """The levels this member may read and write."""
        row = self._hub.session.read(lambda s: s.get(TeamConfig, CLEARANCE))
        return levels_up_to(int(row.value)) if row is not None else []

    def store_level_key(self, session: Session, level: int, epoch: int, key: Secret) -> None:
        """Keep a level key in this hub, inside the caller's session (and loaded)."""
        if session.get(TeamLevelKey, (level, epoch)) is None:
            session.add(TeamLevelKey(level=level, epoch=epoch, key=bytes(key)))
            self._levels.setdefault((level, epoch), bytearray(key))

    def accept_wrapped(self, session: Session, level: int, epoch: int, wrapped: bytes) -> bool:
        """Unwrap a key the server holds for us and keep it; False if it was known already."""
        if session.get(TeamLevelKey, (level, epoch)) is not None:
            return False
        identity = self.identity()
        key = unwrap(wrapped, identity, wrap_aad(identity.member_id, level, epoch))
        try:
            self.store_level_key(session, level, epoch, key)
        finally:
            wipe(key)
        return True

    def known_members(self) -> list[TeamMember]:
        return self._hub.session.read(
            lambda s: list(s.scalars(select(TeamMember).where(TeamMember.status == ACTIVE)))
        )
