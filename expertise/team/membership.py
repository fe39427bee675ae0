"""Create a team, admit and remove members, and bring a laptop's member cache and keys up to
date (docs/TEAM.md). Each function runs in the caller's server transaction.

The admin holds every level key. Admitting wraps the keys of every epoch of each cleared
level to the new member (so they read what was written before them); removing starts a new
epoch for each level the member held, wrapped to the remaining members only.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from expertise.crypto import aead_decrypt, aead_encrypt, wipe
from expertise.errors import IntegrityError
from expertise.models import TeamMember
from expertise.team import local
from expertise.team.crypto import Identity, new_level_key, wrap, wrap_aad
from expertise.team.errors import TeamError
from expertise.team.keys import TeamKeys
from expertise.team.levels import LEVELS
from expertise.team.request import MemberRequest
from expertise.team.server import roles
from expertise.team.server.schema import (
    ACTIVE,
    REMOVED,
    key_epochs,
    members,
    team_meta,
    wrapped_keys,
)

TOP = len(LEVELS) - 1


@dataclass(frozen=True)
class Joined:
    """What the laptop keeps about its team after create or refresh."""

    team_name: str
    member_id: str
    role: str
    clearance: int
    is_admin: bool


def _name_aad(member_id: str) -> bytes:
    return f"expertise-team/member-name|{member_id}".encode()


def seal_name(keys: TeamKeys, member_id: str, name: str) -> tuple[bytes, int]:
    """A display name under the current level-0 key: the server never reads names."""
    epoch = keys.current_epoch(0)
    return aead_encrypt(keys.content_key(0, epoch), name.encode(), _name_aad(member_id)), epoch


def open_name(keys: TeamKeys, member_id: str, sealed: bytes | None, epoch: int | None) -> str:
    if sealed is None or epoch is None:
        return ""
    try:
        return aead_decrypt(keys.content_key(0, epoch), sealed, _name_aad(member_id)).decode()
    except (IntegrityError, TeamError, UnicodeDecodeError):
        return ""


def _meta(connection: Connection, key: str) -> str:
    value = connection.execute(select(team_meta.c.value).where(team_meta.c.key == key)).scalar()
    if value is None:
        raise TeamError(f"the team server has no {key!r}: was `team create` finished?")
    return str(value)


def _new_epoch(
    connection: Connection,
    session: Session,
    keys: TeamKeys,
    level: int,
    recipients: list[tuple[str, bytes]],
) -> int:
    """A fresh key for `level`, kept here and wrapped to each recipient (member id, X25519)."""
    newest = connection.execute(
        select(func.max(key_epochs.c.epoch)).where(key_epochs.c.level == level)
    ).scalar()
    epoch = int(newest or 0) + 1
    key = new_level_key()
    try:
        connection.execute(
            insert(key_epochs).values(level=level, epoch=epoch, created_at=func.now())
        )
        for member_id, public in recipients:
            connection.execute(
                insert(wrapped_keys).values(
                    member_id=member_id,
                    level=level,
                    epoch=epoch,
                    wrapped=wrap(key, public, wrap_aad(member_id, level, epoch)),
                )
            )
        keys.store_level_key(session, level, epoch, key)
    finally:
        wipe(key)
    return epoch


def create(
    connection: Connection,
    session: Session,
    keys: TeamKeys,
    identity: Identity,
    team_name: str,
    display_name: str,
) -> Joined:
    """Schema, roles, a first epoch of every level and this laptop as the admin."""
    from expertise.team.server import migrate  # Alembic: not loaded by every CLI start

    roles.require_createrole(connection)
    if migrate.current(connection) is not None:
        migrate.check(connection)  # a newer schema says "update the app" first
        raise TeamError("this database holds a team already: use an empty database")
    team_id = secrets.token_hex(6)
    migrate.upgrade(connection, member_group=roles.group_role(team_id))
    role = str(connection.execute(text("SELECT current_user")).scalar())
    connection.execute(
        insert(team_meta),
        [{"key": "team_id", "value": team_id}, {"key": "team_name", "value": team_name}],
    )
    connection.execute(
        insert(members).values(
            member_id=identity.member_id,
            role_name=role,
            x25519_public=identity.x25519_public,
            ed25519_public=identity.ed25519_public,
            clearance=TOP,
            is_admin=True,
            status=ACTIVE,
            admitted_at=func.now(),
        )
    )
    me = [(identity.member_id, identity.x25519_public)]
    for level in range(len(LEVELS)):
        _new_epoch(connection, session, keys, level, me)
    _set_name(connection, keys, identity.member_id, display_name)
    return Joined(team_name, identity.member_id, role, TOP, True)


def _set_name(connection: Connection, keys: TeamKeys, member_id: str, name: str) -> None:
    sealed, epoch = seal_name(keys, member_id, name)
    connection.execute(
        update(members)
        .where(members.c.member_id == member_id)
        .values(name_sealed=sealed, name_epoch=epoch)
    )


def _member_group(connection: Connection) -> str:
    return _meta(connection, "member_group")


def admit(
    connection: Connection, session: Session, keys: TeamKeys, request: MemberRequest, clearance: int
) -> None:
    """The member's role (password: their verifier), their row and their level keys."""
    if not 0 <= clearance <= TOP:
        raise TeamError(f"clearance must be one of {', '.join(LEVELS)}")
    known = connection.execute(
        select(members.c.status).where(members.c.member_id == request.member_id)
    ).scalar()
    if known is not None:
        raise TeamError(
            f"member {request.member_id} is {known} already: a removed member "
            "makes a new request (a new identity) to come back"
        )
    roles.create_member(connection, request.role, request.verifier, _member_group(connection))
    connection.execute(
        insert(members).values(
            member_id=request.member_id,
            role_name=request.role,
            x25519_public=request.x25519_public,
            ed25519_public=request.ed25519_public,
            clearance=clearance,
            is_admin=False,
            status=ACTIVE,
            admitted_at=func.now(),
        )
    )
    epochs = connection.execute(
        select(key_epochs.c.level, key_epochs.c.epoch).where(key_epochs.c.level <= clearance)
    ).all()
    for level, epoch in epochs:
        key = keys.content_key(level, epoch)
        connection.execute(
            insert(wrapped_keys).values(
                member_id=request.member_id,
                level=level,
                epoch=epoch,
                wrapped=wrap(key, request.x25519_public, wrap_aad(request.member_id, level, epoch)),
            )
        )
    _set_name(connection, keys, request.member_id, request.display_name)


