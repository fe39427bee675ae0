"""What an edit's commit may merge: small segments only, never a bulk build's.

Whoosh's MERGE_SMALL merges the run of smallest segments whose total stays under a
Fibonacci bound of their count. With the twenty-odd segments a bulk build leaves at
100k documents that bound passes the whole index, so the second edit after a reindex
rewrote every document through Whoosh's merge (18 minutes on a 2-core machine, the
edit unsearchable meanwhile). Here a bulk build of 22 segments stands in for that index,
with the size that counts as big lowered to fit a test.
"""

from __future__ import annotations

import pytest

import index.whoosh_internals as internals
import index.write.rebuild as rebuild
from index import SearchIndex
from index.whoosh_internals import committed_segments
from tests.index.conftest import doc, ids

SEGMENT = 10  # documents per segment of the bulk build
SEGMENTS = 22


def _segment_ids(ix: SearchIndex) -> dict[str, int]:
    return {s.segment_id(): s.doc_count_all() for s in committed_segments(ix._ix)}


@pytest.fixture
def built(empty_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> SearchIndex:
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT_DOCS", SEGMENT)
    monkeypatch.setattr(internals, "SMALL_SEGMENT_DOCS", SEGMENT)
    docs = [doc(f"d{i}", f"Notitie {i}", f"bulkwoord nummer{i}") for i in range(SEGMENT * SEGMENTS)]
    assert empty_index.rebuild(docs, total=len(docs))
    assert len(_segment_ids(empty_index)) == SEGMENTS
    return empty_index


def test_edits_never_merge_the_segments_of_a_bulk_build(built: SearchIndex) -> None:
    bulk = _segment_ids(built)
    for n in range(8):
        built.update([doc(f"d{n}", f"Notitie {n}", f"bewerkt{n} bulkwoord")])
        assert set(bulk) <= set(_segment_ids(built)), f"edit {n} merged a bulk segment"
    assert ids(built.search("bewerkt7")) == ["d7"]
    assert built.search("bulkwoord").total == SEGMENT * SEGMENTS


def test_the_small_segments_of_edits_are_still_merged(built: SearchIndex) -> None:
    bulk = _segment_ids(built)
    for n in range(12):
        built.update([doc(f"new{n}", f"Nieuw {n}", "losse toevoeging")])
    small = {k: v for k, v in _segment_ids(built).items() if k not in bulk}
    assert sum(small.values()) == 12
    assert len(small) < 12  # merged into fewer segments, as Whoosh's rule would
    assert built.search("toevoeging").total == 12


def test_a_merge_of_small_segments_stays_within_its_budget(
    built: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(internals, "MERGE_BUDGET_DOCS", 3)
    for n in range(12):
        built.update([doc(f"new{n}", f"Nieuw {n}", "losse toevoeging")])
    sizes = _segment_ids(built).values()
    assert all(size <= 3 or size == SEGMENT for size in sizes)
    assert built.search("toevoeging").total == 12


def test_purge_rewrites_only_the_segments_with_deletions(built: SearchIndex) -> None:
    # what erase-person runs after its commit: the old text of an upsert leaves the
    # files, and the bulk segments without deletions stay as they are
    bulk = _segment_ids(built)
    built.update([doc("d3", "Notitie 3", "nieuwe tekst")])  # d3's old version marked deleted
    built.purge()
    after = _segment_ids(built)
    assert len(set(bulk) - set(after)) == 1  # d3's segment, rewritten without it
    assert not any(s.has_deletions() for s in committed_segments(built._ix))
    assert built.search("nummer3").total == 0
    assert built.search("bulkwoord").total == SEGMENT * SEGMENTS - 1
    built.purge()  # nothing left to purge: no commit
    assert _segment_ids(built) == after
