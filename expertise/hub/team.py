"""`TeamFacade` (``hub.team``): this hub as a member of a team hub on PostgreSQL (docs/TEAM.md).

Passwords are parameters: the CLI takes them from the OS keyring or a prompt, the app from a
dialog; a server URL never carries one. The app's prompt may hand one password to
`hold_password` for this session: it stays in this object's memory only (never a file, a
setting, argv or the environment) and is dropped on lock, like the hub key. Server work runs
in one server transaction and one local session; the local part commits only after the server
part succeeded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from expertise.hub.core import HubCore
from expertise.models import TeamConfig, TeamLevelKey, TeamMember
from expertise.records import Change
from expertise.services import audit
from expertise.team import conflicts as team_conflicts
from expertise.team import local, membership
from expertise.team import password as keyring_password
from expertise.team import sync as team_sync
from expertise.team.conflicts import ConflictRecord
from expertise.team.connect import ServerAddress, TeamServer, role_from_url
from expertise.team.errors import PasswordNeeded, ServerRefused, ServerUnavailable, TeamError
from expertise.team.indexing import RoundIndex
from expertise.team.keys import TeamKeys
from expertise.team.levels import LEVELS, level_of
from expertise.team.records import MemberInfo, TeamStatus
from expertise.team.remote import ServerItems, SyncKeys
from expertise.team.request import MemberRequest, parse
from expertise.team.scram import verifier
from expertise.team.sync import Cancel, Progress, SyncReport, SyncRound


class TeamFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._work = hub.session
        self.keys = TeamKeys(hub)
        hub.forget_on_lock(self.keys.forget)
        self._password: str | None = None  # this session's, from the app's prompt
        hub.forget_on_lock(self.forget_password)

    # -- local settings (the sync cursor and such live here too) --------------------
    def setting(self, key: str) -> str | None:
        return self._work.read(lambda s: local.get(s, key))

    def set_setting(self, key: str, value: str) -> None:
        self._work.require_writable()
        self._work.read(lambda s: local.put(s, key, value))

    @property
    def joined(self) -> bool:
        """Whether this hub has been part of a team (admin, or admitted and refreshed)."""
        return self.setting(local.JOINED) == "1"

    def role(self) -> str | None:
        return self.setting(local.ROLE)

    def _address(self, url: str | None) -> ServerAddress:
        text = url or self.setting(local.SERVER)
        if not text:
            raise TeamError("no team server: give its URL (or set $EXPERTISE_SERVER)")
        return ServerAddress.parse(text)

    # -- the server password of this session -------------------------------------------
    def hold_password(self, password: str) -> None:
        """Keep the server password in memory until the hub locks (or the server refuses it)."""
        self._password = password or None

    def forget_password(self) -> None:
        self._password = None

    def holds_password(self) -> bool:
        """Whether this session holds a password (the keyring is not asked)."""
        return self._password is not None

    def known_password(self) -> str | None:
        """This session's password, else the one a secure OS keyring remembers, else None."""
        if self._password is not None:
            return self._password
        role = self.role()
        return keyring_password.recall(role) if role else None

    # -- connecting ------------------------------------------------------------------
    def server(self, password: str, url: str | None = None) -> TeamServer:
        """Log in as this laptop's role (the caller closes it, or uses `with`)."""
        role = self.role()
        if not role:
            raise TeamError("this hub is not in a team: `team create` or `team request` first")
        return TeamServer(self._address(url), role, password)

    @contextmanager
    def _round(self, server: TeamServer) -> Iterator[tuple[Connection, Session]]:
        self._work.require_writable()
        with self._work.reading() as session, server.transaction() as connection:
            # the team settings a refresh reads and writes, in one query, not a `get` each
            # (held in this list: the session's identity map keeps only what is referenced)
            settings = list(session.scalars(select(TeamConfig)))
            yield connection, session
            del settings

    def refresh(self, server: TeamServer) -> None:
        """Members and this member's new level keys from the server into this hub."""
        with self._round(server) as (connection, session):
            membership.refresh(connection, session, self.keys)
            local.put(session, local.JOINED, "1")
            local.put(session, local.SERVER, server.address.text())

    # -- membership --------------------------------------------------------------------
    def create(self, url: str, name: str, password: str, display_name: str = "admin") -> None:
        """Schema, level keys and this hub as the first admin, on an empty team database."""
        if self.setting(local.ROLE):
            raise TeamError("this hub is in a team already (or has a pending request)")
        address = ServerAddress.parse(url)
        role = role_from_url(url)
        if not role:
            raise TeamError(
                "the URL must name the admin's database role: postgresql://ROLE@host:5432/database"
            )
        team_name = " ".join(name.split())
        if not team_name:
            raise TeamError("the team needs a name")
        self._work.read(lambda s: s.execute(delete(TeamLevelKey)))  # left by a failed create
        identity = self.keys.create_identity()
        with TeamServer(address, role, password) as server, self._round(server) as (conn, s):
            membership.create(conn, s, self.keys, identity, team_name, display_name)
            membership.refresh(conn, s, self.keys)
            local.put(s, local.SERVER, address.text())
            local.put(s, local.JOINED, "1")
            local.put(s, local.DISPLAY_NAME, display_name)
        self._audit("team-create")

    def request(self, display_name: str, password: str, url: str | None = None) -> str:
        """The request file's text for the admin: public keys, name, role, password verifier."""
        if self.joined:
            raise TeamError("this hub is in a team already")
        if len(password) < 12:
            raise TeamError("the server password must be at least 12 characters")
        address = ServerAddress.parse(url) if url else None
        identity = self.keys.create_identity()
        made = MemberRequest.make(identity, display_name, verifier(password))

        def keep(session: Session) -> None:
            local.put(session, local.ROLE, made.role)
            local.put(session, local.MEMBER_ID, made.member_id)
            local.put(session, local.DISPLAY_NAME, made.display_name)
            if address is not None:
                local.put(session, local.SERVER, address.text())

        self._work.require_writable()
        self._work.read(keep)
        self._audit("team-request")
        return made.to_json(identity)

    def admit(self, request_bytes: bytes, clearance: str, password: str) -> MemberInfo:
        """Admit the member a request file describes, cleared up to `clearance`."""
        request = parse(request_bytes)
        level = level_of(clearance)
        self._require_admin()
        with self.server(password) as server, self._round(server) as (connection, session):
            membership.refresh(connection, session, self.keys)
            membership.admit(connection, session, self.keys, request, level)
            membership.refresh(connection, session, self.keys)
        self._audit("team-admit")
        return MemberInfo(request.member_id, request.display_name, clearance, "active")

    def remove(self, who: str, password: str) -> str:
        """Remove a member (id, role or display name): role dropped, keys rotated; its id."""
        self._require_admin()
        with self.server(password) as server, self._round(server) as (connection, session):
            membership.refresh(connection, session, self.keys)
            removed = membership.remove(connection, session, self.keys, who)
            membership.refresh(connection, session, self.keys)
        self._audit("team-remove")
        return removed

    def upgrade(self, password: str) -> str:
        """Bring the server's schema to this app's (admin only); the schema now running."""
        from expertise.team.server import migrate  # Alembic: not loaded by every CLI start

        self._require_admin()
        with self.server(password) as server, server.transaction() as connection:
            migrate.upgrade(connection)
            return migrate.current(connection) or ""

    def _require_admin(self) -> None:
        if self.setting(local.IS_ADMIN) != "1":
            raise TeamError("only the team admin can do this")

    def _audit(self, action: str) -> None:
        self._work.read(lambda s: audit.record(s, action))

    # -- status ------------------------------------------------------------------------
    def status(self, password: str | None = None) -> TeamStatus:
        """What this hub knows of its team; with a password, refreshed from the server first."""
        if not self.setting(local.ROLE):
            return TeamStatus(in_team=False)
        online: bool | None = None
        problem = ""
        if password is not None:
            try:
                with self.server(password) as server:
                    self.refresh(server)
                online = True
            except (ServerUnavailable, ServerRefused) as error:
                online, problem = False, str(error)
        found = self._work.read(lambda s: self._status(s, online))
        return dataclasses.replace(found, problem=problem)

    def _status(self, session: Session, online: bool | None) -> TeamStatus:
        def get(key: str) -> str:
            return local.get(session, key) or ""

        clearance = get(local.CLEARANCE)
        rows = session.scalars(select(TeamMember).order_by(TeamMember.member_id)).all()
        epochs: dict[str, int] = {}
        for key in session.scalars(select(TeamLevelKey)):
            name = LEVELS[key.level] if key.level < len(LEVELS) else str(key.level)
            epochs[name] = max(epochs.get(name, 0), key.epoch)
        return TeamStatus(
            in_team=get(local.JOINED) == "1",
            team_name=get(local.TEAM_NAME),
            server=_display(get(local.SERVER)),
            member_id=get(local.MEMBER_ID),
            role=get(local.ROLE),
            clearance=LEVELS[int(clearance)] if clearance else "",
            is_admin=get(local.IS_ADMIN) == "1",
            request_pending=get(local.JOINED) != "1",
            online=online,
            epochs=epochs,
            members=[
                MemberInfo(
                    r.member_id, r.display_name, LEVELS[min(r.clearance, len(LEVELS) - 1)], r.status
                )
                for r in rows
            ],
        )

    # -- sync (expertise/team/sync.py, conflicts.py) -----------------------------------
    def sync(
        self,
        password: str | None = None,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> SyncReport:
        """One round: members and new keys, then push local changes and pull the server's.

        Without a password, this session's or the OS keyring's (the app's background sync);
        PasswordNeeded when there is neither. A held password the server refuses is dropped.
        """
        if password is None:
            password = self.known_password()
            if not password:
                raise PasswordNeeded(
                    "the team server password is not known on this laptop: "
                    "give it, or remember it in a secure OS keyring"
                )
        try:
            with self.server(password) as server:
                self.refresh(server)
                keys = SyncKeys(self.keys, self._work)
                items = ServerItems(server)
                round_ = SyncRound(self._work, self._hub.blobs, items, keys, progress, cancel)
                round_.index = RoundIndex(self._work, self._hub.index_service, self._hub.blobs)
                return round_.run()
        except ServerRefused:
            if password == self._password:
                self._password = None  # wrong or outdated: the app asks again
            raise

    def conflicts(self) -> list[ConflictRecord]:
        """Entries changed here and by a teammate, waiting for keep mine / theirs / both."""
        keys = SyncKeys(self.keys, self._work)
        return self._work.read(lambda s: team_conflicts.listed(s, keys))

    def resolve(self, entry_id: str, choice: str) -> None:
        keys = SyncKeys(self.keys, self._work)
        with self._work.writing() as work:
            done = team_conflicts.resolve(
                work.session, self._hub.blobs, keys, audit.current_actor(), entry_id, choice
            )
            audit.record(work.session, "team-resolve", entry_id, {"choice": choice})
            touched = frozenset(done.created + done.updated + [entry_id])
            work.changed(Change(touched, frozenset(done.kinds), frozenset(done.deleted), "team"))
        for blob_id in done.blobs_to_delete:
            self._hub.blobs.delete(blob_id)

    def last_sync(self) -> dict[str, object] | None:
        """The last round's summary (finished_at, pushed, pulled, conflicts, refused)."""
        return self._work.read(team_sync.last_sync)


def _display(url: str) -> str:
    return ServerAddress.parse(url).display() if url else ""
