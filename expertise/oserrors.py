"""Operating-system faults turned into one honest line (see docs/FAULTS.md).

A full disk, a pulled USB stick or write-protected media reach the code as an
`OSError` with an errno, or as a SQLite error text from SQLCipher (often
wrapped by SQLAlchemy). `classify` maps either to a `Fault`: a kind, the
folder it concerns, and the free space where that matters. The message is
built from fixed words, paths the user gave and numbers only: never from the
exception's own text or file name, since an export file is named after an
entry's title and a SQLite message may quote a statement.

Every kind has its own CLI exit code (README, "Command line").
"""

from __future__ import annotations

import enum
import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from expertise.errors import HubError

MB = 1024 * 1024
NEARLY_FULL = 256 * 1024  # below this, SQLite's "disk I/O error" means the disk is full


class FaultKind(enum.Enum):
    DISK_FULL = "disk-full"
    QUOTA = "quota"
    PERMISSION = "permission"
    READ_ONLY = "read-only"
    IO_ERROR = "io-error"
    VANISHED = "vanished"
    NAME_TOO_LONG = "name-too-long"


class _Pending(enum.Enum):
    """Signs that classification refines by looking at the hub folder."""

    MISSING = "missing"  # ENOENT: a fault only when the hub folder itself is gone
    CANT_OPEN = "cant-open"  # SQLITE_CANTOPEN: gone, read-only or an I/O error


_MISSING = _Pending.MISSING
_CANT_OPEN = _Pending.CANT_OPEN
_Kind = FaultKind | _Pending

EXIT_CODES: dict[FaultKind, int] = {
    FaultKind.DISK_FULL: 5,
    FaultKind.QUOTA: 6,
    FaultKind.PERMISSION: 7,
    FaultKind.READ_ONLY: 8,
    FaultKind.IO_ERROR: 9,
    FaultKind.VANISHED: 10,
    FaultKind.NAME_TOO_LONG: 11,
}

_BY_ERRNO: dict[int, FaultKind] = {
    errno.ENOSPC: FaultKind.DISK_FULL,
    errno.EDQUOT: FaultKind.QUOTA,
    errno.EACCES: FaultKind.PERMISSION,
    errno.EPERM: FaultKind.PERMISSION,
    errno.EROFS: FaultKind.READ_ONLY,
    errno.EIO: FaultKind.IO_ERROR,
    errno.ENODEV: FaultKind.VANISHED,
    errno.ENXIO: FaultKind.VANISHED,
    errno.ESTALE: FaultKind.VANISHED,
    errno.ENAMETOOLONG: FaultKind.NAME_TOO_LONG,
}

# SQLite primary result codes (the low byte of an extended code).
_BY_SQLITE_CODE: dict[int, _Kind] = {
    13: FaultKind.DISK_FULL,  # SQLITE_FULL
    10: FaultKind.IO_ERROR,  # SQLITE_IOERR
    8: FaultKind.READ_ONLY,  # SQLITE_READONLY
    14: _CANT_OPEN,  # SQLITE_CANTOPEN, refined by looking at the folder
    3: FaultKind.PERMISSION,  # SQLITE_PERM
}

_BY_SQLITE_TEXT: tuple[tuple[str, _Kind], ...] = (
    ("database or disk is full", FaultKind.DISK_FULL),
    ("disk i/o error", FaultKind.IO_ERROR),
    ("attempt to write a readonly database", FaultKind.READ_ONLY),
    ("unable to open database file", _CANT_OPEN),
)


