"""Snippets (index.snippets): the window, the marks and the escaping."""

from __future__ import annotations

import pytest

from index.analysis import stem
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
