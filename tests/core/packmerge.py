"""Helpers for the pack merge-safety tests: a local note, trusted partner keys, origins."""

from __future__ import annotations

from expertise import models
from expertise.hub import Hub
from expertise.models import Attachment, EntryOrigin
from expertise.packs import PackFacade
from expertise.packs.contents import PackAttachment, PackEntry
from expertise.packs.signing import PublisherKey

BODY = "Vertrouwelijke werkwijze: eerst de melding vastleggen, dan het team van dienst bellen."


def partner(packs: PackFacade, name: str) -> PublisherKey:
    """A new publisher key this hub trusts (as after a checked first import)."""
    key = PublisherKey.generate()
    packs.trust(key.fingerprint, name)
    return key


def local_note(hub: Hub, classification: str = "confidential") -> str:
    record = hub.entries.add(
        "advice",
        {
            "title": "Werkwijze bij meldingen van online grooming",
            "summary": "Interne afspraken voor de eerste 24 uur",
            "body": BODY,
            "classification": classification,
            "tags": ["grooming", "melding"],
        },
    )
    return record.id


def values_of(hub: Hub, entry_id: str) -> dict[str, object]:
    """The entry's whole snapshot, as an exporting hub would ship it."""
    row = next(r for r in hub.transfer.export_json() if r["id"] == entry_id)
    return {k: v for k, v in row.items() if k not in ("id", "kind")}


def advice(
    entry_id: str, revision: int, attachments: tuple[PackAttachment, ...] = (), **values: object
) -> PackEntry:
    values.setdefault("title", "Advies uit het partnernetwerk")
    return PackEntry(entry_id, "advice", revision, dict(values), attachments)


def origin_of(hub: Hub, entry_id: str) -> tuple[str, int, int | None] | None:
    def read(session) -> tuple[str, int, int | None] | None:
        row = session.get(EntryOrigin, entry_id)
        return None if row is None else (row.publisher, row.remote_revision, row.local_revision)

    return hub.session.read(read)


def tombstoned(hub: Hub, entry_id: str) -> bool:
    return hub.session.read(lambda s: s.get(models.EntryTombstone, entry_id) is not None)


def state(hub: Hub) -> tuple[object, ...]:
    """Everything a pack could change: entries, attachments, origins, tombstones."""

    def read(session) -> tuple[object, ...]:
        from sqlalchemy import select

        return (
            sorted(
                (a.id, a.entry_id, a.file_name, a.size) for a in session.scalars(select(Attachment))
            ),
            sorted(
                (o.entry_id, o.publisher, o.remote_revision, o.local_revision)
                for o in session.scalars(select(EntryOrigin))
            ),
            sorted(t.entry_id for t in session.scalars(select(models.EntryTombstone)))
            if hasattr(models, "EntryTombstone")
            else [],
        )

    rows = sorted(hub.transfer.export_json(), key=lambda r: str(r["id"]))
    return (rows, *hub.session.read(read))
