"""Sorted word lists over a real multi-segment index, checked against Whoosh's lexicons.

A bulk build of several segments stands in for a 100k index (the size that
counts as big lowered to fit a test), with edits' small segments beside it.
"""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

import index.engine.lexicons as lexicons
import index.storage.wordfiles as wordfiles
import index.whoosh_internals as internals
import index.write.rebuild as rebuild
from index import SearchIndex
from index.engine.lexicons import Lexicons, View
from index.whoosh_internals import segments
from tests.index.conftest import CONFIG, SYNONYMS, GcmCipher, doc, ids

SEGMENT = 10
STEMS = ["werk", "plaats", "onder", "zoek", "beeld", "kennis", "rapport", "verhoor", "keten"]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(STEMS) + rng.choice(STEMS[:4]) for _ in range(6))


def _docs(count: int, seed: int, prefix: str = "d") -> list[dict[str, object]]:
    rng = random.Random(seed)
    return [doc(f"{prefix}{i}", _text(rng), _text(rng)) for i in range(count)]


@pytest.fixture
def built(empty_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> SearchIndex:
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT_DOCS", SEGMENT)
    monkeypatch.setattr(internals, "SMALL_SEGMENT_DOCS", SEGMENT)
    docs = _docs(SEGMENT * 5, seed=1)
    assert empty_index.rebuild(docs, total=len(docs))
    for n in range(3):  # small segments beside the big ones
        empty_index.update([doc(f"edit{n}", f"Bewerking {n}", f"werkbezoek{n} onderzoek")])
    return empty_index


def _view(ix: SearchIndex) -> View:
    return ix.columns.lexicons.view(ix.searcher.reader())


def _prefixes(ix: SearchIndex, field: str) -> list[str]:
    words = [w.decode() for w in ix.searcher.reader().lexicon(field)]
    return sorted({w[:n] for w in words for n in (1, 2, 4)} | {"", "zz", "werkb"})


def test_there_are_big_and_small_segments(built: SearchIndex) -> None:
    view = _view(built)
    assert len(view.big.order) == 5 and len(view.small) >= 1


def test_prefixes_expand_as_in_whoosh(built: SearchIndex) -> None:
    reader, view = built.searcher.reader(), _view(built)
    for field in sorted(wordfiles.WORD_FIELDS & set(reader.indexed_field_names())):
        for prefix in _prefixes(built, field):
            expected = list(reader.expand_prefix(field, prefix))
            assert view.with_prefix(field, prefix.encode()) == expected, (field, prefix)


def test_fuzzy_words_expand_as_in_whoosh(built: SearchIndex) -> None:
    reader, view = built.searcher.reader(), _view(built)
    for field in ("all_nl", "title_nl", "spell"):
        for text in ("werkplaatz", "onderzoak", "kenis", "rapprt", "werkbezoek1", "xyz"):
            for maxdist, prefix in ((1, 1), (2, 1), (2, 0)):
                theirs = set(reader.terms_within(field, text, maxdist, prefix=prefix))
                ours = {w.decode() for w in view.within(field, text, maxdist, prefix)}
                assert ours == theirs, (field, text, maxdist, prefix)


def _holders_agree(ix: SearchIndex, view: View) -> None:
    reader = ix.searcher.reader()
    for field in ("all_nl", "title_nl", "spell"):
        for word in [*reader.lexicon(field), b"ontbreekt"]:
            expected = {s.segment_id() for s, _ in segments(reader) if s.has_term(field, word)}
            assert view.holders(field, word) == expected, (field, word)


def test_the_segments_holding_a_word_are_those_whoosh_finds_it_in(built: SearchIndex) -> None:
    _holders_agree(built, _view(built))


def test_an_import_merges_its_segment_into_the_big_list(built: SearchIndex) -> None:
    before = _view(built)
    assert built.add_many(_docs(SEGMENT + 5, seed=2, prefix="imp")) == SEGMENT + 5
    after = _view(built)
    assert len(after.big.order) == len(before.big.order) + 1
    assert after.big.order[: len(before.big.order)] == before.big.order  # merged, not rebuilt
    fresh = Lexicons(None).view(built.searcher.reader())  # every segment read anew
    assert after.big.words.keys() == fresh.big.words.keys()
    for field, words in after.big.words.items():
        assert words.slice(0, len(words)) == fresh.big.words[field].slice(0, len(words))
    _holders_agree(built, after)


def test_an_erased_word_leaves_the_lists_and_its_segment_files(
    built: SearchIndex, folder: Path
) -> None:
    built.update([doc("d3", "Geheimenaam notitie", "geheimenaam staat hier")])
    assert _view(built).with_prefix("spell", b"geheimenaa") == [b"geheimenaam"]
    files_before = {p.name for p in folder.glob(f"{wordfiles.PREFIX}*")}
    built.update(delete_ids=["d3"])
    assert _view(built).with_prefix("spell", b"geheimenaa") == []
    assert _view(built).holders("spell", b"geheimenaam") == set()
    live = {s.segment_id() for s, _ in segments(built.searcher.reader())}
    files_after = {p.name for p in folder.glob(f"{wordfiles.PREFIX}*")}
    assert files_after == {wordfiles.file_name(i) for i in live}
    assert files_before - files_after  # the retired segments' lists are gone
    # nor does an older view kept for a search in flight hold it (erase-person)
    kept = built.columns.lexicons._views.values()
    assert all(view.with_prefix("spell", b"geheimenaa") == [] for view in kept)


QUERIES = ["werk*", "onderz*", "werkondr~", "werkbezoek1", "plaatsonder", "rapp* AND keten*"]


def _answers(ix: SearchIndex) -> dict[str, list[str]]:
    return {q: sorted(ids(ix.search(q, limit=100))) for q in QUERIES}


def test_searches_match_when_a_field_cannot_be_packed(
    built: SearchIndex, folder: Path, cipher: GcmCipher, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = _answers(built)
    assert all(ours.values())
    built.close()
    for path in folder.glob(f"{wordfiles.PREFIX}*"):
        path.unlink()
    monkeypatch.setattr(wordfiles, "packable", lambda words: False)
    reopened = SearchIndex(folder, cipher, synonyms=SYNONYMS, config=CONFIG)
    assert not _view(reopened).serves("all_nl")  # Whoosh's lexicons answer instead
    assert _answers(reopened) == ours
    reopened.close()


def test_searches_match_past_the_segments_an_owner_mask_can_name(
    built: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = _answers(built)
    monkeypatch.setattr(lexicons, "MAX_OWNERS", 2)
    built.columns.reset()
    assert _view(built).holders("all_nl", b"werkonder") is None  # ask every segment
    assert _answers(built) == ours


def test_an_unreadable_word_file_is_recomputed(
    built: SearchIndex, folder: Path, cipher: GcmCipher, caplog: pytest.LogCaptureFixture
) -> None:
    expected = _view(built).with_prefix("all_nl", b"werk")
    name = wordfiles.file_name(_view(built).big.order[0])
    built._storage.save_now(name, b"not an npz file")
    built.close()
    reopened = SearchIndex(folder, cipher, synonyms=SYNONYMS, config=CONFIG)
    with caplog.at_level(logging.WARNING):
        assert _view(reopened).with_prefix("all_nl", b"werk") == expected
    assert "unreadable word list" in caplog.text
    assert wordfiles.decode(reopened._storage.read_bytes(name)) is not None  # saved anew
    reopened.close()


def test_a_word_file_round_trips() -> None:
    words = {"all_nl": [b"keten", b"werk"], "spell": []}
    assert wordfiles.decode(wordfiles.encode(words, {"title_en"})) == (words, {"title_en"})
    assert wordfiles.decode(b"") is None
