"""Text analysis for Dutch and English: tokenise, fold, drop stop words, stem.

The same chain runs at index and query time, so a document analysed in its
own language always meets a query analysed the same way. Classes here are
pickled into the Whoosh schema, so they must stay importable at module level
and hold no unpicklable state.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StopFilter,
)
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

LANGUAGES = ("nl", "en")
MAX_TOKEN = 40  # longer "words" are hashes, URLs, base64: noise in a lexicon
EDGE_MAX = 20

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


class LangStemFilter(Filter):  # type: ignore[misc]
    """Snowball stemming for ``lang`` with Dutch plural fixes and a shared cache."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        lang = self.lang
        for t in tokens:
            if not t.stopped:
                t.text = stem(t.text, lang)
            yield t


# Whoosh's default pattern keeps '*' inside tokens (for its wildcard parser);
# ours drops it so "a*" can never become a literal term.
TOKEN_PATTERN = r"\w+(\.?\w+)*"


def _base() -> Analyzer:
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()


def _stops() -> StopFilter:
    return StopFilter(stoplist=STOP_WORDS, minsize=2, maxsize=MAX_TOKEN)


def text_analyzer(lang: str) -> Analyzer:
    return _base() | _stops() | LangStemFilter(lang)


def plain_analyzer() -> Analyzer:
    """Folded words without stemming: organisation names and the speller."""
    return _base() | _stops()


def edge_analyzer() -> Analyzer:
    """Word-start n-grams of titles for as-you-type."""
    return _base() | StopFilter(stoplist=frozenset(), minsize=1, maxsize=MAX_TOKEN) | NgramFilter(
        minsize=1, maxsize=EDGE_MAX, at="start"
    )


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Folded words of a text, the way the tokenizer sees them."""
    return [fold(m.group(0)) for m in _WORD.finditer(text)]


def analyse(text: str, lang: str) -> list[str]:
    """Stemmed, stop-filtered terms of ``text`` in ``lang``."""
    return [
        stem(w, lang) for w in words(text) if w not in STOP_WORDS and 2 <= len(w) <= MAX_TOKEN
    ]


# -- Markdown to plain text ----------------------------------------------------
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"```.*?```", re.S), " "),  # fenced code is rarely what people search
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links -> label
    (re.compile(r"\[\[([^\]|]*)(\|([^\]]*))?\]\]"), r"\1 \3"),  # wiki links
    (re.compile(r"<[^>]{0,200}>"), " "),  # inline HTML tags
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),  # block markers
    (re.compile(r"[*_`~|]+"), " "),  # emphasis, code, tables
    (re.compile(r"[ \t]+"), " "),
)


def markdown_to_text(md: str) -> str:
    text = md
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text.strip()
