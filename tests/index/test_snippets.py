"""Snippets (index.snippets): the window, the marks and the escaping."""

from __future__ import annotations

import re

import pytest

from index.analysis import fold, stem
from index.search.snippets import make_snippet


def _stems(*words: str, lang: str = "nl") -> frozenset[str]:
    return frozenset(stem(w, lang) for w in words)


@pytest.mark.parametrize("lead", ["", "İstanbul. "])  # İ lowercases to two characters
def test_accented_and_inflected_words_are_marked_and_text_escaped(lead: str) -> None:
    text = lead + "Het Financiële onderzoek <b>loopt</b> nog."
    snippet = make_snippet(text, _stems("financiele", "onderzoeken"), "nl")
    assert "<mark>Financiële</mark> <mark>onderzoek</mark>" in snippet
    assert "&lt;b&gt;loopt&lt;/b&gt;" in snippet and "<b>" not in snippet


def test_window_moves_to_a_late_first_match() -> None:
    text = "Een lange aanloop zonder treffer. " * 200 + "Daarna volgt de triage van meldingen."
    snippet = make_snippet(text, _stems("triage"), "nl")
    assert snippet.startswith("…") and "<mark>triage</mark>" in snippet
    assert len(snippet) < 400


def test_no_match_shows_the_start_and_words_inside_others_are_not_marked() -> None:
    text = "Afstemming met ketenpartners over de meldcode."
    assert make_snippet(text, _stems("triage"), "nl") == text
    marked = make_snippet("De x.triage-notatie, triage-lijst en triage.", _stems("triage"), "nl")
    # "x.triage" is one word (a dotted name); the part before "-" and the last one count
    assert marked == "De x.triage-notatie, <mark>triage</mark>-lijst en <mark>triage</mark>."


def test_fold_text_folds_like_fold_every_accented_character() -> None:
    from whoosh.support.charset import accent_map

    from index.search.snippets import fold_text

    every = "".join(chr(code) for code in accent_map) + " Financiële ÉÈ ß İ Ωμέγα x"
    assert fold_text(every) == fold(every)
    assert fold_text("plain ASCII Text") == fold("plain ASCII Text")


@pytest.mark.parametrize("at", [10, 500, 511, 512, 530, 2600, 9000, 25_000])
def test_a_match_anywhere_is_found_across_the_folded_pieces(at: int) -> None:
    from index.search import snippets

    filler = "Één aanloop zonder x.triage-treffer, geen enkel woordtriage. "
    text = (filler * (at // len(filler) + 1))[:at] + " triage in de keten en nog eens triage."
    expected = "<mark>triage</mark>"
    snippet = make_snippet(text, _stems("triage"), "nl")
    assert snippet.count(expected) == 2, snippet
    # the same spans as a look-behind regex over the whole folded text at once
    spans = snippets._matches(text, _stems("triage"), "nl")
    word = re.compile(r"(?<![\w.])tri\w*(?:\.\w+)*")
    whole = [
        (m.start(), m.end())
        for m in word.finditer(fold(text))
        if snippets._is_match(m.group(0), _stems("triage"), "nl")
    ]
    assert spans == whole[: len(spans)] and len(spans) == 2
