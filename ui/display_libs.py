"""Before Qt starts on Linux/X11: are the libraries of Qt's xcb platform plugin there?

Without them Qt aborts with "no Qt platform plugin could be initialized" and a
hint about one library, after the user has waited for the import. The pip
wheels of PySide6 ship Qt but not these system libraries, so a fresh Debian
desktop lacks several. This module checks them all by loading each by its
soname (what the plugin will do) and names every missing Debian/Ubuntu
package in one line. Qt-free: it runs in the launcher (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping

# soname the xcb plugin loads → the Debian/Ubuntu package that ships it
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
MISSING_LIBRARIES_EXIT = 69  # sysexits EX_UNAVAILABLE: a needed part of the system is absent


def can_load(soname: str) -> bool:
    """Whether the dynamic loader finds this library (and what it needs itself)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def will_use_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt will pick its X11 plugin: Linux, a DISPLAY, and no other platform chosen.

    In a Wayland session Qt prefers its Wayland plugin, so no X11 check is due there.
    """
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if chosen:
        return chosen == "xcb" and bool(environ.get("DISPLAY"))
    wayland = environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland"
    return bool(environ.get("DISPLAY")) and not wayland


def missing_libraries() -> list[str]:
    return [soname for soname in XCB_LIBRARIES if not can_load(soname)]


def install_hint(missing: list[str]) -> str:
    """One line: what is missing and the apt command that adds it."""
    packages = " ".join(XCB_LIBRARIES[soname] for soname in missing)
    return (
        f"Qt cannot open a window on X11: missing system libraries {', '.join(missing)}. "
        f"Install them with: sudo apt install {packages} "
        "(other systems: see README.md, 'System packages')"
    )


def display_problem(environ: Mapping[str, str] | None = None, platform: str = "") -> str | None:
    """The one-line message when Qt's xcb plugin would abort for lack of libraries, else None."""
    if not will_use_xcb(os.environ if environ is None else environ, platform or sys.platform):
        return None
    missing = missing_libraries()
    return install_hint(missing) if missing else None
