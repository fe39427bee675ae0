"""Qt-free start-up facts: where the demo hub lives, whether there is a display, the passphrase.

Both the launcher (before Qt is imported) and the Qt side (the unlock dialog's
demo button, the screenshot mode) need these, so they live here and import
nothing of the ui: start-up has no import cycle (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from expertise import take_env


def demo_hub_folder() -> Path:
    env = os.environ.get("EXPERTISE_DEMO_HUB")
    return Path(env) if env else Path(user_data_dir("ExpertiseHub", appauthor=False)) / "demo-hub"


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def given_passphrase(args: argparse.Namespace) -> str | None:
    """As for the CLI: --passphrase-file, else $EXPERTISE_PASSPHRASE; the demo's own with --demo."""
    if getattr(args, "passphrase_file", None):
        return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
    env = take_env("EXPERTISE_PASSPHRASE")  # not inherited by anything started later
    if env:
        return env
    if getattr(args, "demo", False):
        from expertise import DEMO_PASSPHRASE

        return DEMO_PASSPHRASE
    return None
