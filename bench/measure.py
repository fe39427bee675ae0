"""Timing and memory helpers shared by the benchmark phases."""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of ``values``; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "max_ms": round(max(ms, default=0.0), 3),
        "n": len(ms),
    }


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def timed_cpu(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and this thread's CPU seconds of ``action``.

    CPU time is what the engine itself spent: on a shared 2-core machine the
    wall clock also counts other processes' turns, CPU time mostly does not.
    """
    wall, cpu = time.perf_counter(), time.thread_time()
    result = action()
    return time.perf_counter() - wall, time.thread_time() - cpu, result


def rss_bytes() -> int:
    """Current resident set size; /proc on Linux, peak from getrusage elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return peak_rss_bytes()


def peak_rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS says bytes, Linux KiB


class RssSampler:
    """Samples RSS on a thread; `peak` is the highest value seen while running."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="rss")

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes())
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self.peak = rss_bytes()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def summary_wall_cpu(samples: list[tuple[float, float]]) -> dict[str, float]:
    out = summary_ms([wall for wall, _ in samples])
    cpu = summary_ms([cpu for _, cpu in samples])
    out.update(cpu_p50_ms=cpu["p50_ms"], cpu_p95_ms=cpu["p95_ms"])
    return out


def by_class(samples: Iterable[tuple[str, float, float]]) -> dict[str, dict[str, float]]:
    grouped: dict[str, list[tuple[float, float]]] = {}
    for cls, wall, cpu in samples:
        grouped.setdefault(cls, []).append((wall, cpu))
    return {cls: summary_wall_cpu(values) for cls, values in grouped.items()}


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def children_cpu_seconds() -> float:
    """CPU of this process's children that have ended and been waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree_cpu_seconds() -> float:
    """CPU of this process and of its ended children (workers, subprocesses).

    On a shared machine wall time also counts other processes' turns; CPU seconds
    are the work itself (an idle wait on the disk is in neither).
    """
    return cpu_seconds() + children_cpu_seconds()


def pid() -> int:
    return os.getpid()
