"""A rebuild's swap: the old index's caches go before the new one is warmed, searches go on.

Real encrypted storage; the swap is caught by wrapping the warm-up the swap
runs (index.core.warm), nothing else is replaced.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from index import SearchIndex
from index import core as index_core
from index.engine.source import Searcher
from tests.index.conftest import CORPUS, doc, ids

NEW = doc("swap-1", "Omwisselnieuw titel", "Omwisselnieuw tekst over videokamera's")


def test_the_old_caches_are_gone_before_the_new_index_is_warmed(
    ix: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "nl-camera" in ids(ix.search("videokamera"))  # stored records and columns cached
    assert ix._stored._records and ix.columns._glued
    seen: list[tuple[int, int]] = []
    real_warm = index_core.warm

    def watched(cache: Any, searcher: Searcher) -> None:
        seen.append((len(ix._stored._records), len(cache._glued)))
        real_warm(cache, searcher)

    monkeypatch.setattr(index_core, "warm", watched)
    assert ix.rebuild([*CORPUS, NEW])
    assert seen and seen[-1] == (0, 0)
    assert "swap-1" in ids(ix.search("Omwisselnieuw"))
    assert "nl-camera" in ids(ix.search("videokamera"))  # read again from the new index


def test_a_search_during_the_swap_is_answered_from_the_new_index(
    ix: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ix.search("Omwisselnieuw").total == 0
    answers: list[list[str]] = []
    errors: list[BaseException] = []
    searching: list[threading.Thread] = []
    real_warm = index_core.warm

    def search() -> None:
        try:
            answers.append(ids(ix.search("Omwisselnieuw")))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    def during_swap(cache: Any, searcher: Searcher) -> None:
        # the searcher is swapped and the old caches are gone: a search now
        # waits for the swap, then must be answered (from the new index)
        thread = threading.Thread(target=search)
        thread.start()
        searching.append(thread)
        real_warm(cache, searcher)

    monkeypatch.setattr(index_core, "warm", during_swap)
    assert ix.rebuild([*CORPUS, NEW])
    for thread in searching:
        thread.join(30)
    assert searching and not errors
    assert answers == [["swap-1"]] * len(searching)
