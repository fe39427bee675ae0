"""Dragging entries between views: the `application/x-expertise-entry-ids` mime type.

The payload is the entry ids as UTF-8 text, one per line, nothing else: no
titles or content, so a drag that ends in another program carries no
knowledge out of the hub. Any view that lists entries can offer a drag with
`entry_ids_mime(ids)`; the course pack view accepts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMimeData

ENTRY_IDS_MIME = "application/x-expertise-entry-ids"
MAX_IDS = 1000
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def entry_ids_mime(entry_ids: Iterable[str]) -> QMimeData:
    mime = QMimeData()
    payload = "\n".join(entry_ids).encode("utf-8")
    mime.setData(ENTRY_IDS_MIME, QByteArray(payload))
    return mime


def entry_ids_from_mime(mime: QMimeData | None) -> list[str]:
    """The ids in a drop, in order, without duplicates; anything malformed is ignored."""
    if mime is None or not mime.hasFormat(ENTRY_IDS_MIME):
        return []
    text = bytes(mime.data(ENTRY_IDS_MIME).data()).decode("utf-8", errors="replace")
    ids = [line.strip() for line in text.splitlines()[:MAX_IDS]]
    return list(dict.fromkeys(i.lower() for i in ids if _UUID.match(i)))
