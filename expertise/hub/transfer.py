"""`TransferFacade` (``hub.transfer``): import Markdown/CSV/JSON files and export
the hub as Markdown or JSON (expertise/services/transfer.py does the work)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from expertise import oserrors, space
from expertise.hub.core import HubCore
from expertise.hub.entries import entry_change
from expertise.records import ImportReport
from expertise.services import audit, import_refs, transfer


class TransferFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._work = hub.session

    def import_paths(
        self, paths: Iterable[Path | str], create_missing: bool = False
    ) -> ImportReport:
        """Import Markdown and CSV files, all or nothing.

        Enum values and themes may be given by label (the report's `notes` say how
        each was read). A reference to a name the hub lacks is refused, or with
        `create_missing` made a draft entry (the report's `created_missing`).
        """
        sources = [Path(p) for p in paths]
        self._work.require_writable()  # before the space check, which would call it full
        space.for_import(self._hub.path, sources)
        items, file_count = transfer.parse_all(sources)

        def action(session: Session) -> ImportReport:
            made = import_refs.resolve_references(session, items, create_missing)
            drafts = [
                transfer.Incoming(m.source, m.kind, import_refs.draft_values(m)) for m in made
            ]
            report = transfer.import_items(session, [*drafts, *items], audit.current_actor())
            report.files = file_count
            report.notes = [note for item in items for note in item.notes]
            report.created_missing = made
            audit.record(
                session,
                "import",
                None,
                {
                    "files": file_count,
                    "created": len(report.created),
                    "updated": len(report.updated),
                },
            )
            return report

        return self._work.write(action, lambda r: entry_change(r.created + r.updated, [], "import"))

    def export_markdown(self, out_dir: Path | str) -> int:
        """One Markdown file per entry in `out_dir`; the number written."""
        folder = self._hub.path
        space.for_export(folder, out_dir)

        def action(session: Session) -> int:
            with oserrors.raised_as_fault(folder, Path(out_dir)):
                count = transfer.export_markdown(session, Path(out_dir))
            audit.record(session, "export", None, {"format": "md", "entries": count})
            return count

        return self._work.read(action)

    def export_json(self) -> list[dict[str, object]]:
        def action(session: Session) -> list[dict[str, object]]:
            data = transfer.export_json(session)
            audit.record(session, "export", None, {"format": "json", "entries": len(data)})
            return data

        return self._work.read(action)
