"""A field's indexed words, sorted and packed, for prefix and fuzzy expansion.

Whoosh expands ``werk*`` or a misspelt word by walking every segment's
lexicon through its sealed term file, two small reads a word, merged over
all segments; at 100k entries (20 segments) that was 30-100 ms a prefix and
most of a keystroke's time (the did-you-mean check walks every word with the
typed word's first letter). Here the words sit in one buffer in byte order
(Whoosh's order): a prefix is two bisections and a slice, and a fuzzy word
measures only the words of a close length that share its fixed prefix, all
at once with numpy.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import numpy as np

SEPARATOR = b"\n"  # analysed words never hold whitespace (packable() checks)


def packable(words: Iterable[bytes]) -> bool:
    return not any(SEPARATOR in word for word in words)


class PackedWords(Sequence[bytes]):
    """Unique words in byte order, in one buffer with their start offsets."""

    def __init__(self, blob: bytes, starts: np.ndarray, chars: np.ndarray) -> None:
        self._blob = blob
        self._starts = starts  # n + 1 entries: word i is blob[starts[i] : starts[i+1] - 1]
        self._chars = chars  # length of each word in characters (the distance's unit)

    @classmethod
    def of(cls, sorted_unique: Sequence[bytes]) -> PackedWords:
        sizes = np.fromiter(map(len, sorted_unique), dtype=np.int64, count=len(sorted_unique))
        starts = np.zeros(len(sorted_unique) + 1, dtype=np.int64)
        np.cumsum(sizes + 1, out=starts[1:])
        chars = np.fromiter(
            (len(w.decode("utf-8")) for w in sorted_unique), dtype=np.int32, count=len(sizes)
        )
        return cls(SEPARATOR.join(sorted_unique) + SEPARATOR, starts, chars)

    @classmethod
    def merged(cls, parts: Iterable[Iterable[bytes]]) -> PackedWords:
        words: set[bytes] = set()
        for part in parts:
            words.update(part)
        return cls.of(sorted(words))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i: int) -> bytes:  # type: ignore[override]
        return self._blob[self._starts[i] : self._starts[i + 1] - 1]

    @property
    def nbytes(self) -> int:
        return len(self._blob) + self._starts.nbytes + self._chars.nbytes

    def span(self, prefix: bytes) -> tuple[int, int]:
        """Positions ``lo:hi`` of the words starting with ``prefix``."""
        lo = bisect.bisect_left(self, prefix)
        if not prefix:
            return lo, len(self)
        return lo, bisect.bisect_left(self, _after(prefix), lo)

    def find(self, word: bytes) -> int:
        """Position of ``word``, or -1."""
        at = bisect.bisect_left(self, word)
        return at if at < len(self) and self[at] == word else -1

    def slice(self, lo: int, hi: int) -> list[bytes]:
        if lo >= hi:
            return []
        return self._blob[self._starts[lo] : self._starts[hi] - 1].split(SEPARATOR)

    def with_prefix(self, prefix: bytes) -> list[bytes]:
        return self.slice(*self.span(prefix))

    def within(self, text: str, maxdist: int, prefix: int) -> list[bytes]:
        """Words within ``maxdist`` edits of ``text`` whose first ``prefix`` characters match."""
        lo, hi = self.span(text[:prefix].encode("utf-8"))
        chars = self._chars[lo:hi]
        near = np.flatnonzero(np.abs(chars - len(text)) <= maxdist)
        if not len(near):
            return []
        words = self.slice(lo, hi)
        candidates = [words[i] for i in near.tolist()]
        decoded = [w.decode("utf-8") for w in candidates]
        close = distances(decoded, text) <= maxdist
        return [w for w, ok in zip(candidates, close.tolist(), strict=True) if ok]


def _after(prefix: bytes) -> bytes:
    """The smallest byte string above every string starting with ``prefix``."""
    stripped = prefix.rstrip(b"\xff")
    if not stripped:
        return b"\xff" * (len(prefix) + 1)  # no UTF-8 text starts with 0xff
    return stripped[:-1] + bytes([stripped[-1] + 1])


def _codes(words: Sequence[str], width: int) -> np.ndarray:
    """Code points of each word in a row, zero-padded (zero is no character of a word)."""
    if width == 0:
        return np.zeros((len(words), 0), dtype=np.uint32)
    return np.array(words, dtype=f"<U{width}").view(np.uint32).reshape(len(words), width)


def distances(words: Sequence[str], text: str) -> np.ndarray:
    """Damerau-Levenshtein (optimal string alignment) distance of each word to ``text``.

    The measure Whoosh's ``terms_within`` uses, computed for all words at
    once: one numpy step per (word position, text position) pair instead of
    a Python loop per word.
    """
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    width = int(lengths.max()) if len(words) else 0
    word = _codes(words, width)
    target = [ord(c) for c in text]
    m = len(target)
    result = np.full(len(words), m, dtype=np.int64)  # empty words: m insertions
    base = np.arange(m + 1, dtype=np.int64)
    two_ago: np.ndarray | None = None
    one_ago = np.broadcast_to(base, (len(words), m + 1))
    for j in range(width):
        column = word[:, j]
        row = np.empty((len(words), m + 1), dtype=np.int64)
        row[:, 0] = j + 1
        for i in range(1, m + 1):
            differs = column != target[i - 1]
            best = np.minimum(one_ago[:, i] + 1, one_ago[:, i - 1] + differs)
            best = np.minimum(best, row[:, i - 1] + 1)
            if two_ago is not None and i > 1:
                swapped = differs & (column == target[i - 2]) & (word[:, j - 1] == target[i - 1])
                best = np.where(swapped, np.minimum(best, two_ago[:, i - 2] + 1), best)
            row[:, i] = best
        ends_here = lengths == j + 1
        result[ends_here] = row[ends_here, m]
        two_ago, one_ago = one_ago, row
    return result
