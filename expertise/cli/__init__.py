"""The `expertise` command line (ARCHITECTURE §6): a thin face over `expertise.Hub`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from expertise import oserrors
from expertise.cli import (
    commands,
    course_commands,
    output,
    overview_commands,
    pack_commands,
    privacy_output,
    report_commands,
    sync_commands,
    team_commands,
)
from expertise.cli.options import (
    add_global_options,
    check_new_passphrase,
    default_hub,
    new_passphrase,
    passphrase,
)
from expertise.errors import HubError
from expertise.models import CLASSIFICATIONS, KINDS, LANGUAGES, STATUSES
from expertise.privacy import PersonalDataFound
from expertise.private import private_umask
from expertise.redact import describe, install_excepthooks, stack_only

Handler = Callable[..., int]


def _sub(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    name: str,
    handler: Handler,
    help_text: str,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, parents=[common], help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser


PASSWD_HELP = (
    "change the passphrase (instant: only the wrap of the key changes; if the passphrase "
    "may be known to someone, use rekey instead)"
)
REKEY_HELP = (
    "new master key, every file re-encrypted (slow); use it when the passphrase, the "
    "recovery key or a copy of vault.json may be known to someone: the old ones then open "
    "nothing"
)

IMPORT_EPILOG = """\
values (docs/FIELDS.md, "Lenient values"):
  an enum value or theme may be given by its key or its Dutch or English label,
  in any case, with or without accents, with '-' or spaces for '_'
  ('Kindersekstoerisme', 'child-sex-tourism' and 'Prevention Awareness' all read
  as a key); each value read so is listed ("file.md:3: theme `...` read as `...`").
  An unknown value is refused with the allowed keys and the closest one.
references:
  a reference (organisation, lead, partners, author...) names an entry by id or
  title, in this hub or in the same import; a missing one is an error naming the
  file, the field and the name. --create-missing makes each missing name a draft
  entry of the field's kind instead, and lists them.
the import is all or nothing: on any error nothing is written."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="expertise", description="Expertise Hub command line")
    add_global_options(parser, suppress=False)
    common = argparse.ArgumentParser(add_help=False)
    add_global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = _sub(sub, common, "init", cmd_init, "create a new encrypted hub")
    init.add_argument("--recovery-key", action="store_true", help="also print a recovery key")
    init.add_argument("--demo", action="store_true", help="fill it with fictional demo content")
    _sub(sub, common, "demo", commands.cmd_demo, "fill the hub with fictional sample content")

    add = _sub(sub, common, "add", commands.cmd_add, "add an entry")
    add.add_argument("kind", choices=KINDS)
    add.add_argument("--title", required=True)
    add.add_argument("--body")
    add.add_argument("--body-file", type=str)
    add.add_argument("--summary")
    add.add_argument("--tag", action="append", default=[])
    add.add_argument("--theme", action="append", default=[])
    add.add_argument("--classification", choices=CLASSIFICATIONS)
    add.add_argument("--language", choices=LANGUAGES)
    add.add_argument("--status", choices=STATUSES)
    add.add_argument("--field", action="append", default=[], metavar="NAME=VALUE")
    add.add_argument("--attach", action="append", default=[], metavar="FILE")

    show = _sub(sub, common, "show", commands.cmd_show, "show one entry")
    show.add_argument("id")
    listing = _sub(sub, common, "list", commands.cmd_list, "list entries")
    listing.add_argument("--kind", choices=KINDS)
    listing.add_argument("--tag")
    listing.add_argument("--theme")

    imp = _sub(sub, common, "import", commands.cmd_import, "import Markdown/CSV files or folders")
    imp.epilog = IMPORT_EPILOG
    imp.formatter_class = argparse.RawDescriptionHelpFormatter
    imp.add_argument("paths", nargs="+", metavar="FILE|DIR")
    imp.add_argument(
        "--create-missing",
        action="store_true",
        help="create each organisation, expert… a reference names but the hub lacks, as a draft",
    )
    exp = _sub(sub, common, "export", commands.cmd_export, "export as a Markdown folder or JSON")
    exp.add_argument("--format", choices=("md", "json"), default="json")
    exp.add_argument("out_dir", nargs="?", metavar="OUT_DIR")
    exp.add_argument("-o", "--output", metavar="FILE", help="JSON file (default: stdout)")

    search = _sub(sub, common, "search", commands.cmd_search, "full-text search")
    search.add_argument("query")
    search.add_argument("--kind", choices=KINDS)
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")

    passwd = _sub(sub, common, "passwd", commands.cmd_passwd, PASSWD_HELP)
    passwd.add_argument("--new-passphrase-file", type=Path)
    rekey = _sub(sub, common, "rekey", commands.cmd_rekey, REKEY_HELP)
    rekey.add_argument("--new-passphrase-file", type=Path)
    _sub(sub, common, "recovery-key", commands.cmd_recovery_key, "add a recovery key")
    _sub(sub, common, "reindex", commands.cmd_reindex, "rebuild the search index")
    _sub(sub, common, "check", commands.cmd_check, "verify database, attachments and index")
    backup = _sub(sub, common, "backup", commands.cmd_backup, "write an encrypted backup")
    backup.add_argument("out", metavar="OUT")
    erase = _sub(
        sub,
        common,
        "erase-person",
        commands.cmd_erase_person,
        "erase an expert's personal data everywhere",
    )
    erase.add_argument("expert_id")
    pack_commands.register(sub, common)
    course_commands.register(sub, common)
    overview_commands.register(sub, common)
    report_commands.register(sub, common)
    team_commands.register(sub, common)
    sync_commands.register(sub, common)
    return parser


