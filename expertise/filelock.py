"""One process per hub: an OS file lock on a file in the hub folder.

The lock is the kernel's (flock on POSIX, msvcrt.locking on Windows), so it
vanishes with the process that held it: a crash or a kill never leaves a stale
lock behind, unlike a "lock file exists" scheme. The lock file itself stays;
deleting it would let two processes lock two different files of one name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from expertise.errors import HubInUse

_IN_USE = "hub is open in another process"

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            # Locks one byte at offset 0; locking past the end is allowed.
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class HubLock:
    """Exclusive, non-blocking lock; also a context manager."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self._path

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, read_only: bool = False) -> None:
        """Take the lock or raise HubInUse at once (never waits).

        On read-only media the lock file cannot be created: an existing one is
        locked through a read-only descriptor, and without one nothing can
        write there anyway, so there is nothing to hold.
        """
        if self._fd is not None:
            return
        if read_only:
            try:
                fd = os.open(self._path, os.O_RDONLY)
            except OSError:
                return
        else:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise HubInUse(_IN_USE)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        except OSError:
            pass  # closing the descriptor below releases the lock anyway
        finally:
            os.close(fd)

    def __enter__(self) -> HubLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
