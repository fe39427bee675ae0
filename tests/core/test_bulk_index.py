"""The index service's bulk path (what a bulk import calls) on a real hub."""

from __future__ import annotations


def _items(count: int, word: str) -> list[tuple[str, dict[str, object]]]:
    return [
        ("practice", {"title": f"Werkwijze {word} {n}", "body": f"Stap {n}: {word} vastleggen."})
        for n in range(count)
    ]


def test_add_entries_indexes_new_and_changed_entries_in_one_commit(hub):
    hub.entries.add("advice", {"title": "Advies vooraf", "body": "Bestond al"})
    ids = hub.entries.add_many(_items(150, "bulkproef"), reindex=False)
    assert hub.maintenance.index_staleness() != ""
    seen: list[tuple[int, int]] = []
    service = hub.index_service
    assert service.add_entries(ids, progress=lambda d, t: seen.append((d, t))) == 150
    assert seen[-1] == (150, 150)
    assert hub.search("bulkproef", limit=5).total == 150
    assert hub.search("vooraf").total == 1
    assert hub.maintenance.index_staleness() == ""
    # changed in the database, indexed again in bulk: replaced, not doubled
    hub.entries.update(ids[3], {"title": "Werkwijze herzien"})
    service.wait()
    assert service.add_entries(ids[:10]) == 10
    assert service.doc_count() == 151
    assert hub.search("herzien").total == 1
    assert hub.maintenance.index_staleness() == ""


def test_a_cancelled_bulk_add_leaves_the_index_as_it_was(hub):
    ids = hub.entries.add_many(_items(40, "afgebroken"), reindex=False)
    assert hub.index_service.add_entries(ids, cancel=lambda: True) is None
    assert hub.search("afgebroken").total == 0
    assert hub.maintenance.index_staleness() != ""
