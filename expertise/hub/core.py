"""`HubCore`: an unlocked hub's lifecycle and the public units of work (ARCHITECTURE §11.2).

A Hub is an unlocked vault folder: the SQLCipher database, the encrypted
attachment store and the encrypted search index, held under an OS file lock.
The sub-facades (expertise/hub/) and the course and pack facades work through
`session` (expertise/hub/work.py), `blobs`, `index_service` and `derived_key`,
never through the private attributes below.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from expertise import migrations, readonly, rekey
from expertise.blobstore import BlobStore
from expertise.crypto import wipe
from expertise.db import DatabaseKey
from expertise.errors import HubLocked, NotAHub, UserError
from expertise.filelock import HubLock
from expertise.hardening import harden_process
from expertise.hub.parts import HubParts
from expertise.hub.work import UnitOfWork
from expertise.kdf import KdfParams
from expertise.models import Attachment
from expertise.private import private_umask, tighten_tree
from expertise.records import Change
from expertise.services import audit, maintenance
from expertise.services.indexing import IndexSync
from expertise.services.setup import seed_vocabulary
from expertise.vault import Vault

log = logging.getLogger(__name__)
T = TypeVar("T")
LOCK_NAME = ".lock"


class HubCore:
    """Lifecycle, sessions and change notification; the public methods live in Hub."""

    def __init__(
        self, vault: Vault, lock: HubLock, *, index_async: bool, read_only: bool = False
    ) -> None:
        self._vault = vault
        self._lock = lock
        self._read_only = read_only
        self._index_async = index_async
        self._listeners: list[Callable[[Change], None]] = []
        self._forgetters: list[Callable[[], None]] = []
        self._parts: HubParts | None = None
        self._work = UnitOfWork(self)
        self._open_parts(vault)

    def _open_parts(self, vault: Vault) -> None:
        """Database, attachments and index under `vault`'s keys (the index not started)."""
        self._parts = HubParts.open(vault, index_async=self._index_async, read_only=self._read_only)

    def _close_parts(self) -> None:
        """Close them, wipe their keys and let go of them, so they can be collected."""
        parts, self._parts = self._parts, None
        if parts is not None:
            parts.close()

    def _live(self) -> HubParts:
        if self._parts is None:
            raise HubLocked("the hub is locked")
        return self._parts

    @property
    def _engine(self) -> Engine:
        return self._live().engine

    @property
    def _sessions(self) -> sessionmaker[Session]:
        return self._live().sessions

    @property
    def _blobs(self) -> BlobStore:
        return self._live().blobs

    @property
    def _index(self) -> IndexSync:
        return self._live().index

    @property
    def _db_key(self) -> DatabaseKey:
        return self._live().db_key

    # -- public units of work ------------------------------------------------
    @property
    def session(self) -> UnitOfWork:
        """Database sessions: `reading()`, `writing()` and their one-call forms."""
        return self._work

    @property
    def blobs(self) -> BlobStore:
        """The encrypted attachment store (raises HubLocked once locked)."""
        return self._blobs

    @property
    def index_service(self) -> IndexSync:
        """The search index and its sync worker (raises HubLocked once locked)."""
        return self._index

    @contextmanager
    def derived_key(self, purpose: str) -> Iterator[bytearray]:
        """A key derived from the master key for `purpose`, wiped when the block ends."""
        if self._vault.locked:
            raise HubLocked("the hub is locked")
        key = self._vault.subkey(purpose)
        try:
            yield key
        finally:
            wipe(key)

    # -- lifecycle ---------------------------------------------------------
    @classmethod
    def _start(cls: type[H], folder: Path, unlock: Callable[[], Vault], index_async: bool) -> H:
        folder = Path(folder)
        if not Vault.is_vault(folder):
            raise NotAHub(f"{folder} is not an Expertise Hub folder (no vault.json)")
        harden_process()
        private_umask()
        read_only = readonly.is_read_only(folder)
        lock = HubLock(folder / LOCK_NAME)
        lock.acquire(read_only=read_only)
        try:
            # A re-key killed half-way is finished (or dropped) before any key is asked for.
            outcome = "" if read_only else rekey.finish_or_discard(folder)
            if outcome:
                log.warning("an interrupted re-key was %s", outcome)
            vault = unlock()
        except BaseException:
            lock.release()
            raise
        try:
            hub = cls(vault, lock, index_async=index_async, read_only=read_only)
        except BaseException:
            vault.lock()  # wipe the master key: nothing stays unlocked after a failed open
            lock.release()
            raise
        try:
            hub._after_open()
        except BaseException:
            hub._abandon()  # a full or vanished disk at open must not keep the lock
            raise
        return hub

    def _after_open(self) -> None:
        if self._read_only:
            self._after_open_read_only()
            return
        migrations.upgrade(self._engine)
        with self._work.reading() as session:
            audit.record(session, "unlock")
            # left by a process killed mid-write (see remove_orphan_blobs)
            maintenance.remove_orphan_blobs(session, self._blobs, self.path / "attachments")
        self._index.start()
        # files left loose by an older version, a copy or SQLite's own mode choice
        tighten_tree(self.path)

    def _after_open_read_only(self) -> None:
        """Nothing is migrated, audited, cleaned or tightened: the medium takes no writes."""
        if migrations.current_revision(self._engine) != migrations.head_revision():
            raise UserError(
                "this hub was written by an older version and must be upgraded, which a "
                "read-only hub cannot be: copy it to a writable folder and open it there"
            )
        self._index.start(read_only=True)

    @property
    def read_only(self) -> bool:
        """True when the hub's folder or medium cannot be written (docs/FAULTS.md)."""
        return self._read_only

    @classmethod
    def create(
        cls: type[H],
        path: Path | str,
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        index_async: bool = False,
    ) -> H:
        folder = Path(path)
        private_umask()
        vault = Vault.create(folder, passphrase, kdf=kdf)
        vault.lock()
        hub = cls.open(folder, passphrase, index_async=index_async)
        with hub.session.reading() as session:
            seed_vocabulary(session)
            audit.record(session, "create")
        return hub

    @classmethod
    def open(cls: type[H], path: Path | str, passphrase: str, *, index_async: bool = False) -> H:
        folder = Path(path)
        return cls._start(folder, lambda: Vault.unlock(folder, passphrase), index_async)

    @classmethod
    def open_with_recovery_key(
        cls: type[H], path: Path | str, recovery_key: str, *, index_async: bool = False
    ) -> H:
        folder = Path(path)
        return cls._start(
            folder, lambda: Vault.unlock_with_recovery_key(folder, recovery_key), index_async
        )

    @classmethod
    def open_with_master_key(
        cls: type[H], path: Path | str, master_key: bytes, *, index_async: bool = False
    ) -> H:
        folder = Path(path)
        return cls._start(
            folder, lambda: Vault.unlock_with_master_key(folder, master_key), index_async
        )

    @property
    def path(self) -> Path:
        return self._vault.folder

    @property
    def hub_id(self) -> str:
        return self._vault.hub_id

    @property
    def locked(self) -> bool:
        return self._vault.locked

    def lock(self) -> None:
        """Close everything and drop keys; the object is unusable afterwards."""
        if self._vault.locked:
            return
        try:
            with self._work.reading() as session:
                audit.record(session, "lock")
        finally:
            self._abandon()

    close = lock

    def forget_on_lock(self, forget: Callable[[], None]) -> None:
        """Call `forget` (which wipes keys a sub-facade loaded) when the hub locks."""
        self._forgetters.append(forget)

    def _abandon(self) -> None:
        """Close without the audit write that `lock` makes (it could not be stored)."""
        for forget in self._forgetters:
            try:
                forget()
            except Exception:  # the parts must still close and the lock be released
                log.warning("a sub-facade failed to forget its keys", exc_info=True)
        try:
            self._close_parts()
        finally:
            self._vault.lock()
            self._lock.release()
            self._listeners.clear()

    def __enter__(self: H) -> H:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.lock()

    # -- re-key (expertise.rekey) -------------------------------------------
    def _rekey(
        self,
        new_passphrase: str,
        kdf: KdfParams | None,
        progress: Callable[[int, int], None],
        cancel: Callable[[], bool],
    ) -> str | None:
        """New master key, everything re-sealed; the new recovery key, if any."""
        self._work.require_writable()
        self._index.wait()
        rekey.check_space(self.path)
        rekey.checkpoint("space-checked")
        new, recovery = self._vault.successor(new_passphrase, kdf=kdf)
        try:
            self._stage(new, progress, cancel)
        except BaseException:
            new.lock()
            raise
        self._swap_in(new)
        return recovery

    def _stage(
        self, new: Vault, progress: Callable[[int, int], None], cancel: Callable[[], bool]
    ) -> None:
        """Build and commit the stage; on any failure drop it and go on under the old keys."""
        blob_ids = self._work.read(lambda s: list(s.scalars(select(Attachment.id))))
        total, done = len(blob_ids) + 3, 0  # database, each attachment, index, commit

        def step() -> None:
            nonlocal done
            if cancel():  # only before the commit point: after it the swap must finish
                raise rekey.RekeyCancelled("re-key cancelled: nothing was changed")
            done += 1
            progress(done, total)

        stage, closed = rekey.begin(self.path), False
        try:
            rekey.stage_database(self._engine, stage, self._vault, new)
            step()
            rekey.checkpoint("staged-database")
            rekey.stage_attachments(self._blobs, blob_ids, stage, new, step)
            rekey.checkpoint("staged-attachments")
            self._close_parts()  # the index folder must not change while it is copied
            closed = True
            rekey.stage_index(self.path, stage, self._vault, new)
            step()
            rekey.checkpoint("staged-index")
            rekey.commit(stage, new.header_file())
        except BaseException:
            if rekey.committed(self.path):
                self._rekey_unfinished(new)  # past the commit point: the next open finishes
                raise
            rekey.finish_or_discard(self.path)  # not committed: discards
            if closed:
                self._open_parts(self._vault)
                self._index.start()
            raise
        progress(total, total)

    def _swap_in(self, new: Vault) -> None:
        old = self._vault
        try:
            rekey.finish_or_discard(self.path)
        except BaseException:
            self._rekey_unfinished(new)
            raise
        new.attach()
        old.lock()
        self._vault = new
        try:
            self._open_parts(new)
            self._index.start()
        except BaseException:
            self._abandon()  # in place on disk: the next open uses the new passphrase
            raise
        self._work.read(lambda s: audit.record(s, "rekey"))

    def _rekey_unfinished(self, new: Vault) -> None:
        """Committed but not swapped in: this object is done, the next open finishes."""
        log.warning("re-key committed but not yet in place; the next open finishes it")
        new.lock()
        self._abandon()  # the parts are closed already; closing again is harmless

    # -- change notification ---------------------------------------------
    def _changed(self, change: Change, *, index: bool = True) -> None:
        if index and (change.entry_ids or change.deleted_ids):
            self._index.schedule(change.entry_ids, change.deleted_ids)
        for listener in list(self._listeners):
            listener(change)

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call `listener` after every write; returns the function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def wait_for_index(self, timeout: float | None = None) -> None:
        self._index.wait(timeout)


H = TypeVar("H", bound=HubCore)
