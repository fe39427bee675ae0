"""What a user waits for and what the laptop pays: import, memory while searching, reindex.

Phases of bench.phases (each in its own process, see there):

- ``notes``: writes the folder of Markdown notes (bench/notes.py) into the work dir.
- ``fts-import``: FTS5 reads the same files, parses the front matter the simple
  way and inserts them; the files/s and the process's peak RSS.
- ``import``: a cold ``python -m expertise import DIR`` into a new hub, timed from
  start to exit (the CLI waits for the index before it exits), then checked: every note
  is found by a search. Peak RSS of the import process tree, polled every 50 ms.
- ``import-lib``: the same import in-process, ``hub.transfer.import_paths`` until
  the index is up to date (no interpreter start, no KDF).
- ``reindex``: the hub of ``hub-build``, opened and searched warm, then a real
  ``hub.maintenance.reindex()`` while this thread keeps searching; tree RSS every 50 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench.engines import FtsEngine, HubEngine
from bench.measure import MB, children_cpu_seconds, timed, tree_cpu_seconds
from bench.notes import Notes, plain_documents
from bench.procmem import TreeRssSampler, tree_rss_bytes
from bench.queries import BenchQuery

PASSPHRASE = "benchmark passphrase, not secret"
FTS_BATCH = 2000
REINDEX_QUERY_PAUSE = 0.2


def _mb(value: int) -> float:
    return round(value / MB, 1)


def notes_dir(work: Path) -> Path:
    return work / "notes"


def notes(args: argparse.Namespace) -> dict[str, Any]:
    seconds, written = timed(lambda: Notes(args.size, args.seed).write(notes_dir(args.work)))
    return {"notes": {"files": args.size, "bytes": written, "write_s": round(seconds, 2)}}


def fts_import(args: argparse.Namespace) -> dict[str, Any]:
    folder = notes_dir(args.work)
    cpu = tree_cpu_seconds()
    with TreeRssSampler() as rss:
        start = time.perf_counter()
        engine = FtsEngine.create(args.work / "fts5-notes.db")
        batch: list[dict[str, str]] = []
        files = 0
        for doc in plain_documents(folder):
            batch.append(doc)
            if len(batch) == FTS_BATCH:
                files += engine.fts.add_batch(batch)
                batch = []
        files += engine.fts.add_batch(batch)
        engine.fts.finish()
        engine.close()
        seconds = time.perf_counter() - start
    return {"import": _import_figures(files, seconds, tree_cpu_seconds() - cpu, rss.peak)}


def _import_figures(files: int, seconds: float, cpu: float, peak: int) -> dict[str, Any]:
    return {
        "files": files,
        "seconds": round(seconds, 3),
        "files_per_s": round(files / seconds, 1),
        "cpu_seconds": round(cpu, 3),
        "files_per_cpu_s": round(files / cpu, 1) if cpu > 0 else None,
        "peak_rss_mb": _mb(peak),
    }


def _found_every_note(hub_dir: Path, size: int) -> bool:
    """The import's last word: every note is searchable (checked after the timing)."""
    engine = HubEngine.open(hub_dir, PASSPHRASE)
    try:
        engine.hub.wait_for_index()
        sample = sorted({0, size // 2, size - 1})
        titles = Notes(size).title_of
        found = all(_finds(engine, f'"{titles(i)}"', titles(i)) for i in sample)
        return found and engine.hub.entries.count() >= size
    finally:
        engine.close()


def _finds(engine: HubEngine, query: str, title: str) -> bool:
    return any(hit.title == title for hit in engine.hub.search(query, limit=5).hits)


def cli_import(args: argparse.Namespace) -> dict[str, Any]:
    hub_dir = args.work / "hub-import"
    HubEngine.create(hub_dir, PASSPHRASE).close()
    command = [sys.executable, "-m", "expertise", "--hub", str(hub_dir), "import"]
    env = {**os.environ, "EXPERTISE_PASSPHRASE": PASSPHRASE}
    cpu = children_cpu_seconds()
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, str(notes_dir(args.work))], env=env, stdout=subprocess.PIPE, text=True
    )
    with TreeRssSampler(process.pid) as rss:
        output, _ = process.communicate()
    seconds, cpu = time.perf_counter() - start, children_cpu_seconds() - cpu
    if process.returncode != 0:
        raise SystemExit(f"expertise import failed ({process.returncode}): {output[-500:]}")
    children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    figures = _import_figures(args.size, seconds, cpu, max(rss.peak, children_peak))
    figures.update(
        tree_samples=rss.samples,
        searchable=_found_every_note(hub_dir, args.size),
        output=output.strip()[-200:],
    )
    return {"import": figures}


