"""Sync rounds between real laptop hubs over a list-backed items table (the local side:
push scan, apply, conflicts, cursor). The same rounds against PostgreSQL: test_sync_*.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.models import TeamItem
from expertise.services.convert import snapshot
from expertise.team import conflicts
from expertise.team.sync import SyncCancelled, SyncReport, SyncRound
from tests.conftest import PASSPHRASE
from tests.team.memkeys import MemoryKeys, Team
from tests.team.memserver import ListServer


@pytest.fixture
def laptops(tmp_path: Path):
    team, server = Team(), ListServer()
    hubs: list[Hub] = []

    def make(name: str) -> tuple[Hub, MemoryKeys]:
        hub = Hub.create(tmp_path / name, PASSPHRASE, kdf=KdfParams.floor())
        hubs.append(hub)
        return hub, team.member(name)

    yield make, server
    for hub in hubs:
        hub.close()


def sync(hub: Hub, keys: MemoryKeys, server: ListServer, **kw) -> SyncReport:
    return SyncRound(hub.session, hub.blobs, server, keys, **kw).run()


def _snapshots(hub: Hub) -> dict[str, dict]:
    from expertise.models import Entry

    def read(session):
        return {e.id: {k: v for k, v in snapshot(e).items()} for e in session.query(Entry).all()}

    return hub.session.read(read)


def test_entries_travel_with_attachments_and_references(laptops) -> None:
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    expert = a.entries.add("expert", {"title": "Dr. Marker Expert", "classification": "internal"})
    note = a.entries.add(
        "advice",
        {
            "title": "Advies over grooming",
            "body": "Tekst [[Dr. Marker Expert]]",
            "tags": ["online", "chat"],
            "author": expert.id,
            "classification": "confidential",
        },
    )
    a.attachments.add(note.id, "bijlage.txt", data=b"attachment bytes")
    first = sync(a, ka, server)
    assert first.pushed == 2 and not first.conflicts
    got = sync(b, kb, server)
    assert sorted(got.created) == sorted([expert.id, note.id])
    assert _snapshots(b) == _snapshots(a)
    [attachment] = b.attachments.list(note.id)
    assert attachment.file_name == "bijlage.txt"
    target = b.attachments.save_copy(attachment.id, b.path.parent / "out.txt")
    assert Path(target).read_bytes() == b"attachment bytes"
    b.wait_for_index(10)
    assert [hit.id for hit in b.search("grooming").hits] == [note.id]
    # Nothing moved: both rounds push nothing and apply nothing.
    again_a, again_b = sync(a, ka, server), sync(b, kb, server)
    assert (again_a.pushed, again_b.pushed) == (0, 0)
    assert not (again_a.created or again_a.updated or again_b.created or again_b.updated)


def test_edit_and_delete_follow_without_conflict(laptops) -> None:
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    note = a.entries.add("advice", {"title": "Eerste versie"})
    other = a.entries.add("advice", {"title": "Verdwijnt"})
    sync(a, ka, server), sync(b, kb, server)
    b.entries.update(note.id, {"title": "Tweede versie"})
    b.entries.delete(other.id)
    pushed = sync(b, kb, server)
    assert pushed.pushed == 2
    pulled = sync(a, ka, server)
    assert pulled.updated == [note.id] and pulled.deleted == [other.id]
    assert a.entries.get(note.id).title == "Tweede versie"
    assert a.entries.count() == 1
    assert a.session.read(lambda s: s.get(TeamItem, note.id).item_revision) == 2


def _conflict(laptops):
    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    note = a.entries.add("advice", {"title": "Gedeeld"})
    sync(a, ka, server), sync(b, kb, server)
    a.entries.update(note.id, {"title": "Van A"})
    b.entries.update(note.id, {"title": "Van B"})
    assert sync(a, ka, server).pushed == 1
    report = sync(b, kb, server)
    assert report.push_conflicts == 1 and report.conflicts == [note.id]
    assert report.open_conflicts == 1
    assert b.entries.get(note.id).title == "Van B"  # nothing taken silently
    return a, ka, b, kb, server, note.id


def _resolve(hub: Hub, keys: MemoryKeys, entry_id: str, choice: str) -> None:
    with hub.session.writing() as work:
        conflicts.resolve(work.session, hub.blobs, keys, "tester", entry_id, choice)


def test_conflict_keep_mine(laptops) -> None:
    a, ka, b, kb, server, entry_id = _conflict(laptops)
    [listed] = b.session.read(lambda s: conflicts.listed(s, kb))
    assert (listed.title_here, listed.title_theirs, listed.author_id) == ("Van B", "Van A", "a")
    _resolve(b, kb, entry_id, conflicts.MINE)
    assert sync(b, kb, server).pushed == 1
    assert sync(a, ka, server).updated == [entry_id]
    assert a.entries.get(entry_id).title == "Van B"


def test_conflict_take_theirs(laptops) -> None:
    a, ka, b, kb, server, entry_id = _conflict(laptops)
    _resolve(b, kb, entry_id, conflicts.THEIRS)
    assert b.entries.get(entry_id).title == "Van A"
    assert sync(b, kb, server).pushed == 0
    assert b.session.read(lambda s: conflicts.listed(s, kb)) == []


def test_conflict_keep_both(laptops) -> None:
    a, ka, b, kb, server, entry_id = _conflict(laptops)
    _resolve(b, kb, entry_id, conflicts.BOTH)
    titles = sorted(e.title for e in b.entries.list())
    assert titles == ["Van A (team a)", "Van B"]
    assert sync(b, kb, server).pushed == 2
    sync(a, ka, server)
    assert sorted(e.title for e in a.entries.list()) == titles


def test_cancelled_pull_resumes_without_loss_or_repeat(laptops, monkeypatch) -> None:
    from expertise.team import sync as sync_module

    make, server = laptops
    (a, ka), (b, kb) = make("a"), make("b")
    for n in range(7):
        a.entries.add("advice", {"title": f"Notitie {n}"})
    sync(a, ka, server)
    monkeypatch.setattr(sync_module, "PULL_BATCH", 3)
    pulls = {"n": 0}

    def cancel() -> bool:
        pulls["n"] += 1
        return pulls["n"] > 1  # once the first batch was applied

    with pytest.raises(SyncCancelled):
        sync(b, kb, server, cancel=cancel)
    assert b.entries.count() == 3
    rest = sync(b, kb, server)
    assert len(rest.created) == 4 and b.entries.count() == 7
