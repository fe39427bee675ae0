"""Space checks before long writes: refuse up front, with the figure, when it is clearly short.

Each `for_*` function estimates what an operation will write, compares it with
the free space on the disk that receives it (shutil.disk_usage) and raises a
disk-full `HubFault` naming both figures when it does not fit; otherwise it
returns the estimate in bytes. The estimates lean low on purpose: the check
must never refuse a write that would have fit, and a write that still runs
out of room midway is caught by `expertise.oserrors` and rolled back.

Factors were measured on 3,000 short Markdown notes (1.3 MB of input): the
database grew by 4.4 times the input and the search index by 4.8 times, and a
Markdown export came to 0.29 times the database (JSON 0.4).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from expertise.oserrors import Fault, FaultKind, HubFault, free_bytes

MB = 1024 * 1024
MARGIN = 1 * MB  # SQLite's write-ahead log and journal pages, a few small files
IMPORT_FACTOR = 6  # database + index per byte of Markdown/CSV input (measured ~9)
PACK_FACTOR = 4  # a pack is compressed; what it unpacks to lands in database + index
INDEX_FACTOR = 1.5  # a rebuild writes the new index before the old one is dropped
EXPORT_FACTOR = 0.2  # plaintext export per byte of database (measured 0.29-0.4)
PDF_FACTOR = 1.0  # a PDF holds about the text of its sections


def ensure(folder: Path, needed: int) -> int:
    """Raise a disk-full HubFault when `folder`'s disk has less than `needed` free."""
    free = free_bytes(folder)
    if free is not None and free < needed:
        raise HubFault(Fault(FaultKind.DISK_FULL, Path(folder), free, needed))
    return needed


def tree_size(path: Path) -> int:
    """Bytes in a file or in every file below a folder (missing: 0)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += (Path(root) / name).stat().st_size
            except OSError:
                continue  # a file removed while we count does not need room
    return total


def database_size(hub: Path) -> int:
    return sum(tree_size(hub / name) for name in ("hub.db", "hub.db-wal"))


def hub_size(hub: Path) -> int:
    """The hub's database, attachments, index and vault header."""
    parts = ("hub.db", "hub.db-wal", "attachments", "index", "vault.json")
    return sum(tree_size(hub / name) for name in parts)


def _inputs(paths: Iterable[Path]) -> int:
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(
                p.stat().st_size
                for p in path.rglob("*")
                if p.suffix.lower() in (".md", ".csv") and p.is_file()
            )
        elif path.is_file():
            total += path.stat().st_size
    return total


def for_import(hub: Path, paths: Iterable[Path | str]) -> int:
    needed = _inputs(Path(p) for p in paths) * IMPORT_FACTOR + MARGIN
    return ensure(hub, needed)


def for_pack_import(hub: Path, pack_file: Path | str) -> int:
    return ensure(hub, tree_size(Path(pack_file)) * PACK_FACTOR + MARGIN)


def for_reindex(hub: Path) -> int:
    expected = tree_size(hub / "index") or database_size(hub)
    return ensure(hub, int(expected * INDEX_FACTOR) + MARGIN)


def for_backup(hub: Path, target: Path | str) -> int:
    return ensure(Path(target), hub_size(hub) - tree_size(hub / "index") + MARGIN)


def for_export(hub: Path, target: Path | str) -> int:
    """Markdown folder or JSON file written outside the hub."""
    return ensure(Path(target), int(database_size(hub) * EXPORT_FACTOR))


def for_course_export(target: Path | str, text_bytes: int, attachment_bytes: int = 0) -> int:
    needed = int(text_bytes * PDF_FACTOR) + attachment_bytes
    return ensure(Path(target), needed)


def for_rekey(folder: Path | str) -> int:
    """A rekey writes a second copy of the database, attachments and index first."""
    hub = Path(folder)
    return ensure(hub, hub_size(hub) + MARGIN)
