"""The packaged app (build.spec) analyses in worker processes, like a source install.

A frozen executable is its own workers' interpreter: a spawned worker runs the
entry script again with ``--multiprocessing-fork``, and only
``multiprocessing.freeze_support()``, called before anything else, turns that
run into the worker instead of a second app or command. `make dist` shows it
for real (two workers beside a frozen `expertise import`); these tests keep the
two conditions from slipping back.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest

from index.write import workers

ENTRIES = Path(__file__).resolve().parents[1] / "packaging"


@pytest.mark.parametrize("script", ["expertise_cli.py", "expertise_hub.py"])
def test_each_entry_script_lets_a_worker_run_before_the_app(script: str) -> None:
    tree = ast.parse((ENTRIES / script).read_text(encoding="utf-8"))
    guard = next(node for node in tree.body if isinstance(node, ast.If))
    calls = [ast.unparse(statement) for statement in guard.body]
    assert calls[0] == "multiprocessing.freeze_support()", f"{script}: {calls}"
    assert any("main()" in call for call in calls[1:])


def test_a_frozen_app_starts_workers_as_a_source_install_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: no workers at all")
    source = workers.worker_count(workers.PARALLEL_MIN)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert source >= 2 and workers.worker_count(workers.PARALLEL_MIN) == source
