"""Passphrases given through the environment are taken out of it once read.

A variable left in `os.environ` is inherited by every child process the app
or a library starts (a PDF viewer, a helper, a crash reporter). Popping it
also unsets it at the C level. It does not erase the copy the kernel keeps
of the environment the process started with (/proc/PID/environ, readable by
the same user only): a passphrase file is the better choice (README).
"""

from __future__ import annotations

import os

SECRET_VARIABLES = (
    "EXPERTISE_PASSPHRASE",
    "EXPERTISE_NEW_PASSPHRASE",
    "EXPERTISE_PACK_PASSPHRASE",
    "EXPERTISE_SERVER_PASSWORD",
)


def take_env(name: str) -> str | None:
    """The variable's value (None when unset or empty), removed from the environment."""
    return os.environ.pop(name, None) or None
