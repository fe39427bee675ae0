"""The database password of this laptop's team role in the OS keyring (secure backends only).

The same allowlist as "remember on this device" (expertise/keystore.py, checklist S5): a
file or null keyring is never used. Without one the CLI asks (getpass) every time.
"""

from __future__ import annotations

from keyring.errors import KeyringError

from expertise.keystore import secure_backend

SERVICE = "expertise-hub-team"
MIN_LENGTH = 12


def recall(role: str) -> str | None:
    ring, _ = secure_backend()
    if ring is None:
        return None
    try:
        return ring.get_password(SERVICE, role)
    except KeyringError:
        return None


def remember(role: str, password: str) -> bool:
    """Store it if a secure keyring is there; False when it could not be kept."""
    ring, _ = secure_backend()
    if ring is None:
        return False
    try:
        ring.set_password(SERVICE, role, password)
    except KeyringError:
        return False
    return True
