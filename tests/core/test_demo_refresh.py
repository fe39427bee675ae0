"""The demo hub follows the shipped demo content: an outdated one is set aside, never lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from expertise.demo import DEMO_PASSPHRASE, DEMO_VERSION_FILE, demo_content_version, ensure_demo_hub
from expertise.hub import Hub
from tests.conftest import PASSPHRASE


def _kinds(folder: Path, passphrase: str) -> set[str]:
    with Hub.open(folder, passphrase) as hub:
        return {entry.kind for entry in hub.entries.list()}


def test_an_outdated_demo_hub_is_renamed_and_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "demo-hub"
    assert ensure_demo_hub(folder) is True
    assert (folder / DEMO_VERSION_FILE).read_text().strip() == demo_content_version()
    assert ensure_demo_hub(folder) is False  # current: used as it is

    (folder / DEMO_VERSION_FILE).write_text("made-by-an-older-version\n")
    assert ensure_demo_hub(folder) is True
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("demo-hub-old-")]
    assert len(kept) == 1 and (kept[0] / "vault.json").exists()
    assert "bottleneck" in _kinds(folder, DEMO_PASSPHRASE)
    assert _kinds(kept[0], DEMO_PASSPHRASE)  # the old one still opens


def test_an_outdated_demo_hub_in_use_is_left_alone(demo_hub_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "demo-hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    with Hub.open(folder, PASSPHRASE):
        assert ensure_demo_hub(folder) is False  # no version file, but open right now
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-hub"]
