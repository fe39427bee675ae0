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


CORE = {"expertise", "index"}


def _ui_reaches_past_the_face() -> list[str]:
    """Every ui import of the core that is not `from expertise import <public name>`."""
    import expertise

    public = set(expertise.__all__)
    found = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        where = path.relative_to(REPO)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                bad = [a.name for a in node.names if a.name.split(".")[0] in CORE]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] not in CORE:
                    continue
                names = [a.name for a in node.names]
                bad = names if node.module != "expertise" else sorted(set(names) - public)
                bad = [f"{node.module}.{name}" for name in bad]
            else:
                continue
            found.extend(f"{where}:{node.lineno} {name}" for name in bad)
    return found



def test_ui_imports_only_the_public_names_of_expertise():
    """ui/ sees the core through `expertise.__all__` only: no keystore, models, index.types…

    A new need is a new public name: add it to `_LAZY` and `__all__` in expertise/__init__.py.
    """
    assert _ui_reaches_past_the_face() == []


def test_every_public_name_of_expertise_resolves():
    import expertise

    missing = [name for name in expertise.__all__ if not hasattr(expertise, name)]
    assert missing == []
    assert sorted(expertise.__all__) == sorted(set(expertise.__all__))


def test_importing_expertise_stays_light():
    """The public face loads on first use: `import expertise` pulls in no Whoosh or SQLAlchemy."""
    code = (
        "import sys, expertise; "
        "print([m for m in sys.modules if m.startswith(('whoosh', 'sqlalchemy', 'PySide6'))])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