@dataclass(frozen=True)
class Fault:
    """What happened, where, and the figures a message needs; no content."""

    kind: FaultKind
    where: Path | None = None
    free_bytes: int | None = None
    needed_bytes: int | None = None
    changed: bool = False

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.kind]

    @property
    def short_by_mb(self) -> int | None:
        """How many MB to free, when the need is known."""
        if self.needed_bytes is None or self.free_bytes is None:
            return None
        return max(1, -(-(self.needed_bytes - self.free_bytes) // MB))

    @property
    def message(self) -> str:
        return _MESSAGES[self.kind](self)


class HubFault(HubError):
    """An OS fault the core recognised; `fault` holds the data for a dialog."""

    def __init__(self, fault: Fault) -> None:
        self.fault = fault
        self.exit_code = fault.exit_code
        super().__init__(fault.message)


class HubReadOnly(HubFault):
    """A write was asked of a hub opened read-only."""

    def __init__(self, where: Path | None = None) -> None:
        super().__init__(Fault(FaultKind.READ_ONLY, where))


# -- messages ----------------------------------------------------------------
def _place(fault: Fault) -> str:
    return str(fault.where) if fault.where is not None else "the hub"


def _unchanged(fault: Fault) -> str:
    if fault.changed:
        return "; the change itself was saved, the search index catches up on the next open"
    return "; nothing was changed"


def _disk_full(fault: Fault) -> str:
    short = fault.short_by_mb
    if short is not None:
        free = (fault.free_bytes or 0) // MB
        need = -(-(fault.needed_bytes or 0) // MB)
        return (
            f"the disk holding {_place(fault)} is full: this needs about {need} MB and "
            f"{free} MB is free; free {short} MB and try again{_unchanged(fault)}"
        )
    free_text = f" ({fault.free_bytes // MB} MB free)" if fault.free_bytes is not None else ""
    return (
        f"the disk holding {_place(fault)} is full{free_text}: free some space and "
        f"try again{_unchanged(fault)}"
    )


def _quota(fault: Fault) -> str:
    return (
        f"your disk quota on {_place(fault)} is used up: delete files or ask for a larger "
        f"quota, then try again{_unchanged(fault)}"
    )


def _permission(fault: Fault) -> str:
    return (
        f"permission denied on {_place(fault)}: check that your account may read and write "
        f"there{_unchanged(fault)}"
    )


def _read_only(fault: Fault) -> str:
    if fault.where is None:
        return "this hub is read-only: it can be searched and read, not changed"
    return (
        f"{fault.where} is read-only: copy the hub to a writable folder to change "
        f"it{_unchanged(fault)}"
    )


def _io_error(fault: Fault) -> str:
    return (
        f"the disk holding {_place(fault)} reported a read/write error: check the drive "
        f"or cable, then run `check`{_unchanged(fault)}"
    )


def _vanished(fault: Fault) -> str:
    return (
        f"{_place(fault)} is no longer there (drive removed or network share gone): "
        f"reconnect it and try again; committed entries are safe"
    )


def _name_too_long(fault: Fault) -> str:
    return (
        f"a file name under {_place(fault)} is too long for that file system: choose a "
        f"shorter folder path{_unchanged(fault)}"
    )


_MESSAGES = {
    FaultKind.DISK_FULL: _disk_full,
    FaultKind.QUOTA: _quota,
    FaultKind.PERMISSION: _permission,
    FaultKind.READ_ONLY: _read_only,
    FaultKind.IO_ERROR: _io_error,
    FaultKind.VANISHED: _vanished,
    FaultKind.NAME_TOO_LONG: _name_too_long,
}


# -- classification ------------------------------------------------------------
def classify(
    error: BaseException,
    *,
    hub: Path | None = None,
    target: Path | None = None,
    needed: int | None = None,
) -> Fault | None:
    """The fault behind `error` (or its causes), else None for ordinary errors.

    `hub` is the hub folder and `target` the folder an operation writes to
    (backup, export); they decide which place the message names. `needed` is
    the space estimate of the operation, when there is one.
    """
    if isinstance(error, HubFault):
        return error.fault
    for cause in _chain(error):
        kind, path = _kind_of(cause)
        if kind is not None:
            return _build(kind, path, hub, target, needed)
    return None


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen and len(seen) < 16:
        seen.append(current)
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError
        if isinstance(orig, BaseException) and orig not in seen:
            seen.append(orig)
        current = current.__cause__ or current.__context__
    return seen


def _kind_of(error: BaseException) -> tuple[_Kind | None, Path | None]:
    if isinstance(error, OSError):
        number = error.errno
        path = Path(os.fsdecode(error.filename)) if error.filename else None
        if number == errno.ENOENT:
            return _MISSING, path
        return _BY_ERRNO.get(number or -1), path
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _BY_SQLITE_CODE:
        return _BY_SQLITE_CODE[code & 0xFF], None
    text = str(error).lower()
    if type(error).__module__.startswith(("sqlcipher3", "sqlite3")):
        for sign, kind in _BY_SQLITE_TEXT:
            if sign in text:
                return kind, None
    return None, None


def _build(
    kind: _Kind,
    path: Path | None,
    hub: Path | None,
    target: Path | None,
    needed: int | None,
) -> Fault | None:
    where = _where(path, hub, target)
    if hub is not None and not _exists(hub) and where in (hub, None):
        return Fault(FaultKind.VANISHED, hub)
    if kind is _MISSING:
        return None  # a missing input file or blob is no OS fault
    if kind is _CANT_OPEN:
        kind = _cant_open_kind(hub)
    assert isinstance(kind, FaultKind)
    free = free_bytes(where)
    if kind is FaultKind.IO_ERROR and path is None and free is not None and free < NEARLY_FULL:
        # SQLite reports a shared-memory or log file it cannot grow as an I/O error.
        kind = FaultKind.DISK_FULL
    if kind not in (FaultKind.DISK_FULL, FaultKind.QUOTA):
        free = None
    return Fault(kind, where, free, needed)


def _where(path: Path | None, hub: Path | None, target: Path | None) -> Path | None:
    """The folder to name: the hub or the target the file lies in, else its disk."""
    if path is None:  # SQLite and write() name no file: the target, else the fuller disk
        if target is None or hub is None:
            return target or hub
        # A command with a target mostly writes there. On one disk that settles it:
        # comparing two readings of free space would race with every other writer.
        if _same_disk(target, hub):
            return target
        return target if (free_bytes(target) or 0) <= (free_bytes(hub) or 0) else hub
    for folder in (hub, target):
        if folder is not None and (_within(path, folder) or _within(folder, path)):
            return folder  # the file is in it, or it is a folder being made for it
    if target is not None and path.parent == target.absolute().parent:
        return target  # a temporary file written next to the target, renamed at the end
    return mount_point(path)


def _same_disk(first: Path, second: Path) -> bool:
    try:
        return _existing(first).stat().st_dev == _existing(second).stat().st_dev
    except OSError:
        return False


def _within(path: Path, folder: Path) -> bool:
    try:
        path.absolute().relative_to(folder.absolute())
    except ValueError:
        return False
    return True


def within(filename: object, folder: Path) -> bool:
    """Whether an OSError's file name lies in `folder` (no name: not known to)."""
    if not isinstance(filename, str | bytes | os.PathLike):
        return False
    return _within(Path(os.fsdecode(filename)), folder)


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _cant_open_kind(hub: Path | None) -> FaultKind:
    """SQLite's "unable to open" says no more; the hub's own files tell why."""
    if hub is None:
        return FaultKind.IO_ERROR
    if not _readable(hub / "hub.db"):
        return FaultKind.PERMISSION
    return FaultKind.IO_ERROR if _writable(hub) else FaultKind.READ_ONLY


def _readable(path: Path) -> bool:
    try:
        os.close(os.open(path, os.O_RDONLY))
    except PermissionError:
        return False
    except OSError:
        return True  # missing or failing: not a question of permission
    return True


def _exists(folder: Path) -> bool:
    """Whether the hub is still there: an emptied mount point is a vanished hub too."""
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError:
        return False


def mount_point(path: Path) -> Path:
    """The mount point holding `path` (a place name that never holds content)."""
    current = _existing(path)
    while current != current.parent and not os.path.ismount(current):
        current = current.parent
    return current


def _existing(path: Path) -> Path:
    """The nearest folder of `path` that exists (a too-long name makes stat raise)."""
    current = path.absolute()
    while current != current.parent:
        try:
            if current.exists():
                return current
        except OSError:
            pass
        current = current.parent
    return current


def free_bytes(folder: Path | None) -> int | None:
    """Free space for this user on the disk holding `folder`, if it can be read."""
    if folder is None:
        return None
    try:
        return shutil.disk_usage(_existing(folder)).free
    except OSError:
        return None


@contextmanager
def raised_as_fault(hub: Path, target: Path | None = None) -> Iterator[None]:
    """Re-raise an OS fault inside the block as a HubFault (no driver text, no chain)."""
    try:
        yield
    except HubFault:
        raise
    except Exception as error:
        fault = classify(error, hub=hub, target=target)
        if fault is None:
            raise
        raise HubFault(fault) from None


def describe(error: BaseException, **context: Path | int | None) -> str | None:
    """The one-line message for `error`, or None when it is no OS fault."""
    fault = classify(error, **context)  # type: ignore[arg-type]
    return fault.message if fault else None
