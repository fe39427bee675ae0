"""Resident memory of a process and everything it started, polled from /proc.

The hub may analyse in worker processes; what a laptop pays is the sum over
the tree, so the import, build and reindex phases sample that sum. A forked
worker shares pages with its parent until either writes them, so the sum of
RSS overstates the tree a little: it is the figure a task manager adds up.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from bench.measure import rss_bytes

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
PROC = Path("/proc")
RESCAN_S = 1.0


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids for every process we can see."""
    tree: dict[int, list[int]] = {}
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # The command name is in parentheses and may hold spaces: split after it.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_pids(root: int) -> list[int]:
    tree, pids, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(tree.get(pid, ()))
    return pids


def _rss_of(pid: int) -> int:
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_bytes(root: int | None = None) -> int:
    """Sum of RSS over ``root`` (default: this process) and its descendants."""
    root = os.getpid() if root is None else root
    if not PROC.is_dir():
        return rss_bytes() if root == os.getpid() else 0
    return sum(_rss_of(pid) for pid in tree_pids(root))


class TreeRssSampler:
    """Polls the tree's RSS on a thread every ``interval`` s; ``peak`` is the highest sum.

    ``root_peak`` is the highest RSS of the root process alone.

    Finding the tree reads every process's stat (~5 ms): that is done once a
    second, the RSS of the pids found every ``interval`` (what the sampler itself
    costs stays near 1% of a core, so CPU figures of the phase hardly move).
    """

    def __init__(self, root: int | None = None, interval: float = 0.05) -> None:
        self.root = os.getpid() if root is None else root
        self.interval = interval
        self.peak = 0
        self.root_peak = 0  # the root process alone (the app without its workers)
        self.peak_at = 0.0  # time.monotonic() of the sample that set ``peak``
        self.samples = 0
        self._pids: list[int] = []
        self._found = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="tree-rss")

    def sample(self) -> int:
        now = time.monotonic()
        if not self._pids or now - self._found > RESCAN_S:
            self._pids = tree_pids(self.root) if PROC.is_dir() else [self.root]
            self._found = now
        if PROC.is_dir():
            own = _rss_of(self.root)
            value = own + sum(_rss_of(pid) for pid in self._pids if pid != self.root)
        else:
            own = value = rss_bytes()
        if value > self.peak:
            self.peak, self.peak_at = value, now
        self.root_peak = max(self.root_peak, own)
        self.samples += 1
        return value

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeRssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
