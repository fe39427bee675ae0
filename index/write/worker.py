"""The worker process of a parallel index build (index/write/workers.py starts it).

It receives batches of plain records over a pipe, analyses them into
segments with :class:`index.write.segments.SegmentBuilder` and sends each
finished segment's files back over a second pipe. It never touches the disk:
the records and the segment files are plaintext, so they travel only through
pipes and RAM (security S4). It holds no key; the parent seals what it gets.

It must not outlive its parent: on Linux the kernel kills it when the parent
dies (``PR_SET_PDEATHSIG``); everywhere, a reader thread exits the process
the moment the parent's end of the pipe closes. It logs nothing and, on an
error, sends only the error's type name (a message could quote content).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import pickle
import queue
import signal
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

# messages, parent -> worker: ("docs", [record, ...]) and ("end",)
# messages, worker -> parent: ("ack", n), ("segment", segment, names) followed by each
# file's bytes as a raw message (no pickled copy of a segment), ("done", skipped),
# ("error", type name)
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the guard was set
        os._exit(1)


def _no_core_dumps() -> None:
    # a core dump of this process would hold plaintext (security S7)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _reader(inbox: Connection, jobs: queue.Queue[Any]) -> None:
    """Drain the parent's pipe at once, so the parent never blocks on a send."""
    try:
        while True:
            message = pickle.loads(inbox.recv_bytes())
            jobs.put(message)
            if message[0] == "end":
                return
    except (EOFError, OSError):
        os._exit(1)  # the parent is gone: so are we, whatever we were doing


def serve(
    inbox: Connection,
    outbox: Connection,
    parent_pid: int,
    config: Any,
    segment_docs: int | None = None,
) -> None:
    """Worker main loop: records in, segments out, until "end"."""
    _die_with_parent(parent_pid)
    _no_core_dumps()
    from index.write.segments import SegmentBuilder
    from index.write.staging import map_big_blocks

    map_big_blocks()

    jobs: queue.Queue[Any] = queue.Queue()
    threading.Thread(target=_reader, args=(inbox, jobs), daemon=True).start()
    builder = SegmentBuilder(config, segment_docs)
    try:
        while True:
            message = jobs.get()
            if message[0] == "end":
                for built in builder.finish():
                    _send_segment(outbox, built)
                _send(outbox, ("done", builder.skipped))
                return
            records = message[1]
            for built in builder.add(records):
                _send_segment(outbox, built)
            _send(outbox, ("ack", len(records)))
    except BaseException as error:  # only the type: a message could quote a record
        with contextlib.suppress(OSError):
            _send(outbox, ("error", type(error).__name__))
        os._exit(1)


def _send_segment(outbox: Connection, built: Any) -> None:
    from index.write.staging import release_memory

    names = list(built.files)
    _send(outbox, ("segment", built.segment, names))
    for name in names:
        outbox.send_bytes(built.files.pop(name))  # each file freed once it is sent
    # The segment's posting pool and files are garbage now; glibc would keep their
    # pages resident, so this worker sat at its flush peak while the parent
    # received and sealed the segment (the two peaks met: the 100k reindex's top).
    release_memory()


def _send(outbox: Connection, message: tuple[Any, ...]) -> None:
    outbox.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
