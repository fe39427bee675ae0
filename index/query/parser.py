"""Query parsing: user syntax -> our query tree (index/query/tree.py), never an exception.

Whoosh's query parser, with the plugins below, reads the user's syntax; its
result is normalised and translated once (index/query/whoosh_query.py).

Supported: fielded terms (title:, tag:, theme:, kind:, org:, class:, lang:,
body:, expertise:), AND/OR/NOT (also EN/OF/NIET), "phrases", prefix*,
fuzzy~ and thesaurus expansion. Wildcards inside words, ranges and ``*:*``
are left out on purpose: each is a full lexicon scan.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache, partial
from typing import Any

from whoosh import qparser, query
from whoosh.qparser import syntax
from whoosh.qparser.plugins import FuzzyTermPlugin, PhrasePlugin, PrefixPlugin

from index.analysis import LANGUAGES, fold
from index.query.bestof import BestOfGroup
from index.query.tree import Node
from index.query.whoosh_query import from_whoosh
from index.types import ERR_SYNTAX, ERR_TOO_LONG

MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64
SYNONYM_BOOST = 0.6
MIN_PREFIX = 2

# Query-time weight of each field (language variants share it).
BOOSTS = {"title": 3.0, "all": 1.0, "attach": 0.5}
DEFAULT_FIELDS = [f"{b}_{lang}" for b in BOOSTS for lang in LANGUAGES]
FIELD_BOOSTS = {f"{b}_{lang}": w for b, w in BOOSTS.items() for lang in LANGUAGES}
# Fuzzy terms go to "spell", the unstemmed words: an edit distance between
# real words means something, between stems much less (grroming~ -> grooming).
FUZZY_FIELD = "spell"
NO_POSITIONS = frozenset({"spell"})


def _both(base: str) -> tuple[str, ...]:
    return tuple(f"{base}_{lang}" for lang in LANGUAGES)


ALIASES: dict[str, tuple[str, ...]] = {
    "title": _both("title"),
    "titel": _both("title"),
    "summary": _both("all"),
    "body": _both("all") + _both("attach"),
    "tag": ("tags",),
    "tags": ("tags",),
    "theme": ("themes",),
    "themes": ("themes",),
    "thema": ("themes",),
    "kind": ("kind",),
    "soort": ("kind",),
    "org": ("org",),
    "organisation": ("org",),
    "organisatie": ("org",),
    "class": ("classification",),
    "classification": ("classification",),
    "lang": ("language",),
    "language": ("language",),
    "taal": ("language",),
    "expertise": _both("areas"),
    "id": ("id",),
}
# Exact-value fields take other words for their values (Dutch labels: the UI is
# bilingual); the owner of the index supplies them (IndexConfig.value_aliases).
ValueAliases = Mapping[str, Mapping[str, str]]
# A multi-field alias is first renamed to its lead field, then fanned out.
_FANOUT = {targets[0]: targets for targets in ALIASES.values() if len(targets) > 1}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_SYNTAX_CHARS = re.compile(r"[\"()\[\]{}*~^:+!\\]")


def clean(text: str) -> str:
    """NFC, control characters to spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(_CONTROL.sub(" ", text).split())


