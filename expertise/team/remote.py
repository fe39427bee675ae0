"""The server's items table and the team's keys as a sync round uses them (docs/TEAM.md).

`ServerItems.push` stores a batch in one server transaction with one multi-row INSERT
(one round trip, not three per item); a revision someone else stored first (the unique
(item_id, revision) constraint) is skipped by ON CONFLICT DO NOTHING and costs that row
only. `pull` reads what row-level security lets this
member's role see, in the server's seq order.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from expertise.crypto import Secret
from expertise.errors import IntegrityError
from expertise.hub.work import UnitOfWork
from expertise.models import TeamMember
from expertise.team.connect import TeamServer
from expertise.team.errors import TeamKeyMissing
from expertise.team.items import SealedItem, UnknownAuthor
from expertise.team.keys import TeamKeys
from expertise.team.server.schema import items


class ServerItems:
    def __init__(self, server: TeamServer) -> None:
        self._server = server

    def push(self, batch: list[SealedItem]) -> list[int | None]:
        """One multi-row INSERT per batch; a revision stored first by someone else is
        skipped by the unique (item_id, revision) constraint and comes back as None."""
        if not batch:
            return []
        statement = (
            pg_insert(items)
            .values([_row(item) for item in batch])
            .on_conflict_do_nothing(index_elements=["item_id", "revision"])
            .returning(items.c.item_id, items.c.revision, items.c.seq)
        )
        with self._server.transaction() as connection:
            rows = connection.execute(statement).all()
        stored = {(row.item_id, int(row.revision)): int(row.seq) for row in rows}
        return [stored.get((item.item_id, item.revision)) for item in batch]

    def remaining(self, after: int) -> int:
        query = select(func.count()).select_from(items).where(items.c.seq > after)
        with self._server.transaction() as connection:
            return int(connection.execute(query).scalar_one())

    def pull(self, after: int, limit: int) -> list[SealedItem]:
        query = select(items).where(items.c.seq > after).order_by(items.c.seq).limit(limit)
        with self._server.transaction() as connection:
            rows = connection.execute(query).all()
        return [
            SealedItem(
                item_id=row.item_id,
                revision=int(row.revision),
                base_revision=None if row.base_revision is None else int(row.base_revision),
                level=int(row.level),
                epoch=int(row.epoch),
                author_id=row.author_id,
                ciphertext=bytes(row.ciphertext),
                signature=bytes(row.signature),
                seq=int(row.seq),
            )
            for row in rows
        ]


def _row(item: SealedItem) -> dict[str, object]:
    return {
        "item_id": item.item_id,
        "revision": item.revision,
        "base_revision": item.base_revision,
        "level": item.level,
        "epoch": item.epoch,
        "author_id": item.author_id,
        "size": item.size,
        "ciphertext": item.ciphertext,
        "signature": item.signature,
    }


class SyncKeys:
    """TeamKeys as the envelope expects them, for one round: the member list read once
    (a non-member is UnknownAuthor), a missing level key a KeyError, epochs cached."""

    def __init__(self, keys: TeamKeys, work: UnitOfWork) -> None:
        self._keys = keys
        rows = work.read(lambda s: [(m.member_id, m.ed25519_public) for m in s.query(TeamMember)])
        self._public = {member_id: bytes(public) for member_id, public in rows}
        self._epochs: dict[int, int] = {}

    @property
    def member_id(self) -> str:
        return self._keys.member_id

    def sign(self, data: bytes) -> bytes:
        return self._keys.sign(data)

    def verify(self, author_id: str, data: bytes, signature: bytes) -> None:
        public = self._public.get(author_id)
        if public is None:
            raise UnknownAuthor(author_id)
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
        except (InvalidSignature, ValueError):
            raise IntegrityError(f"item from {author_id} has a wrong signature") from None

    def content_key(self, level: int, epoch: int) -> Secret:
        try:
            return self._keys.content_key(level, epoch)
        except TeamKeyMissing:
            raise KeyError((level, epoch)) from None

    def current_epoch(self, level: int) -> int:
        if level not in self._epochs:
            try:
                self._epochs[level] = self._keys.current_epoch(level)
            except TeamKeyMissing:
                raise KeyError(level) from None
        return self._epochs[level]
