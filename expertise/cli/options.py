"""Global options, the hub location and the passphrase sources of ARCHITECTURE §6."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from expertise.errors import HubLocked, UserError
from expertise.secretenv import take_env


def default_hub() -> Path:
    env = os.environ.get("EXPERTISE_HUB")
    return Path(env) if env else Path(user_data_dir("ExpertiseHub", appauthor=False)) / "hub"


def add_global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--hub", type=Path, default=default, help="hub folder")
    parser.add_argument(
        "--passphrase-file", type=Path, default=default, help="read the passphrase from this file"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="machine-readable output",
    )


def _read_secret_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot read passphrase file: {error.strerror}") from None
    return text.rstrip("\r\n")


def passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    if getattr(args, "passphrase_file", None):
        return _read_secret_file(args.passphrase_file)
    env = take_env("EXPERTISE_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise HubLocked("no passphrase: use --passphrase-file or $EXPERTISE_PASSPHRASE")
    return getpass.getpass(prompt)


def new_passphrase(args: argparse.Namespace) -> str:
    if getattr(args, "new_passphrase_file", None):
        return _read_secret_file(args.new_passphrase_file)
    env = take_env("EXPERTISE_NEW_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError("no new passphrase: use --new-passphrase-file or $EXPERTISE_NEW_PASSPHRASE")
    first = getpass.getpass("New passphrase: ")
    if first != getpass.getpass("Repeat new passphrase: "):
        raise UserError("the two passphrases differ")
    return first


def check_new_passphrase(value: str) -> str:
    if len(value) < 8:
        raise UserError("passphrase too short: use at least 8 characters (a sentence is best)")
    return value
