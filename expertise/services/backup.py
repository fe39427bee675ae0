"""The encrypted backup: a consistent database copy, the attachment blobs and vault.json.

Only regular files are copied, opened without following symbolic links: a
link planted in the hub folder would otherwise put the plaintext it points
at into a backup everyone believes is encrypted (docs/SECURITY.md).
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import Engine

from expertise.crypto import Secret, wipe
from expertise.db import DatabaseKey, as_database_key
from expertise.errors import UserError
from expertise.private import tighten_tree

log = logging.getLogger(__name__)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def write_backup(engine: Engine, key: DatabaseKey | Secret, hub_folder: Path, target: Path) -> Path:
    """Write the backup into `target` (new or empty); the number of skipped files is logged."""
    _prepare_folder(target)
    backup_database(engine, key, target / "hub.db")
    skipped = copy_regular_files(hub_folder / "attachments", target / "attachments")
    vault = read_regular_file(hub_folder / "vault.json")
    if vault is None:
        raise UserError("vault.json is not a regular file: refusing to back it up")
    # vault.json comes last and whole: a backup killed before this rename has
    # none and is refused on restore, never opened with a torn header.
    write_new_file(target / "vault.json.partial", vault)
    os.replace(target / "vault.json.partial", target / "vault.json")
    if skipped:
        log.warning("backup skipped %d attachment entries that are not regular files", skipped)
    tighten_tree(target)  # SQLite created the database copy with a mode of its own
    return target


@contextmanager
def removed_on_failure(target: Path) -> Iterator[None]:
    """A backup that fails midway (disk full, drive pulled) leaves no half copy behind.

    Only a target that was missing or empty is cleaned: write_backup refuses
    any other, so everything in it afterwards is ours.
    """
    fresh = not target.is_symlink() and (not target.exists() or not any(target.iterdir()))
    try:
        yield
    except BaseException:
        if fresh and target.is_dir() and not target.is_symlink():
            for child in list(target.iterdir()):
                _remove(child)
        raise


def _remove(path: Path) -> None:
    with suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def backup_database(engine: Engine, key: DatabaseKey | Secret, target: Path) -> None:
    """A consistent encrypted copy through SQLCipher's own export, same raw key.

    The key is bound as a parameter from a buffer we wipe, never put in the SQL text.
    """
    literal = as_database_key(key).raw_key_literal()
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert connection is not None
        # A read-only hub's connections refuse every write, the copy's too; the
        # hub file itself stays protected by its read-only/immutable open.
        (query_only,) = connection.execute("PRAGMA query_only").fetchone()
        connection.execute("PRAGMA query_only = OFF")
        connection.execute("ATTACH DATABASE ? AS backup KEY ?", (str(target), literal))
        try:
            connection.execute("SELECT sqlcipher_export('backup')")
        finally:
            connection.execute("DETACH DATABASE backup")
            connection.execute(f"PRAGMA query_only = {int(query_only)}")
    finally:
        wipe(literal)
        raw.close()


def copy_regular_files(source: Path, target: Path) -> int:
    """Copy the regular files directly in `source`; the number of other entries skipped."""
    if source.is_symlink():
        raise UserError(f"{source.name} is a symbolic link: refusing to back it up")
    if not source.is_dir():
        return 0
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    skipped = 0
    for path in sorted(source.iterdir()):
        data = read_regular_file(path)
        if data is None:
            skipped += 1
            continue
        write_new_file(target / path.name, data)
    return skipped


def read_regular_file(path: Path) -> bytes | None:
    """The file's bytes, or None when it is a link, a folder, a device or a pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        # ELOOP: a symbolic link under O_NOFOLLOW; anything else is no file to copy either
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read()


def write_new_file(path: Path, data: bytes) -> None:
    """Create `path` owner-only; an existing file or link there is an error, never followed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _prepare_folder(target: Path) -> None:
    if target.is_symlink():
        raise UserError(f"{target} is a symbolic link: choose a real folder")
    if target.exists() and any(target.iterdir()):
        raise UserError(f"{target} exists and is not empty")
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
