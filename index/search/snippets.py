"""Search snippets: HTML-escaped text with <mark> around the matched words.

Every piece of document text is escaped on its own and only our own <mark>
tags are added between pieces (S8: escape before highlighting), so nothing in
a note can open a tag. Whoosh's highlighter re-analyses the whole stored text
per hit; this one folds the text a piece at a time (a note's first match is
usually early: folding all 30,000 stored characters cost more than the rest of
a search), scans words with a cheap prefix test first and stops once the
window is full.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache

from whoosh.support.charset import accent_map

from index.analysis import MAX_TOKEN, STOP_WORDS, fold, stem

WINDOW = 220
LEAD_IN = 60
FIRST_PIECE = 512  # characters folded first; each further piece is four times longer
_WORD = re.compile(r"\w+(\.?\w+)*", re.UNICODE)
_SPACE = re.compile(r"\s")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_IN_WORD = re.compile(r"[\w.]")


def fold_text(text: str) -> str:
    """``fold`` for long text: the same result, without a table lookup per character.

    After ``lower()`` the accent table leaves ASCII as it is and maps each other
    character to one ASCII character, so replacing the few distinct accented
    characters a text holds equals ``str.translate`` over all of it.
    """
    text = text.lower()
    if text.isascii():
        return text
    for char in set(_NON_ASCII.findall(text)):
        plain = accent_map.get(ord(char))
        if plain is not None:
            text = text.replace(char, plain)
    return text


def _pieces(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded piece) of ``text``, cut before whitespace so no word is split."""
    start, size = 0, FIRST_PIECE
    while start < len(text):
        cut = _SPACE.search(text, start + size)
        end = cut.start() if cut else len(text)
        yield start, end, fold_text(text[start:end])
        start, size = end, size * 4


def _matches(text: str, stems: frozenset[str], lang: str) -> list[tuple[int, int]]:
    # Snowball stems almost always share their first three letters with the
    # word: a regex over the folded text finds only words with such a start,
    # so the Python loop (and the cached stemmer) sees a handful of words.
    candidates = _candidates(frozenset(s[:3] for s in stems))
    spans: list[tuple[int, int]] = []
    for offset, end, folded in _pieces(text):
        if len(folded) != end - offset:  # folding changed lengths: positions would drift
            return _matches_word_by_word(text, stems, lang)
        for m in candidates.finditer(folded):
            if spans and offset + m.start() > spans[0][0] + WINDOW:
                return spans
            if m.start() and _IN_WORD.match(folded, m.start() - 1):
                continue  # inside a word or a dotted name: not a word of its own
            if _is_match(m.group(0), stems, lang):
                spans.append((offset + m.start(), offset + m.end()))
        if spans and end > spans[0][0] + WINDOW:  # the rest lies outside the window
            return spans
    return spans


@lru_cache(maxsize=256)
def _candidates(prefixes: frozenset[str]) -> re.Pattern[str]:
    # Words starting with one of the prefixes. Whether the match starts a word is
    # checked by the caller: a look-behind here would run at every position and
    # keep the regex engine from skipping ahead to the prefixes' first letters.
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})\w*(?:\.\w+)*", re.UNICODE)


def _is_match(word: str, stems: frozenset[str], lang: str) -> bool:
    if len(word) > MAX_TOKEN or word in STOP_WORDS:
        return False
    return word in stems or stem(word, lang) in stems


def _matches_word_by_word(text: str, stems: frozenset[str], lang: str) -> list[tuple[int, int]]:
    prefixes = tuple({s[:3] for s in stems})
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        if spans and m.start() > spans[0][0] + WINDOW:
            break
        word = fold(m.group(0))
        if word.startswith(prefixes) and _is_match(word, stems, lang):
            spans.append((m.start(), m.end()))
    return spans


def _bounds(text: str, first: int) -> tuple[int, int]:
    start = max(0, first - LEAD_IN)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + WINDOW)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    return start, end


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out = ["…" if start else ""]
    pos = start
    for s, e in spans:
        if s < pos or e > end:
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return " ".join("".join(out).split())


def make_snippet(text: str, stems: frozenset[str], lang: str) -> str:
    """A window of ``text`` around the first match, or its start if none."""
    spans = _matches(text, stems, lang) if stems else []
    start, end = _bounds(text, spans[0][0]) if spans else _bounds(text, 0)
    return _render(text, start, end, spans)
