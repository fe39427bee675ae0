"""Owner-only files and folders, whatever the umask (docs/SECURITY.md).

Everything the app writes (the database and its WAL, index and attachment
files, backups, exports, a saved recovery key) is either encrypted or
sensitive; on a shared machine a 0644 file lets every local account copy
it, and an encrypted copy can be attacked offline. So the process umask is
set to 077 when the CLI or the app starts or a hub opens, and the folders
the app owns are tightened after open, backup and export: that also covers
files left by older versions and by libraries (SQLite) that choose their own
mode. On Windows POSIX modes mean little; these calls do nothing there.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name != "nt"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def private_umask() -> None:
    """New files and folders of this process are owner-only from now on."""
    if _POSIX:
        os.umask(PRIVATE_UMASK)


def tighten_tree(folder: Path) -> None:
    """Folders 0700 and regular files 0600 under `folder`; links are left alone."""
    if not _POSIX or folder.is_symlink() or not folder.is_dir():
        return
    failed = _chmod(folder, FOLDER_MODE)
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs:
            failed += _chmod(Path(root, name), FOLDER_MODE)
        for name in files:
            failed += _chmod(Path(root, name), FILE_MODE)
    if failed:
        log.warning("could not make %d files or folders owner-only", failed)


def _chmod(path: Path, mode: int) -> int:
    """0 when done (or nothing to do), 1 when the mode could not be set."""
    try:
        now = path.lstat().st_mode
        if stat.S_ISLNK(now) or stat.S_IMODE(now) == mode:
            return 0
        path.chmod(mode)
    except FileNotFoundError:  # removed meanwhile (a WAL file, an index segment)
        return 0
    except OSError:  # a file system without modes, or not ours
        return 1
    return 0


def make_private_folder(folder: Path) -> None:
    """Create `folder` owner-only; an existing folder the user chose is left as it is."""
    if not folder.exists():
        folder.mkdir(mode=FOLDER_MODE, parents=True)
        if _POSIX:
            folder.chmod(FOLDER_MODE)


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write `path` owner-only (also when it existed); never through a symbolic link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        if _POSIX:
            os.fchmod(handle.fileno(), FILE_MODE)
        handle.write(data)


def write_private_text(path: Path, text: str) -> None:
    write_private_bytes(path, text.encode("utf-8"))
