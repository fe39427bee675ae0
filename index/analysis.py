"""Text analysis for Dutch and English: tokenise, fold, drop stop words, stem.

The same chain runs at index and query time, so a document analysed in its
own language always meets a query analysed the same way. Classes here are
pickled into the Whoosh schema, so they must stay importable at module level
and hold no unpicklable state.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from itertools import chain
from typing import Any

from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StopFilter,
    Token,
)
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

LANGUAGES = ("nl", "en")
MAX_TOKEN = 40  # longer "words" are hashes, URLs, base64: noise in a lexicon
EDGE_MAX = 20
PART_GAP = 50

# Dutch plurals the Snowball stemmer leaves alone or maps apart.
_NL_IRREGULAR = {
    "kinderen": "kind",
    "kinder": "kind",
    "eieren": "ei",
    "bladeren": "blad",
    "steden": "stad",
}
_STEM_CACHE: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
_STEM_CACHE_LIMIT = 400_000
_STEMMERS = {lang: stemmer_for_language(lang) for lang in LANGUAGES}


def fold(text: str) -> str:
    """Lowercase and strip accents (financiële -> financiele) before stemming."""
    return text.lower().translate(accent_map)


def _fold_all(words: frozenset[str] | set[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


# One union list for every field: a word that is a stop word in one language
# but not the other would otherwise become a required term only the other
# language's fields can satisfy ("the" in a Dutch field), hiding documents.
STOP_WORDS = _fold_all(set(stopwords_for_language("nl")) | set(stopwords_for_language("en")))


def stem(word: str, lang: str) -> str:
    """Stem an already folded word, with a shared bounded cache."""
    cache = _STEM_CACHE[lang]
    hit = cache.get(word)
    if hit is not None:
        return hit
    if len(cache) > _STEM_CACHE_LIMIT:
        cache.clear()  # cheaper than LRU bookkeeping on every token
    result = _stem_uncached(word, lang)
    cache[word] = result
    return result


def _stem_uncached(word: str, lang: str) -> str:
    if lang == "nl":
        if word in _NL_IRREGULAR:
            return _NL_IRREGULAR[word]
        if word.endswith("ies") and len(word) > 5:
            word = word[:-1]  # identificaties -> identificatie: Snowball keeps the s
    stemmed: str = _STEMMERS[lang](word)
    return stemmed


class FoldFilter(Filter):  # type: ignore[misc]
    """Accent folding (lowercasing happens earlier in the chain)."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for t in tokens:
            t.text = t.text.translate(accent_map)
            yield t


# Whoosh's default pattern keeps '*' inside tokens (for its wildcard parser);
# ours drops it so "a*" can never become a literal term.
TOKEN_PATTERN = r"\w+(\.?\w+)*"


_TOKEN = re.compile(TOKEN_PATTERN, re.UNICODE)
_WORDS = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)  # TOKEN_PATTERN whose findall gives words


class _TermCache(dict[str, str]):
    """raw word -> indexed term ("" for a stop word) in one language (None: unstemmed).

    A dict whose misses compute the term: ``map(cache.__getitem__, words)``
    then runs in C for every word already seen, the bulk of any text.
    """

    def __init__(self, lang: str | None) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, raw: str) -> str:
        word = fold(raw)
        if word in STOP_WORDS or not 2 <= len(word) <= MAX_TOKEN:
            term = ""
        else:
            term = word if self.lang is None else stem(word, self.lang)
        if len(self) > _STEM_CACHE_LIMIT:
            self.clear()
        self[raw] = term
        return term


_TERM_CACHE: dict[str | None, _TermCache] = {lang: _TermCache(lang) for lang in (None, *LANGUAGES)}


def term_of(raw: str, lang: str | None) -> str:
    """The indexed form of one raw word: folded, stemmed if ``lang``; "" if stopped."""
    return _TERM_CACHE[lang][raw]


def kept_terms(text: str, lang: str | None) -> list[str]:
    """The indexed terms of ``text`` in order, stop words dropped: what ``TextAnalyzer``
    yields, without a Token per word (the bulk writer's fast path)."""
    if isinstance(text, JoinedText):
        return [t for part in text.parts for t in kept_terms(part, lang)]
    return list(filter(None, map(_TERM_CACHE[lang].__getitem__, raw_words(text))))