def lib_import(args: argparse.Namespace) -> dict[str, Any]:
    hub_dir = args.work / "hub-import-lib"
    engine = HubEngine.create(hub_dir, PASSPHRASE)
    cpu = tree_cpu_seconds()
    with TreeRssSampler() as rss:
        start = time.perf_counter()
        engine.hub.transfer.import_paths([notes_dir(args.work)])
        engine.hub.wait_for_index()
        seconds = time.perf_counter() - start
    cpu = tree_cpu_seconds() - cpu
    engine.close()
    return {"import_lib": _import_figures(args.size, seconds, cpu, rss.peak)}


# -- a real reindex ----------------------------------------------------------------------
def reindex(args: argparse.Namespace) -> dict[str, Any]:
    from bench.corpus import Corpus
    from bench.phases import run_mix
    from bench.queries import query_mix

    engine = HubEngine.open(args.work / "hub", PASSPHRASE)
    mix = query_mix(Corpus(args.size, args.seed), args.per_class)
    warm = run_mix({"hub": engine}, mix, 1)["hub"]["answers"]  # in memory, as in the app
    expected = [answer["total"] for answer in warm]
    before = tree_rss_bytes()
    searches: list[tuple[float, bool]] = []
    cpu = tree_cpu_seconds()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with TreeRssSampler() as rss:
        worker = threading.Thread(target=engine.hub.maintenance.reindex, name="reindex")
        start = time.perf_counter()
        worker.start()
        while worker.is_alive():
            n = len(searches) % len(mix)
            searches.append(_search_during(engine, mix[n], expected[n]))
            time.sleep(REINDEX_QUERY_PAUSE)
        worker.join()
        seconds = time.perf_counter() - start
        ended = time.monotonic()
    cpu = tree_cpu_seconds() - cpu  # the searches during the rebuild included
    after = tree_rss_bytes()
    engine.close()
    answered = [took for took, same in searches if same]
    return {
        "reindex": {
            "docs": args.size,
            "seconds": round(seconds, 3),
            "docs_per_s": round(args.size / seconds, 1),
            "cpu_seconds": round(cpu, 3),
            "rss_before_mb": _mb(before),
            "peak_rss_mb": _mb(rss.peak),
            "app_peak_rss_mb": _mb(rss.root_peak),  # without the analysis workers
            # how long before the reindex returned the tree peaked (the swap is its last ~s)
            "peak_s_before_end": round(ended - rss.peak_at, 1),
            "rss_after_mb": _mb(after),
            "load_avg": [load_before, os.getloadavg()[0] if hasattr(os, "getloadavg") else None],
            "searches": len(searches),
            "searches_answered": len(answered),  # with the same total as before
            "search_max_ms": round(max(answered, default=0.0) * 1000, 1),
        }
    }


def _search_during(engine: HubEngine, q: BenchQuery, expected: int) -> tuple[float, bool]:
    """(seconds, answered with the total it had before the rebuild) for one search."""
    start = time.perf_counter()
    try:
        total, _ = engine.search(q)
    except Exception as error:  # what the UI would show as a failed search
        print(f"search during reindex failed: {type(error).__name__}", file=sys.stderr)
        return time.perf_counter() - start, False
    return time.perf_counter() - start, total == expected
