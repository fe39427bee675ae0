"""The CLI side of the personal-data guard: the override option and the listing of hits.

A refused export lists every hit (entry, field, pattern, redacted preview) on
stderr and exits 1; the matched text itself is never printed.
"""

from __future__ import annotations

import argparse

from expertise.cli import output
from expertise.privacy import PersonalDataFound

OPTION = "--allow-personal-data"


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        OPTION,
        action="store_true",
        help="export even if case or practice text looks like personal data (audited)",
    )


def list_hits(error: PersonalDataFound) -> None:
    for item in error.found:
        output.warn(f"{item.entry_id}  {item.kind}  {item.title}")
        for hit in item.hits:
            output.warn(f"    {hit.field} [{hit.start}:{hit.end}]  {hit.kind}  {hit.preview}")
