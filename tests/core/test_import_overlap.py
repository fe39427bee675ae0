"""The index built while the import stores (expertise/bulkimport/feed.py), on a real hub.

Documents made from the written rows equal those read back from the database;
an error or a cancel after several batches were already fed leaves the
database and the search index (its files too) exactly as they were; a success
is searchable with the index caught up. The 10,000-file case, analysed in
worker processes, is in test_import_bulk_large.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import with_polymorphic

from expertise.bulkimport import pipeline
from expertise.bulkimport.feed import IndexFeed
from expertise.demo import demo_content_dir
from expertise.errors import ImportCancelled, InputError
from expertise.models import Entry, Revision
from expertise.services.documents import build_document
from tests.core.import_notes import note, write_notes

MARKER = "Vuurtorenwachter"  # a word of the first file only


@pytest.fixture
def fed(monkeypatch) -> list[dict[str, object]]:
    """Batches of 3 files; every document the store hands to the index, as sent."""
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    sent: list[dict[str, object]] = []
    real = IndexFeed.send

    def send(self: IndexFeed, docs: list[dict[str, object]]) -> None:
        sent.extend(dict(doc) for doc in docs)
        real(self, docs)

    monkeypatch.setattr(IndexFeed, "send", send)
    return sent


def _state(hub) -> tuple[int, int, int, list[str]]:
    hub.wait_for_index()
    revisions = hub.session.read(
        lambda s: int(s.scalar(select(func.count()).select_from(Revision)) or 0)
    )
    return hub.entries.count(), revisions, hub.index_service.doc_count(), _index_files(hub.path)


def _index_files(folder: Path) -> list[str]:
    index = folder / "index"
    return sorted(str(p.relative_to(index)) for p in index.rglob("*"))


def _notes(count: int) -> list[str]:
    texts = [note(f"Notitie {i}", f"tekst {i}") for i in range(count)]
    texts[0] = note("Notitie 0", f"De {MARKER} zag het licht.")
    return texts


def _normal(doc: dict[str, object]) -> dict[str, object]:
    out = dict(doc)
    out["tags"], out["themes"] = sorted(out["tags"]), sorted(out["themes"])  # type: ignore[arg-type]
    updated = out["updated"]
    if isinstance(updated, dt.datetime) and updated.tzinfo is not None:
        out["updated"] = updated.replace(tzinfo=None)
    return out


def test_documents_from_rows_equal_those_read_back(hub, fed):
    report = hub.transfer.import_paths([demo_content_dir()])
    assert len(fed) == len(report.created) >= 40

    def stored(session) -> dict[str, dict[str, object]]:
        every = with_polymorphic(Entry, "*")
        entries = session.scalars(select(every))
        return {e.id: _normal(build_document(session, e, hub.blobs)) for e in entries}

    read_back = hub.session.read(stored)
    kinds = set()
    for doc in fed:
        assert _normal(doc) == read_back[str(doc["id"])], doc["title"]
        kinds.add(doc["kind"])
    assert {"expert", "organisation"} <= kinds  # organisation names and people are looked up
    assert hub.index_service.staleness() == ""
    assert hub.index_service.doc_count() == len(report.created)


def test_an_error_after_fed_batches_leaves_database_and_index_unchanged(hub, tmp_path, fed):
    hub.transfer.import_paths([write_notes(tmp_path / "a", [note("Vooraf", "x")])])
    before = _state(hub)
    assert before[3]  # the index's files, compared name by name
    texts = _notes(30)
    texts[27] = texts[27].replace("language: nl", "language: nl\nstatus: kapot")
    with pytest.raises(InputError) as caught:
        hub.transfer.import_paths([write_notes(tmp_path / "b", texts)])
    assert (caught.value.source, caught.value.line) == ("note-0027.md", 5)
    assert len(fed) >= 24  # eight batches had reached the index before the error
    assert _state(hub) == before
    assert hub.search(MARKER).total == 0
    assert hub.index_service.staleness() == ""


def test_a_cancel_after_fed_batches_leaves_database_and_index_unchanged(hub, tmp_path, fed):
    hub.transfer.import_paths([write_notes(tmp_path / "a", [note("Vooraf", "x")])])
    before = _state(hub)
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 5  # five batches written and fed

    with pytest.raises(ImportCancelled):
        hub.transfer.import_paths([write_notes(tmp_path / "b", _notes(30))], cancel=cancel)
    assert len(fed) >= 15
    assert _state(hub) == before
    assert hub.search(MARKER).total == 0


def test_a_fed_import_is_searchable_and_a_repeat_feeds_nothing(hub, tmp_path, fed):
    folder = write_notes(tmp_path / "b", _notes(30))
    report = hub.transfer.import_paths([folder])
    assert len(fed) == len(report.created) == 30
    assert [hit.title for hit in hub.search(MARKER).hits] == ["Notitie 0"]
    assert hub.index_service.staleness() == ""
    state = _state(hub)
    # Ids were not given, so a second import makes new entries; a file with its id is
    # an update, and an unchanged one feeds nothing (the index is not touched).
    fed.clear()
    exported = tmp_path / "export"
    hub.transfer.export_markdown(exported)
    again = hub.transfer.import_paths([exported])
    assert len(again.unchanged) == 30 and not again.created and not again.updated
    assert fed == [] and _state(hub) == state
