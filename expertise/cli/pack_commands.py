"""`expertise pack ...`: export, inspect and import signed knowledge packs (ARCHITECTURE §6, §8).

The pack passphrase is not the hub passphrase: it comes from
`--pack-passphrase-file F`, else `$EXPERTISE_PACK_PASSPHRASE`, else a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from expertise.cli import output, privacy_output
from expertise.errors import UserError
from expertise.hub import Hub
from expertise.models import CLASSIFICATIONS, KINDS
from expertise.packs import PackImportReport, PackInfo
from expertise.packs.merge import RESOLUTIONS
from expertise.packs.signing import grouped
from expertise.secretenv import take_env

ENV_PACK_PASSPHRASE = "EXPERTISE_PACK_PASSPHRASE"
Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    pack = sub.add_parser(
        "pack", parents=[common], help="signed knowledge packs for partner organisations"
    )
    actions = pack.add_subparsers(dest="pack_command", required=True, metavar="ACTION")
    _export_parser(actions, common)
    _import_parser(actions, common)
    inspect = _action(actions, common, "inspect", cmd_inspect, "show who published a pack")
    inspect.add_argument("file", type=Path, metavar="FILE")
    inspect.add_argument(
        "--untrusted-ok",
        action="store_true",
        help="also read the manifest (and with a pack passphrase, the contents) of a pack "
        "from a publisher this hub does not trust",
    )
    _passphrase_option(inspect)
    _action(actions, common, "publishers", cmd_publishers, "list trusted publishers")
    trust = _action(actions, common, "trust", cmd_trust, "trust a publisher's fingerprint")
    trust.add_argument("fingerprint")
    trust.add_argument("--name", required=True)
    untrust = _action(actions, common, "untrust", cmd_untrust, "stop trusting a publisher")
    untrust.add_argument("fingerprint")


def _action(
    actions: Sub, common: argparse.ArgumentParser, name: str, handler: object, text: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(
        name, parents=[common], help=text, description=text
    )
    parser.set_defaults(handler=handler)
    return parser


def _passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack-passphrase-file", type=Path, help=f"pack passphrase (else ${ENV_PACK_PASSPHRASE})"
    )


def _export_parser(actions: Sub, common: argparse.ArgumentParser) -> None:
    export = _action(actions, common, "export", cmd_export, "write a signed, encrypted pack")
    export.add_argument("out", type=Path, metavar="OUT")
    export.add_argument("--ceiling", required=True, choices=CLASSIFICATIONS)
    export.add_argument("--kind", choices=KINDS)
    export.add_argument("--theme")
    export.add_argument("--tag")
    export.add_argument("--course", metavar="PACK", help="a course pack, by id or title")
    export.add_argument("--saved-search", metavar="NAME")
    export.add_argument(
        "--with-people", action="store_true", help="include experts (personal data)"
    )
    export.add_argument("--publisher", metavar="NAME", help="set this hub's publisher name")
    privacy_output.add_option(export)
    _passphrase_option(export)


def _import_parser(actions: Sub, common: argparse.ArgumentParser) -> None:
    imp = _action(actions, common, "import", cmd_import, "verify and merge a pack")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="show the plan, change nothing")
    imp.add_argument("--trust", action="store_true", help="trust a new publisher (check first!)")
    imp.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="ID=CHOICE",
        help=f"resolve one conflict: {'|'.join(RESOLUTIONS)}",
    )
    imp.add_argument("--resolve-all", choices=RESOLUTIONS, help="resolve every conflict alike")
    imp.add_argument(
        "--accept-downgrade",
        action="append",
        default=[],
        metavar="ID",
        help="let the pack lower this entry's classification (repeat for each entry)",
    )
    imp.add_argument(
        "--restore",
        action="append",
        default=[],
        metavar="ID",
        help="bring back an entry deleted here (repeat for each entry)",
    )
    _passphrase_option(imp)


def pack_passphrase(args: argparse.Namespace, confirm: bool = False) -> str:
    path = getattr(args, "pack_passphrase_file", None)
    if path:
        try:
            return str(Path(path).read_text(encoding="utf-8")).rstrip("\r\n")
        except OSError as error:
            raise UserError(f"cannot read pack passphrase file: {error.strerror}") from None
    env = take_env(ENV_PACK_PASSPHRASE)
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError(f"no pack passphrase: use --pack-passphrase-file or ${ENV_PACK_PASSPHRASE}")
    first = getpass.getpass("Pack passphrase: ")
    if confirm and first != getpass.getpass("Repeat pack passphrase: "):
        raise UserError("the two pack passphrases differ")
    return first


def cmd_export(hub: Hub, args: argparse.Namespace) -> int:
    packs = hub.packs
    if args.publisher:
        packs.set_publisher_name(args.publisher)
    report = packs.export(
        args.out,
        pack_passphrase(args, confirm=True),
        args.ceiling,
        kind=args.kind,
        theme=args.theme,
        tag=args.tag,
        course=args.course,
        saved_search=args.saved_search,
        with_people=args.with_people,
        allow_personal_data=args.allow_personal_data,
    )
    if args.json:
        output.emit_json(report)
        return 0
    output.say(
        f"pack written: {report.path} ({report.entries} entries, {report.attachments} "
        f"attachments, {report.people} experts, ceiling {report.ceiling}, {report.size} bytes)"
    )
    output.say(f"publisher: {report.publisher_name}")
    output.say(f"fingerprint: {grouped(report.fingerprint)}")
    return 0


def _say_info(info: PackInfo) -> None:
    standing = "this hub" if info.own else "trusted" if info.trusted else "NOT trusted yet"
    output.say(f"publisher:   {info.publisher_name} ({standing})")
    output.say(f"fingerprint: {info.grouped_fingerprint}")
    output.say(
        f"created {info.created}, ceiling {info.ceiling}, {info.entry_count} entries"
        f"{', includes experts (personal data)' if info.with_people else ''}"
    )


def cmd_inspect(hub: Hub, args: argparse.Namespace) -> int:
    packs = hub.packs
    header = packs.header(args.file)
    if not header.trusted and not args.untrusted_ok:
        # Nothing past the signature is read: the manifest is the publisher's input.
        if args.json:
            output.emit_json(header)
            return 0
        output.say(f"fingerprint: {header.grouped_fingerprint} (NOT trusted)")
        output.say(f"format {header.format_version}, {header.size} bytes, signature valid")
        output.say(
            "the manifest and contents were not read: compare the fingerprint with the "
            "publisher, or use --untrusted-ok to read them anyway"
        )
        return 0
    wants_plan = bool(args.pack_passphrase_file or os.environ.get(ENV_PACK_PASSPHRASE))
    info = packs.inspect(
        args.file, pack_passphrase(args) if wants_plan else None, untrusted_ok=True
    )
    if args.json:
        output.emit_json(info)
        return 0
    _say_info(info)
    if info.plan is not None:
        output.say("plan: " + ", ".join(f"{n} {a}" for a, n in info.plan.counts().items()))
    return 0


def _resolutions(args: argparse.Namespace) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for pair in args.resolve:
        entry_id, sep, choice = pair.partition("=")
        if not sep:
            raise UserError(f"--resolve takes ID=CHOICE, got {pair[:60]!r}")
        chosen[entry_id.strip()] = choice.strip()
    return chosen


def cmd_import(hub: Hub, args: argparse.Namespace) -> int:
    packs = hub.packs
    secret = pack_passphrase(args)
    resolutions = _resolutions(args)
    if args.resolve_all:
        plan = packs.import_pack(args.file, secret, trust=args.trust, dry_run=True).plan
        resolutions = {i.entry_id: args.resolve_all for i in plan.conflicts} | resolutions
    report = packs.import_pack(
        args.file,
        secret,
        trust=args.trust,
        dry_run=args.dry_run,
        resolutions=resolutions,
        accept_downgrades=args.accept_downgrade,
        restore=args.restore,
    )
    if args.json:
        output.emit_json(report)
    else:
        _say_report(report)
    return 0


def _say_report(report: PackImportReport) -> None:
    _say_info(report.info)
    counts = report.plan.counts()
    if report.dry_run:
        output.say(
            "dry run, nothing changed. Plan: " + ", ".join(f"{n} {a}" for a, n in counts.items())
        )
    else:
        output.say(
            f"imported: {len(report.created)} added, {len(report.updated)} updated, "
            f"{len(report.copies)} kept both, {len(report.kept_mine)} kept mine, "
            f"{len(report.unchanged)} unchanged"
        )
        if report.newly_trusted:
            output.say("the publisher is now trusted")
    _say_conflicts(report)
    _say_downgrades(report)
    _say_deleted(report)
    for entry_id, name in report.attachments_removed:
        output.say(f"  attachment removed by the publisher, removed here: {entry_id}  {name}")
    for entry_id, name in report.attachments_kept:
        output.say(
            f"  attachment removed by the publisher, kept here (entry changed here): "
            f"{entry_id}  {name}"
        )


def _say_conflicts(report: PackImportReport) -> None:
    unresolved = (
        report.plan.conflicts
        if report.dry_run
        else [item for item in report.plan.conflicts if item.entry_id in report.unresolved]
    )
    for item in unresolved:
        output.say(
            f"  conflict {item.entry_id}  {item.kind:<12} {item.title}"
            f"  (here r{item.local_revision}, pack r{item.remote_revision})"
        )
    if unresolved:
        output.say(
            "conflicts were left as they are: import again with --resolve ID=mine|theirs|both "
            "or --resolve-all CHOICE"
        )


def _say_downgrades(report: PackImportReport) -> None:
    """Every lower classification the pack asks for, and whether it was refused."""
    refused = set(report.refused_downgrades)
    for item in report.plan.downgrades:
        if report.dry_run or item.entry_id in refused:
            state = "needs --accept-downgrade" if report.dry_run else "refused"
            output.say(
                f"  lower classification {item.entry_id}  {item.title}  "
                f"({item.local_classification} -> {item.remote_classification}): {state}"
            )
    if refused:
        output.say(
            "the pack would lower these classifications; to accept, import again with "
            "--accept-downgrade ID for each entry"
        )


def _say_deleted(report: PackImportReport) -> None:
    skipped = (
        [item.entry_id for item in report.plan.deleted]
        if report.dry_run
        else report.deleted_skipped
    )
    for entry_id in skipped:
        output.say(f"  deleted locally, skipped: {entry_id}")
    for entry_id in report.restored:
        output.say(f"  deleted locally, restored: {entry_id}")
    if skipped:
        output.say("to bring one back, import again with --restore ID")


def cmd_publishers(hub: Hub, args: argparse.Namespace) -> int:
    packs = hub.packs
    rows = packs.trusted_publishers()
    if args.json:
        output.emit_json({"own": packs.publisher_fingerprint(), "trusted": rows})
        return 0
    output.say(f"this hub publishes as {packs.publisher_name()}")
    output.say(f"  {grouped(packs.publisher_fingerprint())}")
    output.say("trusted publishers:" if rows else "no trusted publishers yet")
    for row in rows:
        output.say(f"  {row.name}\n    {row.grouped}")
    return 0


def cmd_trust(hub: Hub, args: argparse.Namespace) -> int:
    hub.packs.trust(args.fingerprint, args.name)
    output.say("trusted")
    return 0


def cmd_untrust(hub: Hub, args: argparse.Namespace) -> int:
    hub.packs.untrust(args.fingerprint)
    output.say("no longer trusted")
    return 0
