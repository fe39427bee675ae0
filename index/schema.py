"""Whoosh schema (ARCHITECTURE §5) and the record -> Whoosh document mapping.

Each text field exists once per language (``all_nl``, ``all_en``...). A
document fills the fields of its own language only; a query is analysed for
both, so each side meets the other through the same analyzer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from whoosh import columns
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from index.analysis import (
    LANGUAGES,
    JoinedText,
    WeightedText,
    edge_analyzer,
    markdown_to_text,
    plain_analyzer,
    text_analyzer,
)
from index.config import IndexConfig

SCHEMA_VERSION = 2
SNIPPET_MAX = 30_000  # characters kept for highlighting; matches later fall back to the start

# Language-specific text fields, by base name. "all" holds title, summary,
# body, tags, themes, organisation and areas in one field with per-part
# weights: one posting list per word instead of six keeps queries fast.
TEXT_BASES = ("title", "all", "attach", "areas")
PART_WEIGHTS = {"title": 1.0, "summary": 2.0, "extra": 2.0, "areas": 2.0, "body": 1.0}
FACET_FIELDS = {
    "kind": "kind",
    "tags": "tags",
    "themes": "themes",
    "organisation": "organisation",
    "classification": "classification",
}


class ListKeyword(KEYWORD):  # type: ignore[misc]
    """Comma-separated keywords whose column holds the list, for overlap facets."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(lowercase=True, commas=True, scorable=True, **kwargs)
        self.column_type = columns.VarBytesListColumn()

    def to_column_value(self, value: Any) -> list[bytes]:
        parts = value.split(",") if isinstance(value, str) else list(value)
        return [p.strip().lower().encode("utf-8") for p in parts if p.strip()]

    def from_column_value(self, value: list[bytes]) -> list[str]:
        return [v.decode("utf-8") for v in value]


def build_schema() -> Schema:
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "kind": ID(stored=True, sortable=True),
        "title": STORED(),
        "snippet": STORED(),
        "areas": STORED(),
        "tags": ListKeyword(),
        "themes": ListKeyword(),
        "organisation": ID(stored=True, sortable=True),
        "org": TEXT(analyzer=plain_analyzer(), phrase=True),
        "classification": ID(stored=True, sortable=True),
        "language": ID(stored=True),
        "updated": DATETIME(stored=True, sortable=True),
        "revision": NUMERIC(stored=True),
        "people": KEYWORD(stored=True, commas=True),
        "title_ac": TEXT(analyzer=edge_analyzer(), phrase=False),
        "spell": TEXT(analyzer=plain_analyzer(), phrase=False),
    }
    for lang in LANGUAGES:
        analyzer = text_analyzer(lang)
        for base in TEXT_BASES:
            fields[f"{base}_{lang}"] = TEXT(analyzer=analyzer, phrase=True)
    return Schema(**fields)


# -- record -> document --------------------------------------------------------
def _text(record: Mapping[str, object], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def _strings(record: Mapping[str, object], key: str) -> list[str]:
    value = record.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable):
        return []
    # a comma would split one keyword into two
    return [str(v).replace(",", " ").strip() for v in value if str(v).strip()]


def _updated(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value:
        try:
            return _updated(datetime.fromisoformat(value))
        except ValueError:
            return None
    return None


def classification_of(record: Mapping[str, object], config: IndexConfig) -> str:
    # an unknown level is treated as the most restrictive one, never the least
    return config.classification_of(_text(record, "classification"))


def language_of(record: Mapping[str, object]) -> str:
    value = _text(record, "language").lower()
    return value if value in LANGUAGES else "nl"


def to_document(record: Mapping[str, object], config: IndexConfig) -> dict[str, Any]:
    """Turn a plain record (see docs/FIELDS.md) into Whoosh field values."""
    doc_id = _text(record, "id")
    if not doc_id:
        raise ValueError("record without id")
    lang = language_of(record)
    title = _text(record, "title")
    summary = _text(record, "summary")
    body = markdown_to_text(_text(record, "body"))
    attach = _text(record, "attachment_text")
    tags, themes = _strings(record, "tags"), _strings(record, "themes")
    areas = _strings(record, "expertise")
    organisation = _text(record, "organisation").strip()
    extra = " ".join([*tags, *(t.replace("_", " ") for t in themes), organisation])
    doc: dict[str, Any] = {
        "id": doc_id,
        "kind": _text(record, "kind").lower(),
        "title": title,
        "snippet": "\n".join(p for p in (summary, body, attach) if p)[:SNIPPET_MAX],
        "areas": areas,
        "tags": ",".join(tags),
        "themes": ",".join(themes),
        "org": organisation,
        "classification": classification_of(record, config),
        "language": lang,
        "revision": _revision(record.get("revision")),
        "people": ",".join(_strings(record, "people")),
        "title_ac": title,
        "spell": JoinedText((title, summary, body, " ".join(tags), " ".join(areas))),
        f"title_{lang}": title,
        f"all_{lang}": WeightedText(
            (text, PART_WEIGHTS[part])
            for part, text in (
                ("title", title),
                ("summary", summary),
                ("extra", extra),
                ("areas", " . ".join(areas)),
                ("body", body),
            )
        ),
        f"attach_{lang}": attach,
        f"areas_{lang}": " . ".join(areas),
    }
    if organisation:
        doc["organisation"] = organisation
    updated = _updated(record.get("updated"))
    if updated is not None:
        doc["updated"] = updated
    return doc


def _revision(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
