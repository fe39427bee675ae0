"""Dutch compounds: ``identificatie`` also finds ``slachtofferidentificatie``.

Query-time decompounding against the hub's own vocabulary. A query stem is
expanded to the indexed stems that contain it at a compound boundary, where
what is left on either side is itself a word of the hub (optionally with a
linking ``s``/``e``/``en``). Measured against sub-word n-grams in
``bench/quick_compound_eval.py``: better precision at equal recall, and no
extra index field (see the report in that script).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from index.analysis import stem
from index.query import tree
from index.query.tree import Node

MIN_TERM = 4  # shorter query stems match inside too many unrelated words
MIN_PART = 3
MAX_HITS_SCANNED = 2000
MAX_EXPANSIONS = 30
COMPOUND_BOOST = 0.7  # the exact word should still rank first
LOOSE_BOOST = 0.3  # leftover is no hub word (beeld|houwer): keep it, rank it low
STRICT, TIERED, LOOSE = "strict", "tiered", "loose"
_LINKS = ("en", "s", "e")
NL_FIELDS = frozenset(f"{base}_nl" for base in ("title", "all", "attach", "areas"))


class CompoundExpander:
    """Finds the compounds of a stem in a fixed vocabulary of stems."""

    def __init__(self, vocabulary: Iterable[str] = (), *, mode: str = TIERED) -> None:
        self._vocab: set[str] = set()
        # One newline-separated string: str.find scans it at C speed.
        self._blob = "\n"
        self._mode = mode
        self.add(vocabulary)

    @property
    def size(self) -> int:
        return len(self._vocab)

    def add(self, words: Iterable[str]) -> None:
        new = {w for w in words if len(w) >= MIN_PART and w.isalpha()} - self._vocab
        if new:
            self._vocab |= new
            self._blob += "\n".join(sorted(new)) + "\n"

    def expand(self, term: str) -> list[tuple[str, float]]:
        """Compounds holding ``term``, each with its query weight."""
        if len(term) < MIN_TERM or not term.isalpha():
            return []
        found: list[tuple[str, float]] = []
        blob, pos, scanned = self._blob, self._blob.find(term), 0
        while pos != -1 and scanned < MAX_HITS_SCANNED and len(found) < MAX_EXPANSIONS:
            scanned += 1
            start = blob.rfind("\n", 0, pos) + 1
            end = blob.find("\n", pos)
            word = blob[start:end]
            if word != term:
                weight = self._weight(word[: pos - start], word[pos - start + len(term) :])
                if weight:
                    found.append((word, weight))
            pos = blob.find(term, end)
        return found

    def _weight(self, left: str, right: str) -> float:
        if min(len(left) or MIN_PART, len(right) or MIN_PART) < MIN_PART:
            return 0.0
        if self._is_part(left, link_at_end=True) and self._is_part(right, link_at_end=False):
            return COMPOUND_BOOST
        return LOOSE_BOOST if self._mode == TIERED else 0.0

    def _is_part(self, part: str, *, link_at_end: bool) -> bool:
        if not part or self._mode == LOOSE:
            return True
        return any(self._known(p) for p in _without_link(part, link_at_end)) or self._two_words(
            part
        )

    def _known(self, part: str) -> bool:
        return len(part) >= MIN_PART and (part in self._vocab or stem(part, "nl") in self._vocab)

    def _two_words(self, part: str) -> bool:
        # kinder|seks|toerisme: a side may itself be a compound of two words
        return any(
            self._known(part[:i]) and self._known(part[i:])
            for i in range(MIN_PART, len(part) - MIN_PART + 1)
        )


def _without_link(part: str, link_at_end: bool) -> list[str]:
    forms = [part]
    for link in _LINKS:
        if link_at_end and part.endswith(link):
            forms.append(part[: -len(link)])
        elif not link_at_end and part.startswith(link):
            forms.append(part[len(link) :])
    return forms


def expand_query(q: Node, expand: Callable[[str], list[tuple[str, float]]]) -> Node:
    """Replace each plain Dutch Term with Or(term, its compounds)."""
    if isinstance(q, tree.Term) and q.field in NL_FIELDS:
        extra = expand(q.text)
        if not extra:
            return q
        alts = [tree.Term(q.field, t, q.boost * w) for t, w in extra]
        return tree.Or((q, *alts))
    # a phrase or prefix already names its exact words; other leaves stay too
    return tree.map_children(q, lambda sub: expand_query(sub, expand))
