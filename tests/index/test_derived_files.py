"""A bulk build writes each segment's sidecar and word lists with it.

Computed when the index first searched a segment, they cost seconds of
lexicon and column reading at a 100k rebuild's swap, while searches waited.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import index.write.rebuild as rebuild
from index import SearchIndex
from index.storage import sidecar, wordfiles
from index.whoosh_internals import segments
from tests.index.conftest import doc, ids

Seen = list[tuple[str, int]]  # (file kind and segment, documents the index held then)


@pytest.fixture
def computed(empty_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> Seen:
    """Each computation of a derived file, and how many documents the live index held."""
    seen: Seen = []
    for module in (sidecar, wordfiles):
        original: Callable[..., Any] = module.compute

        def compute(
            source: Any, original: Callable[..., Any] = original, name: str = module.__name__
        ) -> Any:
            seen.append((f"{name}:{source.segment_id()}", empty_index.doc_count()))
            return original(source)

        monkeypatch.setattr(module, "compute", compute)
    return seen


def _live(ix: SearchIndex) -> set[str]:
    return {source.segment_id() for source, _ in segments(ix.searcher.reader())}


def _files_of(folder: Path, segment_ids: set[str]) -> set[str]:
    names = {p.name for p in folder.iterdir()}
    wanted = {sidecar.file_name(i) for i in segment_ids} | {
        wordfiles.file_name(i) for i in segment_ids
    }
    return wanted & names


def test_a_rebuild_computes_each_segments_derived_files_once(
    empty_index: SearchIndex,
    folder: Path,
    computed: Seen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT_DOCS", 20)
    docs = [doc(f"d{i}", f"Notitie {i}", f"afgeleid woord{i}") for i in range(70)]
    assert empty_index.rebuild(docs, total=len(docs))
    live = _live(empty_index)
    assert len(live) == 4
    assert len(_files_of(folder, live)) == 8  # on disk with the segments, before any search
    assert ids(empty_index.search("woord3*", limit=50))  # searching reads them
    assert len(computed) == 8 and len({kind for kind, _ in computed}) == 8  # once each
    assert {held for _, held in computed} == {0}  # by the builder, before the swap


def test_a_bulk_add_brings_its_derived_files(
    empty_index: SearchIndex, folder: Path, computed: Seen
) -> None:
    empty_index.update([doc("a", "Eerste", "los")])
    before = _live(empty_index)
    assert empty_index.add_many([doc(f"n{i}", f"Nieuw {i}", "bulkwoord") for i in range(30)]) == 30
    added = _live(empty_index) - before
    assert len(added) == 1 and len(_files_of(folder, added)) == 2
    assert empty_index.search("bulkwoord").total == 30
    mine = [held for kind, held in computed if kind.endswith(next(iter(added)))]
    assert mine == [1, 1]  # by the builder, before the commit
