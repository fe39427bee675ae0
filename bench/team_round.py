"""Where an incremental team sync round goes: CPU per thread, queries and server round trips.

    python -m bench.team_round [--size 1500] [--rounds 3] [--edits 10] [--profile N]

A throwaway PostgreSQL and two laptops as bench/team_sync.py makes them (the admin holds
`--size` corpus entries, a member cleared for `confidential` pulls them all once). Then, per
round: the admin edits `--edits` entries and pushes them, and the member's round that pulls
them is measured: wall, the main thread's CPU (the round runs there), the process's CPU, SQL
statements on the local hub and on the server, server connections checked out (each one a
ping round trip) and made (a login). The round is done when the pulled entries are stored;
the search index catches up afterwards on its worker thread (`index catch-up`: the wait for
it, measured apart). Last an idle round. `--profile N`: cProfile of the pull rounds on thread
CPU, the top N functions by cumulative time, to stderr. JSON to stdout.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from bench.corpus import Corpus
from bench.team_sync import MEMBER_PASSWORD, Bench
from expertise.hub import Hub

_counts: Counter[str] = Counter()
_texts: Counter[str] = Counter()  # --statements: each statement's first words, per round


def _dialect(conn: Any) -> str:
    return "server" if conn.engine.dialect.name == "postgresql" else "local"


@event.listens_for(Engine, "before_cursor_execute")
def _statement(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
    _counts[f"{_dialect(conn)} statements"] += 1
    _texts[f"{_dialect(conn)}: {' '.join(statement.split())[:110]}"] += 1


@event.listens_for(Pool, "checkout")
def _checkout(dbapi_conn: Any, record: Any, proxy: Any) -> None:
    if type(dbapi_conn).__module__.startswith("psycopg"):
        _counts["server checkouts"] += 1


@event.listens_for(Pool, "connect")
def _connect(dbapi_conn: Any, record: Any) -> None:
    if type(dbapi_conn).__module__.startswith("psycopg"):
        _counts["server logins"] += 1


_phases: dict[str, list[float]] = {}  # name -> [wall, thread CPU, calls] within a step

# The round's parts, timed by wrapping them (wall and the calling thread's CPU); nested
# parts are inside their callers' figures.
PHASES = (
    ("expertise.hub.team", "TeamFacade.refresh"),
    ("expertise.team.remote", "SyncKeys.__init__"),
    ("expertise.team.sync", "SyncRound._push"),
    ("expertise.team.remote", "ServerItems.pull"),
    ("expertise.team.sync", "SyncRound._open"),
    ("expertise.team.sync", "SyncRound._apply"),
    ("expertise.team.apply", "Applier.run"),
    ("expertise.team.sync", "SyncRound._index"),
    ("expertise.team.sync", "SyncRound._finish"),
)


def wrap_phases() -> None:
    import functools
    import importlib

    for module_name, dotted in PHASES:
        owner_name, attr = dotted.split(".")
        owner = getattr(importlib.import_module(module_name), owner_name, None)
        original = getattr(owner, attr, None)
        if original is None:
            continue  # a tree without that part

        def timed(*args: Any, __original: Any = original, __name: str = dotted,
                  **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return __original(*args, **kwargs)
            finally:
                got = _phases.setdefault(__name, [0.0, 0.0, 0])
                got[0] += time.perf_counter() - wall
                got[1] += time.thread_time() - cpu
                got[2] += 1

        setattr(owner, attr, functools.wraps(original)(timed))


@contextmanager
def measured(into: dict[str, Any], profile: cProfile.Profile | None = None) -> Iterator[None]:
    _counts.clear()
    _texts.clear()
    _phases.clear()
    load = os.getloadavg()[0]
    wall, cpu, thread = time.perf_counter(), time.process_time(), time.thread_time()
    if profile is not None:
        profile.enable()
    try:
        yield
    finally:
        if profile is not None:
            profile.disable()
        into["wall_s"] = round(time.perf_counter() - wall, 4)
        into["thread_cpu_s"] = round(time.thread_time() - thread, 4)
        into["process_cpu_s"] = round(time.process_time() - cpu, 4)
        into["load"] = round(load, 1)
        into.update(sorted(_counts.items()))
        into["phases"] = {
            name: {"wall_s": round(w, 4), "cpu_s": round(c, 4), "calls": n}
            for name, (w, c, n) in _phases.items()
        }


def edit(admin: Hub, count: int, mark: str) -> None:
    for entry in admin.entries.list(limit=count):
        record = admin.entries.get(entry.id)
        admin.entries.update(entry.id, {"summary": f"{record.summary} ({mark})"})
    admin.wait_for_index(600)


show_statements = False


def timed_step(name: str, action: Callable[[], Any], rows: list[dict[str, Any]],
               profile: cProfile.Profile | None = None) -> Any:
    row: dict[str, Any] = {"step": name}
    with measured(row, profile):
        result = action()
    rows.append(row)
    print(json.dumps(row), file=sys.stderr, flush=True)
    if show_statements:
        for text, count in sorted(_texts.items()):
            print(f"  {count:4d}  {text}", file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--stats", type=Path, help="with --profile: the pstats file too")
    parser.add_argument("--statements", action="store_true", help="each round's SQL, to stderr")
    args = parser.parse_args(argv)
    global show_statements
    show_statements = args.statements
    wrap_phases()
    rows: list[dict[str, Any]] = []
    profile = cProfile.Profile(time.thread_time) if args.profile else None
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(Path(tmp), args.size)
        try:
            with bench.laptop("admin") as admin, bench.laptop("member") as member:
                admin.entries.add_many((r.kind, r.values) for r in Corpus(args.size).records())
                bench.make_team(admin)
                bench.join(admin, member, "confidential")
                admin.team.sync(bench.cluster.password)
                member.team.sync(MEMBER_PASSWORD)
                member.wait_for_index(600)
                for n in range(args.rounds):
                    edit(admin, args.edits, f"round {n}")
                    admin.team.sync(bench.cluster.password)
                    report = timed_step(f"pull {args.edits} edits", lambda: member.team.sync(
                        MEMBER_PASSWORD), rows, profile)
                    rows[-1]["updated"] = len(report.updated)
                    timed_step("index catch-up", lambda: member.wait_for_index(600), rows)
                timed_step("idle round", lambda: member.team.sync(MEMBER_PASSWORD), rows)
        finally:
            bench.close()
    if profile is not None:
        stats = pstats.Stats(profile, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(args.profile)
        if args.stats is not None:
            stats.dump_stats(args.stats)
    print(json.dumps({"size": args.size, "edits": args.edits, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
