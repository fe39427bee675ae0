"""Entry → plain search document, the only shape `index/` ever sees."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import IntegrityError
from expertise.fields.rows import row_text
from expertise.fieldspec import fields_of
from expertise.models import Attachment, Entry
from index.extract import extract_text

log = logging.getLogger(__name__)
ORG_FIELDS = ("organisation_id", "owner_org_id", "requested_by_id")
PEOPLE_FIELDS = ("author_id", "owner_id", "lead_id")


@dataclass
class DocContext:
    """Lookups a batch of documents shares, loaded once instead of once per entry.

    A rebuild of 10k entries spent ~70 s asking for each entry's organisation
    and attachments one query at a time; with these maps it is a few seconds.
    """

    org_names: dict[str, str] = field(default_factory=dict)
    with_attachments: set[str] = field(default_factory=set)


def load_context(session: Session) -> DocContext:
    orgs = session.execute(select(Entry.id, Entry.title).where(Entry.kind == "organisation"))
    attached = session.scalars(select(Attachment.entry_id).distinct())
    return DocContext({org_id: title for org_id, title in orgs}, set(attached))


def _organisation_name(session: Session, entry: Entry, context: DocContext | None) -> str:
    if entry.kind == "organisation":
        return entry.title
    for attr in ORG_FIELDS:
        org_id = getattr(entry, attr, None)
        if not org_id:
            continue
        if context is not None:
            if org_id in context.org_names:
                return context.org_names[org_id]
            continue
        org = session.get(Entry, org_id)
        if org is not None:
            return org.title
    return ""


def _extra_text(entry: Entry) -> str:
    return extra_text(entry.kind, lambda attr: getattr(entry, attr))


def extra_text(kind: str, get: Callable[[str], object]) -> str:
    """Kind-specific prose (context, lessons, results, follow-ups...) is searchable body text.

    `get(attr)` gives the entry's value: from the ORM object here, from plain
    rows in the bulk import (expertise/bulkimport/documents.py).
    """
    parts = []
    for spec in fields_of(kind):
        value = get(spec.attr)
        if spec.type == "rows":
            parts.append(row_text(spec, value))
        elif spec.type in ("text", "multiline") and spec.name not in ("email", "phone", "country"):
            parts.append(str(value or ""))
    return "\n".join(part for part in parts if part)


def attachment_text(session: Session, entry_id: str, blobs: BlobStore) -> str:
    texts = []
    for attachment in session.scalars(select(Attachment).where(Attachment.entry_id == entry_id)):
        try:
            data = blobs.get(attachment.id)
        except IntegrityError:
            log.warning("attachment %s failed authentication; not indexed", attachment.id)
            continue
        texts.append(attachment.file_name)
        texts.append(extract_text(data, attachment.media_type, attachment.file_name))
    return "\n".join(texts)


def build_document(
    session: Session, entry: Entry, blobs: BlobStore, context: DocContext | None = None
) -> dict[str, object]:
    attached = context is None or entry.id in context.with_attachments
    people = [getattr(entry, attr, None) for attr in PEOPLE_FIELDS]
    return {
        "id": entry.id,
        "kind": entry.kind,
        "title": entry.title,
        "body": "\n".join(filter(None, [entry.body_md, _extra_text(entry)])),
        "summary": entry.summary,
        "tags": [tag.name for tag in entry.tags],
        "themes": [theme.key for theme in entry.themes],
        "organisation": _organisation_name(session, entry, context),
        "expertise": list(getattr(entry, "expertise", None) or []),
        "classification": entry.classification,
        "language": entry.language,
        "updated": entry.updated_at,
        "revision": entry.revision,
        "attachment_text": attachment_text(session, entry.id, blobs) if attached else "",
        "people": [person for person in people if person],
    }
