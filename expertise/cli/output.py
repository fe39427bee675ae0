"""Printing results: plain text for people, JSON for scripts. Errors go to stderr."""

from __future__ import annotations

import json
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


def emit_json(value: Any) -> None:
    json.dump(to_plain(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def say(text: str = "") -> None:
    print(text)


def warn(text: str) -> None:
    print(text, file=sys.stderr)


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
