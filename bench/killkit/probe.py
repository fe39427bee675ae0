"""Judging one run after the kill: does the hub open, pass `check`, and hold old or new state?

A run passes when the hub opens (with the old or, for passphrase changes,
the new passphrase, never both), `expertise check` exits 0 (run by the state
reader through the CLI's entry point), every table and
every probe search equals either the state before the operation or the state
a clean run leaves (nothing half-applied), and no file written by the run
holds the marker in clear. Encrypted leftovers (temporary files, rebuild
folders) are listed but are no failure unless they make `check` fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.killkit.ops import REPO, Op, RunResult, cli_command, cli_env
from bench.killkit.template import Template

State = dict[str, Any]
LEFTOVER_SIGNS = (".tmp", ".rebuild", "-journal")


@dataclass
class Verdict:
    outcome: str = ""
    passphrase: str = ""
    rebuild_reason: str = ""
    failures: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def read_state(template: Template, hub: Path, known: Path) -> State:
    command = [
        sys.executable, "-m", "bench.killkit.state", str(hub),
        str(template.old_pass), str(template.new_pass), str(known), *template.probe_terms,
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=REPO, env=cli_env(hub.parent), capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no output)"]
        return {"opened": False, "error": f"state reader failed: {tail[0]}"}
    result: State = json.loads(done.stdout)
    return result


def check_result(state: State) -> tuple[int, str]:
    """The exit code of `expertise check --json` and its problems, from the state reader."""
    check = state["check"]
    if check["exit"] == 0:
        return 0, ""
    try:
        problems = json.loads(check["stdout"]).get("problems", [])
    except ValueError:
        problems = check["stderr"].strip().splitlines()[-1:]
    return check["exit"], "; ".join(str(p) for p in problems)[:500]


def refused(template: Template, folder: Path) -> tuple[bool, str]:
    """Whether the CLI refuses to open `folder` cleanly (an exit code, no traceback)."""
    done = subprocess.run(
        cli_command(folder, template.old_pass, ["check", "--json"]),
        cwd=REPO,
        env=cli_env(folder.parent),
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode != 0 and "Traceback" not in done.stderr, done.stderr[-300:]


def differences(state: State, reference: State) -> list[str]:
    keys = sorted(set(state["tables"]) | set(reference["tables"]))
    diff = [k for k in keys if state["tables"].get(k) != reference["tables"].get(k)]
    if state["search"] != reference["search"]:
        diff.append("search")
    return diff


def _sample(state: State, reference: State, table: str) -> str:
    if table == "search":
        return f"search {state['search']} vs {reference['search']}"
    mine = set(state["tables"].get(table, []))
    theirs = set(reference["tables"].get(table, []))
    extra, missing = sorted(mine - theirs)[:1], sorted(theirs - mine)[:1]
    extra_n, missing_n = len(mine - theirs), len(theirs - mine)
    return f"{table}: {extra_n} rows extra {extra}, {missing_n} missing {missing}"


def content_outcome(state: State, before: State, after: State) -> tuple[str, str]:
    """'old', 'new' or 'same' (the op changes no content), or '' and why not."""
    to_old, to_new = differences(state, before), differences(state, after)
    if not to_old and not to_new:
        return "same", ""
    if not to_old:
        return "old", ""
    if not to_new:
        return "new", ""
    mixed = [t for t in to_old if t in to_new]
    detail = "; ".join(_sample(state, after, t)[:400] for t in mixed[:3])
    return "", f"half-applied: differs from both the old and the new state in {mixed}: {detail}"


def judge(
    op: Op, template: Template, run: Path, result: RunResult, before: State, after: State
) -> Verdict:
    verdict = Verdict()
    known = template.root / "known-ids"
    state = read_state(template, run / "hub", known)
    if not state.get("opened"):
        verdict.failures.append(f"hub does not open: {state.get('error')}")
        return verdict
    verdict.passphrase, verdict.rebuild_reason = state["passphrase"], state["rebuild_reason"]
    _judge_passphrase(op, result, state, verdict)
    code, problems = check_result(state)
    if code != 0:
        verdict.failures.append(f"check exit {code}: {problems}")
    outcome, why = content_outcome(state, before, after)
    if why:
        verdict.failures.append(why)
    elif outcome == "old" and not result.killed:
        verdict.failures.append("the operation completed but its change is not there")
    verdict.outcome = outcome
    if op.writes_backup:
        verdict.outcome = _judge_backup(template, run, result, before, verdict)
    elif op.changes_passphrase:
        verdict.outcome = f"{verdict.passphrase} passphrase"
    elif outcome == "same":
        verdict.outcome = "index rebuilt on open" if verdict.rebuild_reason else "intact"
    verdict.leftovers = leftovers(run)
    verdict.failures += [f"marker in clear in {p}" for p in marker_files(run, template.marker)]
    return verdict


def _judge_passphrase(op: Op, result: RunResult, state: State, verdict: Verdict) -> None:
    if state["also_opens"]:
        verdict.failures.append(f"both passphrases open the hub ({state['also_opens']})")
    if not op.changes_passphrase and state["passphrase"] != "old":
        verdict.failures.append("the old passphrase no longer opens the hub")
    if op.changes_passphrase and not result.killed and state["passphrase"] != "new":
        verdict.failures.append("the operation completed but the new passphrase does not open")


def _judge_backup(
    template: Template, run: Path, result: RunResult, before: State, verdict: Verdict
) -> str:
    backup = run / "backup"
    if (backup / "vault.json").exists():
        state = read_state(template, backup, template.root / "known-ids")
        if not state.get("opened"):
            # vault.json is the last file written: killed while writing it, the
            # backup is incomplete, and a clean refusal is the right answer.
            clean, stderr = refused(template, backup)
            if not clean or not result.killed:
                verdict.failures.append(f"backup with vault.json does not open: {stderr}")
            return "vault.json torn, refused"
        if diff := differences(state, before):
            verdict.failures.append(f"backup differs from the hub in {diff}")
        code, problems = check_result(state)
        if code != 0:
            verdict.failures.append(f"check of the backup exit {code}: {problems}")
        return "backup complete"
    if not result.killed:
        verdict.failures.append("the backup completed but holds no vault.json")
    if not backup.exists():
        return "no backup"
    clean, stderr = refused(template, backup)
    if not clean:
        verdict.failures.append(f"a partial backup (no vault.json) not refused cleanly: {stderr}")
    return "partial backup refused"


def leftovers(run: Path) -> list[str]:
    found = []
    for path in sorted(run.rglob("*")):
        relative = path.relative_to(run).as_posix()
        if relative.startswith("tmp/") or any(s in relative for s in LEFTOVER_SIGNS):
            found.append(relative)
    return found


def _holds(path: Path, needles: list[bytes]) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return any(n in data for n in needles)


def marker_files(run: Path, marker: str) -> list[str]:
    """Files in the run folder (hub, backup, the child's TMPDIR) holding the marker."""
    needles = [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    return [str(p) for p in run.rglob("*") if p.is_file() and _holds(p, needles)]


def system_temp_leaks(marker: str, since: float, skip: Path) -> list[str]:
    """Files in the system temp dir, changed since `since`, holding the marker."""
    needles = [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    hits = []
    for folder, dirs, names in os.walk(tempfile.gettempdir()):
        dirs[:] = [d for d in dirs if Path(folder, d) != skip]
        for name in names:
            path = Path(folder, name)
            try:
                fresh = path.stat().st_mtime >= since
            except OSError:
                continue
            if fresh and _holds(path, needles):
                hits.append(str(path))
    return hits
