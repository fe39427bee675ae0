"""Real filesystem faults for UI tests: small tmpfs, bind mounts, lazy unmounts.

Mounting needs root. Elsewhere the tests skip with that reason, except under
CI=true, where these machines run as root and a skip would hide a lost test.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest


def need_mount() -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true: these machines run as root, so mount faults must run here")
    pytest.skip("mounting a tmpfs or a bind mount needs root (run as root or with CI=true)")


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=30)


def mount_bind(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    _run("mount", "--bind", str(source), str(target))


def unmount_lazy(target: Path) -> None:
    """Detach now, as a pulled stick does: the path is empty, open files live on."""
    _run("umount", "-l", str(target))


@contextmanager
def bind_mount(source: Path, target: Path) -> Iterator[Path]:
    mount_bind(source, target)
    try:
        yield target
    finally:
        with suppress(subprocess.CalledProcessError):
            unmount_lazy(target)


@contextmanager
def small_tmpfs(target: Path, size: str) -> Iterator[Path]:
    target.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(target))
    try:
        yield target
    finally:
        with suppress(subprocess.CalledProcessError):
            unmount_lazy(target)


def fill_up(folder: Path) -> Path:
    """Write a filler file until the filesystem is full (ENOSPC); returns it."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    with suppress(OSError), open(filler, "wb", buffering=0) as out:
        while True:
            out.write(chunk)
    with suppress(OSError), open(filler, "ab", buffering=0) as out:
        while True:
            out.write(b"\0")
    return filler


@contextmanager
def read_only_bind(source: Path, target: Path) -> Iterator[Path]:
    """`source` seen read-only at `target`, as write-protected media are."""
    mount_bind(source, target)
    try:
        _run("mount", "-o", "remount,bind,ro", str(target))
        yield target
    finally:
        with suppress(subprocess.CalledProcessError):
            unmount_lazy(target)
