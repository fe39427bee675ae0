"""Whoosh's internals are touched in one seam only: index/whoosh_internals.py (reading,
commit layout, queries) and index/whoosh_writer.py (the bulk segment writer).

Swapping or upgrading Whoosh then means rewriting that module (and the
SegmentSource protocol it implements), not hunting through index/. A
"private Whoosh name" is any ``_name`` that occurs in Whoosh's own source;
outside the seam, index/ may use such a name only for attributes its own
classes define (``self._x`` in a class with no Whoosh base that defines it).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from functools import cache
from pathlib import Path

import whoosh

REPO = Path(__file__).resolve().parents[2]
INDEX = REPO / "index"
SEAM = (INDEX / "whoosh_internals.py", INDEX / "whoosh_writer.py")
# Whoosh modules whose use is an implementation detail, not its public API.
INTERNAL_MODULES = (
    "whoosh.codec",
    "whoosh.matching",
    "whoosh.reading",
    "whoosh.writing",
    "whoosh.util",
)


@cache
def whoosh_private_names() -> frozenset[str]:
    names: set[str] = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        names.update(re.findall(r"\b(_[A-Za-z]\w*)", path.read_text(errors="ignore")))
    return frozenset(n for n in names if not n.startswith("__"))


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def _whoosh_bases_use(module: str, cls_name: str, name: str) -> bool:
    """Whether a Whoosh class in ``cls_name``'s ancestry mentions ``name``."""
    cls = getattr(importlib.import_module(module), cls_name)
    for base in cls.__mro__[1:]:
        if base.__module__.split(".")[0] != "whoosh":
            continue
        try:
            source = inspect.getsource(base)
        except (OSError, TypeError):
            continue
        if re.search(rf"\b{re.escape(name)}\b", source):
            return True
    return False


class _Scan(ast.NodeVisitor):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.module = _module_name(path)
        self.classes: list[str] = []
        self.found: list[str] = []

    def _flag(self, node: ast.AST, what: str) -> None:
        self.found.append(f"{self.path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}: {what}")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _in_whoosh_class(self, name: str) -> bool:
        return bool(self.classes) and _whoosh_bases_use(self.module, self.classes[-1], name)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        # overriding a private Whoosh hook is reaching into Whoosh too
        if node.name in whoosh_private_names() and self._in_whoosh_class(node.name):
            self._flag(node, f"overrides {node.name}")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        name = node.attr
        if name.startswith("_") and not name.startswith("__"):
            own = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if not own and name in whoosh_private_names():
                self._flag(node, f"._{name[1:]}")
            elif own and self._in_whoosh_class(name):
                self._flag(node, f"self.{name} (a Whoosh base uses it)")
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module.split(".")[0] == "whoosh":
            for alias in node.names:
                if alias.name.startswith("_"):
                    self._flag(node, f"imports {module}.{alias.name}")
            if module.startswith(INTERNAL_MODULES):
                self._flag(node, f"imports {module}")
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.startswith(INTERNAL_MODULES):
                self._flag(node, f"imports {alias.name}")
        self.generic_visit(node)


def scan(paths: list[Path]) -> list[str]:
    found: list[str] = []
    for path in paths:
        visitor = _Scan(path)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found.extend(visitor.found)
    return found


def test_only_the_seam_touches_whoosh_internals() -> None:
    others = sorted(p for p in INDEX.rglob("*.py") if p not in SEAM)
    assert len(others) > 20
    assert scan(others) == []


def test_the_scan_sees_what_the_seam_does() -> None:
    """The seam itself is full of findings: the scan is not blind."""
    found = " ".join(scan(list(SEAM)))
    for name in ("_data", "_read_data", "_cached_reader", "_latest_generation", "_lenfield"):
        assert name in found
    assert "overrides _flush_segment" in found and "imports whoosh.codec" in found


QUERY_MODULES = {"query/parser.py", "query/whoosh_query.py", "whoosh_internals.py"}


def _imports_whoosh_queries(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "whoosh":
            if any(alias.name in ("query", "qparser") for alias in node.names):
                return True
        if isinstance(node, ast.ImportFrom | ast.Import):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if any(n.startswith(("whoosh.query", "whoosh.qparser")) for n in names):
                return True
    return False


def test_whoosh_queries_stay_in_the_parser_and_its_translation() -> None:
    """Between modules a query is our tree (index/query/tree.py), not a Whoosh Query."""
    users = {
        p.relative_to(INDEX).as_posix() for p in INDEX.rglob("*.py") if _imports_whoosh_queries(p)
    }
    # bestof.py holds the parser's group node (whoosh.qparser.syntax) for BestOf
    assert users - {"query/bestof.py"} == QUERY_MODULES
