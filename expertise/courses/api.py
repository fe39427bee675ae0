"""`CourseFacade`: course packs as Hub actions (one session each), for the CLI and the UI.

Every export re-reads the pack and filters by its ceiling at that moment, and
leaves one audit event (who, when, which pack, ceiling, format) without content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from expertise import space
from expertise.courses import service
from expertise.courses.document import (
    Cancel,
    PackDocument,
    PackSource,
    Progress,
    build_document,
    gather,
)
from expertise.courses.export import check_target_folder, write_html, write_markdown, write_pdf
from expertise.courses.htmlpage import preview_html
from expertise.courses.records import CoursePackRecord, ExportResult
from expertise.privacy import Allowance, PrivacyFacade
from expertise.records import Change
from expertise.services import audit

if TYPE_CHECKING:
    from expertise.hub import Hub

CHANGE_REASON = "course-pack"
GATHER_SHARE = 30  # percent of an export's progress bar spent reading the pack


def _changed(_: object) -> Change:
    return Change(reason=CHANGE_REASON)


def _scaled(progress: Progress | None, start: int, share: int) -> Progress | None:
    """Map a step's (done, total) onto its share of a 0..100 bar."""
    if progress is None:
        return None
    report = progress

    def step(done: int, total: int) -> None:
        report(start + (share * done // total if total else share), 100)

    return step


class CourseFacade:
    def __init__(self, hub: Hub) -> None:
        self._hub = hub

    # -- packs ---------------------------------------------------------------
    def create(
        self, title: str, ceiling: str, audience: str = "", description: str = ""
    ) -> CoursePackRecord:
        def action(session: Session) -> CoursePackRecord:
            pack = service.create_pack(session, title, ceiling, audience, description)
            return service.to_record(session, pack)

        return self._hub.session.write(action, _changed)

    def list(self) -> list[CoursePackRecord]:
        return self._hub.session.read(
            lambda s: [service.to_record(s, p, with_items=False) for p in service.all_packs(s)]
        )

    def get(self, pack_id: str) -> CoursePackRecord:
        return self._hub.session.read(lambda s: service.to_record(s, service.get_pack(s, pack_id)))

    def find(self, reference: str) -> CoursePackRecord:
        """A pack by id or by exact title (what the CLI accepts)."""
        return self._hub.session.read(
            lambda s: service.to_record(s, service.find_pack(s, reference))
        )

    def update(
        self,
        pack_id: str,
        *,
        title: str | None = None,
        audience: str | None = None,
        description: str | None = None,
        ceiling: str | None = None,
    ) -> CoursePackRecord:
        changes = {
            "title": title,
            "audience": audience,
            "description": description,
            "ceiling": ceiling,
        }
        return self._change(pack_id, lambda s, p: service.update_pack(s, p, changes))

    def delete(self, pack_id: str) -> None:
        def action(session: Session) -> None:
            service.delete_pack(session, service.get_pack(session, pack_id))

        self._hub.session.write(action, _changed)

    # -- items ---------------------------------------------------------------
    def add_entries(
        self,
        pack_id: str,
        entry_ids: Sequence[str],
        note: str | None = None,
        position: int | None = None,
    ) -> CoursePackRecord:
        """All or nothing: one entry above the ceiling (AboveCeiling) adds none."""
        ids = list(entry_ids)
        return self._change(pack_id, lambda s, p: service.add_entries(s, p, ids, note, position))

    def remove_item(self, pack_id: str, position: int) -> CoursePackRecord:
        return self._change(pack_id, lambda s, p: service.remove_item(s, p, position))

    def move_item(self, pack_id: str, from_pos: int, to_pos: int) -> CoursePackRecord:
        return self._change(pack_id, lambda s, p: service.move_item(p, from_pos, to_pos))

    def set_note(self, pack_id: str, position: int, note: str | None) -> CoursePackRecord:
        return self._change(pack_id, lambda s, p: service.set_note(p, position, note))

    def _change(
        self, pack_id: str, apply: Callable[[Session, service.CoursePack], object]
    ) -> CoursePackRecord:
        def action(session: Session) -> CoursePackRecord:
            pack = service.get_pack(session, pack_id)
            apply(session, pack)
            session.flush()
            return service.to_record(session, pack)

        return self._hub.session.write(action, _changed)

    # -- documents and exports -------------------------------------------------
    def preview_html(self, pack_id: str, with_notes: bool = True, lang: str = "en") -> str:
        """The whole pack as sanitised HTML for an in-app preview (nothing is audited)."""
        source = self._hub.session.read(lambda s: gather(s, pack_id))
        assert source is not None  # no cancel callback, so never cancelled
        return preview_html(self._document(source, with_notes, lang))

    def export_html(
        self,
        pack_id: str,
        out: Path | str,
        with_notes: bool = False,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        lang: str = "en",
        allow_personal_data: Allowance = False,
    ) -> ExportResult:
        source = self._gather(pack_id, progress, cancel)
        if source is None:
            return self._cancelled("html", out, with_notes)
        self._guard(pack_id, source, allow_personal_data)
        doc = self._document(source, with_notes, lang)
        _check_space(doc, Path(out))
        write_html(doc, Path(out))
        _report(progress, 100)
        return self._exported(
            ExportResult("html", Path(out), len(doc.sections), doc.skipped, with_notes),
            pack_id,
            source,
        )

    def export_pdf(
        self,
        pack_id: str,
        out: Path | str,
        with_notes: bool = False,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        lang: str = "en",
        allow_personal_data: Allowance = False,
    ) -> ExportResult:
        source = self._gather(pack_id, progress, cancel)
        if source is None:
            return self._cancelled("pdf", out, with_notes)
        self._guard(pack_id, source, allow_personal_data)
        doc = self._document(source, with_notes, lang)
        _check_space(doc, Path(out))
        write_step = _scaled(progress, GATHER_SHARE, 100 - GATHER_SHARE)
        pages = write_pdf(doc, Path(out), write_step, cancel)
        if not pages:
            return self._cancelled("pdf", out, with_notes)
        result = ExportResult("pdf", Path(out), len(doc.sections), doc.skipped, with_notes, pages)
        return self._exported(result, pack_id, source)

    def export_markdown(
        self,
        pack_id: str,
        out_dir: Path | str,
        with_notes: bool = False,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        lang: str = "en",
        allow_personal_data: Allowance = False,
    ) -> ExportResult:
        check_target_folder(Path(out_dir))
        source = self._gather(pack_id, progress, cancel)
        if source is None:
            return self._cancelled("md", out_dir, with_notes)
        self._guard(pack_id, source, allow_personal_data)
        doc = self._document(source, with_notes, lang)
        attached = sum(a.size for item in source.items for a in item.attachments)
        _check_space(doc, Path(out_dir), attached)
        write_step = _scaled(progress, GATHER_SHARE, 100 - GATHER_SHARE)
        outcome = write_markdown(
            source, doc, Path(out_dir), self._hub.blobs.get, write_step, cancel
        )
        if outcome is None:
            return self._cancelled("md", out_dir, with_notes)
        result = ExportResult(
            "md",
            Path(out_dir),
            outcome.entries,
            doc.skipped,
            with_notes,
            attachments=outcome.attachments,
        )
        return self._exported(result, pack_id, source)

    def _gather(
        self, pack_id: str, progress: Progress | None, cancel: Cancel | None
    ) -> PackSource | None:
        step = _scaled(progress, 0, GATHER_SHARE)
        return self._hub.session.read(lambda s: gather(s, pack_id, step, cancel))

    def _guard(self, pack_id: str, source: PackSource, allow: Allowance) -> None:
        """Refuse a pack carrying unconfirmed personal data (docs/SECURITY.md)."""
        carried = ((i.entry.id, i.entry.kind, i.entry.as_dict()) for i in source.items)
        PrivacyFacade(self._hub).guard_export("course-export", pack_id, carried, allow)

    def _document(self, source: PackSource, with_notes: bool, lang: str) -> PackDocument:
        return build_document(
            source, with_notes=with_notes, hub_name=self._hub.path.name, lang=lang
        )

    def _exported(self, result: ExportResult, pack_id: str, source: PackSource) -> ExportResult:
        detail = {
            "format": result.format,
            "ceiling": source.pack.ceiling,
            "entries": result.entries,
            "skipped": result.skipped,
            "notes": result.with_notes,
        }
        self._hub.session.read(lambda s: audit.record(s, "course-export", pack_id, detail))
        return result

    @staticmethod
    def _cancelled(fmt: str, out: Path | str, with_notes: bool) -> ExportResult:
        return ExportResult(fmt, Path(out), 0, 0, with_notes, cancelled=True)


def _check_space(doc: PackDocument, out: Path, attachment_bytes: int = 0) -> None:
    text = sum(len(section.html.encode("utf-8")) for section in doc.sections)
    space.for_course_export(out, text, attachment_bytes)


def _report(progress: Progress | None, done: int) -> None:
    if progress is not None:
        progress(done, 100)
