"""Shared fixtures: real hubs on disk (SQLCipher, encrypted index), KDF at the floor."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery staple"

# Whole folders and modules whose tests take seconds each (real faults, kill
# runs, the hostile corpus, large hubs); `pytest -m "not slow"` skips them for
# a fast inner loop, `make test` runs everything. Listed here rather than as
# decorators so one place says what the fast loop leaves out.
SLOW_PATHS = (
    "tests/faults/",
    "tests/core/test_hostile_corpus.py",
    "tests/core/test_hostile_manifests.py",
    "tests/core/test_import_bulk_large.py",
)
# Against the suite's own PostgreSQL (tests/team/conftest.py); fast enough for the inner loop.
TEAM_PATH = "tests/team/"


@pytest.hookimpl(trylast=True)  # after pytest's tmp_path plugin has set up its factory
def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (`make test` runs `-n auto`) each worker's temp folder is its own.

    TMPDIR (inherited by the CLI subprocesses) becomes the worker's tmp_path base
    (.../pytest-N/popen-gwK). Several tests snapshot or scan the system temp folder (plaintext
    canaries, the fault kit's marker scan, the selftest's leftovers): another worker's files
    can then never make them flaky, each scan still covers every temp file the code under test
    writes, and tmp_path stays inside the temp folder, as in a run in one process (the re-key
    temp scan checks that it saw the hub it re-keyed).
    """
    factory = getattr(config, "_tmp_path_factory", None)
    if not os.environ.get("PYTEST_XDIST_WORKER") or factory is None:
        return
    import tempfile

    os.environ["TMPDIR"] = str(factory.getbasetemp())
    tempfile.tempdir = None  # gettempdir() caches: make it read TMPDIR again


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        relative = Path(str(item.fspath)).resolve().relative_to(REPO).as_posix()
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.fuzz)
            item.add_marker(pytest.mark.slow)
        elif relative.startswith(SLOW_PATHS):
            item.add_marker(pytest.mark.slow)
        if relative.startswith(TEAM_PATH):
            item.add_marker(pytest.mark.team)


@pytest.fixture
def hub_path(tmp_path: Path) -> Path:
    return tmp_path / "hub"


@pytest.fixture(scope="session")
def blank_hub_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blank hub created once per run (per xdist worker); `hub` opens a copy of it.

    Hub.create costs two Argon2 derivations, the migrations and a first index build (~1.4 CPU s
    at the floor KDF); copying and opening costs one derivation (~0.5 CPU s). Every copy is
    still a real SQLCipher file with a real encrypted index; the copies share the vault's salt
    and master key, which no test of a single hub can tell apart. Creating a hub is tested by
    the tests that call Hub.create themselves.
    """
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder = tmp_path_factory.mktemp("blank-template") / "hub"
    Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()).close()
    return folder


@pytest.fixture
def hub(hub_path: Path, blank_hub_template: Path) -> Iterator[object]:
    import shutil

    from expertise.hub import Hub

    shutil.copytree(blank_hub_template, hub_path, ignore=shutil.ignore_patterns(".lock"))
    opened = Hub.open(hub_path, PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_hub_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo hub built once per run; tests copy it instead of re-importing."""
    from expertise.demo import fill_with_demo
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder = tmp_path_factory.mktemp("demo-template") / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as created:
        fill_with_demo(created)
    return folder


@pytest.fixture
def demo_hub(demo_hub_template: Path, tmp_path: Path) -> Iterator[object]:
    import shutil

    from expertise.hub import Hub

    folder = tmp_path / "demo"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    opened = Hub.open(folder, PASSPHRASE)
    yield opened
    opened.close()


def run_cli(*args: str, env: dict[str, str] | None = None, input_text: str | None = None):
    import subprocess

    full_env = {k: v for k, v in os.environ.items() if not k.startswith("EXPERTISE_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "expertise", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input_text,
        timeout=120,
        cwd=REPO,
    )


def file_contains(path: Path, marker: str) -> bool:
    """Whether the file's bytes hold the marker in UTF-8 or UTF-16."""
    needles = [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return any(needle in data for needle in needles)


def files_containing(root: Path, marker: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and file_contains(p, marker)]
