"""Our query tree: what the parser produces and the engine evaluates.

Small frozen (hashable) dataclasses instead of Whoosh ``Query`` objects, so
the engine, the search flow and expert ranking do not depend on Whoosh's
query classes. ``index/query/whoosh_query.py`` translates to and from Whoosh
where Whoosh still parses (the user's syntax) or is the reference (tests).

Every node carries a ``boost`` that multiplies the score of what is below it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    """One indexed word (already analysed) in one field."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Prefix:
    """Every indexed word of ``field`` starting with ``text``."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Indexed words within ``maxdist`` edits of ``text``, the first ``prefix`` fixed."""

    field: str
    text: str
    boost: float = 1.0
    maxdist: int = 1
    prefix: int = 2


@dataclass(frozen=True, slots=True)
class Phrase:
    """``words`` in order, each at most ``slop`` positions after the previous one."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class BestOf:
    """Matches like Or; scores the best part only (thesaurus alternatives)."""

    parts: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class AndNot:
    """``positive`` without the documents of ``negative``; scored by ``positive``."""

    positive: Node
    negative: Node
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Not:
    """Every live document not matching ``part``; adds no score."""

    part: Node
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Filter:
    """Restricts to the documents of ``part`` (kind, facets, classification); no score."""

    part: Node
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Every:
    """Every live document (browsing); no score."""

    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Nothing:
    """Matches no document."""

    boost: float = 1.0


Leaf = Term | Prefix | Fuzzy | Phrase
Node = Term | Prefix | Fuzzy | Phrase | And | Or | BestOf | AndNot | Not | Filter | Every | Nothing
Expanding = Prefix | Fuzzy


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, And | Or | BestOf):
        return node.parts
    if isinstance(node, AndNot):
        return (node.positive, node.negative)
    if isinstance(node, Not | Filter):
        return (node.part,)
    return ()


def map_children(node: Node, fn: Callable[[Node], Node]) -> Node:
    """``node`` with ``fn`` applied to each direct child (leaves come back as they are)."""
    # direct constructors, not dataclasses.replace: this runs for every node of every query
    if isinstance(node, And | Or | BestOf):
        return type(node)(tuple([fn(p) for p in node.parts]), node.boost)
    if isinstance(node, AndNot):
        return AndNot(fn(node.positive), fn(node.negative), node.boost)
    if isinstance(node, Not):
        return Not(fn(node.part), node.boost)
    if isinstance(node, Filter):
        return Filter(fn(node.part), node.boost)
    return node


def all_of(parts: list[Node]) -> Node:
    """``And`` of ``parts``, or the single part itself."""
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def any_of(parts: list[Node]) -> Node:
    """``Or`` of ``parts``, or the single part itself."""
    return parts[0] if len(parts) == 1 else Or(tuple(parts))
