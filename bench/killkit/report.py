"""The kill-run report: bench/results/killrun-<date>.md and .json."""

from __future__ import annotations

import json
import os
import platform
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class Attempt:
    op: str
    mode: str  # early, uniform or late
    kill_at: float
    fraction: float  # kill_at / calibrated duration
    killed: bool
    returncode: int
    duration: float
    outcome: str
    passphrase: str
    rebuild_reason: str
    failures: list[str]
    leftovers: list[str]
    stderr_tail: str = ""


@dataclass
class OpInfo:
    name: str
    skipped: str = ""  # why, when the op was not run
    durations: list[float] = field(default_factory=list)  # clean calibration runs
    calibration_problems: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return min(self.durations) if self.durations else 0.0


def machine() -> dict[str, Any]:
    memory = 0.0
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "python": sys.version.split()[0],
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else [],
    }


def summary(ops: list[OpInfo], attempts: list[Attempt]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for info in ops:
        mine = [a for a in attempts if a.op == info.name]
        out[info.name] = {
            "skipped": info.skipped,
            "calibrated_s": round(info.duration, 2),
            "attempts": len(mine),
            "kills": sum(a.killed for a in mine),
            "completed": sum(not a.killed for a in mine),
            "outcomes": dict(Counter(a.outcome for a in mine if a.killed)),
            "index_rebuilt_on_open": sum(bool(a.rebuild_reason) for a in mine if a.killed),
            "with_leftovers": sum(bool(a.leftovers) for a in mine),
            "failures": sum(bool(a.failures) for a in mine),
        }
    return out


def write(
    out_dir: Path,
    settings: dict[str, Any],
    ops: list[OpInfo],
    attempts: list[Attempt],
    notes: list[str],
) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    data = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": settings,
        "summary": summary(ops, attempts),
        "notes": notes,
        "calibration": [asdict(o) for o in ops],
        "attempts": [asdict(a) for a in attempts],
    }
    json_path = out_dir / f"killrun-{stamp}.json"
    json_path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path = out_dir / f"killrun-{stamp}.md"
    md_path.write_text(markdown(data), encoding="utf-8")
    return md_path, json_path


def markdown(data: dict[str, Any]) -> str:
    m, s = data["machine"], data["settings"]
    load = ", ".join(f"{x:.1f}" for x in m["load_average"])
    kills = sum(v["kills"] for v in data["summary"].values())
    failed = [a for a in data["attempts"] if a["failures"]]
    lines = [
        f"# Kill run {data['date']}",
        "",
        f"Machine: {m['platform']}, {m['cpus']} CPUs, {m['memory_gib']} GiB RAM, Python "
        f"{m['python']}; load average at the end {load}.",
        f"Settings: seed {s['seed']}, template size {s['size']} ({s['entries']} entries), "
        f"target {s['kills']} kills; kill time uniform in the calibrated duration (fastest of "
        f"{s['calibration_runs']} clean runs), {s['early_share']:.0%} early (first 10%), "
        f"{s['late_share']:.0%} late (last 15%). SIGKILL to the CLI's process group.",
        "",
        f"**{kills} kills, {len(failed)} failed attempts.** A kill that landed after the process "
        "had exited counts as completed, not as a kill.",
        "",
        "| operation | calibrated s | attempts | kills | completed | outcomes after a kill "
        "| index rebuilt on open | leftovers | failures |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for name, row in data["summary"].items():
        if row["skipped"]:
            lines.append(f"| {name} | – | 0 | 0 | 0 | skipped: {row['skipped']} | – | – | – |")
            continue
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(row["outcomes"].items())) or "–"
        lines.append(
            f"| {name} | {row['calibrated_s']} | {row['attempts']} | {row['kills']} "
            f"| {row['completed']} | {outcomes} | {row['index_rebuilt_on_open']} "
            f"| {row['with_leftovers']} | {row['failures']} |"
        )
    lines += ["", "## What each run checks", "", CHECKS, ""]
    if data["notes"]:
        lines += ["## Notes", ""] + [f"- {n}" for n in data["notes"]] + [""]
    lines += ["## Failures", ""]
    if not failed:
        lines.append("None.")
    for a in failed:
        lines.append(
            f"- {a['op']} killed at {a['kill_at']:.2f} s ({a['fraction']:.0%}, {a['mode']}), "
            f"exit {a['returncode']}: " + " | ".join(a["failures"])
        )
    return "\n".join(lines) + "\n"


CHECKS = (
    "After every run, killed or not: the hub opens with the old passphrase (passwd/rekey: the "
    "old or the new one, never both; a completed change only the new one); `expertise check "
    "--json` exits 0; every table (audit log and timestamps aside) and the search totals of "
    "three probe terms equal either the state before the operation or the state a clean run "
    "leaves — so a committed entry that went missing or a half-applied import, pack import or "
    "erasure fails; a backup folder either opens with the same content and passes `check`, or "
    "has no vault.json and is refused; no file in the run folder (hub, backup, the child's "
    "TMPDIR) holds the marker string in clear, and at the end no file in the system temp "
    "folder changed during the run does. Outcomes: old / new = the state before / after the "
    "operation; intact / index rebuilt on open = content unchanged (reindex); leftovers = "
    "encrypted temporary files or folders left in the hub folder."
)
