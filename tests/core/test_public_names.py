"""`expertise` names what the UI may use, and importing it or `HubFolder` stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import expertise

REPO = Path(__file__).resolve().parents[2]


def test_every_public_name_resolves():
    missing = [name for name in expertise.__all__ if getattr(expertise, name, None) is None]
    assert missing == []


def test_the_facade_and_the_pre_unlock_api_are_public():
    from expertise.hub.folder import HubFolder
    from expertise.hub.hub import Hub

    assert expertise.Hub is Hub
    assert expertise.HubFolder is HubFolder
    assert {"EntryRecord", "SearchResults", "HubError", "WrongPassphrase"} <= set(expertise.__all__)


def test_an_unknown_name_is_an_attribute_error():
    assert not hasattr(expertise, "NoSuchName")


def test_the_pre_unlock_api_loads_neither_the_database_nor_the_index():
    # The unlock dialog shows while the core loads: HubFolder must not pull it in.
    code = (
        "import sys; from expertise import HubFolder, keyring_available, HubError; "
        "print(sorted(m for m in ('sqlalchemy', 'whoosh', 'expertise.hub.hub') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_lazily_loaded_name_is_listed():
    assert set(expertise._LAZY) <= set(expertise.__all__)
