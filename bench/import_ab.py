"""`expertise import DIR` of two code trees side by side, with the FTS5 baseline, in one run.

    python -m bench.import_ab --before DIR --after DIR --work DIR [--size 3000] [--rounds 2]

Each tree is a folder holding `expertise/` and `index/` (an export of a commit:
`git archive COMMIT | tar -x -C DIR`); its CLI runs cold, as a user runs it,
`python -m expertise --hub H import NOTES` with the tree as working folder (so
it imports that tree, whatever the venv's editable install points at), on the
same notes (bench/notes.py). Rounds alternate before, after, after, before...,
so drift of a shared machine hits both alike. Figures: wall, CPU of the whole
process tree (analysis workers included), files per CPU second; then each
tree's per-thread breakdown in process (bench/import_profile.py run in that
tree, workers as a 10k import has them). JSON to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.engines import FtsEngine
from bench.measure import children_cpu_seconds, tree_cpu_seconds
from bench.notes import Notes, plain_documents
from bench.report import machine_info

PASSPHRASE = "benchmark passphrase, not secret"
FTS_BATCH = 2000


def cli_import(tree: Path, notes: Path, hub: Path) -> dict[str, Any]:
    env = {**os.environ, "EXPERTISE_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(tree)}
    # the hub made by the tree's own code: its migrations, not this tree's
    make = f"from bench.engines import HubEngine; HubEngine.create({str(hub)!r}, {PASSPHRASE!r})"
    subprocess.run([sys.executable, "-c", make + ".close()"], cwd=tree, env=env, check=True)
    command = [sys.executable, "-m", "expertise", "--hub", str(hub), "import", str(notes)]
    load = os.getloadavg()[0]
    cpu, start = children_cpu_seconds(), time.perf_counter()
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, children_cpu_seconds() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{tree}: import failed: {done.stderr[-500:]}")
    files = sum(1 for _ in notes.glob("*.md"))
    shutil.rmtree(hub, ignore_errors=True)
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "files_per_s": round(files / wall, 1),
        "files_per_cpu_s": round(files / cpu, 1),
        "ms_per_file": round(cpu * 1000 / files, 3),
        "load_at_start": round(load, 1),
    }


def fts_baseline(notes: Path, work: Path) -> dict[str, Any]:
    path = work / "fts5-ab.db"
    path.unlink(missing_ok=True)
    cpu, start = tree_cpu_seconds(), time.perf_counter()
    engine = FtsEngine.create(path)
    files, batch = 0, []
    for doc in plain_documents(notes):
        batch.append(doc)
        if len(batch) == FTS_BATCH:
            files += engine.fts.add_batch(batch)
            batch = []
    files += engine.fts.add_batch(batch)
    engine.fts.finish()
    engine.close()
    wall, cpu = time.perf_counter() - start, tree_cpu_seconds() - cpu
    path.unlink(missing_ok=True)
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "files_per_cpu_s": round(files / cpu, 1),
        "ms_per_file": round(cpu * 1000 / files, 3),
    }


def breakdown(tree: Path, notes: Path, work: Path) -> dict[str, Any]:
    """bench/import_profile.py in `tree` (copied there if the tree predates it)."""
    tool = tree / "bench" / "import_profile.py"
    if not tool.exists():
        shutil.copy(Path(__file__).parent / "import_profile.py", tool)
    command = [sys.executable, "-m", "bench.import_profile", str(notes), str(work)]
    command += ["--workers-from", "1000"]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    line = [row for row in done.stdout.splitlines() if row.startswith("{")]
    if done.returncode != 0 or not line:
        return {"error": done.stderr[-300:]}
    return dict(json.loads(line[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    notes = args.work / f"notes-{args.size}"
    if not notes.exists():
        Notes(args.size, 42).write(notes)
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    order = ["before", "after"]
    result: dict[str, Any] = {"machine": machine_info(), "size": args.size, "seed": 42}
    result["fts5"] = [fts_baseline(notes, args.work)]
    for round_no in range(args.rounds):
        for side in order if round_no % 2 == 0 else order[::-1]:
            runs[side].append(cli_import(trees[side], notes, args.work / f"hub-ab-{side}"))
            print(side, runs[side][-1], file=sys.stderr, flush=True)
    result["fts5"].append(fts_baseline(notes, args.work))
    print("fts5", result["fts5"], file=sys.stderr, flush=True)
    result["cli"] = runs
    result["breakdown"] = {side: breakdown(tree, notes, args.work) for side, tree in trees.items()}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
