"""Fault injection: SIGKILL the `expertise` CLI at random points and check what is left.

    python -m bench.killrun --kills 140 --seed 2026
    python -m bench.killrun --kills 3 --ops import,passwd --size small --out /tmp/x

Builds a fictional template hub once; per operation, times a few clean runs
(the fastest is the calibrated duration) and records the state a clean run
leaves; then, round-robin over the operations, copies the template, starts
the operation and kills it at a random time within the calibrated duration
(some very early, some late), and judges the copy (bench/killkit/probe.py).
Results go to bench/results/killrun-<date>.md and .json.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.killkit import probe, report, template
from bench.killkit.ops import OPS, Op, missing_commands, new_run_folder, run_op
from bench.killkit.report import Attempt, OpInfo

EARLY, LATE = 0.15, 0.15  # shares of kills aimed at the first 10% and the last 15%
RESULTS = Path(__file__).resolve().parent / "results"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.killrun", description=__doc__)
    parser.add_argument("--kills", type=int, default=140, help="kills to land (not attempts)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--ops", default=",".join(OPS), help=f"comma list of {', '.join(OPS)}")
    parser.add_argument("--size", choices=tuple(template.SIZES), default="full")
    parser.add_argument("--calibration-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the report")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temp dir)")
    parser.add_argument("--keep-failed", action="store_true", help="keep failed run folders")
    args = parser.parse_args(argv)
    unknown = [n for n in args.ops.split(",") if n not in OPS]
    if unknown:
        parser.error(f"unknown ops {unknown}; choose from {', '.join(OPS)}")
    return args


def say(text: str) -> None:
    print(text, flush=True)


def kill_time(rng: random.Random, duration: float) -> tuple[str, float]:
    roll = rng.random()
    if roll < EARLY:
        return "early", rng.uniform(0.0, 0.10 * duration)
    if roll < EARLY + LATE:
        return "late", rng.uniform(0.85 * duration, duration)
    return "uniform", rng.uniform(0.0, duration)


def calibrate(
    op: Op, tpl: template.Template, work: Path, runs: int
) -> tuple[OpInfo, probe.State | None]:
    info, after = OpInfo(op.name), None
    for n in range(runs):
        run = work / f"calibrate-{op.name}-{n}"
        new_run_folder(tpl, run)
        result = run_op(op, tpl, run, None)
        if result.returncode != 0:
            info.calibration_problems.append(f"clean run exit {result.returncode}: {result.stderr}")
        info.durations.append(result.duration)
        if after is None:
            after = probe.read_state(tpl, run / "hub", tpl.root / "known-ids")
            if not after.get("opened"):
                info.calibration_problems.append(f"clean run: hub does not open: {after}")
                after = None
        shutil.rmtree(run)
    say(f"  {op.name}: clean runs {', '.join(f'{d:.2f}' for d in info.durations)} s")
    if info.calibration_problems:
        return info, None
    return info, after


def attempt(
    op: Op, info: OpInfo, tpl: template.Template, run: Path, rng: random.Random, states: tuple
) -> Attempt:
    mode, at = kill_time(rng, info.duration)
    new_run_folder(tpl, run)
    result = run_op(op, tpl, run, at)
    verdict = probe.judge(op, tpl, run, result, *states)
    return Attempt(
        op=op.name,
        mode=mode,
        kill_at=round(at, 3),
        fraction=round(at / info.duration, 3) if info.duration else 0.0,
        killed=result.killed,
        returncode=result.returncode,
        duration=round(result.duration, 3),
        outcome=verdict.outcome,
        passphrase=verdict.passphrase,
        rebuild_reason=verdict.rebuild_reason,
        failures=verdict.failures,
        leftovers=verdict.leftovers,
        stderr_tail=result.stderr[-300:] if verdict.failures else "",
    )


def run(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    started = time.time()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="killrun-"))
    marker = f"kilmark{rng.getrandbits(48):012x}"
    say(f"building the {args.size} template in {work}")
    tpl = template.build(work / "template", args.size, marker)
    before_run = work / "before"
    new_run_folder(tpl, before_run)
    before = probe.read_state(tpl, before_run / "hub", tpl.root / "known-ids")
    if not before.get("opened"):
        say(f"the template does not open: {before}")
        return 2
    shutil.rmtree(before_run)

    wanted = args.ops.split(",")
    missing = missing_commands(wanted)
    infos: list[OpInfo] = []
    ready: list[tuple[Op, OpInfo, probe.State]] = []
    notes: list[str] = []
    say("calibrating")
    for name in wanted:
        if name in missing:
            infos.append(OpInfo(name, skipped=missing[name]))
            notes.append(f"{name} skipped: {missing[name]}")
            continue
        info, after = calibrate(OPS[name], tpl, work, args.calibration_runs)
        infos.append(info)
        if after is None:
            notes.append(f"{name} not run: calibration failed: {info.calibration_problems}")
            continue
        ready.append((OPS[name], info, after))

    attempts = kill_loop(args, tpl, work, rng, ready, before)
    leaks = probe.system_temp_leaks(marker, started, work)
    notes += [f"marker in clear in the system temp folder: {p}" for p in leaks]
    settings = {
        "seed": args.seed, "kills": args.kills, "size": args.size,
        "entries": template.SIZES[args.size].entries, "calibration_runs": args.calibration_runs,
        "early_share": EARLY, "late_share": LATE, "ops": wanted,
        "elapsed_s": round(time.time() - started, 1),
    }  # fmt: skip
    md, js = report.write(args.out, settings, infos, attempts, notes)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    failed = sum(bool(a.failures) for a in attempts) + len(leaks)
    kills = sum(a.killed for a in attempts)
    say(f"{kills} kills, {failed} failures; report {md} and {js}")
    return 1 if failed or kills < args.kills else 0


def kill_loop(
    args: argparse.Namespace,
    tpl: template.Template,
    work: Path,
    rng: random.Random,
    ready: list[tuple[Op, OpInfo, probe.State]],
    before: probe.State,
) -> list[Attempt]:
    attempts: list[Attempt] = []
    if not ready:
        return attempts
    order = list(ready)
    rng.shuffle(order)
    kills, n = 0, 0
    while kills < args.kills and n < 3 * args.kills:
        op, info, after = order[n % len(order)]
        run = work / f"run-{n:04d}"
        one = attempt(op, info, tpl, run, rng, (before, after))
        attempts.append(one)
        kills += one.killed
        status = "FAIL " + " | ".join(one.failures) if one.failures else "ok"
        say(
            f"[{n:3d}] {op.name:<12} {one.mode:<7} at {one.kill_at:6.2f}s "
            f"{'killed' if one.killed else 'completed':<9} {one.outcome:<22} {status}"
        )
        if not (one.failures and args.keep_failed):
            shutil.rmtree(run, ignore_errors=True)
        n += 1
    return attempts


def main(argv: list[str] | None = None) -> int:
    return run(parse(argv))


if __name__ == "__main__":
    sys.exit(main())
