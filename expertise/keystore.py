"""'Remember on this device': the master key in the OS keyring (checklist S5).

Only a keyring that the OS protects with the user's login is good enough:
Windows Credential Locker, the macOS Keychain, or a Secret Service (GNOME
Keyring, KWallet's Secret Service) over D-Bus. The `keyring` package would
happily fall back to file backends (see REFUSED_BACKENDS) or to a null
backend, and lets the
environment (`PYTHON_KEYRING_BACKEND`, `keyringrc.cfg`) pick one. So the
backend is chosen here, in code, from an allowlist of class paths; the global
`keyring.get_keyring()` choice is never used.
"""

from __future__ import annotations

import binascii
import logging

from keyring import backend as keyring_backend
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from expertise.errors import KeyringUnavailable, UserError

log = logging.getLogger(__name__)

SERVICE = "expertise-hub"
MIN_PRIORITY = 1.0
SECURE_BACKENDS = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
    }
)
# Never usable, even if a plugin gives them a high priority: the key would sit
# in a file readable by anyone with the disk, or nowhere at all.
REFUSED_BACKENDS = frozenset(
    {
        "keyrings.alt.file.PlaintextKeyring",
        "keyrings.alt.file.EncryptedKeyring",
        "keyring.backends.null.Keyring",
        "keyring.backends.fail.Keyring",
        "keyring.backends.chainer.ChainerBackend",
    }
)
NO_SECURE_BACKEND = (
    "no secure OS keyring is available (Windows Credential Locker, macOS Keychain "
    "or a Secret Service); 'remember on this device' is disabled"
)


def class_path(ring: object) -> str:
    cls = type(ring)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(ring: object) -> float:
    # A backend reports an unusable environment by raising from `priority`.
    try:
        value = type(ring).priority  # type: ignore[attr-defined]
    except Exception:
        return -1.0
    return float(value) if isinstance(value, int | float) else -1.0


def _allowed(ring: object) -> bool:
    path = class_path(ring)
    return path in SECURE_BACKENDS and path not in REFUSED_BACKENDS


def secure_backend() -> tuple[KeyringBackend | None, str]:
    """The best allowlisted backend with priority >= 1, or None and why."""
    try:
        rings = keyring_backend.get_all_keyring()
    except Exception:  # a broken plugin must not take the app down
        log.warning("keyring backends could not be listed", exc_info=True)
        return None, NO_SECURE_BACKEND
    usable = [r for r in rings if _allowed(r) and _priority(r) >= MIN_PRIORITY]
    if not usable:
        return None, NO_SECURE_BACKEND
    return max(usable, key=_priority), ""


def _require_backend() -> KeyringBackend:
    ring, reason = secure_backend()
    if ring is None:
        raise KeyringUnavailable(reason)
    return ring


def _check_hub_id(hub_id: str) -> None:
    if not isinstance(hub_id, str) or not hub_id:
        raise UserError("hub id must be a non-empty string")


def remember(hub_id: str, master_key: bytes) -> None:
    """Store the master key for `hub_id`; KeyringUnavailable if not safe."""
    _check_hub_id(hub_id)
    ring = _require_backend()
    try:
        ring.set_password(SERVICE, hub_id, bytes(master_key).hex())
    except KeyringError:
        raise KeyringUnavailable("the OS keyring refused to store the key") from None


def recall(hub_id: str) -> bytes | None:
    """The remembered master key, or None (nothing stored, or no safe keyring)."""
    _check_hub_id(hub_id)
    ring, _ = secure_backend()
    if ring is None:
        return None
    try:
        stored = ring.get_password(SERVICE, hub_id)
    except KeyringError:
        # A locked or unreachable keyring just means: ask for the passphrase.
        return None
    if stored is None:
        return None
    try:
        return bytes.fromhex(stored)
    except (ValueError, TypeError, binascii.Error):
        return None


def forget(hub_id: str) -> None:
    """Remove a remembered key; quiet if none was stored."""
    _check_hub_id(hub_id)
    ring, _ = secure_backend()
    if ring is None:
        return
    try:
        ring.delete_password(SERVICE, hub_id)
    except PasswordDeleteError:
        return
    except KeyringError:
        raise KeyringUnavailable("the OS keyring refused to remove the key") from None
