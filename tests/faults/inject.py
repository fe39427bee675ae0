"""Faults that a test machine cannot make for real, injected at the file layer.

`failing_writes` wraps the file objects Python opens for writing under one
folder; their `write` raises `OSError(number)` once `after_bytes` have gone
through, as a failing disk (EIO) or an exhausted quota (EDQUOT) would. Only
Python-level writes are reached: SQLite's own writes are not, which is why
the tests that use this say "injected" in their names.
"""

from __future__ import annotations

import builtins
import os
from pathlib import Path
from typing import Any

import pytest


class _FailingFile:
    def __init__(self, inner: Any, number: int, budget: list[int]) -> None:
        self._inner = inner
        self._number = number
        self._budget = budget

    def write(self, data: bytes | str) -> int:
        self._budget[0] -= len(data)
        if self._budget[0] < 0:
            raise OSError(self._number, os.strerror(self._number))
        return int(self._inner.write(data))

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _path_of(file: Any) -> str:
    if isinstance(file, int):
        try:
            return os.readlink(f"/proc/self/fd/{file}")
        except OSError:
            return ""
    return os.path.abspath(os.fsdecode(file))


def failing_writes(
    monkeypatch: pytest.MonkeyPatch, number: int, under: Path, after_bytes: int = 0
) -> None:
    """Writes to files under `under` fail with `number` after `after_bytes` in all."""
    root = os.path.realpath(under)
    budget = [after_bytes]
    real_open, real_fdopen = builtins.open, os.fdopen

    def wrap(file: Any, mode: str, opened: Any) -> Any:
        writing = any(flag in mode for flag in "wax+")
        if writing and os.path.realpath(_path_of(file)).startswith(root):
            return _FailingFile(opened, number, budget)
        return opened

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        return wrap(file, mode, real_open(file, mode, *args, **kwargs))

    def fake_fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        return wrap(fd, mode, real_fdopen(fd, mode, *args, **kwargs))

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "fdopen", fake_fdopen)
