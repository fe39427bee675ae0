"""A pulled batch of edits is applied as a batch: a few statements for all its entries
(tags, themes, attachments, revisions, wiki links), not a dozen per entry, with the same
result as the one-entry path. Real laptop hubs over a list-backed items table."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.models import Tag
from expertise.team.indexing import RoundIndex
from expertise.team.sync import SyncReport, SyncRound
from tests.conftest import PASSPHRASE
from tests.team.memkeys import MemoryKeys, Team
from tests.team.memserver import ListServer


@pytest.fixture
def pair(tmp_path: Path):
    team, server = Team(), ListServer()
    hubs = [Hub.create(tmp_path / name, PASSPHRASE, kdf=KdfParams.floor()) for name in "ab"]
    yield [(hub, team.member(name)) for hub, name in zip(hubs, "ab", strict=True)], server
    for hub in hubs:
        hub.close()


def sync(hub: Hub, keys: MemoryKeys, server: ListServer) -> SyncReport:
    index = RoundIndex(hub.session, hub.index_service, hub.blobs)  # as hub.team.sync does
    return SyncRound(hub.session, hub.blobs, server, keys, index=index).run()


def _edit(hub: Hub, ids: list[str], mark: str) -> None:
    for entry_id in ids:
        record = hub.entries.get(entry_id)
        hub.entries.update(
            entry_id,
            {
                "summary": f"{record.summary} {mark}",
                "body": f"{record.body_md} [[Advies 0]] [[nergens {mark}]]",
                "tags": [*record.tags, f"nieuw {mark}", "gedeeld"],
            },
        )


def test_pulling_edits_costs_no_statements_per_entry_beyond_its_row(pair) -> None:
    ((a, ka), (b, kb)), server = pair
    ids = [
        a.entries.add(
            "advice",
            {"title": f"Advies {n}", "body": f"Zie [[Advies {n + 1}]].", "tags": [f"t{n}"],
             "themes": ["grooming"]},
        ).id
        for n in range(30)
    ]
    sync(a, ka, server)
    sync(b, kb, server)
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    def pulled(chosen: list[str], mark: str) -> int:
        _edit(a, chosen, mark)
        sync(a, ka, server)
        statements.clear()
        event.listen(Engine, "before_cursor_execute", count)
        try:
            report = sync(b, kb, server)
        finally:
            event.remove(Engine, "before_cursor_execute", count)
        assert sorted(report.updated) == sorted(chosen)
        return len(statements)

    five, twenty = pulled(ids[:5], "x"), pulled(ids[5:25], "y")
    # before: ~20 statements per entry (tags, themes, attachments, the last revision and each
    # wiki link looked up one entry at a time, each query flushing the one before)
    assert twenty - five <= 2 * 15, (five, twenty)
    for entry_id in ids[5:25]:
        assert b.entries.get(entry_id).summary == a.entries.get(entry_id).summary
        assert sorted(b.entries.get(entry_id).tags) == sorted(a.entries.get(entry_id).tags)
        assert [(x.title, x.entry_id) for x in b.entries.links(entry_id)] == [
            (x.title, x.entry_id) for x in a.entries.links(entry_id)
        ]


def test_a_new_tag_several_pulled_edits_share_is_made_once(pair) -> None:
    ((a, ka), (b, kb)), server = pair
    ids = [a.entries.add("advice", {"title": f"Notitie {n}"}).id for n in range(3)]
    sync(a, ka, server)
    sync(b, kb, server)
    for entry_id in ids:
        a.entries.update(entry_id, {"tags": ["Gloed  Nieuw", "ook"], "themes": ["grooming"]})
    sync(a, ka, server)

    report = sync(b, kb, server)

    assert sorted(report.updated) == sorted(ids)
    for entry_id in ids:
        got = b.entries.get(entry_id)
        assert sorted(got.tags) == ["gloed nieuw", "ook"]
        assert list(got.themes) == ["grooming"]
    count = b.session.read(lambda s: s.scalar(select(func.count()).select_from(Tag)))
    assert count == 2


@pytest.mark.parametrize("bad", [{"language": "xx"}, {"advice_date": "geen datum"}])
def test_a_refused_update_changes_nothing_here(pair, bad) -> None:
    """An item a member signed but that does not fit this hub (a value its field refuses)
    is refused, and the entry keeps everything it had: none of the item's other values
    (before: the title and summary set before the bad value were committed)."""
    from expertise.team.items import ItemContent, seal_item

    ((a, ka), (b, kb)), server = pair
    entry = a.entries.add("advice", {"title": "Oud", "summary": "zoals het was", "tags": ["x"]})
    sync(a, ka, server)
    sync(b, kb, server)
    values = {"title": "Nieuw", "summary": "overschreven", "tags": ["y"], **bad}
    content = ItemContent(entry.id, "advice", values)
    server.push([seal_item(content, 2, 1, 1, ka)])

    report = sync(b, kb, server)

    assert [r.reason for r in report.refused] == ["malformed"], report.refused
    got = b.entries.get(entry.id)
    assert (got.title, got.summary, list(got.tags)) == ("Oud", "zoals het was", ["x"])
    assert [r.revision for r in b.entries.revisions(entry.id)] == [1]


@pytest.mark.parametrize("bad", [{"language": "xx"}, {"advice_date": "geen datum"}])
def test_a_refused_new_entry_leaves_the_rest_of_the_batch(pair, bad) -> None:
    """A new entry whose item a member signed but whose value this hub refuses is refused
    alone: the good new entry pulled in the same batch is created, and the next round does
    not stumble over the refused one again (the cursor moved past it)."""
    import uuid

    from expertise.team.items import ItemContent, seal_item

    ((a, ka), (b, kb)), server = pair
    good = ItemContent(str(uuid.uuid4()), "advice", {"title": "Goed", "summary": "past"})
    wrong = ItemContent(str(uuid.uuid4()), "advice", {"title": "Fout", **bad})
    server.push([seal_item(wrong, 1, None, 1, ka), seal_item(good, 1, None, 1, ka)])

    report = sync(b, kb, server)

    assert [r.reason for r in report.refused] == ["malformed"], report.refused
    assert b.entries.get(good.entry_id).title == "Goed"
    assert b.entries.find_by_title("Fout") is None
    again = sync(b, kb, server)
    assert again.refused == [] and again.created == []


def test_a_bad_row_of_a_field_with_references_is_refused_alone(pair) -> None:
    """A rows field with reference columns (a case's follow-up log names its author) is
    resolved after the batch: a row that its field refuses (no date) must still refuse only
    its own item, for a new entry and for an update, not abort the round."""
    import uuid

    from expertise.team.items import ItemContent, seal_item

    ((a, ka), (b, kb)), server = pair
    case = a.entries.add("case", {"title": "Zaak", "follow_ups": []})
    sync(a, ka, server)
    sync(b, kb, server)
    bad_rows = [{"date": "geen datum", "text": "bijgewerkt", "author": None}]
    update = ItemContent(case.id, "case", {"title": "Zaak bijgewerkt", "follow_ups": bad_rows})
    fresh = ItemContent(str(uuid.uuid4()), "case", {"title": "Nieuwe zaak", "follow_ups": bad_rows})
    good = ItemContent(str(uuid.uuid4()), "advice", {"title": "Goed"})
    server.push([seal_item(update, 2, 1, 1, ka), seal_item(fresh, 1, None, 1, ka),
                 seal_item(good, 1, None, 1, ka)])

    report = sync(b, kb, server)

    assert sorted(r.item_id for r in report.refused) == sorted([case.id, fresh.entry_id])
    assert b.entries.get(good.entry_id).title == "Goed"
    assert b.entries.get(case.id).title == "Zaak"
    assert sync(b, kb, server).refused == []
