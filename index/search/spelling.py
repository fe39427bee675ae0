"""Did you mean: each unknown word of a query replaced by the closest indexed word.

Candidates come from the sorted word list of the ``spell`` field
(index/engine/lexicons.py): the words within one edit (two from six letters
on) that share the typed word's first letter. The closest wins; among
equally close words the most frequent, then the first in order.
"""

from __future__ import annotations

import re

from index.analysis import LANGUAGES, STOP_WORDS, fold, stem
from index.engine.lexicons import View
from index.engine.source import Reader, Searcher
from index.engine.wordlists import distances

SPELL_FIELD = "spell"
_QUERY_WORD = re.compile(r"(?<![\w:])(\w{3,})(?![\w:*~])", re.UNICODE)
_OPERATORS = frozenset({"and", "or", "not", "andnot", "en", "of", "niet"})


def suggest(searcher: Searcher, words: View, text: str) -> str | None:
    """The query with unknown words replaced by the closest indexed word."""
    reader = searcher.reader()
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(1)
        folded = fold(word)
        if folded in STOP_WORDS or folded in _OPERATORS or _known(reader, words, folded):
            return word
        best = closest(searcher, words, folded, 1 if len(folded) < 6 else 2)
        if best is None:
            return word
        changed = True
        return best

    fixed = _QUERY_WORD.sub(fix, text)
    return fixed if changed else None


def closest(searcher: Searcher, words: View, word: str, maxdist: int) -> str | None:
    """The indexed word nearest to ``word`` (same first letter), or None."""
    if not words.serves(SPELL_FIELD):  # a word list that could not be packed
        options = searcher.corrector(SPELL_FIELD).suggest(word, limit=1, maxdist=maxdist, prefix=1)
        return str(options[0]) if options else None
    near = [w.decode("utf-8") for w in words.within(SPELL_FIELD, word, maxdist, 1)]
    if not near:
        return None
    reader = searcher.reader()
    ranked = zip(distances(near, word).tolist(), near, strict=True)
    return min(
        ranked, key=lambda pair: (pair[0], -reader.frequency(SPELL_FIELD, pair[1]), pair[1])
    )[1]


def _known(reader: Reader, words: View, word: str) -> bool:
    """Indexed as typed, or as a stem (investigation ~ investigating): no fix needed."""
    if _has(reader, words, SPELL_FIELD, word):
        return True
    return any(
        _has(reader, words, f"{base}_{lang}", stem(word, lang))
        for lang in LANGUAGES
        for base in ("title", "all")
    )


def _has(reader: Reader, words: View, name: str, word: str) -> bool:
    holders = words.holders(name, word.encode("utf-8"))
    return (name, word) in reader if holders is None else bool(holders)
