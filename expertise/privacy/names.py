"""Names of the hub's own experts, as erase-person finds them, turned into one matcher.

The forms come from `expertise.services.namevariants` so the guard and
erase-person agree on what a mention of a person looks like.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.models import Entry
from expertise.services.namevariants import form_pattern, name_variants

Span = tuple[int, int]
# A wiki link to an expert entry is a deliberate reference to a consenting colleague
# (the contact for a practice), not a slip in anonymising: only names in prose are hits.
_WIKI_LINK = re.compile(r"\[\[[^\[\]\n]*\]\]")


class NameMatcher:
    """Whole-word, case-insensitive matches of any known name form."""

    def __init__(self, forms: Iterable[str]) -> None:
        unique = sorted(set(forms), key=lambda form: (-len(form), form))
        self.forms: tuple[str, ...] = tuple(unique)
        alternatives = "|".join(form_pattern(form) for form in unique)
        self._regex = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if unique else None
        )

    def __bool__(self) -> bool:
        return self._regex is not None

    def find(self, text: str) -> Iterator[Span]:
        if self._regex is None:
            return
        links = [m.span() for m in _WIKI_LINK.finditer(text)] if "[[" in text else []
        for match in self._regex.finditer(text):
            start, end = match.span()
            if not any(a <= start and end <= b for a, b in links):
                yield start, end


NO_NAMES = NameMatcher(())


def expert_name_forms(session: Session) -> list[str]:
    """Every form of every expert entry's name (titles of kind expert plus their variants)."""
    forms: set[str] = set()
    for entry in session.scalars(select(Entry).where(Entry.kind == "expert")):
        role = str(getattr(entry, "role", "") or "")
        forms.update(name_variants(entry.title, role))
    return sorted(forms)
