"""`expertise course ...`: build and export course packs (ARCHITECTURE §6, §8).

A pack is named by its id or its exact title. An entry above the pack's
ceiling is refused with exit code 1 and the reason on stderr (AboveCeiling is
a UserError, which `main` reports).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from expertise.cli import output, privacy_output
from expertise.courses import CoursePackRecord, ExportResult
from expertise.hub import Hub
from expertise.models import CLASSIFICATIONS

SubParsers = argparse._SubParsersAction  # type: ignore[type-arg]


def register(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    course = sub.add_parser("course", help="course packs for trainers", description=__doc__)
    actions = course.add_subparsers(dest="course_command", required=True, metavar="ACTION")

    create = _leaf(actions, common, "create", cmd_create, "create a pack; prints its id")
    create.add_argument("title")
    create.add_argument("--ceiling", required=True, choices=CLASSIFICATIONS)
    create.add_argument("--audience", default="")
    create.add_argument("--description", default="")

    add = _leaf(actions, common, "add", cmd_add, "add entries at the end of a pack")
    add.add_argument("pack", metavar="PACK", help="pack id or exact title")
    add.add_argument("entry_ids", nargs="+", metavar="ENTRY_ID")
    add.add_argument("--note", help="trainer note for the added entries")

    _leaf(actions, common, "list", cmd_list, "list the course packs")

    export = _leaf(actions, common, "export", cmd_export, "export a pack to PDF, HTML or Markdown")
    export.add_argument("pack", metavar="PACK", help="pack id or exact title")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", type=Path, metavar="OUT", help="PDF file")
    target.add_argument("--html", type=Path, metavar="OUT", help="self-contained HTML file")
    target.add_argument("--md", type=Path, metavar="OUT", help="new or empty folder")
    export.add_argument("--with-notes", action="store_true", help="include trainer notes")
    export.add_argument("--lang", choices=("en", "nl"), default="en", help="document language")
    privacy_output.add_option(export)


def _leaf(
    actions: SubParsers,
    common: argparse.ArgumentParser,
    name: str,
    handler: object,
    help_text: str,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(
        name, parents=[common], help=help_text, description=help_text
    )
    parser.set_defaults(handler=handler)
    return parser


def cmd_create(hub: Hub, args: argparse.Namespace) -> int:
    pack = hub.courses.create(args.title, args.ceiling, args.audience, args.description)
    output.emit_json({"id": pack.id}) if args.json else output.say(pack.id)
    return 0


def cmd_add(hub: Hub, args: argparse.Namespace) -> int:
    courses = hub.courses
    before = courses.find(args.pack)
    after = courses.add_entries(before.id, args.entry_ids, note=args.note)
    added = after.item_count - before.item_count
    if args.json:
        output.emit_json({"id": after.id, "added": added, "items": after.item_count})
    else:
        output.say(f"{added} added, {after.item_count} entries in {after.title!r}")
    return 0


def cmd_list(hub: Hub, args: argparse.Namespace) -> int:
    packs = hub.courses.list()
    if args.json:
        output.emit_json([_pack_json(pack) for pack in packs])
        return 0
    for pack in packs:
        output.say(f"{pack.id}  {pack.ceiling:<12} {pack.item_count:>3}  {pack.title}")
    return 0


def _pack_json(pack: CoursePackRecord) -> dict[str, object]:
    return {
        "id": pack.id,
        "title": pack.title,
        "audience": pack.audience,
        "description": pack.description,
        "ceiling": pack.ceiling,
        "entries": pack.item_count,
        "created_at": pack.created_at,
        "updated_at": pack.updated_at,
    }


def cmd_export(hub: Hub, args: argparse.Namespace) -> int:
    courses = hub.courses
    pack = courses.find(args.pack)
    options = {
        "with_notes": args.with_notes,
        "lang": args.lang,
        "allow_personal_data": args.allow_personal_data,
    }
    if args.pdf:
        result = courses.export_pdf(pack.id, args.pdf, **options)
    elif args.html:
        result = courses.export_html(pack.id, args.html, **options)
    else:
        result = courses.export_markdown(pack.id, args.md, **options)
    _report(result, args.json)
    return 0


def _report(result: ExportResult, as_json: bool) -> None:
    if as_json:
        data = {name: getattr(result, name) for name in result.__dataclass_fields__}
        data["path"] = str(result.path)
        output.emit_json(data)
        return
    pages = f", {result.pages} pages" if result.pages else ""
    output.say(f"wrote {result.format} to {result.path}: {result.entries} entries{pages}")
    if result.skipped:
        output.warn(f"{result.skipped} entries above the pack's ceiling were left out")
