"""`PackFacade`: knowledge packs on one hub (export, inspect, import, trusted publishers).

Heavy work that needs no database (Argon2id, AES-GCM, signature checks) runs
outside a session; each database step is one `hub.session` read or write,
so the search index follows an import like any other write.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise import space
from expertise.errors import UserError
from expertise.kdf import KdfParams, calibrate
from expertise.models import AuditEvent, CoursePack, SavedSearch, Tag, Theme, TrustedPublisher
from expertise.packs import format as container
from expertise.packs import publishers, signing
from expertise.packs.contents import PackContents
from expertise.packs.errors import Cancelled, UntrustedPublisher
from expertise.packs.exporting import Selection, build_contents, select_entries
from expertise.packs.importing import Importer
from expertise.packs.manifest import FORMAT_VERSION, Manifest, ManifestEntry
from expertise.packs.merge import check_choices, plan_merge
from expertise.packs.records import (
    ExportReport,
    PackChoices,
    PackHeader,
    PackImportReport,
    PackInfo,
    PublisherRecord,
)
from expertise.privacy import Allowance, PrivacyFacade
from expertise.records import Change
from expertise.services import audit

if TYPE_CHECKING:
    from expertise.hub import Hub

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
MIN_PASSPHRASE = 8


class PackFacade:
    def __init__(self, hub: Hub) -> None:
        self._hub = hub

    # -- our own publisher identity ------------------------------------------
    def _key(self, session: Session) -> signing.PublisherKey:
        with self._hub.derived_key(signing.SUBKEY_PURPOSE) as seal_key:
            return signing.load_or_create(session, seal_key)

    def publisher_fingerprint(self) -> str:
        return self._hub.session.read(lambda s: self._key(s).fingerprint)

    def publisher_name(self) -> str:
        return self._hub.session.read(lambda s: signing.publisher_name(s, self._key(s).fingerprint))

    def set_publisher_name(self, name: str) -> None:
        cleaned = " ".join(name.split())[:200]
        if not cleaned:
            raise UserError("publisher name must not be empty")
        self._hub.session.read(lambda s: signing.set_publisher_name(s, cleaned))

    def choices(self) -> PackChoices:
        def action(session: Session) -> PackChoices:
            fp = self._key(session).fingerprint
            return PackChoices(
                publisher_name=signing.publisher_name(session, fp),
                fingerprint=fp,
                themes=[
                    (t.key, t.label_nl, t.label_en)
                    for t in session.scalars(select(Theme).order_by(Theme.key))
                ],
                tags=list(session.scalars(select(Tag.name).order_by(Tag.name))),
                saved_searches=list(
                    session.scalars(select(SavedSearch.name).order_by(SavedSearch.name))
                ),
                courses=[
                    (c.id, c.title)
                    for c in session.scalars(select(CoursePack).order_by(CoursePack.title))
                ],
            )

        return self._hub.session.read(action)

    # -- trusted publishers --------------------------------------------------
    def trusted_publishers(self) -> list[PublisherRecord]:
        rows = self._hub.session.read(
            lambda s: [
                PublisherRecord(r.fingerprint, r.name, r.trusted_at)
                for r in s.scalars(select(TrustedPublisher).order_by(TrustedPublisher.name))
            ]
        )
        return list(rows)

    def trust(self, fingerprint: str, name: str) -> None:
        fp = "".join(fingerprint.split()).lower()
        if len(fp) != 64 or any(c not in "0123456789abcdef" for c in fp):
            raise UserError("a fingerprint is 64 hexadecimal characters")
        self._hub.session.read(lambda s: publishers.add_trusted(s, fp, name))

    def untrust(self, fingerprint: str) -> None:
        fp = "".join(fingerprint.split()).lower()

        def action(session: Session) -> None:
            row = session.get(TrustedPublisher, fp)
            if row is None:
                raise UserError("no trusted publisher with that fingerprint")
            session.delete(row)
            audit.record(session, "pack-untrust", None, {"publisher": fp})

        self._hub.session.read(action)

    # -- export ----------------------------------------------------------------
    def export(
        self,
        out: Path | str,
        passphrase: str,
        ceiling: str,
        kind: str | None = None,
        theme: str | None = None,
        tag: str | None = None,
        course: str | None = None,
        saved_search: str | None = None,
        with_people: bool = False,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        kdf: KdfParams | None = None,
        allow_personal_data: Allowance = False,
    ) -> ExportReport:
        if len(passphrase) < MIN_PASSPHRASE:
            raise UserError("pack passphrase too short: use at least 8 characters")
        ids = self._saved_search_ids(saved_search, ceiling) if saved_search else None
        selection = Selection(ceiling, kind, theme, tag, course, with_people, ids)
        selection.check()
        contents, key, name = self._hub.session.read(
            lambda s: self._collect(s, selection, progress, cancel)
        )
        if cancel is not None and cancel():
            raise Cancelled("export cancelled")
        if not contents.entries:
            raise UserError("nothing to export: no entry matches the selection under the ceiling")
        carried = ((e.id, e.kind, e.values) for e in contents.entries)
        PrivacyFacade(self._hub).guard_export("pack-export", None, carried, allow_personal_data)
        manifest = _manifest(contents, key.fingerprint, name, selection, kdf or calibrate())
        size = container.write_pack(Path(out), manifest, contents, passphrase, key)
        self._hub.session.read(lambda s: _audit_export(s, manifest))
        return ExportReport(
            path=str(out),
            entries=len(contents.entries),
            attachments=len(contents.blobs),
            people=sum(1 for e in contents.entries if e.kind == "expert"),
            size=size,
            ceiling=ceiling,
            fingerprint=key.fingerprint,
            publisher_name=name,
        )

    def _collect(
        self,
        session: Session,
        selection: Selection,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> tuple[PackContents, signing.PublisherKey, str]:
        key = self._key(session)
        entries = select_entries(session, selection)
        contents = build_contents(session, self._hub.blobs, entries, progress, cancel)
        return contents, key, signing.publisher_name(session, key.fingerprint)

    def _saved_search_ids(self, name: str, ceiling: str) -> frozenset[str]:
        found = self._hub.session.read(
            lambda s: s.scalars(select(SavedSearch).where(SavedSearch.name == name)).first()
        )
        if found is None:
            raise UserError("no saved search with that name")
        return self._hub.search.all_ids(
            found.query,
            found.kind,
            filters=found.filters or None,
            max_classification=ceiling,
        )

    # -- inspect and import ------------------------------------------------------
    def header(self, file: Path | str) -> PackHeader:
        """The signature and publisher key only: nothing inside the pack is parsed."""
        data = container.read_file(Path(file))
        version, public_key = container.verified_key(data)
        fp = signing.fingerprint(public_key)

        def action(session: Session) -> PackHeader:
            own = self._own_fingerprint(session) == fp
            row = session.get(TrustedPublisher, fp)
            name = row.name if row is not None else None
            return PackHeader(fp, version, len(data), own or row is not None, own, name)

        return self._hub.session.read(action)

    def inspect(
        self, file: Path | str, passphrase: str | None = None, untrusted_ok: bool = False
    ) -> PackInfo:
        """The manifest and the publisher's standing; with the passphrase, also the plan.

        A pack from a publisher this hub does not trust is not parsed or
        decrypted unless the caller says so (`untrusted_ok`).
        """
        header = self.header(file)
        if not header.trusted and not untrusted_ok:
            raise UntrustedPublisher(
                "",
                header.fingerprint,
                f"the pack is signed by a publisher this hub does not trust (fingerprint "
                f"{header.grouped_fingerprint}): its contents were not read",
            )
        pack = container.open_pack(container.read_file(Path(file)))
        info = self._pack_info(pack)
        if passphrase is None:
            return info
        contents = container.decrypt(pack, passphrase)
        plan = self._hub.session.read(lambda s: plan_merge(s, contents.entries, pack.fingerprint))
        return dataclasses.replace(info, plan=plan)

    def import_pack(
        self,
        file: Path | str,
        passphrase: str,
        trust: bool = False,
        dry_run: bool = False,
        resolutions: Mapping[str, str] | None = None,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        accept_downgrades: Iterable[str] = (),
        restore: Iterable[str] = (),
    ) -> PackImportReport:
        """Merge a pack (docs/SECURITY.md): every conflict, lower classification and
        revival of a deleted entry needs the caller's explicit, listed choice."""
        _step(progress, 0)
        pack = container.open_pack(container.read_file(Path(file)))
        info = self._pack_info(pack)
        publishers.check_trust(info, trust)
        _step(progress, 1)
        contents = container.decrypt(pack, passphrase)
        _step(progress, 2)
        asked = (resolutions, tuple(accept_downgrades), tuple(restore))
        if dry_run:
            plan = self._hub.session.read(
                lambda s: plan_merge(s, contents.entries, pack.fingerprint)
            )
            check_choices(plan, *asked)
            return PackImportReport(info, plan, dry_run=True, newly_trusted=not info.trusted)
        self._hub.session.require_writable()  # a read-only hub says so, not "disk full"
        space.for_pack_import(self._hub.path, file)

        def action(session: Session) -> tuple[PackImportReport, list[str]]:
            return self._apply(session, info, contents, asked, cancel)

        report, doomed = self._hub.session.write(
            action,
            lambda r: Change(
                frozenset(r[0].created + r[0].updated + r[0].copies + _touched(r[0])),
                reason="pack",
            ),
        )
        _delete_blobs(self._hub, doomed)
        _step(progress, 3)
        return report

    def _apply(
        self,
        session: Session,
        info: PackInfo,
        contents: PackContents,
        asked: tuple[Mapping[str, str] | None, tuple[str, ...], tuple[str, ...]],
        cancel: Cancel | None,
    ) -> tuple[PackImportReport, list[str]]:
        plan = plan_merge(session, contents.entries, info.fingerprint)
        chosen = check_choices(plan, *asked)
        newly_trusted = not info.trusted
        if newly_trusted:
            publishers.add_trusted(session, info.fingerprint, info.publisher_name)
        publisher = (info.fingerprint, info.publisher_name)
        importer = Importer(session, self._hub.blobs, publisher, audit.current_actor(), cancel)
        applied = importer.run(contents, plan, chosen)
        doomed = applied.blobs_to_delete
        values = {k: v for k, v in dataclasses.asdict(applied).items() if k != "blobs_to_delete"}
        report = PackImportReport(info, plan, False, newly_trusted, **values)
        audit.record(session, "pack-import", None, _import_detail(report))
        return report, doomed

    def was_imported(self, file: Path | str) -> bool:
        """Whether this very pack (by its signed pack id) was imported here before."""
        pack_id = container.open_pack(container.read_file(Path(file))).manifest.pack_id

        def action(session: Session) -> bool:
            rows = session.scalars(
                select(AuditEvent.detail).where(AuditEvent.action == "pack-import")
            )
            return any(detail.get("pack_id") == pack_id for detail in rows)

        return self._hub.session.read(action)

    def _pack_info(self, pack: container.SignedPack) -> PackInfo:
        def action(session: Session) -> PackInfo:
            return publishers.pack_info(session, pack, self._own_fingerprint(session))

        return self._hub.session.read(action)

    def _own_fingerprint(self, session: Session) -> str | None:
        # Only read: inspecting or importing must not create our own key.
        with self._hub.derived_key(signing.SUBKEY_PURPOSE) as seal_key:
            key = signing.existing(session, seal_key)
        return key.fingerprint if key is not None else None


