"""The bulk writer's words are the tokenizer regex's words, on awkward texts.

``split_words`` replaced ``_WORDS.findall`` in ``raw_words`` (the words every
fast-path field is analysed from) for speed: whitespace pieces that are only
letters and digits skip the regex. The terms, positions and counts it leads to
must not change: here the old way (the regex over the whole text, and
Whoosh's own token stream through ``TextAnalyzer.__call__``) against the new,
field by field, on texts chosen to break it.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter

import pytest

from index.analysis import (
    _EDGE_CACHE,
    _TERM_CACHE,
    _WORDS,
    EDGE,
    LANGUAGES,
    TextAnalyzer,
    WeightedText,
    edge_counts,
    kept_terms,
    split_words,
)

AWKWARD = [
    "",
    " ",
    "\t\n",
    "financiële café naïef Ærø Øresund ĳzer İstanbul Straße",
    "cafe\u0301 n\u0303o",  # combining marks are not word characters
    "arbeidsmarktbeleid kinderopvangtoeslag ziekenhuisopname",
    "co-operatie e-mail zorg- en welzijnswerk – een — streep",
    "3.5 1.000.000 v2.0 nr. 12) 2026-12-03 10:34 €15,- 50%",
    "x" * 41 + " " + "y" * 40 + " " + "a1" * 60,
    "https://example.com/a_b.c?d=e&f=g#h mailto:iemand@voorbeeld.nl",
    "snake_case _lead trail_ __ _",
    "... .a. a..b a.b. .. . a . b",
    "don't ’s l’eau “quoted” «guillemets» (haakjes) [blok] {acc}",
    "a\u00a0b\u2003c\u3000d\u1680e\u2028f\u2029g\x1ch\x1di\x1ej\x1fk\x85l\x0bm\x0cn",
    "٣ ²³ ½ Ⅻ 東京 ١٢٣ ๑๒",  # other digits and numerals
    "😀 emoji😀mid a\u200db zero\u200bwidth soft\u00adhyphen",
    "Title (nr. 12)\nSummary line.\n\nBody, with: punctuation; and? more!",
    "the and de het een of the the the",  # stop words, repeated
    "ß SS ǅ ǆ ﬁ ﬀ",  # folds that change length
]
ALPHABET = "ab Zé1_.-,;:'’()\t\n\u00a0\u2003\u0301😀²ß" + "x" * 3


def _random_texts(count: int) -> list[str]:
    rng = random.Random(14)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(80))) for _ in range(count)]


TEXTS = AWKWARD + _random_texts(1500)


def test_no_whitespace_is_part_of_a_word() -> None:
    # what makes splitting on whitespace first safe: str.split's separators are
    # never word characters nor dots, the only characters a match holds
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert spaces
    assert not re.search(r"[\w.]", spaces)


def test_split_words_is_the_regex() -> None:
    for text in TEXTS:
        assert split_words(text) == _WORDS.findall(text), repr(text)


@pytest.mark.parametrize("lang", [*LANGUAGES, None])
def test_kept_terms_as_before(lang: str | None) -> None:
    cache = _TERM_CACHE[lang]
    for text in TEXTS:
        before = [t for t in map(cache.__getitem__, _WORDS.findall(text)) if t]
        assert kept_terms(text, lang) == before, repr(text)


@pytest.mark.parametrize("lang", [*LANGUAGES, None])
def test_positions_and_counts_are_whooshs(lang: str | None) -> None:
    # the fast paths against the analyzer's own token stream (the regex, a Token per
    # word): the same terms, positions, part weights and field lengths
    analyzer = TextAnalyzer(lang)
    for text in TEXTS:
        value = WeightedText([("Titel " + text, 1.0), (text, 2.0), ("", 2.0), (text, 1.0)])
        poses: dict[str, list[int]] = {}
        weights: Counter[str] = Counter()
        for token in analyzer(value, positions=True, boost=1.0):
            poses.setdefault(token.text, []).append(token.pos)
            weights[token.text] += token.boost
        got_poses, got_weights, kept = analyzer.term_positions(value)
        assert got_poses == poses, repr(text)
        assert got_weights == dict(weights), repr(text)
        assert kept == sum(map(len, poses.values()))
        counts = Counter(t.text for t in analyzer(text))
        assert analyzer.term_counts(text) == counts, repr(text)


def test_edge_counts_are_whooshs() -> None:
    for text in TEXTS:
        grams = Counter(t.text for t in EDGE(text))
        assert edge_counts(text) == grams, repr(text)
        before = Counter(g for w in _WORDS.findall(text) for g in _EDGE_CACHE[w])
        assert edge_counts(text) == before, repr(text)
