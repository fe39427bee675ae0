"""Small pieces every report section builds with (limits, counts, lists, the empty note).

Shared by the general sections (document.py) and the work-cycle sections
(document_cycle.py) so neither imports the other's internals.
"""

from __future__ import annotations

from expertise.report.model import Block, Items, Text
from expertise.report.words import word

MAX_BARS = 10  # longer lists are charted as the largest ones plus "other"
MAX_ITEMS = 40
MAX_ROWS = 30  # a table longer than this ends in one "other" row


def _num(count: int) -> str:
    return str(count)


def _items(lang: str, heading: str, titles: tuple[str, ...]) -> Items:
    shown = titles[:MAX_ITEMS]
    more = (word(lang, "more", count=len(titles) - len(shown)),) if len(titles) > MAX_ITEMS else ()
    return Items(heading, shown + more)


def _empty(lang: str) -> tuple[Block, ...]:
    return (Text(word(lang, "empty")),)
