"""Turning loosely typed input (UI form, front matter, CSV) into model values."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.fields import CLASSIFICATIONS, LANGUAGES, STATUSES, FieldSpec, field_by_name
from expertise.fields.types import as_list, type_of
from expertise.models import Entry, Tag, Theme
from expertise.services import tombstones
from expertise.services.links import find_by_title

BASE_CHOICES = {"classification": CLASSIFICATIONS, "language": LANGUAGES, "status": STATUSES}
RESERVED = {"id", "kind", "title", "body", "body_md", "summary", "tags", "themes"}


def resolve_ref(
    session: Session,
    value: object,
    kind: str | None,
    name: str,
    kinds: tuple[str, ...] = (),
    keep_deleted: bool = False,
) -> str | None:
    """The id of the entry `value` names (an id or a title) of `kind` (or one of `kinds`).

    With `keep_deleted`, the id of an entry deleted here is kept as it is: a row of
    a structured list (an agenda item) outlives the entry it refers to.
    """
    if value is None or value == "":
        return None
    text = str(value).strip()
    found = session.get(Entry, text)
    if found is None:
        found = find_by_title(session, text, kind)
    if found is None and keep_deleted and tombstones.was_deleted(session, text):
        return text
    wanted = (kind,) if kind else kinds
    if found is None or (wanted and found.kind not in wanted):
        raise UserError(f"{name}: no {' or '.join(wanted) or 'entry'} with that id or title")
    return found.id


def coerce(session: Session, field: FieldSpec, value: object) -> object:
    """A model value of `field` from loose input, as the field's type coerces it."""

    def resolve(ref: object, kind: str | None, name: str) -> str | None:
        kinds = field.ref_kinds if kind is None else ()
        return resolve_ref(session, ref, kind, name, kinds, keep_deleted=field.type == "rows")

    return type_of(field).coerce(field, value, resolve)


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
