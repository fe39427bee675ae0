"""A first pull of hundreds of entries: created in one pass (expertise/team/fresh.py), the
search index caught up once at the end of the round (expertise/team/indexing.py), and an
interrupted round that resumes with the index right. Real hubs and real Whoosh indexes over
a list-backed items table (the PostgreSQL side: test_sync_server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.models import Entry, Link, Revision
from expertise.services.convert import snapshot
from expertise.team import indexing
from expertise.team import sync as team_sync
from expertise.team.indexing import RoundIndex
from expertise.team.items import SealedItem
from expertise.team.sync import SyncCancelled, SyncReport, SyncRound
from tests.conftest import PASSPHRASE
from tests.team.memkeys import MemoryKeys, Team
from tests.team.memserver import ListServer

MARKER = "zwavelmarker"
EXPERTS, NOTES = 40, 260


class ClearanceServer(ListServer):
    """The items table as row-level security shows it to a member cleared up to `level`."""

    def __init__(self, shared: ListServer, level: int) -> None:
        super().__init__()
        self.items = shared.items
        self._level = level

    def pull(self, after: int, limit: int) -> list[SealedItem]:
        visible = [i for i in self.items if (i.seq or 0) > after and i.level <= self._level]
        return visible[:limit]


@pytest.fixture
def laptops(tmp_path: Path):
    team, server = Team(), ListServer()
    hubs: list[Hub] = []

    def make(name: str, clearance: int = 2) -> tuple[Hub, MemoryKeys]:
        hub = Hub.create(tmp_path / name, PASSPHRASE, kdf=KdfParams.floor())
        hubs.append(hub)
        return hub, team.member(name, clearance)

    yield make, server
    for hub in hubs:
        if not hub.locked:
            hub.close()


class KilledBeforeTheEnd(RoundIndex):
    """The process dies before the round's index step: nothing fed is committed."""

    def end(self) -> str:
        self.discard()
        return "none"


def sync(hub: Hub, keys: MemoryKeys, server: ListServer, **kw) -> SyncReport:
    kw.setdefault("index", RoundIndex(hub.session, hub.index_service, hub.blobs))
    return SyncRound(hub.session, hub.blobs, server, keys, **kw).run()


def _fill(hub: Hub) -> tuple[list[str], list[str]]:
    """Experts, and notes that name them, link each other by title (also forward, to a note
    written later) and carry a marker term in every third one."""
    experts = [
        hub.entries.add("expert", {"title": f"Deskundige {n}", "classification": "internal"}).id
        for n in range(EXPERTS)
    ]
    values = [
        {
            "title": f"Advies {n}",
            "body": f"Zie [[Advies {(n + 7) % NOTES}]] en [[Deskundige {n % EXPERTS}]]. "
            + (f"Term {MARKER}." if n % 3 == 0 else "Gewone tekst."),
            "tags": ["team", f"reeks-{n % 5}"],
            "author": experts[n % EXPERTS],
            "classification": "internal",
        }
        for n in range(NOTES)
    ]
    notes = hub.entries.add_many(("advice", v) for v in values)
    return experts, notes


def _snapshots(hub: Hub) -> dict[str, dict]:
    def read(session):
        return {e.id: snapshot(e) for e in session.scalars(select(Entry))}

    return hub.session.read(read)


def _marked(hub: Hub) -> set[str]:
    return set(hub.search.all_ids(MARKER))


def _links(hub: Hub) -> set[tuple[str, str | None, str]]:
    def read(session):
        rows = session.execute(select(Link.source_id, Link.target_id, Link.target_title))
        return {tuple(row) for row in rows}

    return hub.session.read(read)