_RAW: dict[str, list[str]] = {}  # the last texts' words: one document's fields share texts
_RAW_LIMIT = 32


def raw_words(text: str) -> list[str]:
    """``text``'s words as the tokenizer matches them (a title is in four fields)."""
    found = _RAW.get(text)
    if found is None:
        if len(_RAW) >= _RAW_LIMIT:
            _RAW.clear()
        found = _RAW[text] = split_words(text)
    return found


def split_words(text: str) -> list[str]:
    """``_WORDS.findall(text)``, the regex run only on pieces with more than letters and digits.

    The regex engine tests every character of a note (~0.35 ms for 7 kB). A
    match holds only word characters and dots, and no whitespace is either
    (tests/index/test_split_words.py checks every code point), so the words of
    the text are the words of its whitespace-separated pieces in order; a piece
    of letters and digits only (``isalnum`` is the regex's ``\\w`` less "_") is
    one word by itself. Only the rest ("word.", "e.g.", "(nr", "snake_case")
    go through the regex: the same list at ~0.6x the cost on bench notes.
    """
    pieces = text.split()
    plain = list(map(str.isalnum, pieces))
    if all(plain):
        return pieces
    found: list[str] = []
    start = 0
    next_odd = plain.index
    while True:
        try:
            odd = next_odd(False, start)
        except ValueError:
            break
        found += pieces[start:odd]
        found += _WORDS.findall(pieces[odd])
        start = odd + 1
    found += pieces[start:]
    return found


class JoinedText(str):
    """Texts joined by spaces that remember their parts.

    The tokenizer never matches across a space, so the words of the whole are
    the parts' words in order: each part's words are found once per document
    however many fields hold it (``raw_words``).
    """

    parts: tuple[str, ...]

    def __new__(cls, parts: Iterable[str]) -> JoinedText:
        kept = tuple(parts)
        self = super().__new__(cls, " ".join(kept))
        self.parts = kept
        return self


class TextAnalyzer(Analyzer):  # type: ignore[misc]
    """Tokenise, fold, stop and stem in one pass with a per-word cache.

    Same result as RegexTokenizer | LowercaseFilter | FoldFilter | StopFilter |
    StemFilter, about three times faster: a chain of Python generators per
    token is what dominated indexing time.
    """

    def __init__(self, lang: str | None = None) -> None:
        self.lang = lang

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:  # prefix and fuzzy terms: one word, as typed
            word = fold(value)
            t.text = word if self.lang is None or not word else stem(word, self.lang)
            t.pos, t.startchar, t.endchar = start_pos, start_char, start_char + len(value)
            yield t
            return
        parts = value.parts if isinstance(value, WeightedText) else ((value, 1.0),)
        pos, char = start_pos, start_char
        for text, boost in parts:
            t.boost = boost
            pos = yield from self._part(t, text, pos, char, keeporiginal)
            pos += PART_GAP  # a phrase must not run from one part into the next
            char += len(text) + 1

    def _part(
        self, t: Token, text: str, pos: int, char: int, keeporiginal: bool
    ) -> Generator[Token, None, int]:
        lang, removestops = self.lang, t.removestops
        for match in _TOKEN.finditer(text):
            raw = match.group()
            term = term_of(raw, lang)
            if term:
                t.text, t.stopped = term, False
            elif removestops:
                continue
            else:
                t.text, t.stopped = fold(raw), True
            if keeporiginal:
                t.original = raw
            if t.positions:
                t.pos = pos
                pos += 0 if t.stopped else 1
            if t.chars:
                t.startchar, t.endchar = char + match.start(), char + match.end()
            yield t
        return pos

    def term_positions(self, value: str) -> tuple[dict[str, list[int]], dict[str, float], int]:
        """Each kept term's positions and summed part weights in ``value``, and
        how many terms were kept (the field length).

        What Whoosh's Positions format gathers from ``__call__``'s tokens (the
        same positions, stops dropped, ``PART_GAP`` between parts), without a
        Token or a generator step per word: the bulk writer's fast path
        (index/whoosh_writer.py).
        """
        parts = value.parts if isinstance(value, WeightedText) else ((value, 1.0),)
        poses: dict[str, list[int]] = {}
        weights: dict[str, float] = {}
        pos = kept = 0
        for text, boost in parts:
            terms = kept_terms(text, self.lang)
            for at, term in enumerate(terms, pos):
                found = poses.get(term)
                if found is None:
                    poses[term] = [at]
                    weights[term] = boost
                else:
                    found.append(at)
                    weights[term] += boost
            pos += len(terms) + PART_GAP
            kept += len(terms)
        return poses, weights, kept

    def term_counts(self, value: str) -> Counter[str]:
        """How often each kept term occurs in a plain ``value`` (Whoosh's Frequency format)."""
        return Counter(kept_terms(value, self.lang))


