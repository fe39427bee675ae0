"""The Hub facade: `Hub` (an unlocked hub) and its sub-facades, one module each.

core.py holds the lifecycle and the public units of work (work.py is
``hub.session``); parts.py the keyed parts opened and closed as one; hub.py the
`Hub` class that names the sub-facades. See docs/ARCHITECTURE.md §11.2.
"""

from typing import TYPE_CHECKING, Any

__all__ = ["Hub"]

if TYPE_CHECKING:
    from expertise.hub.hub import Hub


def __getattr__(name: str) -> Any:
    # Lazy, so that importing one module of this package does not load them all.
    if name == "Hub":
        from expertise.hub.hub import Hub

        return Hub
    raise AttributeError(name)
