"""`python -m ui --hub DIR --screenshot OUT.png --view NAME` renders offscreen and exits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import PASSPHRASE, REPO

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def hub_copy(demo_hub_template, tmp_path):
    folder = tmp_path / "hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


def _run(*args: str, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXPERTISE_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if passphrase is not None:
        env["EXPERTISE_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "ui", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=180,
    )


@pytest.mark.parametrize("view", ["list", "unlock", "team", "courses"])
def test_screenshot_writes_a_png(hub_copy, tmp_path, view):
    out = tmp_path / f"{view}.png"
    result = _run("--hub", str(hub_copy), "--screenshot", str(out), "--view", view)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 5000


def test_screenshot_in_dutch_with_a_passphrase_file(hub_copy, tmp_path):
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    out = tmp_path / "entry-nl.png"
    result = _run(
        "--hub",
        str(hub_copy),
        "--passphrase-file",
        str(secret),
        "--screenshot",
        str(out),
        "--view",
        "entry",
        "--lang",
        "nl",
        passphrase=None,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(PNG_MAGIC)


def test_screenshot_refuses_a_wrong_passphrase_and_an_unknown_view(hub_copy, tmp_path):
    out = tmp_path / "x.png"
    wrong = _run("--hub", str(hub_copy), "--screenshot", str(out), passphrase="wrong one")
    assert wrong.returncode == 3 and not out.exists()
    unknown = _run("--hub", str(hub_copy), "--screenshot", str(out), "--view", "nonsense")
    assert unknown.returncode == 2 and not out.exists()
