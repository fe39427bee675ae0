"""No code outside the facade's own package reaches into Hub's private attributes.

Sub-facades and callers use the public units of work (``hub.session``,
``hub.blobs``, ``hub.index_service``, ``hub.derived_key``); see
docs/ARCHITECTURE.md §11.2.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FACADE = REPO / "expertise" / "hub"
# `self._hub._read`, `hub._blobs`, `ctx.hub._engine`, ...
PRIVATE_REACH = re.compile(r"(?<![A-Za-z0-9])hub\._[a-z]")


def _offenders() -> list[str]:
    found = []
    for package in ("expertise", "ui"):
        for path in sorted((REPO / package).rglob("*.py")):
            if FACADE in path.parents:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if PRIVATE_REACH.search(line):
                    found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    return found


def test_nothing_outside_the_facade_package_touches_hub_privates():
    assert _offenders() == []


def test_the_pattern_catches_a_reach_into_the_hub():
    assert PRIVATE_REACH.search("return self._hub._read(lambda s: s)")
    assert PRIVATE_REACH.search("engine = ctx.hub._engine")
    assert not PRIVATE_REACH.search("self._hub.session.read(action)")