def test_first_pull_lands_complete_linked_and_searchable(laptops, monkeypatch) -> None:
    monkeypatch.setattr(team_sync, "PULL_BATCH", 120)  # three batches
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    _, notes = _fill(a)
    assert sync(a, ka, server).pushed == EXPERTS + NOTES
    got = sync(b, kb, server)
    assert len(got.created) == EXPERTS + NOTES and got.dropped_references == 0
    assert _snapshots(b) == _snapshots(a)
    assert _links(b) == _links(a)
    assert all(target is not None for _, target, _ in _links(b))
    first = b.session.read(
        lambda s: s.scalar(select(func.count()).select_from(Revision).where(Revision.revision == 1))
    )
    assert first == EXPERTS + NOTES
    wanted = {note for n, note in enumerate(notes) if n % 3 == 0}
    assert _marked(b) == wanted
    assert b.index_service.doc_count() == EXPERTS + NOTES
    # The next rounds move nothing either way.
    again_a, again_b = sync(a, ka, server), sync(b, kb, server)
    assert (again_a.pushed, again_b.pushed) == (0, 0)
    assert not (again_b.created or again_b.updated or again_a.created or again_a.updated)


class Recording(RoundIndex):
    """Says how the round brought the index up to date."""

    how = ""

    def end(self) -> str:
        self.how = super().end()
        return self.how


def test_a_big_pull_feeds_the_index_while_it_applies(laptops, monkeypatch) -> None:
    monkeypatch.setattr(team_sync, "PULL_BATCH", 120)
    monkeypatch.setattr(indexing, "FOLLOW", 50)  # every batch creates "many"
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    _, notes = _fill(a)
    a.attachments.add(notes[1], "bijlage.txt", data=b"inhoud met kopermarker")
    sync(a, ka, server)
    index = Recording(b.session, b.index_service, b.blobs)
    got = sync(b, kb, server, index=index)
    assert index.how == "fed"
    assert len(got.created) == EXPERTS + NOTES
    assert set(b.search.all_ids("kopermarker")) == {notes[1]}  # a new entry's attachment
    assert b.index_service.staleness() == ""  # it records the counter the round ended at
    assert _marked(b) == {note for n, note in enumerate(notes) if n % 3 == 0}
    # documents made from the written rows find what the sender's (made by the ORM) find
    for query in ("Deskundige", "tag:reeks-3", "Advies"):
        assert set(b.search.all_ids(query)) == set(a.search.all_ids(query)), query


def test_entries_changed_after_they_were_fed_end_as_the_round_left_them(
    laptops, monkeypatch
) -> None:
    monkeypatch.setattr(team_sync, "PULL_BATCH", 120)
    monkeypatch.setattr(indexing, "FOLLOW", 50)
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    _, notes = _fill(a)
    sync(a, ka, server)
    marked = [note for n, note in enumerate(notes) if n % 3 == 0]
    edited, gone = marked[0], marked[1]
    a.entries.update(edited, {"body": "Nu over kwartsmarker."})
    a.entries.delete(gone)
    sync(a, ka, server)  # the edit and the deletion come after every first revision
    index = Recording(b.session, b.index_service, b.blobs)
    got = sync(b, kb, server, index=index)
    assert (edited in got.updated, gone in got.deleted) == (True, True)
    assert index.how == "follow"  # the fed segments, then the two the feed did not hold
    b.wait_for_index(60)
    assert _marked(b) == set(marked) - {edited, gone}
    assert set(b.search.all_ids("kwartsmarker")) == {edited}
    assert b.index_service.doc_count() == EXPERTS + NOTES - 1
    assert b.index_service.staleness() == ""


@pytest.mark.parametrize("follow", [200, 50], ids=["followed", "fed"])
def test_interrupted_first_pull_resumes_and_the_index_ends_right(
    laptops, monkeypatch, follow: int
) -> None:
    monkeypatch.setattr(team_sync, "PULL_BATCH", 100)  # three batches
    monkeypatch.setattr(indexing, "FOLLOW", follow)
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    _, notes = _fill(a)
    sync(a, ka, server)
    batches: list[int] = []

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "pull":
            batches.append(done)

    with pytest.raises(SyncCancelled):
        sync(b, kb, server, progress=progress, cancel=lambda: len(batches) >= 1)
    held = b.session.read(lambda s: s.scalar(select(func.count()).select_from(Entry)))
    assert held == 100
    # What the stopped round committed is searchable already.
    assert b.index_service.doc_count() == 100
    done = sync(b, kb, server)
    assert len(done.created) == EXPERTS + NOTES - 100
    assert _snapshots(b) == _snapshots(a)
    assert _marked(b) == {note for n, note in enumerate(notes) if n % 3 == 0}
    assert b.index_service.doc_count() == EXPERTS + NOTES


