"""A course pack as one sanitised document model, shared by the HTML and PDF exports.

`gather` reads what an export may show inside one session and applies the
ceiling there: an entry whose level was raised after it was added is skipped
and counted, never read further. `build_document` turns that into sections of
sanitised HTML and checks the ceiling once more, so nothing above it can reach
a writer even if a caller hands it a hand-made source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import nh3
from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.courses import labels
from expertise.courses.records import CoursePackRecord
from expertise.courses.service import get_pack, to_record
from expertise.fields.rows import row_lines
from expertise.fieldspec import field_by_name, fields_of
from expertise.models import CLASSIFICATIONS, Attachment, CoursePack, Entry, classification_rank
from expertise.records import AttachmentRecord, EntryRecord
from expertise.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, WIKI, escape_text, markdown_to_html
from expertise.services.attachments import to_record as attachment_record
from expertise.services.convert import to_record as entry_record
from expertise.services.links import parse_wiki_links

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

# Bookkeeping and consent data are for the hub, not for a classroom.
HIDDEN_FIELDS = frozenset(
    {"owner", "review_by", "superseded_by", "consent_date", "consent_basis", "last_verified"}
)
PROSE_FIELDS = frozenset(
    {"bottleneck", "results", "context", "practice", "outcome", "lessons", "source_case"}
)
# Exports are read outside the app: no images (they could point anywhere) and
# only links that stay inside the document.
EXPORT_TAGS = ALLOWED_TAGS - {"img"}
EXPORT_ATTRIBUTES = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items() if tag != "img"}


def within(level: str, ceiling: str) -> bool:
    return classification_rank(level) <= classification_rank(ceiling)


@dataclass(frozen=True)
class SourceItem:
    entry: EntryRecord
    note: str
    refs: Mapping[str, str]  # reference field -> titles, only of entries within the ceiling
    attachments: tuple[AttachmentRecord, ...]
    ref_ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # the same, as ids


@dataclass(frozen=True)
class PackSource:
    pack: CoursePackRecord
    items: tuple[SourceItem, ...]
    skipped: int
    withheld: frozenset[str] = frozenset()  # lower-case titles of linked entries above it


@dataclass(frozen=True)
class LinkScope:
    """How wiki links render in a document: to a section, as plain text, or withheld."""

    in_pack: Mapping[str, str]  # entry id -> title, for the sections of this document
    withheld: frozenset[str] = frozenset()
    placeholder: str = "[…]"


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    kind: str
    classification: str
    html: str


@dataclass(frozen=True)
class PackDocument:
    pack: CoursePackRecord
    lang: str
    banner: labels.Level
    hub_name: str
    exported_at: datetime
    with_notes: bool
    skipped: int
    sections: tuple[Section, ...] = field(default_factory=tuple)
    scope: LinkScope = field(default_factory=lambda: LinkScope({}))

    @property
    def footer(self) -> str:
        exported = self.exported_at.strftime("%Y-%m-%d %H:%M")
        return (
            f"{labels.word(self.lang, 'exported')} {exported} · "
            f"{labels.word(self.lang, 'hub')}: {self.hub_name}"
        )

    @property
    def banner_text(self) -> str:
        return self.banner.label.upper()

    def page_label(self) -> str:
        return labels.word(self.lang, "page")


# -- reading (inside one session) ------------------------------------------------
def gather(
    session: Session, pack_id: str, progress: Progress | None = None, cancel: Cancel | None = None
) -> PackSource | None:
    """Everything an export may show; None if cancelled."""
    pack = get_pack(session, pack_id)
    record = to_record(session, pack, with_items=False)
    items: list[SourceItem] = []
    skipped = 0
    ordered = sorted(pack.items, key=lambda item: item.position)
    for done, item in enumerate(ordered, start=1):
        if cancel is not None and cancel():
            return None
        entry = session.get(Entry, item.entry_id)
        if entry is not None and within(entry.classification, pack.ceiling):
            items.append(_source_item(session, pack, entry, item.trainer_note))
        else:
            skipped += entry is not None
        if progress is not None:
            progress(done, len(ordered))
    withheld = _linked_above(session, items, pack.description, pack.ceiling)
    return PackSource(record, tuple(items), skipped, withheld)


def _linked_above(
    session: Session, items: list[SourceItem], description: str, ceiling: str
) -> frozenset[str]:
    """Wiki-link titles naming an entry above the ceiling: the title alone would tell too much.

    If several entries share a title and any of them is above the ceiling, the
    link is withheld: the safe side of an ambiguous name. Titles are compared in
    Python, because SQLite's lower() folds ASCII only.
    """
    texts = [description]
    for item in items:
        texts += [item.entry.body_md, item.note, item.entry.summary]
        texts += [v for v in item.entry.fields.values() if isinstance(v, str)]
    linked = {title.lower() for text in texts for title in parse_wiki_links(text)}
    if not linked:
        return frozenset()
    above = [level for level in CLASSIFICATIONS if not within(level, ceiling)]
    titles = session.scalars(select(Entry.title).where(Entry.classification.in_(above)))
    return frozenset(linked & {title.strip().lower() for title in titles})


def withhold_links(text: str, scope: LinkScope) -> str:
    """Replace wiki links to entries above the ceiling, shown text and all."""
    if not scope.withheld or "[[" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        title = match.group(1).strip().lower()
        return scope.placeholder if title in scope.withheld else match.group(0)

    return WIKI.sub(replace, text)


def _source_item(session: Session, pack: CoursePack, entry: Entry, note: str) -> SourceItem:
    rows = session.scalars(
        select(Attachment).where(Attachment.entry_id == entry.id).order_by(Attachment.file_name)
    )
    titles, ids = _references(session, entry, pack.ceiling)
    return SourceItem(
        entry=entry_record(entry),
        note=note,
        refs=titles,
        attachments=tuple(attachment_record(row) for row in rows),
        ref_ids=ids,
    )


def _references(
    session: Session, entry: Entry, ceiling: str
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Reference fields resolved; an entry above the ceiling is neither named nor linked."""
    titles: dict[str, str] = {}
    ids: dict[str, tuple[str, ...]] = {}
    for spec in fields_of(entry.kind):
        if spec.type not in ("ref", "reflist") or spec.name in HIDDEN_FIELDS:
            continue
        value = getattr(entry, spec.attr)
        targets = [
            session.get(Entry, str(i))
            for i in (value if isinstance(value, list) else [value] if value else [])
        ]
        shown = [t for t in targets if t is not None and within(t.classification, ceiling)]
        ids[spec.name] = tuple(t.id for t in shown)
        if shown:
            titles[spec.name] = ", ".join(t.title for t in shown)
    return titles, ids


