"""Search snippets: HTML-escaped text with <mark> around the matched words.

Every piece of document text is escaped on its own and only our own <mark>
tags are added between pieces (S8: escape before highlighting), so nothing in
a note can open a tag. Whoosh's highlighter re-analyses the whole stored text
per hit; this one scans words with a cheap prefix test first and stops once
the window is full.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from index.analysis import MAX_TOKEN, STOP_WORDS, fold, stem

WINDOW = 220
LEAD_IN = 60
_WORD = re.compile(r"\w+(\.?\w+)*", re.UNICODE)


def _matches(text: str, stems: frozenset[str], lang: str) -> list[tuple[int, int]]:
    # Snowball stems almost always share their first three letters with the
    # word: a regex over the folded text finds only words with such a start,
    # so the Python loop (and the cached stemmer) sees a handful of words.
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths: positions would drift
        return _matches_word_by_word(text, stems, lang)
    spans: list[tuple[int, int]] = []
    for m in _candidates(frozenset(s[:3] for s in stems)).finditer(folded):
        if spans and m.start() > spans[0][0] + WINDOW:
            break
        if _is_match(m.group(0), stems, lang):
            spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=256)
def _candidates(prefixes: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})\w*(?:\.\w+)*", re.UNICODE)


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
