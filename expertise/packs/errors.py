"""Why a pack is refused. All are IntegrityErrors: the CLI exits 4 (ARCHITECTURE §6)."""

from __future__ import annotations

from expertise.errors import IntegrityError, UserError


class BadPack(IntegrityError):
    """The file is not a well-formed knowledge pack, or it was altered."""


class NewerPackFormat(BadPack):
    """Made by a newer Expertise Hub; this one cannot read it safely."""

    def __init__(self, version: int) -> None:
        self.version = version
        super().__init__(
            f"the pack uses format {version}, made by a newer version of Expertise Hub: "
            "update this program to import it"
        )


class UntrustedPublisher(IntegrityError):
    """Signed correctly, but by a key this hub does not (yet) trust."""

    def __init__(self, name: str, fingerprint: str, message: str) -> None:
        self.name = name
        self.fingerprint = fingerprint
        super().__init__(message)


class PublisherKeyChanged(UntrustedPublisher):
    """The name of a trusted publisher with another key: a possible impostor."""


class Cancelled(UserError):
    """The user pressed Cancel; nothing was written."""
