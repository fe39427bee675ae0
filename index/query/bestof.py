"""BestOf: score a document by its best-matching alternative, not their sum.

Used for thesaurus expansion: a note naming two synonyms of the typed word
must not outrank the note that names the word itself. Whoosh has
DisjunctionMax for this, but in whoosh-reloaded 2.7.5 its matcher takes the
max over sub-matchers parked on *other* documents and its replace() drops
live branches; this one reuses the (correct) union traversal.
"""

from __future__ import annotations

from typing import Any

from whoosh import query
from whoosh.matching import UnionMatcher
from whoosh.qparser import syntax


class BestOfMatcher(UnionMatcher):  # type: ignore[misc]
    # Quality bounds stay those of the union (a sum): an upper bound on a max,
    # so Whoosh's block skipping remains safe.

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return float(b.score())
        if not b.is_active():
            return float(a.score())
        a_id, b_id = a.id(), b.id()
        if a_id != b_id:
            return float(a.score() if a_id < b_id else b.score())
        return float(max(a.score(), b.score()))


class BestOf(query.DisjunctionMax):  # type: ignore[misc]
    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        return self._tree_matcher(subs, BestOfMatcher, searcher, context, None)


class BestOfGroup(syntax.GroupNode):  # type: ignore[misc]
    qclass = BestOf