def cmd_init(args: argparse.Namespace) -> int:
    from expertise.demo import fill_with_demo
    from expertise.hub import Hub

    secret = check_new_passphrase(
        passphrase(args) if _has_passphrase(args) else new_passphrase(args)
    )
    with Hub.create(args.hub, secret) as hub:
        if args.recovery_key:
            output.say("Recovery key (shown once; print it and keep it somewhere safe):")
            output.say(hub.keys.add_recovery_key())
        if args.demo:
            fill_with_demo(hub)
    output.say(f"hub created at {args.hub}")
    return 0


def _has_passphrase(args: argparse.Namespace) -> bool:
    import os

    return bool(getattr(args, "passphrase_file", None) or os.environ.get("EXPERTISE_PASSPHRASE"))


def run(args: argparse.Namespace) -> int:
    if args.handler is cmd_init:
        return cmd_init(args)
    from expertise.hub import Hub

    with Hub.open(args.hub, passphrase(args)) as hub:
        result: int = args.handler(hub, args)
        return result


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    private_umask()
    install_excepthooks()
    args = build_parser().parse_args(argv)
    args.hub = args.hub or default_hub()
    try:
        return run(args)
    except KeyboardInterrupt:
        output.warn("interrupted")
        return 130
    except Exception as error:
        return _report(error, args)


def _report(error: Exception, args: argparse.Namespace) -> int:
    """One line on stderr and the documented exit code; a traceback only for bugs."""
    if args.handler is cmd_init:  # the folder is still being made: it cannot have vanished
        fault = oserrors.classify(error, target=Path(args.hub))
    else:
        fault = oserrors.classify(error, hub=Path(args.hub), target=_target(args))
    if fault is not None:
        output.warn(f"error: {fault.message}")
        return fault.exit_code
    if isinstance(error, PersonalDataFound):
        privacy_output.list_hits(error, as_json=bool(getattr(args, "json", False)))
    if isinstance(error, HubError):
        output.warn(f"error: {error}")
        return error.exit_code
    if isinstance(error, OSError):
        output.warn(f"error: {error.strerror or error}: {getattr(error, 'filename', '') or ''}")
        return 1
    # A bug: the frames help whoever fixes it; the message may quote content.
    output.warn(stack_only(error) + f"error: unexpected {describe(error)}")
    return 1


def _target(args: argparse.Namespace) -> Path | None:
    """The folder or file a command writes outside the hub, for naming the right disk."""
    for name in ("out", "out_dir", "output", "pdf", "html", "md"):
        value = getattr(args, name, None)
        if isinstance(value, str | Path) and str(value):
            return Path(value)
    return None


if __name__ == "__main__":
    sys.exit(main())
