"""Start-up before Qt: demo hub preparation and a clear word when there is no display.

Kept free of Qt imports so a headless machine gets a message, not a Qt
platform-plugin traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_dir

from expertise.private import private_umask
from expertise.redact import install_excepthooks


def demo_hub_folder() -> Path:
    env = os.environ.get("EXPERTISE_DEMO_HUB")
    return Path(env) if env else Path(user_data_dir("ExpertiseHub", appauthor=False)) / "demo-hub"


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="expertise-hub", description="Expertise Hub desktop app")
    parser.add_argument("--demo", action="store_true", help="open the demo hub (created if needed)")
    parser.add_argument("--hub", type=Path, help="hub folder to open")
    parser.add_argument("--passphrase-file", type=Path)
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png")
    parser.add_argument("--view", default="list")
    parser.add_argument("--lang", choices=("nl", "en"))
    parser.add_argument("--selftest", action="store_true")
    return parser


def prepare_demo() -> Path:
    from expertise.demo import DEMO_PASSPHRASE, ensure_demo_hub

    folder = demo_hub_folder()
    created = ensure_demo_hub(folder)
    print(f"{'Created' if created else 'Using'} the DEMO hub at {folder}")
    print(f"DEMO passphrase (fictional content only, never use for real data): {DEMO_PASSPHRASE}")
    return folder


def print_headless_help(folder: Path | None) -> None:
    print("No display found, so the window cannot open here.")
    print("  - On a desktop machine, run `make run` again.")
    print(
        "  - Headless: `QT_QPA_PLATFORM=offscreen .venv/bin/expertise-hub --demo "
        "--screenshot out.png` renders the main window to a PNG."
    )
    if folder is not None:
        print(
            f"  - The CLI works here: .venv/bin/expertise --hub {folder} list"
        )
        _print_demo_listing(folder)


def _print_demo_listing(folder: Path) -> None:
    from expertise.demo import DEMO_PASSPHRASE
    from expertise.hub import Hub

    with Hub.open(folder, DEMO_PASSPHRASE) as hub:
        print(f"\nThe demo hub holds {hub.count_entries()} entries:")
        for row in hub.list_entries(order="kind"):
            print(f"  {row.kind:<12} {row.classification:<12} {row.title}")


def main(argv: Sequence[str] | None = None) -> int:
    private_umask()  # before anything is written: demo hub, settings, exports
    install_excepthooks()  # an exception in a Qt slot must not print content to stderr
    args = build_parser().parse_args(argv)
    folder = prepare_demo() if args.demo else args.hub
    if not has_display() and not args.screenshot and not args.selftest:
        print_headless_help(folder)
        return 0
    try:
        from ui.app.application import run_app
    except ModuleNotFoundError:
        print("The desktop window is not built yet; here is the hub through the CLI.")
        if folder is not None:
            _print_demo_listing(folder)
        return 0
    return run_app(args, folder)