def _unbalanced(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("(") != text.count(")")


def plain_words(text: str) -> str:
    """The query with every syntax character removed: the fallback parse."""
    return " ".join(_SYNTAX_CHARS.sub(" ", text).split())


# -- plugins -----------------------------------------------------------------
class _FoldedPrefixNode(syntax.TextNode):  # type: ignore[misc]
    """Prefix on the folded, *unstemmed* text: stemming a prefix changes it."""

    qclass = query.Prefix

    def query(self, parser: Any) -> query.Query:
        return query.Prefix(self.fieldname or parser.fieldname, fold(self.text), boost=self.boost)


class SafePrefixPlugin(PrefixPlugin):  # type: ignore[misc]
    nodetype = _FoldedPrefixNode
    # At least MIN_PREFIX characters before the star; a lone * stays a word.
    expr = rf"(?P<text>[^ \t\r\n*\"()]{{{MIN_PREFIX},}})[*](?= |$|\))"


class _SpellFuzzyNode(FuzzyTermPlugin.FuzzyTermNode):  # type: ignore[misc]
    def query(self, parser: Any) -> query.Query:
        # the same unstemmed term whatever field fan-out put it in; the
        # duplicates collapse when the query is normalised
        return query.FuzzyTerm(
            FUZZY_FIELD,
            fold(self.text),
            boost=1.0,
            maxdist=self.maxdist,
            prefixlength=self.prefixlength,
        )


class DefaultPrefixFuzzyPlugin(FuzzyTermPlugin):  # type: ignore[misc]
    """``word~`` means edit distance 1 with the first 2 letters fixed (cheap)."""

    FuzzyTermNode = _SpellFuzzyNode

    def create(self, parser: Any, match: Any) -> Any:
        node = super().create(parser, match)
        node.maxdist = min(node.maxdist, 2)
        if not match.group("prefix"):
            node.prefixlength = 2
        return node


class AliasPlugin(qparser.Plugin):  # type: ignore[misc]
    """Maps user field names to schema fields; unknown ones become plain text."""

    def __init__(self, values: ValueAliases) -> None:
        self._values = values

    def filters(self, parser: Any) -> list[tuple[Any, int]]:
        # 99: before the fields filter (100) attaches names to nodes
        return [(self.do_aliases, 99), (self.do_fanout, 105)]

    def do_aliases(self, parser: Any, group: Any) -> Any:
        out = group.empty_copy()
        for node in group:
            if isinstance(node, syntax.GroupNode):
                node = self.do_aliases(parser, node)
            elif isinstance(node, syntax.FieldnameNode):
                targets = ALIASES.get(node.fieldname.lower())
                if targets is None:
                    node = syntax.to_word(node)
                else:
                    node.fieldname = targets[0]
            out.append(node)
        return out

    def do_fanout(self, parser: Any, group: Any) -> Any:
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.do_fanout(parser, node)
            elif getattr(node, "fieldname", None) in _FANOUT:
                group[i] = syntax.OrGroup(_copies(node, _FANOUT[node.fieldname]))
            elif getattr(node, "fieldname", None) in self._values and node.has_text:
                value = node.text.strip().lower()
                node.text = self._values[node.fieldname].get(value, value)
        return group


def _copies(node: Any, fieldnames: Sequence[str]) -> list[Any]:
    out = []
    for name in fieldnames:
        twin = copy.copy(node)
        twin.fieldname = name
        out.append(twin)
    return out


class SynonymPlugin(qparser.Plugin):  # type: ignore[misc]
    """Expands unfielded words and phrases found in the thesaurus (both ways)."""

    max_words = 4

    def __init__(self, table: Mapping[str, tuple[str, ...]]) -> None:
        self.table = table

    def filters(self, parser: Any) -> list[tuple[Any, int]]:
        # after field names are attached (100), before multifield fan-out (110)
        return [(self.do_synonyms, 102)]

    def do_synonyms(self, parser: Any, group: Any) -> Any:
        if not self.table:
            return group
        nodes = list(group)
        out = group.empty_copy()
        i = 0
        while i < len(nodes):
            node = nodes[i]
            if isinstance(node, syntax.GroupNode):
                out.append(self.do_synonyms(parser, node))
                i += 1
                continue
            span, alts, words = self._match(nodes, i)
            if alts:
                out.append(_synonym_group(words, alts, node))
                i = span
            else:
                out.append(node)
                i += 1
        return out

    def _match(self, nodes: list[Any], start: int) -> tuple[int, tuple[str, ...], list[Any]]:
        node = nodes[start]
        if isinstance(node, PhrasePlugin.PhraseNode) and node.fieldname is None:
            return start + 1, self.table.get(_key(node.text), ()), [node]
        run: list[tuple[int, Any]] = []
        i = start
        while i < len(nodes) and len(run) < self.max_words:
            cur = nodes[i]
            if cur.is_ws():
                i += 1
                continue
            if type(cur) is not syntax.WordNode or cur.fieldname is not None:
                break
            run.append((i, cur))
            i += 1
        for n in range(len(run), 0, -1):
            alts = self.table.get(_key(" ".join(w.text for _, w in run[:n])), ())
            if alts:
                return run[n - 1][0] + 1, alts, [w for _, w in run[:n]]
        return start + 1, (), []


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def _synonym_group(words: list[Any], alts: tuple[str, ...], first: Any) -> Any:
    original = words[0] if len(words) == 1 else syntax.AndGroup(words)
    start, end = getattr(first, "startchar", 0), getattr(first, "endchar", 0)
    alternatives = []
    for alt in alts:
        size = len(alt.split())
        node = PhrasePlugin.PhraseNode(alt, start) if size > 1 else syntax.WordNode(alt)
        # Whoosh copies source offsets onto the query; synthetic nodes borrow them
        node.startchar, node.endchar = start, end
        # a phrase scores the sum of its words: scale so it does not outrank the word typed
        alternatives.append(syntax.OrGroup([node], boost=SYNONYM_BOOST / size))
    # best of the alternatives, not their sum: a note naming two synonyms
    # must not outrank the one naming the word that was typed
    return BestOfGroup([original, *alternatives])


def synonym_table(synonyms: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Symmetric lookup: every member of an entry maps to all the others."""
    groups: dict[str, set[str]] = {}
    for head, alts in synonyms.items():
        members = {_key(head), *(_key(a) for a in alts)} - {""}
        for member in members:
            groups.setdefault(member, set()).update(members - {member})
    return {k: tuple(sorted(v)) for k, v in groups.items() if v}


# -- parser ----------------------------------------------------------------------
PARSED_KEPT = 512  # parsed queries remembered per thesaurus (trees are small and frozen)


class QueryParser:
    """Builds query trees from user text; keeps one parser per thesaurus.

    Whoosh's parser costs about as much as the rest of a search at 1k entries, and
    the same text comes back often (a facet clicked, the next page, the sort, the
    panel refreshed after an edit): parsed trees are kept in a bounded cache that a
    new thesaurus empties. The trees are frozen, so a cached one is safe to share.
    """

    def __init__(
        self,
        schema: Any,
        synonyms: Mapping[str, Sequence[str]] | None = None,
        values: ValueAliases | None = None,
    ) -> None:
        self._schema = schema
        self._values = values or {}
        self.set_synonyms(synonyms or {})

    def set_synonyms(self, synonyms: Mapping[str, Sequence[str]]) -> None:
        table = synonym_table(synonyms)
        self._and = self._make(table, syntax.AndGroup)
        self._or = self._make(table, syntax.OrGroup.factory(0.9))
        # a partial of the two parsers, not a bound method: no cycle through self
        self._parsed = lru_cache(maxsize=PARSED_KEPT)(partial(_parse_with, self._and, self._or))

    def _make(self, table: Mapping[str, tuple[str, ...]], group: Any) -> qparser.QueryParser:
        parser = qparser.MultifieldParser(
            DEFAULT_FIELDS, self._schema, fieldboosts=FIELD_BOOSTS, group=group
        )
        for plugin in (
            qparser.WildcardPlugin,
            qparser.RangePlugin,
            qparser.EveryPlugin,
            qparser.SingleQuotePlugin,
            qparser.BoostPlugin,
        ):
            parser.remove_plugin_class(plugin)
        parser.replace_plugin(
            qparser.OperatorsPlugin(
                And=r"(?<=\s)(AND|EN)(?=\s)",
                Or=r"(?<=\s)(OR|OF)(?=\s)",
                AndNot=r"(?<=\s)ANDNOT(?=\s)",
                AndMaybe=None,
                Not=r"(^|(?<=(\s|[()])))(NOT|NIET)(?=\s)",
                Require=None,
            )
        )
        for extra in (
            SafePrefixPlugin(),
            DefaultPrefixFuzzyPlugin(),
            AliasPlugin(self._values),
            SynonymPlugin(table),
        ):
            parser.add_plugin(extra)
        return parser

    def parse(self, text: str, *, relaxed: bool = False) -> tuple[Node | None, str | None]:
        """Return (query or None when nothing searchable is left, error code)."""
        text = clean(text)
        if len(text) > MAX_QUERY_CHARS or len(text.split()) > MAX_QUERY_WORDS:
            return None, ERR_TOO_LONG
        return self._parsed(text, relaxed)

    def cache_info(self) -> Any:
        """How often the parsed-query cache answered (for tests)."""
        return self._parsed.cache_info()


def _parse_with(
    strict: qparser.QueryParser, relaxed_parser: qparser.QueryParser, text: str, relaxed: bool
) -> tuple[Node | None, str | None]:
    """Parse cleaned ``text`` that is within the limits; never raises."""
    error = ERR_SYNTAX if _unbalanced(text) else None
    parser = relaxed_parser if relaxed else strict
    try:
        return _tree(parser.parse(text)), error
    except Exception:  # Whoosh's parser has corner cases; the user gets words
        pass
    try:
        return _tree(parser.parse(plain_words(text))), ERR_SYNTAX
    except Exception:
        return None, ERR_SYNTAX


def _make_runnable(q: query.Query) -> query.Query:
    """Rewrite what Whoosh accepts at parse time but raises on at search time."""
    if isinstance(q, query.Phrase) and q.fieldname in NO_POSITIONS:
        return query.NullQuery  # phrase on a field without positions
    if isinstance(q, query.FuzzyTerm):
        # a fixed prefix longer than the word is an IndexError in its automaton
        q.prefixlength = min(q.prefixlength, max(0, len(q.text) - 1))
        return q
    return q.apply(_make_runnable)


def _tree(q: query.Query | None) -> Node | None:
    pruned = _prune(q)
    return None if pruned is None else from_whoosh(pruned)


def _prune(q: query.Query | None) -> query.Query | None:
    if q is None or q is query.NullQuery or isinstance(q, type(query.NullQuery)):
        return None
    normal = _make_runnable(q).normalize()
    if normal is query.NullQuery or isinstance(normal, type(query.NullQuery)):
        return None
    return normal
