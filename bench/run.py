"""Benchmark CLI: hub vs SQLite FTS5 on the same corpus, in one run.

    python -m bench.run --sizes 1000,10000 [--out bench/results]

Per size it runs five phases in fresh processes (FTS5 build, hub build,
FTS5 cold open, hub cold unlock, then both engines warm and interleaved in
one process), then writes
``<out>/<date>-<size>.json`` and ``.md`` and prints the tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.report import compare, machine_info, markdown

REPO = Path(__file__).resolve().parent.parent
PHASE_ORDER = ("fts-build", "hub-build", "fts-cold", "hub-cold", "warm")


def run_phase(phase: str, size: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    out = work / f"{phase}.json"
    command = [
        sys.executable,
        "-m",
        "bench.phases",
        phase,
        "--size",
        str(size),
        "--seed",
        str(args.seed),
        "--per-class",
        str(args.per_class),
        "--work",
        str(work),
        "--out",
        str(out),
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO)
    print(f"  {phase}: {time.perf_counter() - started:.1f} s", flush=True)
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def run_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    work = args.work / f"size-{size}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"== {size} entries", flush=True)
    phases = {phase: run_phase(phase, size, args, work) for phase in PHASE_ORDER}
    result = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "size": size,
        "seed": args.seed,
        "per_class": args.per_class,
        "machine": machine_info(),
        "hub": {**phases["hub-build"], **phases["hub-cold"], **phases["warm"]["hub"]},
        "fts5": {**phases["fts-build"], **phases["fts-cold"], **phases["warm"]["fts5"]},
    }
    result["comparison"] = compare(result)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def save(result: dict[str, Any], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{result['date'][:10]}-{result['size']}"
    (out / f"{stem}.json").write_text(json.dumps(result, indent=1))
    (out / f"{stem}.md").write_text(markdown([result]))
    return out / f"{stem}.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "work")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--per-class", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the hubs and FTS5 files")
    args = parser.parse_args(argv)
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        result = run_size(size, args)
        print(f"  wrote {save(result, args.out)}", flush=True)
        results.append(result)
    table = markdown(results)
    (args.out / "LATEST.md").write_text(table)
    print()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
