"""Every ui module imports and every view is built: a broken view fails loudly, here.

There is no "not available in this build": the main window imports its views
directly, so an ImportError or AttributeError in one of them stops the window
(and this test) instead of being shown as a placeholder.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "ui"
HIDING = {"ImportError", "ModuleNotFoundError", "AttributeError"}


def _ui_modules() -> list[str]:
    names = []
    for path in sorted(UI.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue  # runs the app
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


@pytest.mark.parametrize("module", _ui_modules())
def test_every_ui_module_imports(module):
    importlib.import_module(module)


def test_the_main_window_builds_every_view_on_the_demo_hub(window, ctx, wait_idle):
    from ui.courses.view import CoursePackView
    from ui.editor.editor import EntryEditor
    from ui.experts.finder import ExpertFinder
    from ui.search.panel import SearchPanel
    from ui.shell.main_window import PAGES

    assert isinstance(window.search, SearchPanel)
    assert isinstance(window.experts, ExpertFinder)
    assert isinstance(window.courses, CoursePackView)
    assert isinstance(window.editor, EntryEditor)
    assert window.stack.count() == len(PAGES)
    for index, page in enumerate(PAGES):
        window.show_page(page)
        wait_idle(ctx)
        assert window.stack.currentIndex() == index
        assert not isinstance(window.stack.currentWidget(), QLabel)  # no placeholder
    assert window.page() == PAGES[-1]


def test_a_broken_view_stops_the_window(ctx, qtbot, monkeypatch):
    from ui.experts.finder import ExpertFinder
    from ui.shell.main_window import MainWindow

    def broken(self, *args, **kwargs):
        raise AttributeError("a bug in the expert finder")

    monkeypatch.setattr(ExpertFinder, "__init__", broken)
    with pytest.raises(AttributeError, match="a bug in the expert finder"):
        MainWindow(ctx)


def _hiding_handlers(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if any(isinstance(c, ast.Name) and c.id in HIDING for c in caught):
                lines.append(node.lineno)
    return lines


def test_no_ui_module_turns_a_missing_piece_into_a_message():
    offenders = [
        f"{path.relative_to(REPO)}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in _hiding_handlers(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []
    texts = [*UI.rglob("*.py"), REPO / "resources" / "i18n" / "expertise_nl.ts"]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert "not available in this build" not in text and "not built yet" not in text, path


def test_the_scan_sees_a_guard():
    planted = "try:\n    import x\nexcept (ImportError, KeyError):\n    pass\n"
    assert _hiding_handlers(ast.parse(planted)) == [3]
