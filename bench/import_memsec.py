"""What SQLCipher's memory security costs an import: ON against OFF, runs alternating.

    python -m bench.import_memsec NOTES_DIR WORK_DIR [--rounds 3]

Each round imports NOTES_DIR into a new hub twice with bench/import_profile.py, once as
the hub runs (``cipher_memory_security = ON``) and once with it OFF, each in its own
process (the setting is process-wide and stays on once on). The main thread's CPU per
file is mostly the store; ``database`` is the CPU inside SQLite/SQLCipher calls alone.
The ceilings are what those figures allow at best (``ceilings``). Figures per run and the medians
go to bench/results/import-memsec-<files>.json; the hub itself always keeps it ON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.report import machine_info

RESULTS = Path(__file__).parent / "results"


def one_run(notes: Path, work: Path, off: bool) -> dict[str, Any]:
    shutil.rmtree(work, ignore_errors=True)
    command = [sys.executable, "-m", "bench.import_profile", str(notes), str(work)]
    done = subprocess.run(
        [*command, *(["--memsec-off"] if off else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("{"))
    figures: dict[str, Any] = json.loads(line)
    return figures


def medians(runs: list[dict[str, Any]]) -> dict[str, float]:
    keys = runs[0]["ms_per_file"].keys()
    return {key: round(statistics.median(r["ms_per_file"][key] for r in runs), 3) for key in keys}


def ceilings(ms_per_file: dict[str, float]) -> dict[str, float]:
    """What the CPU per file allows at best: the serial store alone, and two cores in all.

    The store is one writer (its ceiling holds whatever the core count); the whole
    import's CPU shared perfectly over this machine's two cores is its other bound.
    """
    return {
        "store_alone": round(1000 / ms_per_file["database"]),
        "two_cores": round(2000 / ms_per_file["total"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notes", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, Any]]] = {"on": [], "off": []}
    for _ in range(args.rounds):
        for mode in ("on", "off"):
            runs[mode].append(one_run(args.notes, args.work / mode, mode == "off"))
            print(mode, json.dumps(runs[mode][-1]), flush=True)
    median = {mode: medians(found) for mode, found in runs.items()}
    ratio = {k: round(median["on"][k] / median["off"][k], 2) for k in ("main", "database", "total")}
    result = {
        "ceilings_files_per_s": {mode: ceilings(median[mode]) for mode in median},
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "files": runs["on"][0]["files"],
        "runs": runs,
        "median_ms_per_file": median,
        "ratio_on_over_off": ratio,
    }
    out = RESULTS / f"import-memsec-{result['files']}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(
        json.dumps(
            {
                k: result[k]
                for k in ("median_ms_per_file", "ratio_on_over_off", "ceilings_files_per_s")
            }
        )
    )


if __name__ == "__main__":
    main()
