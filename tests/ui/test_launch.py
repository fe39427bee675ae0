"""The launcher: Qt-free, and a one-line word instead of Qt's abort when X11 libraries lack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui import display_libs, launch
from ui.display_libs import MISSING_LIBRARIES_EXIT, XCB_LIBRARIES, display_problem, will_use_xcb

REPO = Path(__file__).resolve().parents[2]
WAYLAND = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
MISSING = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def _fake_lookup(monkeypatch, missing=frozenset(MISSING)):
    monkeypatch.setattr(display_libs, "can_load", lambda soname: soname not in missing)


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, "linux", False),
        ({**WAYLAND, "XDG_SESSION_TYPE": "wayland"}, "linux", False),
        ({**WAYLAND, "XDG_SESSION_TYPE": "x11"}, "linux", True),
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "win32", False),
        ({"DISPLAY": ":0"}, "darwin", False),
    ],
)
def test_the_check_runs_only_where_qt_will_use_xcb(environ, platform, expected):
    assert will_use_xcb(environ, platform) is expected


def test_missing_libraries_are_named_with_their_packages_in_one_line(monkeypatch):
    _fake_lookup(monkeypatch)
    message = display_problem({"DISPLAY": ":0"}, "linux")
    assert message is not None and "\n" not in message
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 " in message
    for soname in MISSING:
        assert soname in message
    assert "libxcb-image0" not in message  # only what is missing


def test_nothing_to_say_when_all_are_there_or_qt_draws_offscreen(monkeypatch):
    _fake_lookup(monkeypatch, missing=frozenset())
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    _fake_lookup(monkeypatch, missing=frozenset(XCB_LIBRARIES))
    assert display_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux") is None


def test_the_real_lookup_tells_present_from_absent():
    assert display_libs.can_load("libc.so.6") is (sys.platform.startswith("linux"))
    assert display_libs.can_load("libxcb-not-a-library.so.9") is False


def test_the_launcher_stops_before_qt_with_a_clear_exit_code(monkeypatch, capsys):
    _fake_lookup(monkeypatch)
    monkeypatch.setattr(display_libs.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(launch, "private_umask", lambda: None)
    monkeypatch.setattr(launch, "install_excepthooks", lambda: None)
    assert launch.main([]) == MISSING_LIBRARIES_EXIT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "libxcb-cursor0" in err


def test_the_launcher_never_imports_qt_when_it_stops():
    """In a fresh interpreter: the lookup faked, main() returns before any PySide6 import."""
    code = (
        "import os, sys\n"
        "os.environ.pop('QT_QPA_PLATFORM', None); os.environ.pop('WAYLAND_DISPLAY', None)\n"
        "os.environ['DISPLAY'] = ':0'\n"
        "from ui import display_libs, launch\n"
        "display_libs.can_load = lambda soname: soname != 'libxcb-cursor.so.0'\n"
        "display_libs.sys.platform = 'linux'\n"
        "code = launch.main([])\n"
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(code, qt)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == f"{MISSING_LIBRARIES_EXIT} []", done.stdout + done.stderr
    assert "sudo apt install libxcb-cursor0" in done.stderr
