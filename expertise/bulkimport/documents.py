"""Search documents made from the rows an import has just written, without reading them back.

The import holds every written entry as plain rows (`rows.EntryRows`) and knows
every title (`lookup.Known`), so it can give the index the same document
`expertise.services.documents.build_document` would make from the stored
entry (tests/core/test_import_overlap.py compares the two) while the store
goes on (an import's, and a team sync's new entries, expertise/team/fresh.py). Only
the entries named in `changed` (stored before, or given attachments since) may have
attachments: their text is read from the blob store, one query per batch for which
entries have any.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.bulkimport.lookup import Known
from expertise.bulkimport.rows import EntryRows
from expertise.models import Attachment
from expertise.services.documents import ORG_FIELDS, PEOPLE_FIELDS, attachment_text, extra_text

Document = dict[str, object]


def documents(
    session: Session,
    blobs: BlobStore,
    known: Known,
    written: Sequence[EntryRows],
    changed: Sequence[str],
) -> list[Document]:
    """The documents of `written`; `changed` names those that may have attachments."""
    attached: set[str] = set()
    if changed:
        query = select(Attachment.entry_id).where(Attachment.entry_id.in_(changed)).distinct()
        attached = set(session.scalars(query))
    texts = {entry_id: attachment_text(session, entry_id, blobs) for entry_id in attached}
    return [document(rows, known, texts.get(rows.id, "")) for rows in written]


def document(rows: EntryRows, known: Known, attachments: str = "") -> Document:
    """`build_document` of the entry these rows will be once committed."""
    entry = rows.entry
    people = [_value(rows, attr) for attr in PEOPLE_FIELDS]
    return {
        "id": rows.id,
        "kind": rows.kind,
        "title": entry["title"],
        "body": "\n".join(filter(None, [rows.body, extra_text(rows.kind, rows.get)])),
        "summary": entry["summary"],
        "tags": list(rows.tags),
        "themes": list(rows.themes),
        "organisation": _organisation(rows, known),
        "expertise": list(_value(rows, "expertise") or []),  # type: ignore[call-overload]
        "classification": entry["classification"],
        "language": entry["language"],
        "updated": entry["updated_at"],
        "revision": entry["revision"],
        "attachment_text": attachments,
        "people": [person for person in people if person],
    }


def _value(rows: EntryRows, attr: str) -> object:
    """The attribute if this kind has it (getattr(entry, attr, None) on the ORM object)."""
    return rows.entry[attr] if attr in rows.entry else rows.own.get(attr)


def _organisation(rows: EntryRows, known: Known) -> str:
    if rows.kind == "organisation":
        return rows.title
    for attr in ORG_FIELDS:
        org_id = _value(rows, attr)
        if org_id and known.kinds.get(str(org_id)) == "organisation":
            return known.titles[str(org_id)]
    return ""
