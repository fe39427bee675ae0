"""One process per hub, and a dead process never blocks the next."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from expertise.errors import HubInUse
from expertise.filelock import HubLock

REPO = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from pathlib import Path
from expertise.filelock import HubLock
HubLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
time.sleep(120)
"""

TRY = """
import sys
from pathlib import Path
from expertise.errors import HubInUse
from expertise.filelock import HubLock
try:
    HubLock(Path(sys.argv[1])).acquire()
except HubInUse as exc:
    print("in use:", exc)
else:
    print("acquired")
"""


def _python(code: str, lock: Path) -> list[str]:
    return [sys.executable, "-c", code, str(lock)]


@pytest.fixture
def holder(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A child process that holds the lock until it is killed."""
    lock = tmp_path / ".lock"
    proc = subprocess.Popen(_python(HOLD, lock), cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield lock, proc
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_acquire_release_and_reacquire(tmp_path: Path) -> None:
    lock = HubLock(tmp_path / ".lock")
    lock.acquire()
    assert lock.held
    lock.acquire()  # already ours: no-op
    lock.release()
    lock.release()  # idempotent
    assert not lock.held
    with HubLock(tmp_path / ".lock") as again:
        assert again.held
    assert not again.held


def test_second_lock_in_this_process_is_refused(tmp_path: Path) -> None:
    with HubLock(tmp_path / ".lock"):
        with pytest.raises(HubInUse, match="hub is open in another process"):
            HubLock(tmp_path / ".lock").acquire()


def test_second_lock_in_a_subprocess_fails(tmp_path: Path) -> None:
    with HubLock(tmp_path / ".lock"):
        result = subprocess.run(
            _python(TRY, tmp_path / ".lock"),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.stdout.strip() == "in use: hub is open in another process", result.stderr


def test_lock_held_by_another_process_refuses(holder) -> None:  # type: ignore[no-untyped-def]
    lock_path, _ = holder
    with pytest.raises(HubInUse):
        HubLock(lock_path).acquire()


def test_killed_holder_does_not_block(holder) -> None:  # type: ignore[no-untyped-def]
    lock_path, proc = holder
    proc.kill()  # SIGKILL on POSIX: no cleanup code runs in the child
    proc.wait(timeout=30)
    with HubLock(lock_path) as lock:
        assert lock.held
