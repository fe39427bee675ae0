"""The arrows of ARCHITECTURE §2: ui → expertise → index, and the core never imports Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _imports(package: str) -> set[str]:
    names: set[str] = set()
    for path in (REPO / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_qt_or_ui():
    assert not {"PySide6", "shiboken6", "ui"} & _imports("expertise")


def test_index_never_imports_expertise_ui_or_qt():
    assert not {"PySide6", "shiboken6", "ui", "expertise"} & _imports("index")


def test_importing_the_core_loads_no_qt_at_runtime():
    code = (
        "import sys, expertise.hub, expertise.cli, index; "
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
