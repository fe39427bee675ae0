"""BestOf: score a document by its best-matching alternative, not their sum.

Used for thesaurus expansion: a note naming two synonyms of the typed word
must not outrank the note that names the word itself. Whoosh has
DisjunctionMax for this, but in whoosh-reloaded 2.7.5 its matcher takes the
max over sub-matchers parked on *other* documents and its replace() drops
live branches; this one reuses the (correct) union traversal. The query class overrides
Whoosh's private matcher hooks, so it lives in ``index/whoosh_internals.py``;
here is the parser's group that produces it.
"""

from __future__ import annotations

from whoosh.qparser import syntax

from index.whoosh_internals import BestOf


class BestOfGroup(syntax.GroupNode):  # type: ignore[misc]
    qclass = BestOf
