"""markdown_to_text gives the text the rules gave before they were made cheaper.

Rules changed for speed: blanks leave a lone space alone instead of
replacing it by a space (a replacement per word was ~0.4 ms of a note's
analysis) and run only in a text with a tab or two spaces, written so the
regex engine skips to the next blank; the emphasis rule runs only when one
of its characters is in the text. The indexed text, and so the index
(tests/index/test_bulk_writer.py), must not change by a byte: here every rule
of before, each run on every text.
"""

from __future__ import annotations

import random
import re

from index.analysis import markdown_to_text

BEFORE = (
    (re.compile(r"```.*?```", re.S), " "),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[\[([^\]|]*)(\|([^\]]*))?\]\]"), r"\1 \3"),
    (re.compile(r"<[^>]{0,200}>"), " "),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),
    (re.compile(r"[*_`~|]+"), " "),
    (re.compile(r"[ \t]+"), " "),
)


def _before(md: str) -> str:
    for pattern, repl in BEFORE:
        md = pattern.sub(repl, md)
    return md.strip()


def test_the_text_is_the_text_of_before() -> None:
    samples = [
        "",
        " ",
        "\t",
        "a b",
        "a  b",
        "a\tb",
        "a \t b",
        "a\t\tb\t",
        " \t lead and trail \t ",
        "regel één\n  regel twee\t\n\t# kop\n-  punt\n",
        "a\u00a0b\u2003c  d",  # other blanks are not the rule's
        "\t ",
        " \t",
        "x  \t  y\t\tz \t",
        "*a* *b*",  # the emphasis rule makes the two spaces the blank rule sees
        "**vet** en _schuin_ en `code` en ~~weg~~ | cel |",
        "snake_case_name en a*b en een | pijp",
    ]
    rng = random.Random(5)
    alphabet = "ab \t\n*#-|`~_>1.)[]!(<"
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(60))) for _ in range(800)]
    for md in samples:
        assert markdown_to_text(md) == _before(md), repr(md)
