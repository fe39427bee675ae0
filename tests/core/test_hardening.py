"""No core dumps of an unlocked process (checklist S7).

harden_process() is irreversible for the process that calls it, so the real
check runs in a child process, never in the test runner itself.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path

import pytest

from expertise import hardening

REPO = Path(__file__).resolve().parents[2]

CHILD = """
import ctypes, ctypes.util, resource
from expertise.hardening import harden_process
harden_process()
libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
print(resource.getrlimit(resource.RLIMIT_CORE))
print(libc.prctl(3, 0, 0, 0, 0))  # PR_GET_DUMPABLE
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux prctl")
def test_child_process_is_not_dumpable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    rlimit, dumpable = result.stdout.split("\n")[:2]
    assert rlimit == "(0, 0)"
    assert dumpable == "0"


def test_never_raises_when_the_os_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    resource = pytest.importorskip("resource")
    before = resource.getrlimit(resource.RLIMIT_CORE)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("not permitted")

    monkeypatch.setattr(resource, "setrlimit", refuse)
    monkeypatch.setattr(ctypes, "CDLL", refuse)
    hardening.harden_process()
    assert resource.getrlimit(resource.RLIMIT_CORE) == before
