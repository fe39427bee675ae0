"""The tags and themes of a pulled batch, looked up once for all its entries.

`apply_tags` / `apply_themes` query per entry, and each query first flushes the entries
written before it: most of an incremental pull's work. Here one query per 500 names (`in_chunks`)
finds the batch's tags and themes; a tag new here is made once and shared by every entry
of the batch that names it. The values are what the one-entry path gives: tags
normalised and sorted, themes this hub does not know left out, the rest sorted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.db import in_chunks
from expertise.errors import UserError
from expertise.fields.types import as_list
from expertise.models import Entry, Tag, Theme
from expertise.services.values import normalise_tag
from expertise.team.items import ItemContent


class Labels:
    def __init__(self, session: Session, contents: Sequence[ItemContent]) -> None:
        names: set[str] = set()
        keys: set[str] = set()
        for content in contents:
            if content.values is None:
                continue
            try:
                names.update(_tag_names(content.values.get("tags")))
            except UserError:
                pass  # that entry's own apply refuses it
            keys.update(_theme_keys(content.values.get("themes")))
        self._tags: dict[str, Tag] = {}
        for chunk in in_chunks(sorted(names)):
            self._tags.update(
                (tag.name, tag) for tag in session.scalars(select(Tag).where(Tag.name.in_(chunk)))
            )
        self._themes: dict[str, Theme] = {}
        for chunk in in_chunks(sorted(keys)):
            query = select(Theme).where(Theme.key.in_(chunk))
            self._themes.update((theme.key, theme) for theme in session.scalars(query))

    def apply(self, entry: Entry, values: Mapping[str, object]) -> None:
        """The entry's tags (when given) and themes (always: none given is none)."""
        if "tags" in values:
            entry.tags = [self._tag(name) for name in _tag_names(values["tags"])]
        known = [key for key in _theme_keys(values.get("themes")) if key in self._themes]
        entry.themes = [self._themes[key] for key in known]

    def _tag(self, name: str) -> Tag:
        if name not in self._tags:
            self._tags[name] = Tag(name=name)
        return self._tags[name]


def check_labels(values: Mapping[str, object]) -> None:
    """UserError when the tags given are not a list (or text) of names."""
    _tag_names(values.get("tags"))


def _tag_names(value: object) -> list[str]:
    return sorted({normalise_tag(name) for name in as_list(value)} - {""})


def _theme_keys(value: object) -> list[str]:
    return sorted({str(key) for key in value}) if isinstance(value, list) else []
