"""What `PRAGMA cipher_memory_security = ON` costs: the same hub, ON against OFF, in one run.

SQLCipher's memory security wipes every buffer it frees. It is process-wide and
cannot be switched off again once on, so each measured run is its own process;
ON and OFF runs alternate, so drift of a shared machine hits both alike. The OFF
runs replace the pragma in `expertise.db.PRAGMAS` (the hub itself always uses ON).

A run opens the hub with its master key (no Argon2: the KDF would hide the
database cost), does READS `get_entry` calls and HUB_WRITES `update_entry` calls
(each a committed transaction plus its index update), then READS point reads of
`entries.body_md` and WRITES one-row committed updates on a bare SQLCipher
connection, and closes. The medians of REPEATS runs per mode and the ON/OFF ratios go to
bench/results/cipher_memsec.json.

    .venv/bin/python -m bench.cipher_memsec [--size 2000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.report import machine_info

RESULT = Path(__file__).parent / "results" / "cipher_memsec.json"
READS, WRITES = 1000, 200
# Through the Hub a write also updates the search index (seconds each on a busy machine),
# so fewer of them: the database's share of a write shows in the bare runs.
HUB_WRITES = 50
PHASES = ("open_ms", "hub_reads_ms", "hub_writes_ms", "raw_reads_ms", "raw_writes_ms")


# -- one measured run (a child process) ---------------------------------------------
def use_memory_security(on: bool) -> None:
    """Set the pragma this process's hub connections get (bench only; the hub keeps ON)."""
    from expertise import db

    wanted = f"cipher_memory_security = {'ON' if on else 'OFF'}"
    db.PRAGMAS = tuple(wanted if p.startswith("cipher_memory_security") else p for p in db.PRAGMAS)


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


def _raw_phases(folder: Path, key: Any, ids: list[str], seed: int) -> dict[str, float]:
    import sqlcipher3

    from expertise.db import PRAGMAS, apply_key

    connection = sqlcipher3.connect(str(folder / "hub.db"), isolation_level=None)
    try:
        apply_key(connection, key)
        for pragma in PRAGMAS:
            connection.execute(f"PRAGMA {pragma}")
        rng = random.Random(seed)
        start = time.perf_counter()
        for _ in range(READS):
            connection.execute("SELECT body_md FROM entries WHERE id = ?", (rng.choice(ids),))
        reads = _ms(start)
        start = time.perf_counter()
        for n in range(WRITES):
            connection.execute("BEGIN")
            connection.execute(
                "UPDATE entries SET summary = ? WHERE id = ?", (f"bench {n}", rng.choice(ids))
            )
            connection.execute("COMMIT")
        writes = _ms(start)
    finally:
        connection.close()
    return {"raw_reads_ms": reads, "raw_writes_ms": writes}


def _child(folder: Path, on: bool, seed: int) -> dict[str, Any]:
    use_memory_security(on)
    from expertise.db import DatabaseKey
    from expertise.hub import Hub
    from expertise.vault import Vault

    master = bytes.fromhex(sys.stdin.readline().strip())
    start = time.perf_counter()
    hub = Hub.open_with_master_key(folder, master)
    timings: dict[str, Any] = {"open_ms": _ms(start)}
    try:
        with hub._engine.connect() as connection:
            timings["pragma"] = connection.exec_driver_sql("PRAGMA cipher_memory_security").scalar()
        ids = [row.id for row in hub.entries.list()]
        rng = random.Random(seed)
        start = time.perf_counter()
        for _ in range(READS):
            hub.entries.get(rng.choice(ids))
        timings["hub_reads_ms"] = _ms(start)
        start = time.perf_counter()
        for n in range(HUB_WRITES):
            hub.entries.update(rng.choice(ids), {"tags": [f"bench-{n % 7}"]})
        timings["hub_writes_ms"] = _ms(start)
    finally:
        hub.close()
    vault = Vault.unlock_with_master_key(folder, master)
    key = DatabaseKey(vault.subkey("database"))
    vault.lock()
    try:
        timings.update(_raw_phases(folder, key, ids, seed))
    finally:
        key.wipe()
    return timings


# -- the driver ---------------------------------------------------------------------------
def _build(folder: Path, size: int) -> bytes:
    from bench.corpus import Corpus
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    with Hub.create(folder, "benchmark passphrase", kdf=KdfParams.floor()) as hub:
        hub.entries.add_many((r.kind, r.values) for r in Corpus(size, 7).records())
        return hub._vault.master_key_copy()


def _run_child(folder: Path, master: bytes, on: bool, seed: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.cipher_memsec", "--child", str(folder), "--on", str(int(on))]
        + ["--seed", str(seed)],
        input=master.hex() + "\n",
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    if done.returncode != 0:
        raise SystemExit(f"a measured run failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _summary(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    medians = {
        mode: {phase: statistics.median(r[phase] for r in rows) for phase in PHASES}
        for mode, rows in runs.items()
    }
    ratios = {
        phase: round(medians["on"][phase] / medians["off"][phase], 3)
        for phase in PHASES
        if medians["off"][phase]
    }
    total = {mode: sum(m[p] for p in PHASES) for mode, m in medians.items()}
    return {
        "median_ms": medians,
        "ratio_on_over_off": ratios,
        "ratio_total": round(total["on"] / total["off"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULT)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--on", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(_child(args.child, bool(args.on), args.seed)))
        return 0
    runs: dict[str, list[dict[str, Any]]] = {"on": [], "off": []}
    with tempfile.TemporaryDirectory(prefix="memsec-") as tmp:
        folder = Path(tmp) / "hub"
        master = _build(folder, args.size)
        for repeat in range(args.repeats):
            # Alternate which mode goes first, so neither always runs on a warmer cache.
            order = (True, False) if repeat % 2 == 0 else (False, True)
            for on in order:
                runs["on" if on else "off"].append(_run_child(folder, master, on, repeat))
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "corpus_entries": args.size,
        "per_run": {
            "hub_reads": READS,
            "hub_writes": HUB_WRITES,
            "raw_reads": READS,
            "raw_writes": WRITES,
        },
        "repeats": args.repeats,
        "runs": runs,
        **_summary(runs),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("median_ms", "ratio_on_over_off", "ratio_total")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
