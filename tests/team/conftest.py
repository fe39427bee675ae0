"""Team tests run against a real PostgreSQL that the suite starts itself (tools/postgres.py).

One throwaway cluster per test session, on a free loopback port with SCRAM passwords; each test
gets a fresh database in it. Without PostgreSQL the team tests skip locally, and under CI=true
they fail: CI must never pass them by skipping (`make test` installs PostgreSQL when it can).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from tools.postgres import TempCluster, find_bin_dir

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[TempCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        message = ("PostgreSQL (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: "
                   "run `python -m tools.postgres ensure` as root, or install 'postgresql'")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: the team tests may not be skipped. {message}")
        pytest.skip(message)
    cluster = TempCluster.start(bin_dir)
    try:
        yield cluster
    finally:
        cluster.stop()


def _admin_execute(cluster: TempCluster, sql: str) -> None:
    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def new_team_db(pg_cluster: TempCluster) -> Callable[[], str]:
    """`new_team_db()`: a fresh, empty database; its URL carries the superuser and password."""

    def make() -> str:
        name = f"team_{os.getpid()}_{next(_numbers)}"
        _admin_execute(pg_cluster, f'CREATE DATABASE "{name}"')
        return pg_cluster.url(db=name)

    return make


@pytest.fixture
def team_url(new_team_db: Callable[[], str]) -> str:
    """A fresh, empty database for this test."""
    return new_team_db()


@pytest.fixture(scope="session")
def laptop_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blank hub made once; laptops are copies of it, opened (4x faster than creating).

    The copies share the vault's master key, which no team code looks at: each laptop still
    makes its own team identity, and every hub is a real SQLCipher file with a real index.
    """
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder = tmp_path_factory.mktemp("laptop-template") / "hub"
    Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()).close()
    return folder


@contextmanager
def laptops(folder: Path, template: Path) -> Iterator[Callable[[str], Any]]:
    """`make(name)`: a real local hub (SQLCipher + index) in its own folder, closed at the end."""
    from expertise.hub import Hub

    opened: list[Hub] = []

    def make(name: str) -> Hub:
        shutil.copytree(template, folder / name, ignore=shutil.ignore_patterns(".lock"))
        hub = Hub.open(folder / name, PASSPHRASE)
        opened.append(hub)
        return hub

    try:
        yield make
    finally:
        for hub in opened:
            if not hub.locked:
                hub.close()


@pytest.fixture
def make_laptop(tmp_path: Path, laptop_template: Path) -> Iterator[Callable[[str], Any]]:
    """`make_laptop(name)`: a real local hub (SQLCipher + index) in its own folder."""
    with laptops(tmp_path, laptop_template) as make:
        yield make
