"""How long the barrier matrix and the upkeep list take on a generated hub.

    .venv/bin/python -m bench.overview [--size N] [--repeat R]

Builds a hub of N entries from the benchmark corpus (bench/corpus.py, whose
entries carry themes and barrier-model phases, review dates and consent
dates) in a temporary folder and prints the best and median of R runs of
`hub.barrier.matrix()` (every level and `internal`), one cell's entries, and
`hub.upkeep.due()`. The UI runs them on its worker, never on the UI thread.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import Corpus
from expertise.hub import Hub
from expertise.kdf import KdfParams

PASSPHRASE = "bench-only-not-secret"


def _time(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs: list[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return min(runs) * 1000, statistics.median(runs) * 1000


def measure(hub: Hub, repeat: int) -> list[tuple[str, float, float, str]]:
    grid = hub.barrier.matrix()
    theme, phase = max(grid.cells, key=lambda place: grid.cells[place].total)
    cases: list[tuple[str, Callable[[], object], str]] = [
        ("barrier matrix, every level", hub.barrier.matrix, f"{len(grid.cells)} cells filled"),
        ("barrier matrix, ceiling internal", lambda: hub.barrier.matrix("internal"), ""),
        (
            "entries of the fullest cell",
            lambda: hub.barrier.cell_entries(theme, phase),
            f"{grid.cell(theme, phase).total} entries",
        ),
        ("upkeep list (30 days)", hub.upkeep.due, f"{len(hub.upkeep.due())} lines"),
    ]
    return [(name, *_time(action, repeat), note) for name, action, note in cases]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        with Hub.create(Path(folder) / "hub", PASSPHRASE, kdf=KdfParams.floor()) as hub:
            corpus = Corpus(args.size)
            hub.entries.add_many(((r.kind, r.values) for r in corpus.records()), reindex=False)
            print(f"{args.size:,} entries; best / median of {args.repeat} runs")
            print("| action | best ms | median ms | |")
            print("|---|---:|---:|---|")
            for name, best, median, note in measure(hub, args.repeat):
                print(f"| {name} | {best:.0f} | {median:.0f} | {note} |")


if __name__ == "__main__":
    main()
