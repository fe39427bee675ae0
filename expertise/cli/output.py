"""Printing results: plain text for people, JSON for scripts. Errors go to stderr."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, is_dataclass
from typing import Any

from expertise.services.convert import jsonable


def to_plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    return jsonable(value)


# Content may hold markup; escaped like this, JSON output can be pasted into an HTML page
# or a <script> block and still parses to the same strings.
_HTML_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_text(value: Any) -> str:
    """JSON with every <, > and & escaped: no tag in it, whatever the content holds."""
    return json.dumps(to_plain(value), ensure_ascii=False, indent=2).translate(_HTML_SAFE) + "\n"


def emit_json(value: Any) -> None:
    sys.stdout.write(json_text(value))


# Terminal control (escape sequences, bell, backspace) in content — a publisher name,
# a title — must not reach the terminal: shown as \x1b, never obeyed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def say(text: str = "") -> None:
    print(terminal_text(text))


def warn(text: str) -> None:
    print(terminal_text(text), file=sys.stderr)


def show_entry(record: Any, links: list[Any], backlinks: list[Any]) -> None:
    say(f"{record.title}")
    say(f"  id: {record.id}   kind: {record.kind}   revision: {record.revision}")
    say(
        f"  classification: {record.classification}   language: {record.language}"
        f"   status: {record.status}{'   (review overdue)' if record.stale else ''}"
    )
    if record.tags:
        say(f"  tags: {', '.join(record.tags)}")
    if record.themes:
        say(f"  themes: {', '.join(record.themes)}")
    for name, value in record.fields.items():
        if value not in (None, "", []):
            say(f"  {name}: {value}")
    say()
    say(record.body_md)
    if links:
        say("\nLinks: " + ", ".join(link.title for link in links))
    if backlinks:
        say("Linked from: " + ", ".join(link.title for link in backlinks))


MAX_NOTES_SHOWN = 50  # a folder of 10k notes from one tool may give a note each


def say_import_notes(report: Any) -> None:
    """How lenient values were read, and the drafts made for missing references."""
    for note in report.notes[:MAX_NOTES_SHOWN]:
        say(note)
    hidden = len(report.notes) - MAX_NOTES_SHOWN
    if hidden > 0:
        say(f"… and {hidden} more values read by label (--json lists them all)")
    if report.created_missing:
        say(f"created {len(report.created_missing)} missing entries as drafts:")
    for made in report.created_missing:
        say(f"  {made.kind} `{made.title}` ({made.id}), named by {made.field} in {made.source}")