class WeightedText(str):
    """Text made of parts with their own weight (title counts more than body).

    Whoosh hands a str to the analyzer untouched, so the parts ride along as
    an attribute; its value as a plain string is the parts joined.
    """

    parts: tuple[tuple[str, float], ...]

    def __new__(cls, parts: Iterable[tuple[str, float]]) -> WeightedText:
        kept = tuple((text, boost) for text, boost in parts if text)
        self = super().__new__(cls, "\n".join(text for text, _ in kept))
        self.parts = kept
        return self


def _base() -> Analyzer:
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()


def text_analyzer(lang: str) -> Analyzer:
    return TextAnalyzer(lang)


def plain_analyzer() -> Analyzer:
    """Folded words without stemming: organisation names and the speller."""
    return TextAnalyzer(None)


def edge_analyzer() -> Analyzer:
    """Word-start n-grams of titles for as-you-type."""
    return (
        _base()
        | StopFilter(stoplist=frozenset(), minsize=1, maxsize=MAX_TOKEN)
        | NgramFilter(minsize=1, maxsize=EDGE_MAX, at="start")
    )


class _EdgeCache(dict[str, tuple[str, ...]]):
    """raw word -> its word-start n-grams as ``edge_analyzer`` makes them."""

    def __missing__(self, raw: str) -> tuple[str, ...]:
        word = fold(raw)
        grams = tuple(word[:size] for size in range(1, min(EDGE_MAX, len(word)) + 1))
        if len(word) > MAX_TOKEN:
            grams = ()
        if len(self) > _STEM_CACHE_LIMIT:
            self.clear()
        self[raw] = grams
        return grams


_EDGE_CACHE = _EdgeCache()
EDGE = edge_analyzer()  # what a field's analyzer is compared with to take the fast path


def edge_counts(value: str) -> Counter[str]:
    """How often each n-gram of ``edge_analyzer`` occurs in ``value``, without Tokens."""
    return Counter(chain.from_iterable(map(_EDGE_CACHE.__getitem__, raw_words(value))))


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Folded words of a text, the way the tokenizer sees them."""
    return [fold(m.group(0)) for m in _WORD.finditer(text)]


def analyse(text: str, lang: str) -> list[str]:
    """Stemmed, stop-filtered terms of ``text`` in ``lang``."""
    return [t for t in (term_of(m.group(), lang) for m in _TOKEN.finditer(text)) if t]


# -- Markdown to plain text ----------------------------------------------------
# (pattern, replacement, substrings one of which any match contains: no scan without them)
_MD_RULES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"```.*?```", re.S), " ", ("```",)),  # fenced code is rarely what people search
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1", ("![",)),  # images -> alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1", ("](",)),  # links -> label
    (re.compile(r"\[\[([^\]|]*)(\|([^\]]*))?\]\]"), r"\1 \3", ("[[",)),  # wiki links
    (re.compile(r"<[^>]{0,200}>"), " ", ("<",)),  # inline HTML tags
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), "", ("",)),  # block markers
    (re.compile(r"[*_`~|]+"), " ", tuple("*_`~|")),  # emphasis, code, tables
    # runs of blanks -> one space; a lone space is left alone (the same text, but not a
    # replacement per word: this rule was ~0.4 ms of a 7.5 kB note's analysis). It
    # matches a run of two or more blanks or a lone tab, so it runs only when the text
    # has a tab or two spaces; starting with a class, not an alternation, the engine
    # skips in C to the next blank (``[ \t]{2,}|\t`` tried every character: ~0.19 ms)
    (re.compile(r"[ \t](?:[ \t]+|(?<=\t))"), " ", ("\t", "  ")),
)


def markdown_to_text(md: str) -> str:
    text = md
    for pattern, repl, needles in _MD_RULES:
        if any(needle in text for needle in needles):  # "" is in every text
            text = pattern.sub(repl, text)
    return text.strip()