def find_member(connection: Connection, keys: TeamKeys, who: str) -> tuple[str, str, int]:
    """(member id, role, clearance) of an active member named by id, role or display name."""
    rows = connection.execute(
        select(
            members.c.member_id,
            members.c.role_name,
            members.c.clearance,
            members.c.name_sealed,
            members.c.name_epoch,
        ).where(members.c.status == ACTIVE)
    ).all()
    wanted = who.strip().casefold()
    hits = [
        r
        for r in rows
        if wanted
        in (
            r.member_id,
            r.role_name.casefold(),
            open_name(keys, r.member_id, r.name_sealed, r.name_epoch).casefold(),
        )
    ]
    if not hits:
        raise TeamError(f"no active team member {who!r} (give the member id from `team status`)")
    if len(hits) > 1:
        raise TeamError(f"{who!r} names {len(hits)} members: give the member id")
    return hits[0].member_id, hits[0].role_name, int(hits[0].clearance)


def remove(connection: Connection, session: Session, keys: TeamKeys, who: str) -> str:
    """Cut a member off and rotate the keys of every level they held; their member id."""
    member_id, role, clearance = find_member(connection, keys, who)
    if member_id == keys.member_id:
        raise TeamError("the admin cannot remove themselves")
    connection.execute(
        update(members)
        .where(members.c.member_id == member_id)
        .values(status=REMOVED, removed_at=func.now())
    )
    connection.execute(delete(wrapped_keys).where(wrapped_keys.c.member_id == member_id))
    roles.remove_member(connection, role, _member_group(connection))
    remaining = connection.execute(
        select(members.c.member_id, members.c.x25519_public, members.c.clearance).where(
            members.c.status == ACTIVE
        )
    ).all()
    for level in range(clearance + 1):
        recipients = [
            (r.member_id, bytes(r.x25519_public)) for r in remaining if r.clearance >= level
        ]
        _new_epoch(connection, session, keys, level, recipients)
    return member_id


def refresh(connection: Connection, session: Session, keys: TeamKeys) -> Joined:
    """The server's member list and this member's new wrapped keys, into the local hub."""
    from expertise.team.server import migrate  # Alembic: not loaded by every CLI start

    migrate.check(connection)
    me = keys.member_id
    mine = connection.execute(
        select(wrapped_keys.c.level, wrapped_keys.c.epoch, wrapped_keys.c.wrapped).where(
            wrapped_keys.c.member_id == me
        )
    ).all()
    for level, epoch, wrapped in mine:
        keys.accept_wrapped(session, int(level), int(epoch), bytes(wrapped))
    rows = connection.execute(select(members)).all()
    cache = [
        TeamMember(
            member_id=r.member_id,
            x25519_public=bytes(r.x25519_public),
            ed25519_public=bytes(r.ed25519_public),
            clearance=int(r.clearance),
            status=r.status,
            display_name=open_name(keys, r.member_id, r.name_sealed, r.name_epoch),
        )
        for r in rows
    ]
    local.replace_members(session, cache)
    own = next((r for r in rows if r.member_id == me and r.status == ACTIVE), None)
    if own is None:
        raise TeamError("this laptop is not an active member of the team")
    joined = Joined(
        _meta(connection, "team_name"), me, own.role_name, int(own.clearance), bool(own.is_admin)
    )
    remember(session, joined)
    return joined


def remember(session: Session, joined: Joined) -> None:
    for key, value in (
        (local.TEAM_NAME, joined.team_name),
        (local.MEMBER_ID, joined.member_id),
        (local.ROLE, joined.role),
        (local.CLEARANCE, str(joined.clearance)),
        (local.IS_ADMIN, "1" if joined.is_admin else "0"),
    ):
        local.put(session, key, value)
