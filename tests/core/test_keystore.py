"""'Remember on this device' only with a secure OS keyring (checklist S5).

CI runs headless Linux with no Secret Service, Keychain or Credential Locker,
so the positive path is tested with a small in-memory fake whose class path
is on the allowlist. It is a plain class, not a KeyringBackend subclass: the
keyring package registers every subclass globally, which would leak the fake
into other tests.
"""

from __future__ import annotations

from typing import Any

import keyring
import keyring.backend
import pytest
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from expertise import keystore
from expertise.errors import KeyringUnavailable

HUB = "2d1e4c9a-7a43-4b53-9a43-0c0d6c7b1f00"
KEY = bytes(range(32))


class _Memory:
    priority: float = 5
    store: dict[tuple[str, str], str]

    def __init__(self) -> None:
        self.store = {}

    def set_password(self, service: str, user: str, password: str) -> None:
        self.store[(service, user)] = password

    def get_password(self, service: str, user: str) -> str | None:
        return self.store.get((service, user))

    def delete_password(self, service: str, user: str) -> None:
        if self.store.pop((service, user), None) is None:
            raise PasswordDeleteError("not found")


def fake_backend(path: str, priority: float = 5) -> Any:
    module, _, name = path.rpartition(".")
    cls = type(name, (_Memory,), {"priority": priority, "__module__": module})
    cls.__qualname__ = name
    return cls()


def offer(monkeypatch: pytest.MonkeyPatch, *rings: Any) -> None:
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: list(rings))


def _secure_present() -> bool:
    return any(
        keystore.class_path(r) in keystore.SECURE_BACKENDS
        for r in keyring.backend.get_all_keyring()
    )


@pytest.mark.skipif(_secure_present(), reason="this machine has a secure OS keyring")
def test_no_secure_keyring_here_means_unavailable() -> None:
    ring, reason = keystore.secure_backend()
    assert ring is None and "no secure OS keyring" in reason
    with pytest.raises(KeyringUnavailable, match="no secure OS keyring"):
        keystore.remember(HUB, KEY)
    assert keystore.recall(HUB) is None
    keystore.forget(HUB)


@pytest.mark.skipif(_secure_present(), reason="this machine has a secure OS keyring")
@pytest.mark.parametrize("choice", sorted(keystore.REFUSED_BACKENDS))
def test_environment_cannot_choose_the_backend(
    monkeypatch: pytest.MonkeyPatch, choice: str
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", choice)
    previous = keyring.get_keyring()
    try:
        keyring.set_keyring(null.Keyring())
        with pytest.raises(KeyringUnavailable):
            keystore.remember(HUB, KEY)
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize(
    "path",
    [*sorted(keystore.REFUSED_BACKENDS), "mycorp.keyring.SecretService.Keyring"],
)
def test_insecure_backends_are_refused_even_with_high_priority(
    monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    offer(monkeypatch, fake_backend(path, priority=100))
    assert keystore.secure_backend()[0] is None
    with pytest.raises(KeyringUnavailable):
        keystore.remember(HUB, KEY)


def test_real_null_and_fail_backends_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    offer(monkeypatch, null.Keyring(), fail.Keyring())
    assert keystore.secure_backend()[0] is None


def test_allowlisted_backend_below_priority_one_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    offer(monkeypatch, fake_backend("keyring.backends.SecretService.Keyring", priority=0.5))
    assert keystore.secure_backend()[0] is None


def test_allowlisted_backend_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    secure = fake_backend("keyring.backends.SecretService.Keyring")
    offer(monkeypatch, fake_backend(sorted(keystore.REFUSED_BACKENDS)[0], priority=100), secure)
    assert keystore.secure_backend() == (secure, "")
    keystore.remember(HUB, KEY)
    assert keystore.recall(HUB) == KEY
    assert secure.store == {(keystore.SERVICE, HUB): KEY.hex()}
    keystore.forget(HUB)
    assert keystore.recall(HUB) is None
    keystore.forget(HUB)  # quiet when nothing is stored


@pytest.mark.parametrize(
    "path",
    [
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.libsecret.Keyring",
    ],
)
def test_each_os_keyring_is_allowed(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    ring = fake_backend(path)
    offer(monkeypatch, ring)
    assert keystore.secure_backend()[0] is ring


def test_highest_priority_secure_backend_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    low = fake_backend("keyring.backends.libsecret.Keyring", priority=4.8)
    high = fake_backend("keyring.backends.SecretService.Keyring", priority=5)
    offer(monkeypatch, low, high)
    assert keystore.secure_backend()[0] is high


def test_backend_errors_become_keyring_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    ring = fake_backend("keyring.backends.SecretService.Keyring")

    def refuse(*args: object) -> None:
        raise KeyringError("collection is locked")

    ring.set_password = refuse
    ring.get_password = refuse
    ring.delete_password = refuse
    offer(monkeypatch, ring)
    with pytest.raises(KeyringUnavailable, match="refused to store"):
        keystore.remember(HUB, KEY)
    assert keystore.recall(HUB) is None
    with pytest.raises(KeyringUnavailable, match="refused to remove"):
        keystore.forget(HUB)


def test_garbage_in_the_keyring_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    ring = fake_backend("keyring.backends.SecretService.Keyring")
    ring.store[(keystore.SERVICE, HUB)] = "not hex"
    offer(monkeypatch, ring)
    assert keystore.recall(HUB) is None


def test_listing_failure_is_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[Any]:
        raise RuntimeError("plugin exploded")

    monkeypatch.setattr(keyring.backend, "get_all_keyring", broken)
    assert keystore.secure_backend()[0] is None