@pytest.mark.parametrize("follow", [200, 50], ids=["followed", "fed"])
def test_a_round_killed_before_its_index_catch_up_is_repaired_on_open(
    laptops, monkeypatch, tmp_path: Path, follow: int
) -> None:
    monkeypatch.setattr(team_sync, "PULL_BATCH", 100)
    monkeypatch.setattr(indexing, "FOLLOW", follow)
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    _, notes = _fill(a)
    sync(a, ka, server)
    batches: list[int] = []
    with pytest.raises(SyncCancelled):
        # the process "dies" before its catch-up: nothing reaches the index
        sync(
            b, kb, server, index=KilledBeforeTheEnd(b.session, b.index_service, b.blobs),
            progress=lambda phase, done, total: phase == "pull" and batches.append(done),
            cancel=lambda: len(batches) >= 1,
        )
    assert b.index_service.doc_count() == 0
    assert b.session.read(lambda s: s.scalar(select(func.count()).select_from(Entry))) == 100
    b.close()
    reopened = Hub.open(tmp_path / "b", PASSPHRASE)
    try:
        assert reopened.index_service.doc_count() == 100  # the index behind: rebuilt on open
        sync(reopened, kb, server)
        assert _marked(reopened) == {note for n, note in enumerate(notes) if n % 3 == 0}
        assert reopened.index_service.doc_count() == EXPERTS + NOTES
    finally:
        reopened.close()


def test_references_above_clearance_are_left_out(laptops) -> None:
    make, shared = laptops
    (a, ka), (b, kb) = make("a"), make("b", clearance=1)
    secret = a.entries.add(
        "expert", {"title": "Geheime Deskundige", "classification": "confidential"}
    )
    open_expert = a.entries.add(
        "expert", {"title": "Open Deskundige", "classification": "internal"}
    )
    notes = [
        a.entries.add(
            "advice",
            {
                "title": f"Intern advies {n}",
                "body": f"[[Geheime Deskundige]] en [[Open Deskundige]] {MARKER}",
                "author": secret.id if n % 2 else open_expert.id,
                "owner": secret.id,
                "classification": "internal",
            },
        ).id
        for n in range(4)
    ]
    sync(a, ka, shared)
    got = sync(b, kb, ClearanceServer(shared, 1))
    assert sorted(got.created) == sorted([open_expert.id, *notes])
    assert got.dropped_references == 4 + 2  # every owner, and half the authors
    assert b.entries.get(notes[0]).fields.get("author") == open_expert.id
    assert b.entries.get(notes[1]).fields.get("author") is None
    assert b.entries.get(notes[0]).fields.get("owner") is None
    wiki = {(target, title) for _, target, title in _links(b)}
    assert wiki == {(None, "Geheime Deskundige"), (open_expert.id, "Open Deskundige")}
    assert _marked(b) == set(notes)


def test_references_among_entries_saved_at_once_survive_a_pull_in_batches(
    laptops, monkeypatch
) -> None:
    """One import gives its entries one creation time; the push keeps the order they were
    written in (not their ids'), so a reference to an earlier one is never left out."""
    monkeypatch.setattr(team_sync, "PULL_BATCH", 10)
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    ids = [f"{0xFFFF - n:08x}-0000-4000-8000-000000000000" for n in range(40)]  # descending
    values = [
        {"id": ids[n], "title": f"Versie {n}", "classification": "internal"}
        | ({"superseded_by": ids[n - 1]} if n else {})
        for n in range(40)
    ]
    a.entries.add_many(("advice", v) for v in values)
    sync(a, ka, server)
    got = sync(b, kb, server)
    assert got.dropped_references == 0
    assert _snapshots(b) == _snapshots(a)
