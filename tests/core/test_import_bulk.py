"""The bulk import (expertise/bulkimport/): what it promises, on a real hub and index.

All or nothing, file:line errors, links and references between the files of one
import and to entries already there, revisions only when something changed, updates
by id, progress and cancel, searchable at the end. The 10,000-file all-or-nothing
run is in test_import_bulk_large.py.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import with_polymorphic

from expertise.bulkimport import pipeline
from expertise.demo import demo_content_dir
from expertise.errors import ImportCancelled, InputError
from expertise.models import Entry, Link, Revision
from expertise.services.convert import snapshot
from expertise.services.links import find_by_title, parse_wiki_links
from tests.core.import_notes import note, write_notes


def _revisions(hub) -> int:
    return int(hub.session.read(lambda s: s.scalar(select(func.count()).select_from(Revision))))


def _state(hub) -> tuple[int, int, int]:
    hub.wait_for_index()
    return hub.entries.count(), _revisions(hub), hub.index_service.doc_count()


@pytest.fixture
def small_chunks(monkeypatch):
    """Batches of 3 files, so that a handful of files crosses batch boundaries."""
    monkeypatch.setattr(pipeline, "CHUNK", 3)


def test_stored_rows_and_snapshots_match_the_orm(hub):
    """The Core rows read back through the ORM give the snapshot the revision holds."""
    report = hub.transfer.import_paths([demo_content_dir()])
    assert len(report.created) >= 40

    def check(session) -> int:
        every = with_polymorphic(Entry, "*")
        checked = 0
        for entry in session.scalars(select(every)):
            last = session.scalars(
                select(Revision)
                .where(Revision.entry_id == entry.id)
                .order_by(Revision.revision.desc())
            ).first()
            assert last is not None and last.revision == entry.revision == 1
            assert last.snapshot == snapshot(entry), entry.title
            # the links are what the one-entry path (sync_links) would have written
            links = session.scalars(select(Link).where(Link.source_id == entry.id)).all()
            assert [link.target_title for link in links] == parse_wiki_links(entry.body_md)
            for link in links:
                target = find_by_title(session, link.target_title)
                assert link.target_id == (target.id if target else None)
            checked += 1
        return checked

    assert hub.session.read(check) == len(report.created)


def test_links_between_files_and_to_existing_entries(hub, tmp_path, small_chunks):
    old = hub.entries.add("advice", {"title": "Bestaande notitie", "body": "Zie [[Nog Te Komen]]."})
    folder = write_notes(
        tmp_path / "in",
        [
            note("Eerste", "Vooruit naar [[Laatste]] en terug naar [[bestaande notitie]]."),
            note("Tweede", "Niets."),
            note("Derde", "Naar [[Eerste]]."),
            note("Vierde", "Naar [[Nergens]]."),
            note("Nog te komen", "Het antwoord op een oude link."),
            note("Laatste", "Naar [[Tweede|de tweede]]."),
        ],
    )
    report = hub.transfer.import_paths([folder])
    ids = {hub.entries.get(i).title: i for i in report.created}
    targets = {
        title: {(link.title, link.entry_id) for link in hub.entries.links(entry_id)}
        for title, entry_id in ids.items()
    }
    assert targets["Eerste"] == {("Laatste", ids["Laatste"]), ("bestaande notitie", old.id)}
    assert targets["Derde"] == {("Eerste", ids["Eerste"])}
    assert targets["Vierde"] == {("Nergens", None)}  # dangling, as an edit leaves it
    assert targets["Laatste"] == {("Tweede", ids["Tweede"])}
    # the existing entry's dangling link found the imported title (case aside)
    assert hub.entries.links(old.id)[0].entry_id == ids["Nog te komen"]
    assert {b.entry_id for b in hub.entries.backlinks(ids["Eerste"])} == {ids["Derde"]}


def test_references_by_title_to_a_later_batch_and_to_existing_entries(hub, tmp_path, small_chunks):
    existing = hub.entries.add("organisation", {"title": "Bestaande Eenheid"})
    folder = write_notes(
        tmp_path / "in",
        [
            note("Advies A", "x", extra="author: Expert Later\nrequested_by: Bestaande Eenheid"),
            note("Advies B", "x"),
            note("Advies C", "x"),
            note("Advies D", "x"),
            note("Expert Later", "Een expert.", kind="expert"),
        ],
    )
    report = hub.transfer.import_paths([folder])
    advice = next(
        hub.entries.get(i) for i in report.created if hub.entries.get(i).title == "Advies A"
    )
    expert = next(i for i in report.created if hub.entries.get(i).title == "Expert Later")
    assert advice.fields["author"] == expert
    assert advice.fields["requested_by"] == existing.id


def test_unresolvable_reference_names_file_and_line_and_imports_nothing(
    hub, tmp_path, small_chunks
):
    notes = [note(f"Goed {i}", "x") for i in range(7)]
    notes.append(note("Kapot", "x", extra="classification: internal\nauthor: Niemand"))
    before = _state(hub)
    with pytest.raises(InputError) as caught:
        hub.transfer.import_paths([write_notes(tmp_path / "in", notes)])
    assert (caught.value.source, caught.value.line) == ("note-0007.md", 6)
    assert "author" in str(caught.value)
    assert _state(hub) == before


def test_revisions_first_changed_and_unchanged_reimport(hub, tmp_path, monkeypatch):
    ids = [str(uuid.UUID(int=i + 1, version=4)) for i in range(5)]
    notes = [note(f"Notitie {i}", f"Tekst {i}.", extra=f"id: {ids[i]}") for i in range(5)]
    folder = write_notes(tmp_path / "in", notes)
    first = hub.transfer.import_paths([folder])
    assert len(first.created) == 5 and _revisions(hub) == 5
    assert all(hub.entries.get(i).revision == 1 for i in first.created)

    # no revision and no index work for files that did not change
    calls: list[str] = []
    index = hub.index_service
    for name in ("rebuild", "schedule"):
        real = getattr(index, name)
        monkeypatch.setattr(
            index, name, lambda *a, _r=real, _n=name, **k: calls.append(_n) or _r(*a, **k)
        )
    real_update = index.index.update
    monkeypatch.setattr(
        index.index, "update", lambda *a, **k: calls.append("update") or real_update(*a, **k)
    )
    again = hub.transfer.import_paths([folder])
    assert (
        again.created == []
        and again.updated == []
        and sorted(again.unchanged) == sorted(first.created)
    )
    assert _revisions(hub) == 5 and calls == []

    # a changed file: one revision more for that entry only, and it is searchable
    export = tmp_path / "out"
    hub.transfer.export_markdown(export)
    target = next(p for p in export.iterdir() if "Notitie 3" in p.read_text(encoding="utf-8"))
    target.write_text(
        target.read_text(encoding="utf-8").replace("Tekst 3.", "Herzien: zeldzaamwoord.")
    )
    changed = hub.transfer.import_paths([export])
    assert len(changed.updated) == 1 and len(changed.unchanged) == 4 and changed.created == []
    entry = hub.entries.get(changed.updated[0])
    assert entry.revision == 2 and "zeldzaamwoord" in entry.body_md
    assert _revisions(hub) == 6
    assert [hit.id for hit in hub.search("zeldzaamwoord").hits] == [entry.id]


def test_update_by_id_keeps_what_the_file_does_not_say(hub, tmp_path):
    old = hub.entries.add(
        "advice",
        {"title": "Oud", "body": "Oude tekst", "tags": ["blijft"], "audience": "policy"},
    )
    folder = write_notes(
        tmp_path / "in", [note("Nieuwe titel", "Nieuwe tekst [[Oud]]", extra=f"id: {old.id}")]
    )
    report = hub.transfer.import_paths([folder])
    assert report.updated == [old.id]
    entry = hub.entries.get(old.id)
    assert (entry.title, entry.body_md, entry.revision) == (
        "Nieuwe titel",
        "Nieuwe tekst [[Oud]]\n",
        2,
    )
    assert entry.tags == ("blijft",) and entry.fields["audience"] == "policy"
    assert hub.search("titel").hits[0].id == old.id
    history = hub.entries.revisions(old.id)
    assert [r.revision for r in history] == [2, 1] or [r.revision for r in history] == [1, 2]


def test_id_of_another_kind_or_given_twice_is_refused(hub, tmp_path):
    expert = hub.entries.add("expert", {"title": "Iemand"})
    wrong = write_notes(tmp_path / "a", [note("Advies", "x", extra=f"id: {expert.id}")])
    with pytest.raises(InputError, match="belongs to a expert entry") as caught:
        hub.transfer.import_paths([wrong])
    assert caught.value.line == 5
    twice = "id: 5f0c1a53-8a4e-4d2b-9a77-0c7f2d4c9b10"
    folder = write_notes(
        tmp_path / "b", [note("Een", "x", extra=twice), note("Twee", "y", extra=twice)]
    )
    with pytest.raises(InputError, match="given twice"):
        hub.transfer.import_paths([folder])
    assert hub.entries.count() == 1


def test_csv_creates_and_updates_by_id(hub, tmp_path):
    orgs = tmp_path / "organisations.csv"
    orgs.write_text(
        "id,name,org_type,country\n"
        "0b6f3c1e-2a44-4f3e-8d8f-1b2c3d4e5f60,Eenheid Noord,police,NL\n"
        ",Meldpunt Zuid,ngo,BE\n",
        encoding="utf-8",
    )
    first = hub.transfer.import_paths([orgs])
    assert len(first.created) == 2
    orgs.write_text(
        "id,name,org_type,country\n0b6f3c1e-2a44-4f3e-8d8f-1b2c3d4e5f60,Eenheid Noord,police,DE\n",
        encoding="utf-8",
    )
    second = hub.transfer.import_paths([orgs])
    assert second.updated == ["0b6f3c1e-2a44-4f3e-8d8f-1b2c3d4e5f60"]
    assert hub.entries.get(second.updated[0]).fields["country"] == "DE"
    orgs.write_text("name,org_type\nKapot,spaceship\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        hub.transfer.import_paths([orgs])
    assert (caught.value.source, caught.value.line) == ("organisations.csv", 2)


def test_progress_is_reported_and_cancel_leaves_nothing(hub, tmp_path, small_chunks):
    folder = write_notes(tmp_path / "in", [note(f"Notitie {i}", "x") for i in range(8)])
    seen: list[tuple[str, int, int]] = []
    report = hub.transfer.import_paths([folder], progress=lambda *p: seen.append(p))
    assert [s for s in seen if s[0] == "read"] == [("read", 3, 8), ("read", 6, 8), ("read", 8, 8)]
    assert seen[-1][0] == "index" and seen[-1][1] == seen[-1][2]
    assert len(report.created) == 8

    before = _state(hub)
    more = write_notes(tmp_path / "more", [note(f"Nieuw {i}", "x") for i in range(8)])
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2  # after two batches were written

    with pytest.raises(ImportCancelled):
        hub.transfer.import_paths([more], cancel=cancel)
    assert _state(hub) == before
    assert hub.search("Nieuw").total == 0


def test_all_or_nothing_when_a_late_file_is_broken(hub, tmp_path, small_chunks):
    hub.transfer.import_paths([write_notes(tmp_path / "a", [note("Vooraf", "x")])])
    before = _state(hub)
    notes = [note(f"Notitie {i}", "x") for i in range(20)]
    notes[17] = "---\nkind: advice\ntitle: Kapot\naudience: everyone\n---\nx\n"
    with pytest.raises(InputError) as caught:
        hub.transfer.import_paths([write_notes(tmp_path / "b", notes)])
    assert (caught.value.source, caught.value.line) == ("note-0017.md", 4)
    assert _state(hub) == before


def test_listeners_hear_of_the_import_once_it_is_searchable(hub, tmp_path):
    heard = []
    hub.subscribe(lambda change: heard.append((change, hub.index_service.doc_count())))
    report = hub.transfer.import_paths([write_notes(tmp_path / "in", [note("Een", "x")])])
    ((change, indexed),) = heard
    assert change.reason == "import" and change.entry_ids == frozenset(report.created)
    assert change.kinds == frozenset({"advice"}) and indexed == 1
    assert hub.index_service.staleness() == ""


def test_a_few_files_into_a_larger_hub_are_added_to_the_live_index(hub, tmp_path):
    hub.transfer.import_paths(
        [write_notes(tmp_path / "a", [note(f"Basis {i}", "x") for i in range(6)])]
    )
    rebuilds: list[int] = []
    real = hub.index_service.rebuild
    hub.index_service.rebuild = lambda *a, **k: rebuilds.append(1) or real(*a, **k)  # type: ignore[method-assign]
    report = hub.transfer.import_paths(
        [write_notes(tmp_path / "b", [note("Toevoeging", "uniekwoord")])]
    )
    assert rebuilds == []
    assert [hit.id for hit in hub.search("uniekwoord").hits] == report.created
    assert hub.index_service.doc_count() == 7 and hub.index_service.staleness() == ""
