"""Turning loosely typed input (UI form, front matter, CSV) into model values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.fieldspec import Field, field_by_name
from expertise.models import CLASSIFICATIONS, LANGUAGES, STATUSES, Entry, Tag, Theme
from expertise.services.links import find_by_title

BASE_CHOICES = {"classification": CLASSIFICATIONS, "language": LANGUAGES, "status": STATUSES}
RESERVED = {"id", "kind", "title", "body", "body_md", "summary", "tags", "themes"}


def as_list(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        parts = value.replace(";", ",").split(",")
    elif isinstance(value, list | tuple | set | frozenset):
        parts = [str(item) for item in value]
    else:
        raise UserError(f"expected a list, got {type(value).__name__}")
    return [part.strip() for part in parts if part.strip()]


def as_date(value: object, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise UserError(f"{name}: not a date (YYYY-MM-DD)") from None


def resolve_ref(session: Session, value: object, kind: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    found = session.get(Entry, text)
    if found is None:
        found = find_by_title(session, text, kind)
    if found is None or (kind and found.kind != kind):
        raise UserError(f"{name}: no {kind or 'entry'} with that id or title")
    return found.id


def coerce(session: Session, field: Field, value: object) -> object:
    if field.type == "enum":
        if value in (None, ""):
            return field.choices[0]
        if value not in field.choices:
            raise UserError(f"{field.name}: must be one of {', '.join(field.choices)}")
        return value
    if field.type == "date":
        return as_date(value, field.name)
    if field.type == "list":
        return as_list(value)
    if field.type == "bool":
        return (
            value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "ja")
        )
    if field.type == "ref":
        return resolve_ref(session, value, field.ref_kind, field.name)
    if field.type == "reflist":
        return [resolve_ref(session, item, field.ref_kind, field.name) for item in as_list(value)]
    return "" if value is None else str(value)


def apply_base(entry: Entry, values: Mapping[str, object]) -> None:
    if "title" in values:
        title = str(values["title"] or "").strip()
        if not title:
            raise UserError("title: must not be empty")
        entry.title = title[:500]
    for name in ("body", "body_md"):
        if name in values:
            entry.body_md = str(values[name] or "")
    if "summary" in values:
        entry.summary = str(values["summary"] or "")
    for name, choices in BASE_CHOICES.items():
        if name in values and values[name] not in (None, ""):
            if values[name] not in choices:
                raise UserError(f"{name}: must be one of {', '.join(choices)}")
            setattr(entry, name, values[name])


def apply_fields(session: Session, entry: Entry, values: Mapping[str, object]) -> None:
    for name, value in values.items():
        if name in RESERVED or name in BASE_CHOICES:
            continue
        field = field_by_name(entry.kind, name)
        if field is None:
            raise UserError(f"{name}: not a field of a {entry.kind} entry")
        setattr(entry, field.attr, coerce(session, field, value))


def normalise_tag(name: str) -> str:
    return " ".join(name.split()).lower()[:200]


def apply_tags(session: Session, entry: Entry, names: object) -> None:
    wanted = sorted({normalise_tag(name) for name in as_list(names)} - {""})
    existing = {tag.name: tag for tag in session.scalars(select(Tag).where(Tag.name.in_(wanted)))}
    entry.tags = [existing.get(name) or Tag(name=name) for name in wanted]


def apply_themes(session: Session, entry: Entry, keys: object) -> None:
    wanted = sorted(set(as_list(keys)))
    found = {
        theme.key: theme for theme in session.scalars(select(Theme).where(Theme.key.in_(wanted)))
    }
    unknown = [key for key in wanted if key not in found]
    if unknown:
        raise UserError(f"themes: {len(unknown)} unknown theme keys (see docs/FIELDS.md)")
    entry.themes = [found[key] for key in wanted]
