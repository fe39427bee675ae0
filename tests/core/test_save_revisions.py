"""`save_revisions`: a batch of saved entries gets what saving them one at a time gives
(revisions, wiki links to each other's new titles, dangling links resolved), with one
flush and a few statements for all of them, not several per entry (a team pull saves batches)."""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import with_polymorphic

from expertise.models import Entry, HubMeta
from expertise.services.entries import get_entry, save_revisions


def _links(hub, entry_id: str) -> list[tuple[str, str | None]]:
    return [(link.title, link.entry_id) for link in hub.entries.links(entry_id)]


def _counter(session) -> int:
    return int(session.get(HubMeta, "change_seq").value)


def test_a_batch_links_to_titles_the_same_batch_gives_and_resolves_waiting_links(hub) -> None:
    alpha = hub.entries.add("advice", {"title": "Alpha", "body": "eerst"})
    beta = hub.entries.add("advice", {"title": "Beta"})
    gamma = hub.entries.add("practice", {"title": "Gamma"})
    waiting = hub.entries.add("advice", {"title": "Wacht", "body": "Zie [[Delta]]."})
    unchanged = hub.entries.add("advice", {"title": "Blijft", "body": "Zie [[Gamma]]."})
    assert _links(hub, waiting.id) == [("Delta", None)]

    def batch(session) -> tuple[list[bool], int]:
        before = _counter(session)
        a, b, u = (get_entry(session, i) for i in (alpha.id, beta.id, unchanged.id))
        a.body_md = "Zie [[Beta]], [[gamma]], [[Nergens]] en [[Delta]]."
        b.title = "Delta"  # renamed in the same batch: a's link and the waiting one find it
        return save_revisions(session, [a, b, u], "tester"), _counter(session) - before

    saved, moved = hub.session.read(batch)

    assert saved == [True, True, False]
    assert moved == 1
    assert _links(hub, alpha.id) == [
        ("Beta", None),  # renamed away in the batch
        ("gamma", gamma.id),  # the title ignoring case, as find_id_by_title
        ("Nergens", None),
        ("Delta", beta.id),
    ]
    assert _links(hub, waiting.id) == [("Delta", beta.id)]
    assert _links(hub, unchanged.id) == [("Gamma", gamma.id)]
    assert [r.revision for r in hub.entries.revisions(alpha.id)] == [2, 1]
    assert hub.entries.revisions(beta.id)[0].snapshot["title"] == "Delta"
    assert [r.revision for r in hub.entries.revisions(unchanged.id)] == [1]
    assert hub.entries.get(alpha.id).revision == 2


def test_a_batch_costs_at_most_one_statement_more_per_entry(hub) -> None:
    ids = [
        hub.entries.add("advice", {"title": f"Advies {n}", "body": f"[[Advies {n + 1}]]"}).id
        for n in range(25)
    ]
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    def save(chosen: list[str], mark: str) -> int:
        def run(session) -> None:
            every_kind = with_polymorphic(Entry, "*")  # as a team pull loads them
            entries = list(session.scalars(select(every_kind).where(every_kind.id.in_(chosen))))
            for entry in entries:
                entry.body_md += f" [[Advies {mark}]] [[nog {mark}]]"
            session.flush()
            statements.clear()
            event.listen(Engine, "before_cursor_execute", count)
            try:
                save_revisions(session, entries, "tester")
                session.flush()
            finally:
                event.remove(Engine, "before_cursor_execute", count)

        hub.session.read(run)
        return len(statements)

    five, twenty = save(ids[:5], "x"), save(ids[5:], "y")
    # one more statement per entry at most: the ORM updates each entry's row on its own
    assert twenty - five <= 15, (five, twenty)
    assert hub.session.read(lambda s: s.scalar(select(Entry.revision).where(Entry.id == ids[-1])))


def test_each_entry_once() -> None:
    import pytest

    with pytest.raises(ValueError):
        save_revisions(None, [Entry(id="x"), Entry(id="x")], "tester")  # type: ignore[arg-type]
