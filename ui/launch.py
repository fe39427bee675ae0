"""Start-up before Qt: the `expertise-hub` entry point, checks, demo hub, then the window.

Kept free of Qt imports so a headless machine, or one that lacks the
libraries of Qt's X11 plugin, gets a one-line message, not a Qt abort. Qt is
imported only at the end, by ui/app/application.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from expertise import install_excepthooks, private_umask
from ui.display_libs import MISSING_LIBRARIES_EXIT, display_problem
from ui.startup import demo_hub_folder, has_display


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
    from expertise import DEMO_PASSPHRASE, ensure_demo_hub

    folder = demo_hub_folder()
    created = ensure_demo_hub(folder)
    print(f"{'Created' if created else 'Using'} the DEMO hub at {folder}")
    print(f"DEMO passphrase (fictional content only, never use for real data): {DEMO_PASSPHRASE}")
    return folder


def print_headless_help(folder: Path | None, *, demo: bool) -> None:
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
        if demo:  # only the demo's passphrase is known here
            _print_demo_listing(folder)


def _print_demo_listing(folder: Path) -> None:
    from expertise import DEMO_PASSPHRASE, Hub

    with Hub.open(folder, DEMO_PASSPHRASE) as hub:
        print(f"\nThe demo hub holds {hub.entries.count()} entries:")
        for row in hub.entries.list(order="kind"):
            print(f"  {row.kind:<12} {row.classification:<12} {row.title}")


def main(argv: Sequence[str] | None = None) -> int:
    private_umask()  # before anything is written: demo hub, settings, exports
    install_excepthooks()  # an exception in a Qt slot must not print content to stderr
    args = build_parser().parse_args(argv)
    problem = None if args.screenshot else display_problem()  # --screenshot renders offscreen
    if problem:
        print(problem, file=sys.stderr)
        return MISSING_LIBRARIES_EXIT
    folder = prepare_demo() if args.demo else args.hub
    if not has_display() and not args.screenshot and not args.selftest:
        print_headless_help(folder, demo=args.demo)
        return 0
    from ui.app.application import run_app  # Qt loads here, after the checks above

    return run_app(args, folder)
