"""The search index built while the import stores: documents fed to a staged bulk add.

Before, the index was built after the commit, reading every entry back from
SQLCipher: wall time was store + index. Here the store hands each written
batch's documents (made from the rows it holds, `documents.py`) to a thread
running `IndexSync.bulk_add`, whose analysis runs in worker processes; the
records reach them over pipes only. The store waits when `QUEUED` batches are
pending, which bounds memory and makes the wall time about max(store, index).

All or nothing: `bulk_add` lays its new segments beside the live index and
commits them with one table of contents only when its documents end. The
document stream ends only when the import has decided: `finish(adopt=True)`
after the database commit lets the add commit; `finish(adopt=False)` (an error
or a cancel before the commit) makes it raise `Cancelled` inside the index,
which takes the new files out, so the hub's index stays as it was.

The index records the hub's change counter it has caught up with; the
import bumps it once, so the feed is told the counter it will have
(`seq`) and the caller checks it at the end (`expected_seq`). A sync round,
which commits batch by batch, sets `expected_seq` only before `finish`
(None: the index keeps the counter it had, and is seen to be behind).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator

from expertise.bulkimport.documents import Document
from expertise.services.indexing import IndexSync

QUEUED = 2  # batches of documents waiting for the index: ~2 × 500 notes of text
_END = None
Progress = Callable[[int, int], None]


class IndexFeed:
    def __init__(self, service: IndexSync, total: int, seq: int | None) -> None:
        self._service = service
        self._total = total
        self.expected_seq = seq
        self._queue: queue.Queue[list[Document] | None] = queue.Queue(maxsize=QUEUED)
        self._discard = False
        self._thread: threading.Thread | None = None
        self._progress: Progress | None = None
        self.sent = 0
        self.added: int | None = None
        self.error: BaseException | None = None

    # -- the store's side ------------------------------------------------------------
    def send(self, docs: list[Document]) -> None:
        """Queue a written batch's documents; the index starts with the first batch."""
        if not docs:
            return
        if self._thread is None:  # no worker processes for an import that changes nothing
            self._thread = threading.Thread(target=self._run, name="import-index", daemon=True)
            self._thread.start()
        self._put(docs)
        self.sent += len(docs)

    def finish(self, adopt: bool, progress: Progress | None = None) -> bool:
        """End the stream: commit the staged documents or discard them; True if committed."""
        if self._thread is None:
            return False
        self._discard = not adopt
        self._progress = progress
        self._put(_END)
        self._thread.join()
        return adopt and self.error is None and self.added is not None

    def _put(self, item: list[Document] | None) -> None:
        assert self._thread is not None
        while self._thread.is_alive():  # a failed index must not block the store
            try:
                self._queue.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    # -- the index's side ------------------------------------------------------------
    def _run(self) -> None:
        try:
            self.added = self._service.bulk_add(
                self._documents(),
                total=self._total,
                progress=self._report,
                cancel=lambda: self._discard,
                seq=lambda: self.expected_seq,  # read once the documents have ended
            )
        except BaseException as error:  # noqa: BLE001 - the caller falls back, the data is safe
            self.error = error
            self._drain()

    def _documents(self) -> Iterator[Document]:
        while (docs := self._queue.get()) is not _END:
            yield from docs
            del docs  # the batch's text is freed once handed on

    def _drain(self) -> None:
        """After a failure: let a store blocked on a full queue go on."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return

    def _report(self, done: int, total: int) -> None:
        # only once the store is done: one bar, read first, then what the index has left
        if self._progress is not None and self.sent:
            self._progress(min(done, self.sent), self.sent)