# -- building (no session, no I/O) ---------------------------------------------
def build_document(
    source: PackSource,
    *,
    with_notes: bool,
    hub_name: str,
    lang: str = "en",
    exported_at: datetime | None = None,
) -> PackDocument:
    ceiling = source.pack.ceiling
    allowed = [item for item in source.items if within(item.entry.classification, ceiling)]
    scope = LinkScope(
        {item.entry.id: item.entry.title for item in allowed},
        source.withheld,
        labels.word(lang, "withheld"),
    )
    sections = tuple(_section(item, scope, with_notes, lang) for item in allowed)
    return PackDocument(
        pack=source.pack,
        lang=labels.language_of(lang),
        banner=labels.level(lang, ceiling),
        hub_name=hub_name,
        exported_at=exported_at or datetime.now(),
        with_notes=with_notes,
        skipped=source.skipped + len(source.items) - len(allowed),
        sections=sections,
        scope=scope,
    )


def anchor_of(entry_id: str) -> str:
    return f"entry-{entry_id}"


def export_clean(raw_html: str, scope: LinkScope) -> str:
    """Second sanitising pass for exports: no images, links only to sections in the pack."""

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            target = value.removeprefix("entry:")
            return f"#{anchor_of(target)}" if target in scope.in_pack else None
        return value

    return nh3.clean(
        raw_html,
        tags=EXPORT_TAGS,
        attributes=EXPORT_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"entry"},
        link_rel=None,
    )


def render_markdown(text: str, scope: LinkScope) -> str:
    by_title = {title.strip().lower(): entry_id for entry_id, title in scope.in_pack.items()}
    shown = withhold_links(text, scope)
    return export_clean(markdown_to_html(shown, lambda t: by_title.get(t.lower())), scope)


