"""Analysis in worker processes: the parallel half of a bulk build.

Tokenising, stemming and encoding postings is pure Python and holds the GIL,
so a build uses one core however many there are. Here the parent keeps the
database reading and the writing of the target index; it deals batches of
records to worker processes (index/write/worker.py), each of which builds
whole segments (index/write/segments.py) and sends their files back.

- Processes are started with the "spawn" method: never a fork of a process
  that holds Qt, SQLCipher connections or keys.
- Plaintext (the records, the segment files) travels only over pipes; nothing
  is written to a file by a worker (security S4).
- Workers are daemons, die with the parent (see worker.py) and are killed
  when the build ends, fails or is cancelled.
- Memory stays bounded: at most ``INFLIGHT`` batches wait per worker, and a
  worker holds at most one unfinished segment.
- A worker that dies or fails ends the build with :class:`IndexBuildFailed`;
  the caller's index is untouched (a rebuild builds beside it).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping
from multiprocessing.connection import wait
from typing import Any

from index.config import IndexConfig
from index.types import IndexBuildFailed
from index.write.segments import Built

BATCH = 200  # records per message: big enough that pickling dominates the pipe's cost
INFLIGHT = 4  # batches sent and not yet analysed, per worker
MAX_WORKERS = 4  # past this the parent's database reading is the limit
PARALLEL_MIN = 3_000  # below this, starting interpreters costs more than it saves
# A bulk add's parent also reads, checks and stores each document (an import, a pull),
# work the workers' analysis runs beside: faster from ~500 documents (1,000 notes
# 138 -> 176-203 files/s). A rebuild's parent only reads, and there one worker for
# 2,000 documents was slower (9.2 -> 11.1 s), hence the two thresholds.
BULK_PARALLEL_MIN = 1_000
QUIET_SECONDS = 600.0  # a worker that says nothing for this long is taken as hung


def worker_count(total: int, parallel_min: int | None = None) -> int:
    """How many workers a build of ``total`` records should use; 0: build in process.

    Below ``parallel_min`` records (default ``PARALLEL_MIN``) the build stays in process."""
    least = PARALLEL_MIN if parallel_min is None else parallel_min
    if total < least:
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(cores, MAX_WORKERS)


class _Worker:
    def __init__(self, ctx: Any, config: IndexConfig, segment_docs: int | None) -> None:
        inbox_read, self.inbox = ctx.Pipe(duplex=False)
        self.outbox, outbox_write = ctx.Pipe(duplex=False)
        from index.write.worker import serve

        self.process = ctx.Process(
            target=serve,
            args=(inbox_read, outbox_write, os.getpid(), config, segment_docs),
            daemon=True,
            name="index-build",
        )
        self.process.start()
        inbox_read.close()  # the child's ends: EOF reaches each side when the other dies
        outbox_write.close()
        self.inflight = 0
        self.done = False

    def send(self, message: tuple[Any, ...]) -> None:
        try:
            self.inbox.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:  # its end of the pipe is closed: it died
            raise IndexBuildFailed(_died(self)) from None

    def stop(self) -> None:
        for conn in (self.inbox, self.outbox):
            conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class WorkerPool:
    """Deals records to worker processes and yields the segments they build."""

    def __init__(self, count: int, config: IndexConfig, segment_docs: int | None = None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._ready: list[Built] = []
        self.skipped = 0
        try:
            for _ in range(count):
                self._workers.append(_Worker(ctx, config, segment_docs))
        except BaseException:
            self.close()
            raise

    def build(self, records: Iterable[Mapping[str, object]]) -> Iterator[Built]:
        """Every segment of ``records``, in the order the workers finish them."""
        batch: list[Mapping[str, object]] = []
        for record in records:
            batch.append(record)
            if len(batch) >= BATCH:
                self._deal(batch)
                batch = []
                yield from self._take()
        if batch:
            self._deal(batch)
        for worker in self._workers:
            worker.send(("end",))
        while not all(w.done for w in self._workers):
            self._receive(block=True)
            yield from self._take()
        yield from self._take()

    def _take(self) -> list[Built]:
        ready, self._ready = self._ready, []
        return ready

    def _deal(self, batch: list[Mapping[str, object]]) -> None:
        while True:
            worker = min(self._workers, key=lambda w: w.inflight)
            if worker.inflight < INFLIGHT:
                break
            self._receive(block=True)
        worker.send(("docs", batch))
        worker.inflight += 1
        self._receive(block=False)

    def _receive(self, *, block: bool) -> None:
        by_conn = {w.outbox: w for w in self._workers if not w.done}
        by_sentinel = {w.process.sentinel: w for w in self._workers if not w.done}
        ready = wait([*by_conn, *by_sentinel], timeout=QUIET_SECONDS if block else 0)
        if block and not ready:
            raise IndexBuildFailed("an index worker stopped answering")
        for item in ready:
            worker = by_conn.get(item)  # type: ignore[call-overload]
            if worker is not None:
                self._handle(worker)
        for item in ready:
            worker = by_sentinel.get(item)  # type: ignore[call-overload]
            if worker is not None and not worker.done and not worker.outbox.poll():
                raise IndexBuildFailed(_died(worker))

    def _handle(self, worker: _Worker) -> None:
        try:
            message = pickle.loads(worker.outbox.recv_bytes())
        except (EOFError, OSError):
            raise IndexBuildFailed(_died(worker)) from None
        kind = message[0]
        if kind == "ack":
            worker.inflight -= 1
        elif kind == "segment":
            files = {name: self._file(worker) for name in message[2]}
            self._ready.append(Built(message[1], files))
        elif kind == "done":
            worker.done = True
            self.skipped += message[1]
        else:
            raise IndexBuildFailed(f"an index worker failed ({message[1]})")

    @staticmethod
    def _file(worker: _Worker) -> bytes:
        try:
            return worker.outbox.recv_bytes()
        except (EOFError, OSError):
            raise IndexBuildFailed(_died(worker)) from None

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers = []


def _died(worker: _Worker) -> str:
    worker.process.join(1)
    return f"an index worker stopped unexpectedly (exit code {worker.process.exitcode})"
