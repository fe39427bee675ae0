"""Whether "remember on this device" can be offered, and a sentence saying why not.

One answer for every dialog that offers it (unlock, settings, the team server password):
only a secure OS keyring counts (expertise/keystore.py's allowlist), never a file keyring.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from expertise import keyring_available


def keyring_status() -> tuple[bool, str]:
    if keyring_available():
        return True, ""
    return False, QCoreApplication.translate(
        "UnlockErrors",
        "Not available: this device has no secure keyring (Windows Credential Locker, "
        "macOS Keychain or a Secret Service).",
    )
