"""What the unlock and create dialogs say about opening a hub (the keyring: ui/keyring_state.py).

A core error becomes a translated sentence here; the core's own text is never
shown. Kept apart from the dialogs so each of them can use it without
importing another dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from expertise import (
    HubError,
    HubInUse,
    IntegrityError,
    KeyringUnavailable,
    NotAHub,
    UserError,
    WrongPassphrase,
)


def error_text(error: BaseException) -> str:
    """A translated sentence for a core error; the core's own text is never shown."""
    if isinstance(error, WrongPassphrase):
        return QCoreApplication.translate(
            "UnlockErrors", "That passphrase does not unlock this hub. Check it and try again."
        )
    if isinstance(error, NotAHub):
        return QCoreApplication.translate("UnlockErrors", "This folder is not an Expertise Hub.")
    if isinstance(error, HubInUse):
        return QCoreApplication.translate(
            "UnlockErrors", "This hub is already open in another window or program."
        )
    if isinstance(error, IntegrityError):
        return QCoreApplication.translate(
            "UnlockErrors", "This hub failed an integrity check. Restore it from a backup."
        )
    if isinstance(error, KeyringUnavailable):
        return QCoreApplication.translate(
            "UnlockErrors", "No secure keyring is available on this device."
        )
    if isinstance(error, UserError):
        return QCoreApplication.translate(
            "UnlockErrors", "The hub could not be opened with what was entered."
        )
    if isinstance(error, HubError | OSError):
        return QCoreApplication.translate("UnlockErrors", "The hub could not be opened.")
    return QCoreApplication.translate("UnlockErrors", "Something went wrong while opening the hub.")

