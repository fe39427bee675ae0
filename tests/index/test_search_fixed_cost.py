"""What one search does once, not again: the work per search must not grow silly.

No timings (bench/ shows the speed): these count the work itself on a real
encrypted index. Whoosh's parser runs once per query text and thesaurus, a
page's stored records are read once per searcher and its snippets made once per
searcher and query words, a snippet folds only the
text up to its window, and a commit or close leaves nothing stale behind.
"""

from __future__ import annotations

from typing import Any

import pytest

from index import SearchIndex
from index.analysis import stem
from index.search import hits, snippets
from index.search.stored import RECORD_OVERHEAD, StoredCache
from tests.index.conftest import doc


def test_whoosh_parses_a_query_text_once_per_thesaurus(ix: SearchIndex) -> None:
    parser = ix.parser
    before = parser.cache_info()
    for _ in range(5):
        assert ix.search("videokamera verhoor").total >= 1
    after = ix.parser.cache_info()
    assert ix.parser is parser, "the parser is built once, not per search"
    assert after.misses - before.misses == 1 and after.hits - before.hits == 4
    ix.set_synonyms({"videokamera": ["camera"]})
    assert ix.parser.cache_info().currsize == 0, "a new thesaurus parses afresh"


def test_the_parsed_query_cache_stays_bounded(ix: SearchIndex) -> None:
    for n in range(ix.parser.cache_info().maxsize + 50):
        ix.parser.parse(f"woord{n}")
    info = ix.parser.cache_info()
    assert info.currsize == info.maxsize


def _count_reads(ix: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    searcher = ix.searcher
    real = searcher.stored_fields

    def counted(docnum: int) -> dict[str, Any]:
        reads.append(docnum)
        return real(docnum)

    monkeypatch.setattr(searcher, "stored_fields", counted)
    return reads


def test_a_page_reads_each_stored_record_once_per_searcher(
    ix: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _count_reads(ix, monkeypatch)
    first = ix.search("videokamera OR beelden OR politie")
    assert first.total >= 2 and len(reads) == len(first.hits)
    for _ in range(3):
        again = ix.search("videokamera OR beelden OR politie")
        assert [h.snippet for h in again.hits] == [h.snippet for h in first.hits]
    assert len(reads) == len(first.hits), "shown again, read again"


def test_a_commit_and_a_close_leave_no_stale_record(ix: SearchIndex) -> None:
    assert [h.title for h in ix.search("videokamera").hits] == [
        "Gebruik van de videokamera bij verhoren"
    ]
    ix.update([doc("nl-camera", "Videokamera in de verhoorstudio", "Nieuwe tekst.")])
    assert [h.title for h in ix.search("videokamera").hits] == ["Videokamera in de verhoorstudio"]
    assert len(ix._stored) > 0
    ix.close()
    assert len(ix._stored) == 0, "note text is not kept once the index is closed"


def test_a_snippet_folds_only_up_to_its_window(monkeypatch: pytest.MonkeyPatch) -> None:
    folded: list[int] = []
    real = snippets.fold_text

    def counted(text: str) -> str:
        folded.append(len(text))
        return real(text)

    monkeypatch.setattr(snippets, "fold_text", counted)
    early = "De triage van meldingen begint vroeg. " + "Daarna volgt veel andere tekst. " * 900
    snippet = snippets.make_snippet(early, frozenset({stem("triage", "nl")}), "nl")
    assert "<mark>triage</mark>" in snippet
    assert sum(folded) < snippets.FIRST_PIECE + 100 < len(early) // 20


def test_a_snippet_is_made_once_per_searcher_and_words(
    ix: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = hits.make_snippet

    def counted(text: str, stems: frozenset[str], lang: str) -> str:
        made.append(text)
        return real(text, stems, lang)

    monkeypatch.setattr(hits, "make_snippet", counted)
    first = ix.search("videokamera OR beelden")
    assert len(made) == len(first.hits) >= 2
    again = ix.search("videokamera OR beelden", kind="practice")  # a facet click
    assert len(made) == len(first.hits), "same words, same documents: nothing remade"
    assert [h.snippet for h in again.hits] == [
        h.snippet for h in first.hits if h.kind == "practice"
    ]
    ix.search("verhoor")  # other words mark other text
    assert len(made) == len(first.hits) + 1
    ix.update([doc("nl-camera", "Videokamera in de verhoorstudio", "Nieuwe tekst.")])
    changed = ix.search("videokamera")
    assert changed.hits[0].snippet.startswith("Nieuwe tekst"), "a new searcher starts afresh"


def test_kept_records_are_bounded_by_their_text(ix: SearchIndex) -> None:
    cache = StoredCache(chars=2 * RECORD_OVERHEAD + 400)
    for docnum in range(ix.searcher.doc_count_all()):
        cache.get(ix.searcher, docnum)
    assert 1 <= len(cache) <= 2
