"""Where an `expertise import DIR` spends its CPU: per thread, per function, per process.

    python -m bench.import_profile NOTES_DIR WORK_DIR [--profile] [--top N]

Runs the CLI entry (`expertise.cli.main`) in this process on a new hub (cheap KDF,
as bench/phases_cost.py makes it), so cProfile sees the import itself; every thread
the import starts (the reader, the index feed) is timed with its own thread CPU clock
and, with --profile, its own profiler (thread CPU time, not wall). Analysis workers
(imports of >= PARALLEL_MIN files, or --workers-from) count as children's CPU. Prints
one JSON line of figures (``database``: CPU inside SQLite/SQLCipher calls, any
thread), then the profiles. ``--memsec-off`` runs it with SQLCipher's
memory security off (the hub never does; bench/import_memsec.py compares the two).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import threading
import time
from pathlib import Path
from typing import Any

PASSPHRASE = "benchmark passphrase, not secret"


class ThreadClock:
    """Thread CPU seconds (and optionally a profile) of every thread started meanwhile."""

    def __init__(self, profile: bool) -> None:
        self.cpu: dict[str, float] = {}
        self.profiles: dict[str, cProfile.Profile] = {}
        self._profile = profile
        self._original = threading.Thread.run

    def __enter__(self) -> ThreadClock:
        clock, original = self, self._original

        def run(thread: threading.Thread) -> None:
            name = thread.name.split("_")[0].rstrip("-0123456789") or thread.name
            profiler = cProfile.Profile(time.thread_time) if clock._profile else None
            start = time.thread_time()
            try:
                if profiler is not None:
                    profiler.runcall(original, thread)
                else:
                    original(thread)
            finally:
                clock.cpu[name] = clock.cpu.get(name, 0.0) + time.thread_time() - start
                if profiler is not None:
                    clock.profiles.setdefault(name, profiler)
                    if clock.profiles[name] is not profiler:
                        clock.profiles[name + "+"] = profiler

        threading.Thread.run = run  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        threading.Thread.run = self._original  # type: ignore[method-assign]


class DatabaseClock:
    """Thread CPU spent inside SQLAlchemy's cursor calls: SQLite and SQLCipher at work.

    The import's store is serial (one writer), so this is the floor of the
    parent's time per file whatever else is made parallel.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0
        self._started: dict[int, float] = {}

    def __enter__(self) -> DatabaseClock:
        from sqlalchemy import Engine, event

        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import Engine, event

        event.remove(Engine, "before_cursor_execute", self._before)
        event.remove(Engine, "after_cursor_execute", self._after)

    def _before(self, *args: Any) -> None:
        self._started[threading.get_ident()] = time.thread_time()

    def _after(self, *args: Any) -> None:
        started = self._started.pop(threading.get_ident(), None)
        if started is not None:
            self.seconds += time.thread_time() - started
            self.calls += 1


def measure(notes: Path, work: Path, profile: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    from bench.engines import HubEngine
    from expertise.cli import main

    hub_dir = work / "hub-profile"
    HubEngine.create(hub_dir, PASSPHRASE).close()
    os.environ["EXPERTISE_PASSPHRASE"] = PASSPHRASE
    files = sum(1 for path in notes.iterdir() if path.suffix == ".md")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_profiler = cProfile.Profile(time.thread_time) if profile else None
    with ThreadClock(profile) as clock, DatabaseClock() as database:
        wall, cpu_main, proc = time.perf_counter(), time.thread_time(), time.process_time()
        argv = ["--hub", str(hub_dir), "import", str(notes)]
        code = main_profiler.runcall(main, argv) if main_profiler else main(argv)
        wall = time.perf_counter() - wall
        cpu_main = time.thread_time() - cpu_main
        proc = time.process_time() - proc
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    total = proc + workers
    figures = {
        "files": files,
        "exit": code,
        "wall_s": round(wall, 3),
        "cpu_s": round(total, 3),
        "files_per_cpu_s": round(files / total, 1),
        "ms_per_file": {
            "main": round(cpu_main * 1000 / files, 3),
            **{name: round(s * 1000 / files, 3) for name, s in sorted(clock.cpu.items())},
            "workers": round(workers * 1000 / files, 3),
            "process": round(proc * 1000 / files, 3),
            "total": round(total * 1000 / files, 3),
            "database": round(database.seconds * 1000 / files, 3),
        },
        "statements": database.calls,
        "load": round(os.getloadavg()[0], 2),
    }
    profiles = {"main": main_profiler, **clock.profiles} if profile else {}
    return figures, profiles


def print_profiles(profiles: dict[str, Any], top: int, sort: str) -> None:
    for name, profiler in profiles.items():
        if profiler is None:
            continue
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(top)
        print(f"===== thread {name} ({sort}) =====")
        print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notes", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--workers-from", type=int, help="PARALLEL_MIN for this run")
    parser.add_argument(
        "--memsec-off", action="store_true", help="SQLCipher memory security OFF (bench only)"
    )
    args = parser.parse_args()
    if args.memsec_off:  # what the hub's memory security costs an import (bench/import_memsec.py)
        from bench.cipher_memsec import use_memory_security

        use_memory_security(False)
    if args.workers_from is not None:  # a small corpus analysed as a 10k import is
        import index.write.workers

        index.write.workers.PARALLEL_MIN = args.workers_from
    figures, profiles = measure(args.notes, args.work, args.profile)
    print(json.dumps(figures))
    print_profiles(profiles, args.top, args.sort)


if __name__ == "__main__":
    main()