def _delete_blobs(hub: Hub, blob_ids: list[str]) -> None:
    """After the commit: a crash or an OS error leaves an orphan blob (removed on the
    next open), never a row without its blob; the import itself has succeeded."""
    for blob_id in blob_ids:
        try:
            hub.blobs.delete(blob_id)
        except OSError:
            log.warning("an attachment blob could not be deleted yet; it goes on the next open")


def _step(progress: Progress | None, done: int) -> None:
    if progress is not None:
        progress(done, 3)


def _manifest(
    contents: PackContents, fp: str, name: str, selection: Selection, kdf: KdfParams
) -> Manifest:
    return Manifest(
        format=FORMAT_VERSION,
        pack_id=str(uuid.uuid4()),
        publisher_name=name,
        fingerprint=fp,
        created=datetime.now(UTC).replace(microsecond=0).isoformat(),
        ceiling=selection.ceiling,
        with_people=selection.with_people,
        kdf=kdf,
        entries=tuple(ManifestEntry(e.id, e.revision) for e in contents.entries),
    )


def _audit_export(session: Session, manifest: Manifest) -> None:
    detail = {
        "entries": len(manifest.entries),
        "ceiling": manifest.ceiling,
        "with_people": manifest.with_people,
        "pack_id": manifest.pack_id,
    }
    audit.record(session, "pack-export", None, detail)


def _import_detail(report: PackImportReport) -> dict[str, object]:
    return {
        "pack_id": report.info.pack_id,
        "publisher": report.info.fingerprint,
        "created": len(report.created),
        "updated": len(report.updated),
        "copies": len(report.copies),
        "kept_mine": len(report.kept_mine),
        "unresolved": len(report.unresolved),
        "deleted_skipped": len(report.deleted_skipped),
        "restored": len(report.restored),
        "refused_downgrades": len(report.refused_downgrades),
        "accepted_downgrades": len(
            [i for i in report.plan.downgrades if i.entry_id in report.updated]
        ),
        "attachments_removed": len(report.attachments_removed),
    }


def _touched(report: PackImportReport) -> list[str]:
    """Entries whose attachments changed (the index holds attachment text)."""
    return sorted({entry_id for entry_id, _ in report.attachments_removed})
