"""10,000 files through the bulk import: a broken file 9,000 leaves the hub as it was,
and once it is fixed everything is imported, linked and searchable. Slow (tests/conftest.py)."""

from __future__ import annotations

from sqlalchemy import func, select

from expertise.errors import InputError
from expertise.models import Link, Revision
from tests.core.import_notes import note, write_notes

FILES = 10_000
BROKEN = 8_999  # the 9,000th file


def _counts(hub) -> tuple[int, int, int, int]:
    hub.wait_for_index()

    def rows(session) -> tuple[int, int]:
        revisions = session.scalar(select(func.count()).select_from(Revision))
        links = session.scalar(select(func.count()).select_from(Link))
        return int(revisions or 0), int(links or 0)

    revisions, links = hub.session.read(rows)
    return hub.entries.count(), revisions, links, hub.index_service.doc_count()


def _notes() -> list[str]:
    texts = []
    for i in range(FILES):
        link = f" Zie ook [[Notitie {i - 3}]]." if i % 5 == 4 else ""
        texts.append(note(f"Notitie {i}", f"Tekst nummer {i} over werkwijze{i % 97}.{link}"))
    return texts


def test_ten_thousand_files_all_or_nothing_then_all(hub, tmp_path):
    hub.transfer.import_paths([write_notes(tmp_path / "first", [note("Vooraf", "x")])])
    before = _counts(hub)
    texts = _notes()
    texts[BROKEN] = texts[BROKEN].replace("language: nl", "language: nl\nstatus: kapot")
    folder = write_notes(tmp_path / "notes", texts)

    try:
        hub.transfer.import_paths([folder])
    except InputError as error:
        assert (error.source, error.line) == (f"note-{BROKEN:04d}.md", 5)
        assert "status" in str(error)
    else:
        raise AssertionError("the broken file was imported")
    assert _counts(hub) == before

    (folder / f"note-{BROKEN:04d}.md").write_text(_notes()[BROKEN], encoding="utf-8")
    report = hub.transfer.import_paths([folder])
    assert len(report.created) == FILES and report.files == FILES
    entries, revisions, links, indexed = _counts(hub)
    assert (entries, revisions, indexed) == (FILES + 1, FILES + 1, FILES + 1)
    assert links == FILES // 5

    def dangling(session) -> int:
        query = select(func.count()).select_from(Link).where(Link.target_id.is_(None))
        return int(session.scalar(query) or 0)

    assert hub.session.read(dangling) == 0
    hit = hub.search("werkwijze42").hits[0]
    assert hit.title.startswith("Notitie ")
    assert hub.index_service.staleness() == ""
