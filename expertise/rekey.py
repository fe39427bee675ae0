"""Re-key: every file of a hub sealed again under a new master key, crash-safe.

`passwd` only rewraps the master key, so anyone who learned the old passphrase
and kept a copy of the old `vault.json` still holds a key that opens the hub.
A re-key makes a new master key and re-encrypts what it protects (see
docs/SECURITY.md, "compromised passphrase").

Everything new is built in `<hub>/.rekey/` while the old hub stays untouched:
the database (`sqlcipher_export` under the new key, sealed `hub_meta` rows
sealed again), the attachments (new names: they are HMACs under the key),
the search index files and the new `vault.json`. All of it is fsynced, then
the `COMMITTED` marker is written by an atomic rename: that is the commit
point. The swap that follows moves each staged item into place; every step
can be repeated, so the next open of the hub (under the hub lock, before any
key is asked for) finishes a committed swap or discards an uncommitted stage.
Killed at any point, the hub opens with the old or with the new passphrase.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine

from expertise import space
from expertise.atomic import atomic_write_bytes, fsync_dir
from expertise.blobstore import BlobStore
from expertise.crypto import AeadCipher, Secret, wipe
from expertise.db import DB_NAME, DatabaseKey, apply_key
from expertise.errors import IntegrityError, UserError
from expertise.oserrors import free_bytes
from expertise.vault import Vault
from expertise.vault_header import HEADER_NAME
from index import IndexCorrupt
from index.storage import reseal_folder

log = logging.getLogger(__name__)

STAGE_DIR = ".rekey"
COMMITTED = "COMMITTED"
FOLDERS = ("attachments", "index")
_ASIDE = "replaced"  # old folders moved here by the swap, removed at the end
Reseal = Callable[[str, Secret, Secret], str]
_MB = 1024 * 1024
_SPACE_MARGIN = 16 * _MB

STAGING_STEPS = (
    "space-checked",
    "staged-database",
    "staged-attachments",
    "staged-index",
    "staged-vault",
)
COMMIT_STEP = "committed"
SWAP_STEPS = (
    "swapped-database",
    "swapped-attachments",
    "swapped-index",
    "swapped-vault",
    "marker-removed",
)
ALL_STEPS = (*STAGING_STEPS, COMMIT_STEP, *SWAP_STEPS)

Step = Callable[[], None]


class RekeyCancelled(UserError):
    """The user stopped the re-key before its commit point: nothing was changed."""


def checkpoint(name: str) -> None:
    """Called after each step of ALL_STEPS; the crash tests replace it."""


# --- before staging ---------------------------------------------------------------


def needed_bytes(folder: Path) -> int:
    """About what the staging copy takes: the database, attachments and index again."""
    return space.hub_size(folder) + _SPACE_MARGIN


class NotEnoughSpace(UserError):
    """Refused up front: the staging copy would not fit. Figures in whole MB."""

    exit_code = 5  # the CLI's disk-full code (docs/FAULTS.md)

    def __init__(self, needed_mb: int, free_mb: int) -> None:
        super().__init__(
            f"re-keying needs about {needed_mb} MB free next to the hub; "
            f"{free_mb} MB free: make room and try again (nothing was changed)"
        )
        self.needed_mb, self.free_mb = needed_mb, free_mb


def check_space(folder: Path) -> None:
    needed, free = needed_bytes(folder), free_bytes(folder)
    if free is not None and free < needed:
        raise NotEnoughSpace(round(needed / _MB), round(free / _MB))


def begin(folder: Path) -> Path:
    """A fresh, empty staging folder (a leftover was discarded by the open)."""
    stage = folder / STAGE_DIR
    if (stage / COMMITTED).exists():
        raise IntegrityError("a committed re-key is still unfinished: reopen the hub first")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(mode=0o700)
    fsync_dir(folder)
    return stage


# --- staging ----------------------------------------------------------------------


def sealed_meta() -> dict[str, tuple[str, Reseal]]:
    """hub_meta rows sealed with a vault sub-key: row key -> (purpose, reseal)."""
    # Imported here: the packs package imports the hub core, which imports us.
    from expertise.packs import signing

    return {signing.KEY_ROW: (signing.SUBKEY_PURPOSE, signing.reseal)}


def stage_database(engine: Engine, stage: Path, old: Vault, new: Vault) -> None:
    """The whole database exported under the new key, sealed rows sealed again."""
    target = stage / DB_NAME
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # private mode
    key = DatabaseKey(new.subkey("database"))
    try:
        _export(engine, target, key)
        connection = _connect_raw(target, key)
    finally:
        key.wipe()
    try:
        for row, (purpose, reseal) in sealed_meta().items():
            found = connection.execute("SELECT value FROM hub_meta WHERE key = ?", (row,))
            value = found.fetchone()
            if value is not None:
                old_key, new_key = old.subkey(purpose), new.subkey(purpose)
                try:
                    sealed = reseal(value[0], old_key, new_key)
                finally:
                    wipe(old_key)
                    wipe(new_key)
                connection.execute("UPDATE hub_meta SET value = ? WHERE key = ?", (sealed, row))
    finally:
        connection.close()
    _fsync_file(target)


def _export(engine: Engine, target: Path, key: DatabaseKey) -> None:
    literal = key.raw_key_literal()  # bound as a parameter, never in the SQL text
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        if connection is None:
            raise IntegrityError("database connection lost")
        connection.execute("ATTACH DATABASE ? AS rekey KEY ?", (str(target), literal))
        try:
            # One write transaction: nothing changes the hub half-way through the copy.
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute("SELECT sqlcipher_export('rekey')")
                for pragma in ("user_version", "application_id"):  # not copied by the export
                    (value,) = connection.execute(f"PRAGMA main.{pragma}").fetchone()
                    connection.execute(f"PRAGMA rekey.{pragma} = {int(value)}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        finally:
            connection.execute("DETACH DATABASE rekey")
    finally:
        wipe(literal)
        raw.close()


def _connect_raw(path: Path, key: DatabaseKey) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    apply_key(connection, key)
    for pragma in ("temp_store = MEMORY", "journal_mode = DELETE", "synchronous = FULL"):
        connection.execute(f"PRAGMA {pragma}")  # DELETE: one file to move, no WAL beside it
    return connection


def stage_attachments(
    blobs: BlobStore, blob_ids: Iterable[str], stage: Path, new: Vault, step: Step
) -> None:
    """Each attachment decrypted with the old keys and sealed under the new ones."""
    key = new.subkey("attachments")
    target = BlobStore(stage / "attachments", key)  # derives and keeps its own keys
    wipe(key)
    target.folder.mkdir(mode=0o700)
    try:
        for blob_id in blob_ids:
            try:
                content = blobs.get(blob_id)
            except IntegrityError as error:
                raise IntegrityError(
                    f"attachment {blob_id} cannot be read ({error}); run check: nothing was changed"
                ) from None
            target.put(blob_id, content)
            step()
    finally:
        target.close()


def stage_index(folder: Path, stage: Path, old: Vault, new: Vault) -> None:
    """The index files sealed again; an index that fails to open is rebuilt later."""
    old_key, new_key = old.subkey("index"), new.subkey("index")
    old_cipher, new_cipher = AeadCipher(old_key), AeadCipher(new_key)  # each keeps a copy
    wipe(old_key)
    wipe(new_key)
    target = stage / "index"
    try:
        reseal_folder(folder / "index", target, old_cipher, new_cipher)
    except IndexCorrupt as error:
        # The index is derived data: the next open rebuilds it from the database.
        log.warning("search index not re-sealed, it will be rebuilt: %s", error)
        shutil.rmtree(target)
        target.mkdir(mode=0o700)
    finally:
        old_cipher.wipe()
        new_cipher.wipe()


def commit(stage: Path, header: bytes) -> None:
    """Write the new header, make every staged file durable, then the marker."""
    atomic_write_bytes(stage / HEADER_NAME, header)
    checkpoint("staged-vault")
    for name in FOLDERS:
        fsync_dir(stage / name)
    fsync_dir(stage)
    atomic_write_bytes(stage / COMMITTED, b"expertise-hub re-key committed\n")
    checkpoint(COMMIT_STEP)


# --- swap and recovery --------------------------------------------------------------


def committed(folder: Path) -> bool:
    return (Path(folder) / STAGE_DIR / COMMITTED).is_file()


def finish_or_discard(folder: Path) -> str:
    """Run on open, under the hub lock: '' (nothing), 'discarded' or 'finished'."""
    stage = Path(folder) / STAGE_DIR
    if not stage.is_dir():
        return ""
    if not committed(folder):
        # Never committed: the hub in place is the old one, whole.
        _remove(stage)
        return "discarded"
    _swap(Path(folder), stage)
    return "finished"


def _swap(folder: Path, stage: Path) -> None:
    (stage / _ASIDE).mkdir(exist_ok=True)
    staged_db = stage / DB_NAME
    if staged_db.exists():
        # An old WAL beside the new file would be replayed into it: remove it first.
        for suffix in ("-wal", "-shm"):
            (folder / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
        os.replace(staged_db, folder / DB_NAME)
        fsync_dir(folder)
    checkpoint("swapped-database")
    for name in FOLDERS:
        _swap_folder(folder, stage, name)
        checkpoint(f"swapped-{name}")
    if (stage / HEADER_NAME).exists():
        os.replace(stage / HEADER_NAME, folder / HEADER_NAME)
        fsync_dir(folder)
    checkpoint("swapped-vault")
    # Without the marker a leftover is only discarded: everything is in place.
    (stage / COMMITTED).unlink()
    fsync_dir(stage)
    checkpoint("marker-removed")
    _remove(stage)
    fsync_dir(folder)


def _swap_folder(folder: Path, stage: Path, name: str) -> None:
    staged, live, aside = stage / name, folder / name, stage / _ASIDE / name
    if not staged.exists():
        return  # moved in by an earlier run
    if live.exists():
        if aside.exists():
            shutil.rmtree(aside)
        os.replace(live, aside)
    os.replace(staged, live)
    fsync_dir(folder)


def _remove(stage: Path) -> None:
    shutil.rmtree(stage, ignore_errors=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
