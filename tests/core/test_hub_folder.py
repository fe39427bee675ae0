"""`HubFolder`: everything the unlock and create dialogs do, on real hubs on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from expertise import HubFolder, keyring_available
from expertise.errors import NotAHub, UserError, WrongPassphrase
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE
from tests.core.test_keystore import fake_backend, offer


def _create(path: Path, **kwargs: bool):
    return HubFolder(path).create(PASSPHRASE, kdf=KdfParams.floor(), **kwargs)


def test_a_new_folder_is_free_and_holds_no_hub(tmp_path: Path):
    folder = HubFolder(tmp_path / "new")
    assert folder.is_free() and not folder.exists()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("kladblok", encoding="utf-8")
    assert not HubFolder(tmp_path / "used").is_free()
    with pytest.raises(NotAHub):
        folder.header()


def test_create_then_unlock_with_the_passphrase(tmp_path: Path):
    hub, recovery = _create(tmp_path / "hub")
    with hub:
        hub_id = hub.hub_id
    assert recovery is None
    folder = HubFolder(tmp_path / "hub")
    assert folder.exists() and not folder.is_free()
    assert folder.header().hub_id == hub_id and not folder.has_recovery_key()
    with pytest.raises(WrongPassphrase):
        folder.unlock("not the passphrase at all")
    with folder.unlock(PASSPHRASE) as again:
        assert again.hub_id == hub_id


def test_the_recovery_key_made_at_creation_unlocks(tmp_path: Path):
    hub, recovery = _create(tmp_path / "hub", with_recovery_key=True)
    hub.lock()
    assert recovery
    folder = HubFolder(tmp_path / "hub")
    assert folder.has_recovery_key()
    with folder.unlock_with_recovery_key(recovery) as opened:
        assert opened.path == folder.path


def test_the_key_remembered_on_this_device_unlocks(tmp_path: Path, monkeypatch):
    offer(monkeypatch, fake_backend("keyring.backends.SecretService.Keyring"))
    assert keyring_available()
    hub, _ = _create(tmp_path / "hub")
    folder = HubFolder(tmp_path / "hub")
    assert not folder.has_remembered_key()
    with pytest.raises(UserError):
        folder.unlock_remembered()
    hub.keys.remember_on_device()
    hub.lock()
    assert folder.has_remembered_key()
    with folder.unlock_remembered() as opened:
        opened.keys.forget_on_device()
    assert not folder.has_remembered_key()


def test_no_secure_keyring_means_nothing_is_remembered(tmp_path: Path, monkeypatch):
    offer(monkeypatch)
    assert not keyring_available()
    assert not HubFolder(tmp_path / "missing").has_remembered_key()


def test_the_demo_hub_is_made_once_and_opens(tmp_path: Path):
    folder = HubFolder(tmp_path / "demo")
    with folder.open_demo() as demo:
        assert demo.entries.count() > 0
    assert folder.ensure_demo() is False  # there already


def test_the_identity_follows_the_database_file(tmp_path: Path):
    folder = HubFolder(tmp_path / "hub")
    assert folder.identity() is None
    hub, _ = _create(tmp_path / "hub")
    hub.lock()
    first = folder.identity()
    assert first is not None
    (tmp_path / "hub" / "hub.db").rename(tmp_path / "elsewhere.db")
    assert folder.identity() is None  # the drive or share went away
    (tmp_path / "elsewhere.db").rename(tmp_path / "hub" / "hub.db")
    assert folder.identity() == first