def _section(item: SourceItem, scope: LinkScope, with_notes: bool, lang: str) -> Section:
    entry = item.entry
    level = labels.level(lang, entry.classification)
    # The anchor sits on the meta line, not the title: Qt's PDF output splits the
    # first glyph of an anchored run off, which garbles the title for text search.
    parts = [
        f'<h1 class="entry-title">{escape_text(entry.title)}</h1>',
        f'<p class="entry-meta"><a name="{anchor_of(entry.id)}">'
        f"{escape_text(labels.kind_name(lang, entry.kind))}</a> · "
        f'<span class="level">{escape_text(level.label)}</span> · {escape_text(entry.language)}'
        "</p>",
    ]
    if entry.summary:
        summary = escape_text(withhold_links(entry.summary, scope))
        parts.append(f'<p class="summary"><i>{summary}</i></p>')
    parts.append(_fields_table(item, scope, lang))
    parts.append(render_markdown(without_title_heading(entry.body_md, entry.title), scope))
    parts.extend(_prose_fields(item, scope, lang))
    parts.append(_attachment_list(item, lang))
    if with_notes and item.note:
        parts.append(note_box(labels.word(lang, "note"), render_markdown(item.note, scope)))
    return Section(
        anchor_of(entry.id), entry.title, entry.kind, entry.classification, "".join(parts)
    )


def note_box(label: str, body_html: str) -> str:
    # A one-cell table, not a styled div: Qt's rich text draws backgrounds and
    # borders on table cells only, and the PDF goes through Qt.
    return (
        '<table class="note" width="100%" cellspacing="0"><tr><td>'
        f'<p class="note-label"><b>{escape_text(label)}</b></p>{body_html}</td></tr></table>'
    )


def without_title_heading(body: str, title: str) -> str:
    """Drop a leading `# Title` that repeats the title the section already shows."""
    first, _, rest = body.lstrip().partition("\n")
    heading = first.strip()
    if heading.startswith("# ") and heading[2:].strip().lower() == title.strip().lower():
        return rest
    return body


def _fields_table(item: SourceItem, scope: LinkScope, lang: str) -> str:
    rows = [(labels.field_name(lang, name), text) for name, text in _short_fields(item, lang)]
    if item.entry.tags:
        rows.append((labels.word(lang, "tags"), ", ".join(item.entry.tags)))
    if item.entry.themes:
        names = ", ".join(labels.theme_name(lang, key) for key in item.entry.themes)
        rows.append((labels.word(lang, "themes"), names))
    if not rows:
        return ""
    cells = "".join(
        f"<tr><th>{escape_text(name)}</th><td>{escape_text(withhold_links(value, scope))}</td></tr>"
        for name, value in rows
    )
    return f'<table class="fields" cellspacing="0">{cells}</table>'


def _short_fields(item: SourceItem, lang: str) -> list[tuple[str, str]]:
    shown = []
    for spec in fields_of(item.entry.kind):
        if spec.name in HIDDEN_FIELDS or spec.name in PROSE_FIELDS:
            continue
        text = _field_text(item, spec.name, spec.type, lang)
        if text:
            shown.append((spec.name, text))
    return shown


def _field_text(item: SourceItem, name: str, type_: str, lang: str) -> str:
    if type_ in ("ref", "reflist"):
        return item.refs.get(name, "")
    value = item.entry.fields.get(name)
    spec = field_by_name(item.entry.kind, name)
    if type_ == "rows" and spec is not None:
        return "\n".join(row_lines(spec, value))
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return labels.word(lang, "yes" if value else "no")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(part) for part in value)
    return str(value).replace("_", " ") if type_ == "enum" else str(value)


def _prose_fields(item: SourceItem, scope: LinkScope, lang: str) -> list[str]:
    blocks = []
    for spec in fields_of(item.entry.kind):
        text = item.entry.fields.get(spec.name)
        if spec.name in PROSE_FIELDS and isinstance(text, str) and text.strip():
            blocks.append(
                f"<h3>{escape_text(labels.field_name(lang, spec.name))}</h3>"
                + render_markdown(text, scope)
            )
    return blocks


def _attachment_list(item: SourceItem, lang: str) -> str:
    if not item.attachments:
        return ""
    names = "".join(
        f"<li>{escape_text(a.file_name)} ({_size(a.size)})</li>" for a in item.attachments
    )
    label = escape_text(labels.word(lang, "attachments"))
    return f'<p class="attachments"><b>{label}</b></p><ul>{names}</ul>'


def _size(size: int) -> str:
    return f"{size} B" if size < 1024 else f"{size / 1024:.0f} kB"
