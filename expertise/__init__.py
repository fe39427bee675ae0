"""Expertise Hub core library. Never imports Qt (tests/test_layering.py checks)."""

from typing import TYPE_CHECKING, Any

from expertise.errors import (
    HubError,
    HubInUse,
    HubLocked,
    InputError,
    IntegrityError,
    NotAHub,
    UserError,
    WrongPassphrase,
)

__all__ = [
    "Hub",
    "HubError",
    "HubInUse",
    "HubLocked",
    "InputError",
    "IntegrityError",
    "NotAHub",
    "UserError",
    "WrongPassphrase",
]

if TYPE_CHECKING:
    from expertise.hub import Hub


def __getattr__(name: str) -> Any:
    # Lazy so that light modules (errors, vault) import without Whoosh and SQLAlchemy.
    if name == "Hub":
        from expertise.hub import Hub

        return Hub
    raise AttributeError(name)
