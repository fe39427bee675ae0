"""`TransferFacade` (``hub.transfer``): import Markdown/CSV files and export the hub as
Markdown or JSON. The import is the bulk pipeline of expertise/bulkimport/, the export
is expertise/services/transfer.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from sqlalchemy.orm import Session

from expertise import oserrors, space
from expertise.bulkimport import pipeline
from expertise.bulkimport.documents import documents
from expertise.bulkimport.feed import IndexFeed
from expertise.bulkimport.lookup import Known
from expertise.bulkimport.plan import Outcome, Written
from expertise.bulkimport.searchable import make_searchable
from expertise.bulkimport.sources import Incoming, collect_files
from expertise.bulkimport.store import Batch
from expertise.hub.core import HubCore
from expertise.records import Change, ImportReport
from expertise.services import audit, transfer
from expertise.services.entries import change_counter

# (phase, done, total): phase "read" counts files read and written, "index" documents indexed
ImportProgress = Callable[[str, int, int], None]


class TransferFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._work = hub.session

    def import_paths(
        self,
        paths: Iterable[Path | str],
        *,
        create_missing: bool = False,
        progress: ImportProgress | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import Markdown and CSV files and folders, all or nothing; searchable on return.

        Enum values and themes may be given by label (the report's `notes` say how
        each was read). A reference to a name the hub lacks is refused, or with
        `create_missing` made a draft entry (the report's `created_missing`).
        `cancel()` is asked between batches until the commit: once it says True the
        import stops with `ImportCancelled` and nothing is imported.
        """
        sources = [Path(p) for p in paths]
        self._work.require_writable()  # before the space check, which would call it full
        space.for_import(self._hub.path, sources)
        files = collect_files(sources)

        def read(done: int, total: int) -> None:
            if progress is not None:
                progress("read", done, total)

        feed: IndexFeed | None = None
        try:
            with self._work.writing() as work:
                feed, written = self._feed(work.session, len(files))
                actor = audit.current_actor()
                outcome = pipeline.run(
                    work.session, files, actor, create_missing, read, cancel, written
                )
                _audit(work.session, outcome.report)
                caught_up = change_counter(work.session) == feed.expected_seq
        except BaseException:
            if feed is not None:
                feed.finish(adopt=False)  # the staged segments go: the index stays as it was
            raise
        self._searchable(outcome, progress, feed, caught_up)
        return outcome.report

    def _feed(self, session: Session, files: int) -> tuple[IndexFeed, Written]:
        """The index fed while the import stores (expertise/bulkimport/feed.py)."""
        # the import bumps the change counter once; checked before the feed is adopted
        feed = IndexFeed(self._hub.index_service, files, change_counter(session) + 1)
        blobs = self._hub.blobs

        def written(batch: Batch, known: Known) -> None:
            changed = [rows.id for rows in batch.changed]
            feed.send(documents(session, blobs, known, batch.new + batch.changed, changed))

        return feed, written

    def import_values(
        self,
        items: Iterable[tuple[str, Mapping[str, object]]],
        *,
        index: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """(kind, values) pairs through the same pipeline (`hub.entries.add_many`).

        Values are taken as the API takes them (`hub.entries.add`); with
        `index=False` the search index is left for the caller to rebuild.
        """
        self._work.require_writable()
        incoming = (
            Incoming(f"item {number + 1}", kind, dict(values))
            for number, (kind, values) in enumerate(items)
        )

        def chunks() -> Iterator[list[Incoming]]:
            done = 0
            for chunk in pipeline.in_chunks(incoming):
                yield chunk
                done += len(chunk)
                if progress is not None:
                    progress(done)

        with self._work.writing() as work:
            outcome = pipeline.run_items(work.session, chunks(), audit.current_actor())
        if index:
            self._searchable(outcome, None)
        return outcome.report

    def _searchable(
        self,
        outcome: Outcome,
        progress: ImportProgress | None,
        feed: IndexFeed | None = None,
        caught_up: bool = False,
    ) -> None:
        """The index fed during the import adopted, else one update for what it changed;
        then the listeners hear of it."""
        changed = outcome.report.created + outcome.report.updated
        index = (lambda done, total: progress("index", done, total)) if progress else None
        with self._work.committed():
            # adopted only if it holds every changed entry and the counter it records is right
            complete = feed is not None and feed.sent == len(changed) and caught_up
            adopted = feed is not None and feed.finish(complete, index)
            if not changed:
                return  # nothing written: no index work at all
            if not adopted:
                make_searchable(
                    self._hub.index_service, self._work.sessions, self._hub.blobs, changed, index
                )
            change = Change(frozenset(changed), frozenset(outcome.kinds), frozenset(), "import")
            self._work.announce(change, index=False)

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


def _audit(session: Session, report: ImportReport) -> None:
    audit.record(
        session,
        "import",
        None,
        {
            "files": report.files,
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
        },
    )
