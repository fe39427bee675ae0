"""The operations under test, each one run of the real `expertise` CLI in a child process.

A run gets its own TMPDIR inside the run folder, so the probe can scan every
temporary file the child could have written. The child starts in its own
process group and a kill goes to that group, so nothing it spawned survives.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.killkit.template import Template

REPO = Path(__file__).resolve().parent.parent.parent
Args = Callable[[Template, Path], list[str]]


@dataclass(frozen=True)
class Op:
    name: str
    command: str  # the CLI command word, to tell whether this checkout has it
    args: Args
    changes_passphrase: bool = False
    writes_backup: bool = False


OPS: dict[str, Op] = {
    op.name: op
    for op in (
        Op("import", "import", lambda t, run: ["import", str(t.notes)]),
        Op("reindex", "reindex", lambda t, run: ["reindex"]),
        Op(
            "passwd",
            "passwd",
            lambda t, run: ["passwd", "--new-passphrase-file", str(t.new_pass)],
            changes_passphrase=True,
        ),
        Op(
            "rekey",
            "rekey",
            lambda t, run: ["rekey", "--new-passphrase-file", str(t.new_pass)],
            changes_passphrase=True,
        ),
        Op(
            "pack-import",
            "pack",
            lambda t, run: [
                "pack", "import", str(t.pack), "--trust",
                "--pack-passphrase-file", str(t.pack_pass),
            ],  # fmt: skip
        ),
        Op("erase-person", "erase-person", lambda t, run: ["erase-person", t.person_id]),
        Op("backup", "backup", lambda t, run: ["backup", str(run / "backup")], writes_backup=True),
    )
}


def missing_commands(names: list[str]) -> dict[str, str]:
    """Ops whose CLI command does not exist on this checkout, with the reason."""
    from expertise.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    known = set(getattr(sub, "choices", {}) or {})
    return {
        name: f"`expertise {OPS[name].command}` does not exist in this checkout yet"
        for name in names
        if OPS[name].command not in known
    }


@dataclass
class RunResult:
    duration: float  # seconds from start until the child was gone
    returncode: int
    killed: bool
    kill_at: float | None
    stderr: str


def new_run_folder(template: Template, run: Path) -> Path:
    """A fresh copy of the template hub in `run`, with an empty TMPDIR beside it."""
    if run.exists():
        shutil.rmtree(run)
    run.mkdir(parents=True)
    shutil.copytree(template.hub, run / "hub", ignore=shutil.ignore_patterns(".lock"))
    (run / "tmp").mkdir()
    return run / "hub"


def cli_env(run: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXPERTISE_")}
    env.update({"TMPDIR": str(run / "tmp"), "TEMP": str(run / "tmp"), "TMP": str(run / "tmp")})
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def cli_command(hub: Path, passphrase_file: Path, args: list[str]) -> list[str]:
    return [
        sys.executable, "-m", "expertise",
        "--hub", str(hub), "--passphrase-file", str(passphrase_file), *args,
    ]  # fmt: skip


def run_op(op: Op, template: Template, run: Path, kill_at: float | None) -> RunResult:
    """Run `op` on run/hub; with `kill_at`, SIGKILL it that many seconds after start."""
    command = cli_command(run / "hub", template.old_pass, op.args(template, run))
    start = time.monotonic()
    child = subprocess.Popen(
        command,
        cwd=REPO,
        env=cli_env(run),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, err = child.communicate(timeout=kill_at)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it finished between the timeout and the kill
        _, err = child.communicate()
    duration = time.monotonic() - start
    killed = child.returncode == -signal.SIGKILL
    text = err.decode("utf-8", "replace")[-2000:] if err else ""
    return RunResult(duration, child.returncode, killed, kill_at, text)
