"""Translation between our query tree (index/query/tree.py) and Whoosh queries.

The one place where the two meet: the parser still uses Whoosh's query
parser for the user's syntax and hands its result through
:func:`from_whoosh`; :func:`to_whoosh` gives Whoosh a query to run where it is
the reference (tests/index/test_engine.py) and :func:`expanded_terms` lets
Whoosh walk its lexicon for prefix and fuzzy words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh import query

from index.engine.source import Reader, TermText
from index.query import tree
from index.query.tree import Node
from index.whoosh_internals import BestOf as WhooshBestOf


def from_whoosh(q: query.Query) -> Node:
    """Our tree for a parsed (normalised) Whoosh query; ValueError if unsupported."""
    boost = float(getattr(q, "boost", 1.0))
    if type(q) is query.Term:
        return tree.Term(q.fieldname, _text(q.text), boost)
    if isinstance(q, query.FuzzyTerm):
        return tree.Fuzzy(q.fieldname, _text(q.text), boost, q.maxdist, q.prefixlength)
    if isinstance(q, query.Prefix):
        return tree.Prefix(q.fieldname, _text(q.text), boost)
    if isinstance(q, query.Phrase):
        return tree.Phrase(q.fieldname, tuple(_text(w) for w in q.words), q.slop, boost)
    if isinstance(q, query.DisjunctionMax):
        return tree.BestOf(_parts(q), boost)
    if isinstance(q, query.And):
        return tree.And(_parts(q), boost)
    if isinstance(q, query.Or):
        return tree.Or(_parts(q), boost)
    if isinstance(q, query.AndNot):
        return tree.AndNot(from_whoosh(q.a), from_whoosh(q.b), boost)
    if isinstance(q, query.Not):
        return tree.Not(from_whoosh(q.query), boost)
    if isinstance(q, query.ConstantScoreQuery):
        return tree.Filter(from_whoosh(q.child), boost)
    if isinstance(q, query.Every):
        return tree.Every(boost)
    if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
        return tree.Nothing()
    raise ValueError(f"unsupported query {type(q).__name__}")


def _text(value: TermText) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _parts(q: query.Query) -> tuple[Node, ...]:
    return tuple(from_whoosh(sub) for sub in q.subqueries)


def _compound(kind: Callable[..., query.Query]) -> Callable[[Any], query.Query]:
    return lambda node: kind([to_whoosh(p) for p in node.parts], boost=node.boost)


_TO_WHOOSH: dict[type, Callable[[Any], query.Query]] = {
    tree.Term: lambda n: query.Term(n.field, n.text, boost=n.boost),
    tree.Prefix: lambda n: query.Prefix(n.field, n.text, boost=n.boost),
    tree.Fuzzy: lambda n: query.FuzzyTerm(
        n.field, n.text, boost=n.boost, maxdist=n.maxdist, prefixlength=n.prefix
    ),
    tree.Phrase: lambda n: query.Phrase(n.field, list(n.words), slop=n.slop, boost=n.boost),
    tree.And: _compound(query.And),
    tree.Or: _compound(query.Or),
    tree.BestOf: _compound(WhooshBestOf),
    tree.AndNot: lambda n: query.AndNot(to_whoosh(n.positive), to_whoosh(n.negative)),
    tree.Not: lambda n: query.Not(to_whoosh(n.part)),
    tree.Filter: lambda n: query.ConstantScoreQuery(to_whoosh(n.part), 0.0),
    tree.Every: lambda n: query.Every(),
    tree.Nothing: lambda n: query.NullQuery,
}


def to_whoosh(node: Node) -> query.Query:
    """The Whoosh query that matches (and, but for phrases, scores) like ``node``."""
    return _TO_WHOOSH[type(node)](node)


def expanded_terms(node: tree.Expanding, reader: Reader) -> list[tuple[str, TermText]]:
    """The (field, indexed word) pairs a prefix or fuzzy node stands for."""
    return list(to_whoosh(node).expanded_terms(reader))
