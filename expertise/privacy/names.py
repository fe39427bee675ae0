"""Names of the hub's own experts, as erase-person finds them, turned into one matcher.

The forms come from `expertise.services.namevariants` so the guard and
erase-person agree on what a mention of a person looks like.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.models import Entry
from expertise.services.namevariants import form_pattern, name_variants

Span = tuple[int, int]
# A wiki link to an expert entry is a deliberate reference to a consenting colleague
# (the contact for a practice), not a slip in anonymising: only names in prose are hits.
_WORD = re.compile(r"\w+")
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_WIKI_LINK = re.compile(r"\[\[[^\[\]\n]*\]\]")


class NameMatcher:
    """Whole-word, case-insensitive matches of any known name form.

    One regex alternating hundreds of names costs seconds on a long text, so the
    forms are indexed by their first word: only where a text's word starts some
    form is that form's own regex tried.
    """

    def __init__(self, forms: Iterable[str]) -> None:
        unique = sorted(set(forms), key=lambda form: (-len(form), form))
        self.forms: tuple[str, ...] = tuple(unique)
        self._by_first: dict[str, list[re.Pattern[str]]] = {}
        for form in unique:
            first = _WORD.match(form)
            if first is None:
                continue
            regex = re.compile(rf"(?:{form_pattern(form)})(?!\w)", re.IGNORECASE)
            self._by_first.setdefault(first.group().casefold(), []).append(regex)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> Iterator[Span]:
        if not self._by_first:
            return
        links = [m.span() for m in _WIKI_LINK.finditer(text)] if "[[" in text else []
        starts = [a for a, _b in links]
        end_of_last = 0
        for word in _WORD.finditer(text):
            start = word.start()
            candidates = self._by_first.get(word.group().casefold())
            if start < end_of_last or not candidates:
                continue
            match = next((m for m in (r.match(text, start) for r in candidates) if m), None)
            if match is None:
                continue
            end_of_last = match.end()
            if not _inside(links, starts, start, match.end()):
                yield start, match.end()


def _inside(links: list[Span], starts: list[int], start: int, end: int) -> bool:
    """Whether start..end lies inside one of the (sorted, disjoint) link spans."""
    number = bisect_right(starts, start) - 1
    return number >= 0 and end <= links[number][1]


NO_NAMES = NameMatcher(())


def expert_name_forms(session: Session) -> list[str]:
    """Every form of every expert entry's name (titles of kind expert plus their variants)."""
    forms: set[str] = set()
    for entry in session.scalars(select(Entry).where(Entry.kind == "expert")):
        role = str(getattr(entry, "role", "") or "")
        forms.update(name_variants(entry.title, role, given_and_surname(entry.title)))
    return sorted(forms)


def given_and_surname(title: str) -> list[str]:
    """'Digitaal rechercheur Bram Zuidhoek' -> ['Bram Zuidhoek']; 'Jan van der Berg' kept.

    A title often leads with a job that is not the expert's stored role word for
    word, so the last given name + surname (with its particles) is a form too.
    """
    words = _PARENTHESES.sub(" ", title).split()
    if len(words) < 3:
        return []
    start = len(words) - 1
    while start > 0 and words[start - 1].islower():
        start -= 1  # particles: van, de, der, ten
    start -= 1  # the given name
    return [" ".join(words[start:])] if start > 0 else []
