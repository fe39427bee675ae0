"""Real faults for tests: a small tmpfs, read-only bind mounts, a lazy unmount.

Mounting needs root. Without it the tests skip with the reason, except under
CI=true (these machines run CI as root): there a missing mount is a failure,
so a fault test can never pass by not running.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

MB = 1024 * 1024


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=30)


def mount_problem() -> str | None:
    """Why this machine cannot mount for tests, or None when it can."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "mounting a tmpfs or a bind mount needs root"
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "no mount/umount command"
    return None


def require_mounts() -> None:
    """Skip (or fail under CI=true) when real mounts cannot be made here."""
    problem = mount_problem()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"fault tests must run under CI: {problem}")
    pytest.skip(f"real-fault test skipped: {problem}")


def _mount(*args: str) -> None:
    result = _run("mount", *args)
    if result.returncode != 0:
        message = f"mount {' '.join(args)} failed: {result.stderr.strip()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


def unmount(path: Path, *, lazy: bool = False) -> None:
    """Unmount; lazy detaches at once even while a process still uses it."""
    args = ["umount", "-l", str(path)] if lazy else ["umount", str(path)]
    result = _run(*args)
    if result.returncode != 0 and not lazy:
        result = _run("umount", "-l", str(path))
    if result.returncode != 0:
        raise RuntimeError(f"cannot unmount {path}: {result.stderr.strip()}")


def is_mounted(path: Path) -> bool:
    """Whether something is mounted at `path` (a bind mount of the same disk included).

    os.path.ismount compares devices, so it misses a bind mount from the same
    file system; the kernel's own table does not.
    """
    target = os.path.realpath(path)
    try:
        table = Path("/proc/self/mountinfo").read_text(encoding="utf-8")
    except OSError:
        return os.path.ismount(path)
    points = {line.split()[4].encode().decode("unicode_escape") for line in table.splitlines()}
    return target in points


@contextmanager
def tmpfs(path: Path, size_mb: float = 6) -> Iterator[Path]:
    """A fresh tmpfs of `size_mb` at `path` (created), unmounted afterwards."""
    require_mounts()
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={int(size_mb * 1024)}k,mode=0700", "tmpfs", str(path))
    try:
        yield path
    finally:
        while is_mounted(path):
            unmount(path)


@contextmanager
def read_only_bind(source: Path, target: Path) -> Iterator[Path]:
    """`source` shown read-only at `target`, as write-protected media would be."""
    require_mounts()
    target.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(source), str(target))
    try:
        _mount("-o", "remount,ro,bind", str(target))
        yield target
    finally:
        while is_mounted(target):  # a bind mount may be stacked; leave none behind
            unmount(target)


def fill_to(folder: Path, free_bytes: int) -> Path:
    """Take space with a ballast file until about `free_bytes` stay free."""
    ballast = folder / "ballast.bin"
    available = shutil.disk_usage(folder).free
    size = max(0, available - free_bytes)
    with ballast.open("wb") as handle:
        chunk = b"\0" * MB
        while size > 0:
            handle.write(chunk[: min(size, MB)])
            size -= min(size, MB)
    return ballast


def free_of(folder: Path) -> int:
    return shutil.disk_usage(folder).free
