"""The CLI side of the personal-data guard: the override option and the listing of hits.

A refused export lists every hit (entry, field, pattern, redacted preview) on
stderr and exits 1; the matched text itself is never printed.
"""

from __future__ import annotations

import argparse

from expertise.cli import output
from expertise.privacy import EntryHits, PersonalDataFound

OPTION = "--allow-personal-data"


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        OPTION,
        action="store_true",
        help="export even if case or practice text looks like personal data (audited)",
    )


def list_hits(error: PersonalDataFound, as_json: bool = False) -> None:
    """Every hit on stderr; with --json also as data on stdout (previews only, no text)."""
    if as_json:
        output.emit_json({"personal_data": [_item_json(item) for item in error.found]})
    for item in error.found:
        output.warn(f"{item.entry_id}  {item.kind}  {item.title}")
        for hit in item.hits:
            output.warn(f"    {hit.field} [{hit.start}:{hit.end}]  {hit.kind}  {hit.preview}")


def _item_json(item: EntryHits) -> dict[str, object]:
    return {
        "id": item.entry_id,
        "kind": item.kind,
        "title": item.title,
        "hits": [
            {
                "field": h.field,
                "start": h.start,
                "end": h.end,
                "pattern": h.kind,
                "preview": h.preview,
            }
            for h in item.hits
        ],
    }
