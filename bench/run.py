"""Benchmark CLI: hub vs SQLite FTS5 on the same corpus, in one run.

    python -m bench.run --sizes 1000,10000 [--out bench/results]
    python -m bench.run --sizes 10000 --phases notes,import,fts-import
    python -m bench.run --sizes 10000 --repo /work/other-tree --tag before

Per size it runs each phase in a fresh process (FTS5 build, hub build,
FTS5 cold open, hub cold unlock, both engines warm and interleaved in one
process, a real reindex, then the Markdown import: notes written, FTS5 import,
`expertise import` cold, and in-process up to 10k), then writes
``<out>/<date>-<size>.json`` and ``.md`` and prints the tables. ``--phases``
runs a subset (what a phase needs is added: reindex needs hub-build, the
imports need the notes). ``--repo`` measures another checkout's code with its
own venv: bench/ is copied beside the work dir, so the phases are these and
only ``expertise``/``index`` come from that tree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.report import compare, machine_info, markdown

REPO = Path(__file__).resolve().parent.parent
PHASE_ORDER = (
    "fts-build",
    "hub-build",
    "fts-cold",
    "hub-cold",
    "warm",
    "reindex",
    "notes",
    "fts-import",
    "import",
    "import-lib",
)
NEEDS = {
    "fts-cold": "fts-build",
    "hub-cold": "hub-build",
    "warm": "fts-build hub-build fts-cold hub-cold",
    "reindex": "hub-build",
    "fts-import": "notes",
    "import": "notes",
    "import-lib": "notes",
}
LIB_IMPORT_UP_TO = 10_000  # in-process import too, while it is cheap


def run_phase(phase: str, size: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    out = work / f"{phase}.json"
    command = [
        args.python,
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
    subprocess.run(command, check=True, cwd=args.code)
    print(f"  {phase}: {time.perf_counter() - started:.1f} s", flush=True)
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def run_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    work = args.work / f"size-{size}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"== {size} entries", flush=True)
    try:
        phases = {phase: run_phase(phase, size, args, work) for phase in phases_for(size, args)}
    finally:
        shutil.rmtree(work / "notes", ignore_errors=True)  # 10 kB a note: never keep them
    result = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "size": size,
        "seed": args.seed,
        "per_class": args.per_class,
        "machine": machine_info(),
        "code": code_version(args.repo),
        "phases": list(phases),
        "hub": merged(phases, "hub", ("hub-build", "hub-cold", "reindex", "import", "import-lib")),
        "fts5": merged(phases, "fts5", ("fts-build", "fts-cold", "fts-import")),
    }
    if "warm" in phases:
        result["comparison"] = compare(result)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def phases_for(size: int, args: argparse.Namespace) -> list[str]:
    """The asked phases plus what they need, in PHASE_ORDER."""
    if args.phases:
        asked = {p.strip() for p in args.phases.split(",") if p.strip()}
        unknown = asked - set(PHASE_ORDER)
        if unknown:
            raise SystemExit(f"unknown phases: {', '.join(sorted(unknown))}")
    else:
        asked = set(PHASE_ORDER) - ({"import-lib"} if size > LIB_IMPORT_UP_TO else set())
    for phase in list(asked):
        asked.update(NEEDS.get(phase, "").split())
    return [p for p in PHASE_ORDER if p in asked]


def merged(phases: dict[str, dict[str, Any]], side: str, own: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in own:
        out.update(phases.get(name, {}))
    out.update(phases.get("warm", {}).get(side, {}))
    return out


def code_version(repo: Path) -> str:
    """The commit measured (with +dirty when the tree has changes)."""

    def git(*words: str) -> str:
        run = subprocess.run(["git", "-C", str(repo), *words], capture_output=True, text=True)
        return run.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "?"
    return commit + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def use_repo(args: argparse.Namespace) -> None:
    """Phases run with ``args.repo``'s venv; bench/ comes from here, copied out of both trees."""
    args.python, args.code = sys.executable, REPO
    if args.repo.resolve() == REPO:
        return
    args.python = str(args.repo / ".venv" / "bin" / "python")
    args.code = args.work / "bench-code"
    shutil.rmtree(args.code, ignore_errors=True)
    shutil.copytree(REPO / "bench", args.code / "bench", ignore=shutil.ignore_patterns("results"))


def save(result: dict[str, Any], out: Path, tag: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{tag or result['date'][:10]}-{result['size']}"
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
    parser.add_argument("--phases", default="", help=f"comma list of {', '.join(PHASE_ORDER)}")
    parser.add_argument("--repo", type=Path, default=REPO, help="measure this checkout's code")
    parser.add_argument("--tag", default="", help="file names TAG-SIZE; LATEST.md is left alone")
    args = parser.parse_args(argv)
    # A stopped run still deletes its notes folder (the `finally` in run_size).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.phases and not args.tag:  # a subset never replaces a full run's files
        args.tag = f"{dt.date.today().isoformat()}-partial"
    use_repo(args)
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        result = run_size(size, args)
        print(f"  wrote {save(result, args.out, args.tag)}", flush=True)
        results.append(result)
    table = markdown(results)
    if not args.tag and not args.phases:
        (args.out / "LATEST.md").write_text(table)
    print()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
