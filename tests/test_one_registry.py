"""One definition of kinds and classifications: the registry in expertise/fields/.

A second literal list of kinds or classifications elsewhere in the code drifts
from the registry the day a kind is added (docs/ARCHITECTURE.md §3). This test
reads the source (AST) of expertise/, index/, ui/ and bench/ and refuses:
- a tuple, list, set or dict literal (nested literals included) that holds two
  or more kind names, or two or more classification names;
- a string literal made only of words that holds two or more of them, such as
  "advice innovation practice" (it is one `.split()` away from a list).
Some kind names are also field names (`practice`, `bottleneck`) or plain words,
so a literal counts only when such names make up at least a third of its
distinct strings: a set of field names or a vocabulary that happens to hold
two of them is not a list of kinds.
Tests may keep literal data: they check the registry against expectations.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from expertise.fields import CLASSIFICATIONS, KINDS

REPO = Path(__file__).resolve().parent.parent
SCANNED = ("expertise", "index", "ui", "bench")
# The registry itself, and Alembic migrations: history that must not change when a kind is added.
EXEMPT = (REPO / "expertise" / "fields", REPO / "expertise" / "migrations")
_WORDS = re.compile(r"[a-z_]+(?:[\s,;]+[a-z_]+)+")
_LITERALS = (ast.Tuple, ast.List, ast.Set, ast.Dict)


def _sources() -> Iterator[Path]:
    for top in SCANNED:
        for path in sorted((REPO / top).rglob("*.py")):
            if not any(path.is_relative_to(exempt) for exempt in EXEMPT):
                yield path


def _strings(node: ast.AST) -> set[str]:
    """The string constants of a literal, through nested literals (not through calls)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Dict):
        parts = [part for part in (*node.keys, *node.values) if part is not None]
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        parts = list(node.elts)
    else:
        return set()
    return set().union(*(_strings(part) for part in parts)) if parts else set()


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _repeats(words: set[str]) -> str | None:
    for name, known in (("kinds", KINDS), ("classifications", CLASSIFICATIONS)):
        hits = sorted(words & set(known))
        if len(hits) >= 2 and 3 * len(hits) >= len(words):
            return f"{name} {hits}"
    return None


def second_lists(source: str, name: str = "<source>") -> list[str]:
    """Every place in `source` that lists two or more kinds or classifications."""
    tree = ast.parse(source, name)
    docstrings = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        words: set[str] = set()
        if isinstance(node, _LITERALS):
            words = _strings(node)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _WORDS.fullmatch(node.value.strip())
        ):
            words = set(re.split(r"[\s,;]+", node.value.strip()))
        what = _repeats(words)
        if what is not None:
            found.append(f"{name}:{getattr(node, 'lineno', '?')}: {what}")
    return sorted(set(found))


def test_the_scanner_finds_the_shapes_it_is_meant_to_find() -> None:
    kinds = ", ".join(repr(kind) for kind in KINDS[:2])
    levels = ", ".join(repr(level) for level in CLASSIFICATIONS[:2])
    assert second_lists(f"X = ({kinds})")
    assert second_lists(f"X = [{levels}]")
    assert second_lists(f"X = {{{kinds}}}")
    assert second_lists(f"X = {{{KINDS[0]!r}: 1, {KINDS[1]!r}: 2}}")
    assert second_lists(f"X = (({KINDS[0]!r}, 0.5), ({KINDS[1]!r}, 0.5))")
    assert second_lists(f"X = {' '.join(CLASSIFICATIONS)!r}.split()")
    assert second_lists(f"X = {','.join(KINDS[:2])!r}.split(',')")


def test_the_scanner_lets_single_names_and_prose_pass() -> None:
    assert second_lists(f"X = ({KINDS[0]!r},)\nY = ({CLASSIFICATIONS[0]!r}, 'other')") == []
    fields = ", ".join(repr(word) for word in (*KINDS[:2], "a", "b", "c", "d", "e"))
    assert second_lists(f"FIELDS = {{{fields}}}") == []  # field names, two of them kind-like
    assert second_lists(f"f({KINDS[0]!r}, {KINDS[1]!r})") == []  # a call, not a list
    prose = f"Notes about {KINDS[0]} and {KINDS[1]} entries."
    assert second_lists(f"def f():\n    {prose!r}\n") == []


def test_no_second_list_of_kinds_or_classifications() -> None:
    offenders = [
        hit
        for path in _sources()
        for hit in second_lists(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]
    assert offenders == [], "\n".join(offenders)
