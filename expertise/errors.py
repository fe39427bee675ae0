"""Exceptions of the core. They carry data, never translated text (ARCHITECTURE §11.10).

Each class has an `exit_code` so the CLI maps errors to the codes of ARCHITECTURE §6
without a lookup table that could drift.
"""

from __future__ import annotations


class HubError(Exception):
    """Base class for every error the core raises on purpose."""

    exit_code = 1


class UserError(HubError):
    """The request cannot be done as asked (unknown id, bad value, ...)."""

    exit_code = 1


class WrongPassphrase(HubError):
    """The passphrase (or recovery key) does not unlock the vault."""

    exit_code = 3


class HubLocked(HubError):
    """An operation needs an unlocked hub."""

    exit_code = 3


class IntegrityError(HubError):
    """Stored data failed authentication or is structurally broken."""

    exit_code = 4


class HubInUse(HubError):
    """Another process holds the hub open."""

    exit_code = 1


class NotAHub(HubError):
    """The folder holds no vault header."""

    exit_code = 1


class InputError(HubError):
    """Outside input (front matter, CSV, pack) is malformed.

    `source` names the file and `line` the 1-based line where the problem is,
    so the user can find it; the message never quotes content beyond the field.
    """

    exit_code = 1

    def __init__(self, message: str, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)


class ImportCancelled(UserError):
    """The user cancelled an import before its commit: nothing was imported."""

    exit_code = 1


class KeyringUnavailable(HubError):
    """No secure OS keyring backend: 'remember on this device' is disabled."""

    exit_code = 1
