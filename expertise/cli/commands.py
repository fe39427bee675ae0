"""One function per CLI command; each receives the parsed args and an open Hub."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from expertise import rekey, space
from expertise.atomic import atomic_write_bytes
from expertise.cli import output
from expertise.cli.options import check_new_passphrase, new_passphrase
from expertise.cli.progress import ProgressBar
from expertise.demo import fill_with_demo
from expertise.errors import UserError
from expertise.hub import Hub
from expertise.oserrors import HubReadOnly
from expertise.services.namevariants import ERASED


def cmd_demo(hub: Hub, args: argparse.Namespace) -> int:
    report = fill_with_demo(hub)
    output.say(
        f"demo content: {len(report.created)} created, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged"
    )
    return 0


def _field_pairs(pairs: list[str]) -> dict[str, object]:
    values: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise UserError("--field takes NAME=VALUE: one of them has no '='")
        values[name.strip()] = value
    return values


def cmd_add(hub: Hub, args: argparse.Namespace) -> int:
    body = args.body or ""
    if args.body_file:
        body = Path(args.body_file).read_text(encoding="utf-8")
    values: dict[str, object] = {
        "title": args.title,
        "body": body,
        "tags": args.tag,
        "themes": args.theme,
    }
    for name in ("classification", "language", "summary", "status"):
        if getattr(args, name):
            values[name] = getattr(args, name)
    values.update(_field_pairs(args.field))
    record = hub.entries.add(args.kind, values)
    for path in args.attach:
        hub.attachments.add(record.id, path)
    output.emit_json({"id": record.id}) if args.json else output.say(record.id)
    return 0


def cmd_show(hub: Hub, args: argparse.Namespace) -> int:
    record = hub.entries.get(args.id)
    if args.json:
        data = record.as_dict()
        data["attachments"] = hub.attachments.list(record.id)
        data["backlinks"] = hub.entries.backlinks(record.id)
        output.emit_json(data)
    else:
        output.show_entry(record, hub.entries.links(record.id), hub.entries.backlinks(record.id))
        for attachment in hub.attachments.list(record.id):
            output.say(
                f"  attachment {attachment.id}: {attachment.file_name} ({attachment.size} B)"
            )
    return 0


def cmd_list(hub: Hub, args: argparse.Namespace) -> int:
    rows = hub.entries.list(args.kind, tag=args.tag, theme=args.theme)
    if args.json:
        output.emit_json(rows)
        return 0
    for row in rows:
        flag = " [review overdue]" if row.stale else ""
        output.say(f"{row.id}  {row.kind:<12} {row.classification:<12} {row.title}{flag}")
    output.say(f"{len(rows)} entries")
    return 0


def cmd_import(hub: Hub, args: argparse.Namespace) -> int:
    bar = ProgressBar(enabled=not args.json)  # a terminal only: silent when piped
    try:
        report = hub.transfer.import_paths(
            args.paths, create_missing=args.create_missing, progress=bar
        )
    finally:
        bar.close()
    if args.json:
        output.emit_json(report)
    else:
        output.say_import_notes(report)
        output.say(
            f"{report.files} files: {len(report.created)} created, "
            f"{len(report.updated)} updated, {len(report.unchanged)} unchanged"
        )
    return 0


def cmd_export(hub: Hub, args: argparse.Namespace) -> int:
    if args.format == "md":
        if not args.out_dir:
            raise UserError("export --format md needs OUT_DIR")
        count = hub.transfer.export_markdown(args.out_dir)
        output.say(f"{count} entries written to {args.out_dir}")
        return 0
    if args.output:
        space.for_export(hub.path, args.output)
    data = hub.transfer.export_json()
    text = output.json_text(data)
    if args.output:
        # Whole or nothing (a disk that fills midway keeps no half of the plaintext);
        # the temporary file is created owner-only and replaces, never follows, a link.
        atomic_write_bytes(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def cmd_search(hub: Hub, args: argparse.Namespace) -> int:
    results = hub.search(args.query, kind=args.kind, limit=args.limit, sort=args.sort)
    if args.json:
        output.emit_json(
            {
                "query": results.query,
                "total": results.total,
                "results": [
                    {
                        "id": h.id,
                        "kind": h.kind,
                        "title": h.title,
                        "score": h.score,
                        "snippet": h.snippet,
                    }
                    for h in results.hits
                ],
                "facets": {k: dict(v) for k, v in results.facets.items()},
                "suggestion": results.suggestion,
                "notice": hub.search.notice,
            }
        )
        return 0
    if hub.search.notice:
        output.warn(hub.search.notice)
    if results.error:
        output.warn(results.error)
    for hit in results.hits:
        output.say(f"{hit.score:6.2f}  {hit.kind:<12} {hit.title}  ({hit.id})")
    output.say(f"{results.total} results")
    if results.suggestion:
        output.say(f"Did you mean: {results.suggestion}")
    return 0


def cmd_passwd(hub: Hub, args: argparse.Namespace) -> int:
    hub.keys.change_passphrase(check_new_passphrase(new_passphrase(args)))
    output.say("passphrase changed")
    return 0


def cmd_rekey(hub: Hub, args: argparse.Namespace) -> int:
    if hub.read_only:
        raise HubReadOnly()  # before the progress line: the refusal is the only line
    secret = check_new_passphrase(new_passphrase(args))
    rekey.check_space(hub.path)  # likewise: a disk too full is said before starting
    output.warn("re-keying: every file of the hub is re-encrypted under a new key ...")
    recovery = hub.keys.rekey(secret)
    if getattr(args, "json", False):
        output.emit_json({"rekeyed": True, "recovery_key": recovery})
        return 0
    if recovery is not None:
        output.say("New recovery key (shown once; print it and keep it somewhere safe).")
        output.say("The old recovery key no longer works:")
        output.say(recovery)
    output.say("hub re-keyed: the old passphrase and any old copy of vault.json open nothing")
    return 0


def cmd_recovery_key(hub: Hub, args: argparse.Namespace) -> int:
    key = hub.keys.add_recovery_key()
    output.say("Recovery key (shown once; print it and keep it somewhere safe):")
    output.say(key)
    return 0


def cmd_reindex(hub: Hub, args: argparse.Namespace) -> int:
    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            output.warn(f"\rindexed {done}/{total}")

    hub.maintenance.reindex(progress)
    output.say(f"index rebuilt: {hub.entries.count()} entries")
    return 0


def cmd_check(hub: Hub, args: argparse.Namespace) -> int:
    report = hub.maintenance.check()
    if args.json:
        output.emit_json({**output.to_plain(report), "ok": report.ok})
    else:
        output.say(
            f"entries: {report.entries}  attachments: {report.attachments}  "
            f"index documents: {report.index_docs}  "
            f"index {'consistent' if report.index_consistent else 'OUT OF DATE'}"
        )
        for problem in report.problems:
            output.say(f"PROBLEM: {problem}")
        output.say("ok" if report.ok else f"{len(report.problems)} problems")
    return 0 if report.ok else 4


def cmd_backup(hub: Hub, args: argparse.Namespace) -> int:
    out = hub.maintenance.backup(args.out)
    output.say(f"encrypted backup written to {out} (opens with the same passphrase)")
    return 0


COPIES_WARNING = (
    "Backups, exports and knowledge packs made before now still hold this person's data: "
    "erase or destroy those copies separately."
)


def cmd_erase_person(hub: Hub, args: argparse.Namespace) -> int:
    report = hub.maintenance.erase_person(args.expert_id)
    if args.json:
        output.emit_json({**output.to_plain(report), "warning": COPIES_WARNING})
        return 0
    output.say(
        f"erased expert {report.expert_id}: {report.revisions_removed} of their revisions "
        f"removed, {report.references_cleared} references to them cleared; "
        f"{report.name_forms} forms of their name and contact details replaced by "
        f"{ERASED!r} in:"
    )
    for place, count in sorted(report.changed.items()):
        output.say(f"  {place}: {count}")
    if not report.changed:
        output.say("  (no other place mentioned them)")
    output.say(
        f"search index: {report.reindexed} entries reindexed, index optimised, database vacuumed"
    )
    for place in report.not_changed:
        output.say(f"NOT CHANGED: {place}")
    output.say(COPIES_WARNING)
    return 0
