"""The limited search of a read-only hub shows snippets like the index does: whole words, marked."""

from __future__ import annotations

from expertise.readonly import _snippet

BODY = (
    "## Profiel\n\nDe fictieve rechercheur werkt al jaren aan zaken over online lokken en "
    "bespreekt met scholen hoe **grooming** via gameplatforms begint, en welke signalen "
    "ouders, leraren en jongerenwerkers kunnen herkennen voordat het misgaat."
)


def test_snippet_starts_and_ends_on_whole_words_with_ellipses():
    snippet = _snippet(BODY, "grooming")
    inner = snippet.strip("…")
    assert snippet.startswith("…") and snippet.endswith("…")
    words = BODY.replace("**", "").split()
    assert inner.split()[0] in words and inner.split()[-1] in words


def test_snippet_has_no_markdown_and_marks_the_word():
    snippet = _snippet(BODY, "grooming")
    assert "##" not in snippet and "**" not in snippet
    assert "<mark>grooming</mark>" in snippet


def test_snippet_escapes_content_before_marking():
    snippet = _snippet("<img src=x> grooming & zo", "grooming")
    assert "<img" not in snippet and "&amp;" in snippet and "<mark>grooming</mark>" in snippet
