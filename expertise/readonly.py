"""Hubs on media that cannot be written: how they are recognised and searched.

A hub on write-protected media, a read-only share or a folder without write
permission opens read-only (docs/FAULTS.md): no lock file is created, the
database opens with SQLite's read-only or immutable URI, nothing is migrated
or audited, and every write says "this hub is read-only". The search index
cannot be rebuilt there; when it is missing or behind the database, a plain
scan over the decrypted rows stands in and `LIMITED_SEARCH` says so.
"""

from __future__ import annotations

import errno
import html
import os
import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.models import Entry
from index import Hit, SearchResults, TitleHit, markdown_to_text

LIMITED_SEARCH = (
    "limited search: this read-only hub's index is out of date and cannot be rebuilt here, "
    "so results come from a plain word scan (no ranking, stemming or facets)"
)
_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)
_CONTEXT = 60  # characters of context on each side of the match


def is_read_only(folder: Path) -> bool:
    """Whether the hub folder (or its database) cannot be written by this process."""
    db = folder / "hub.db"
    if not os.access(folder, os.W_OK):
        return True
    return db.exists() and not os.access(db, os.W_OK)


def is_read_only_error(error: OSError) -> bool:
    return error.errno in _READ_ONLY_ERRNOS


def _words(query: str) -> list[str]:
    # Field syntax (kind:advice) and operators mean nothing to a plain scan.
    cleaned = re.sub(r"\b\w+:\S*|\b(AND|OR|NOT)\b|[\"()*~^+-]", " ", query)
    return [w.casefold() for w in cleaned.split() if w.strip()]


def _snippet(text: str, word: str) -> str:
    """About 120 characters of plain text around the first match, whole words, marked."""
    plain = " ".join(markdown_to_text(text).split())
    at = max(0, plain.casefold().find(word))
    start = plain.rfind(" ", 0, at - _CONTEXT) + 1 if at > _CONTEXT else 0
    end = plain.find(" ", at + len(word) + _CONTEXT)
    end = len(plain) if end < 0 else end
    part = html.escape(plain[start:end])
    if word:
        part = re.sub(f"({re.escape(html.escape(word))})", r"<mark>\1</mark>", part, flags=re.I)
    return ("…" if start else "") + part + ("…" if end < len(plain) else "")


def scan_search(
    session: Session, query: str, kind: str | None, limit: int, page: int = 1
) -> SearchResults:
    """Entries whose title, summary or body hold every word of `query`, by title."""
    words = _words(query)
    statement = select(Entry.id, Entry.kind, Entry.title, Entry.summary, Entry.body_md)
    if kind:
        statement = statement.where(Entry.kind == kind)
    hits: list[Hit] = []
    for entry_id, entry_kind, title, summary, body in session.execute(
        statement.order_by(Entry.title)
    ):
        folded = f"{title}\n{summary}\n{body}".casefold()
        if words and all(word in folded for word in words):
            snippet = _snippet(f"{summary}\n\n{body}", words[0])
            hits.append(Hit(entry_id, entry_kind, title, 1.0, snippet))
    start = (max(1, page) - 1) * limit
    return SearchResults(query, len(hits), hits[start : start + limit], {}, None)


def scan_titles(session: Session, prefix: str, limit: int) -> list[TitleHit]:
    folded = prefix.casefold().strip()
    if not folded:
        return []
    found: list[TitleHit] = []
    for entry_id, kind, title in session.execute(
        select(Entry.id, Entry.kind, Entry.title).order_by(Entry.title)
    ):
        if folded in title.casefold():
            found.append(TitleHit(entry_id, kind, title))
            if len(found) >= limit:
                break
    return found
