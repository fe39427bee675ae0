"""The import pipeline: read in chunks, resolve in memory, write in batches, one transaction.

`run` (files) and `run_items` (values from the API) are called inside one
writing session (expertise/hub/): items are read a chunk at a time, so the whole
import is never in memory at once; values are checked as they are read
(front matter and CSV through expertise/fieldcheck.py, leniently: labels too),
references and wiki links are looked up in memory (`Known`), and each chunk is
written with one statement per table (`Writer`). Any error, or a cancel, raises
before the commit, so the hub stays exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from expertise.bulkimport.plan import Outcome, Plan, Written
from expertise.bulkimport.sources import Incoming, read_file
from expertise.errors import ImportCancelled

CHUNK = 500  # files per batch: ~5 MB of text in memory, a few statements per table
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def run(
    session: Session,
    files: Sequence[Path],
    actor: str,
    create_missing: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    written: Written | None = None,
) -> Outcome:
    """Import `files` in `session`'s transaction; raises (and writes nothing) on any error.

    With `create_missing`, a reference to a name neither the hub nor the import
    has becomes a draft entry (expertise/services/import_refs.py). `progress`
    hears (files done, files) after each chunk; `written(batch, known)` of each
    batch once it is written (the index feed, feed.py).
    """
    total = len(files)

    def chunks() -> Iterator[list[Incoming]]:
        # The next chunk is read on a thread while this one is written: SQLite leaves
        # the interpreter free while it encrypts and writes pages, and that thread
        # reads and parses meanwhile (text stays in memory, never in a file).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-read") as reader:
            starts = range(0, total, CHUNK)
            ahead = [reader.submit(_read, files[start : start + CHUNK]) for start in starts[:1]]
            for start in starts:
                items = ahead.pop().result()
                if start + CHUNK < total:
                    ahead.append(reader.submit(_read, files[start + CHUNK : start + 2 * CHUNK]))
                yield items
                if progress is not None:
                    progress(min(start + CHUNK, total), total)

    outcome = run_items(session, chunks(), actor, create_missing, cancel, written)
    outcome.report.files = total
    return outcome


def _read(paths: Sequence[Path]) -> list[Incoming]:
    return [item for path in paths for item in read_file(path)]


def run_items(
    session: Session,
    chunks: Iterable[list[Incoming]],
    actor: str,
    create_missing: bool = False,
    cancel: Cancel | None = None,
    written: Written | None = None,
) -> Outcome:
    """Import items given a chunk at a time, in `session`'s transaction."""
    # a reference may point at an entry of a later batch: checked at the commit instead
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    plan = Plan(session, actor, create_missing, written)
    for chunk in chunks:
        _check(cancel)
        plan.add(chunk)
    _check(cancel)
    plan.finish()
    return plan.outcome


def in_chunks(items: Iterable[Incoming], size: int = CHUNK) -> Iterator[list[Incoming]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _check(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ImportCancelled("import cancelled; nothing was imported")
