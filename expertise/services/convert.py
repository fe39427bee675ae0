"""Row ↔ record conversion and JSON-safe snapshots."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from expertise.fieldspec import fields_of
from expertise.models import Entry
from expertise.records import EntryRecord, EntrySummary


def is_stale(review_by: date | None, today: date | None = None) -> bool:
    return review_by is not None and review_by < (today or date.today())


def field_values(entry: Entry) -> dict[str, object]:
    values: dict[str, object] = {}
    for field in fields_of(entry.kind):
        value = getattr(entry, field.attr)
        values[field.name] = list(value) if isinstance(value, list) else value
    return values


def to_record(entry: Entry) -> EntryRecord:
    return EntryRecord(
        id=entry.id,
        kind=entry.kind,
        title=entry.title,
        body_md=entry.body_md,
        summary=entry.summary,
        classification=entry.classification,
        language=entry.language,
        status=entry.status,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        revision=entry.revision,
        tags=tuple(sorted(tag.name for tag in entry.tags)),
        themes=tuple(sorted(theme.key for theme in entry.themes)),
        fields=field_values(entry),
        stale=is_stale(entry.review_by),
    )


def to_summary(entry: Entry) -> EntrySummary:
    return EntrySummary(
        id=entry.id,
        kind=entry.kind,
        title=entry.title,
        summary=entry.summary,
        classification=entry.classification,
        language=entry.language,
        status=entry.status,
        updated_at=entry.updated_at,
        revision=entry.revision,
        stale=is_stale(entry.review_by),
        review_by=entry.review_by,
    )


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    return value


def snapshot(entry: Entry) -> dict[str, object]:
    """The saved content of an entry, without its bookkeeping (revision, dates)."""
    data = to_record(entry).as_dict()
    return {key: jsonable(value) for key, value in data.items()}
