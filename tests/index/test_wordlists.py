"""Packed sorted word lists: prefix spans and edit distances, against brute force and Whoosh."""

from __future__ import annotations

import random

import pytest
from whoosh.support.levenshtein import damerau_levenshtein

from index.engine.wordlists import PackedWords, distances, packable

ALPHABET = "aeiourstlnkbé"


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 9))) for _ in range(count)]


@pytest.fixture(scope="module")
def vocabulary() -> list[bytes]:
    rng = random.Random(7)
    words = {w.encode("utf-8") for w in _words(rng, 3000)}
    words |= {b"werk", b"werkplaats", "zoë".encode(), b"zoeken"}
    return sorted(words)


@pytest.fixture(scope="module")
def packed(vocabulary: list[bytes]) -> PackedWords:
    return PackedWords.of(vocabulary)


def test_the_packed_list_holds_every_word_in_order(
    vocabulary: list[bytes], packed: PackedWords
) -> None:
    assert len(packed) == len(vocabulary)
    assert packed.slice(0, len(packed)) == vocabulary
    assert [packed[i] for i in (0, 17, len(packed) - 1)] == [vocabulary[i] for i in (0, 17, -1)]
    assert packed.find(b"werkplaats") == vocabulary.index(b"werkplaats")
    assert packed.find(b"werkplaat") == -1 and packed.find(b"zzzzzz") == -1


def test_a_prefix_gives_exactly_the_words_starting_with_it(
    vocabulary: list[bytes], packed: PackedWords
) -> None:
    prefixes = [b"", b"w", b"werk", b"zo", "zoë".encode(), "é".encode(), b"zzz", b"\xc3"]
    prefixes += [w[:n] for w in vocabulary[::97] for n in (1, 2, 3)]
    for prefix in prefixes:
        assert packed.with_prefix(prefix) == [w for w in vocabulary if w.startswith(prefix)]


def test_merging_lists_gives_their_sorted_union() -> None:
    merged = PackedWords.merged([[b"b", b"d"], [b"a", b"d", b"e"], []])
    assert merged.slice(0, len(merged)) == [b"a", b"b", b"d", b"e"]
    assert len(PackedWords.merged([])) == 0 and PackedWords.merged([]).with_prefix(b"a") == []


def test_distances_agree_with_whoosh() -> None:
    rng = random.Random(11)
    words = _words(rng, 400) + ["rapport", "raprot", "parpot", "ab", "ba", "abc", "é"]
    for text in ["rapport", "ab", "werk", "é", "kénnis", "a"]:
        ours = distances(words, text).tolist()
        assert ours == [damerau_levenshtein(w, text) for w in words], text


def test_within_finds_the_words_whoosh_would(vocabulary: list[bytes], packed: PackedWords) -> None:
    rng = random.Random(3)
    for text in _words(rng, 40) + ["werkplaast", "zoek", "zoë"]:
        for maxdist, prefix in ((1, 1), (2, 1), (1, 0), (2, 2)):
            expected = [
                w
                for w in vocabulary
                if w.decode().startswith(text[:prefix])
                and damerau_levenshtein(w.decode(), text, limit=maxdist) <= maxdist
            ]
            assert packed.within(text, maxdist, prefix) == expected, (text, maxdist, prefix)


def test_words_with_a_line_break_cannot_be_packed() -> None:
    assert packable([b"werk", b"plaats"])
    assert not packable([b"werk", b"werk\nplaats"])
