"""Every label, tooltip and message box in ui/ goes through ui/plaintext.py (no exceptions).

Qt shows text that looks like HTML as rich text, and rich text loads what an
<img> names. Rather than judge each call site, the rule is structural: outside
ui/plaintext.py nothing in ui/ may make a QLabel, a QMessageBox, an input or
progress dialog, a tooltip or a text format of its own, or a rich-text
document other than the inert ones in ui/safe_browser.py. The scanner is
checked against planted violations, so a scanner that found nothing would fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

UI = REPO / "ui"
HELPERS = UI / "plaintext.py"
INERT = UI / "safe_browser.py"

# Names that must not appear at all outside the helpers: each makes rich text by default.
FORBIDDEN_NAMES = {"QLabel", "QMessageBox", "QToolTip", "QWhatsThis", "QErrorMessage"}
# Widgets whose own label guesses the format; the helpers build them.
FORBIDDEN_CALLS = {"QInputDialog", "QProgressDialog", "MessageBox"}
FORBIDDEN_METHODS = {"setToolTip", "setWhatsThis", "setTextFormat"}
# Rich-text documents and editors: only the inert ones.
RICH_TYPES = {"QTextDocument", "QTextEdit", "QTextBrowser"}
LABEL_MAKERS = {"tr", "translate", "format"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _makes_a_label(node: ast.expr) -> bool:
    """A first addRow argument that QFormLayout would turn into an auto-format QLabel."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value != ""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(node, ast.Call) and _name(node.func) in LABEL_MAKERS


def _tooltip_role_ok(tree: ast.AST) -> set[int]:
    """Lines of ToolTipRole uses inside `if ... ToolTipRole:` whose returns are all escaped."""
    fine: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.If):
            continue
        uses = [n for n in ast.walk(node.test) if _name(n) == "ToolTipRole"]
        returns = [n for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Return)]
        escaped = all(
            isinstance(r.value, ast.Call) and _name(r.value.func) == "tooltip_text" for r in returns
        )
        if uses and returns and escaped:
            fine.update(n.lineno for n in uses)
    return fine


def violations(source: str, path: Path) -> list[str]:
    tree = ast.parse(source)
    found: list[str] = []
    tooltip_fine = _tooltip_role_ok(tree)
    inert_file = path == INERT

    def report(node: ast.AST, why: str) -> None:
        found.append(
            f"{path.relative_to(REPO) if path.is_absolute() else path}:"
            f"{getattr(node, 'lineno', 0)}: {why}"
        )

    for node in ast.walk(tree):
        name = _name(node) if isinstance(node, ast.Name | ast.Attribute) else ""
        if name in FORBIDDEN_NAMES:
            report(node, f"{name}: use ui.plaintext")
        if isinstance(node, ast.alias) and node.name in FORBIDDEN_NAMES:
            report(node, f"imports {node.name}: use ui.plaintext")
        if name == "ToolTipRole" and node.lineno not in tooltip_fine:
            report(node, "ToolTipRole must return tooltip_text(...)")
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                if _name(base) in RICH_TYPES and not inert_file:
                    report(node, f"subclasses {_name(base)}: use ui.safe_browser")
        if not isinstance(node, ast.Call):
            continue
        called = _name(node.func)
        owner = _name(node.func.value) if isinstance(node.func, ast.Attribute) else ""
        if called in FORBIDDEN_CALLS or owner in FORBIDDEN_CALLS:
            report(node, f"{owner or called}: use ui.plaintext")
        if isinstance(node.func, ast.Attribute) and called in FORBIDDEN_METHODS:
            report(node, f".{called}(): use ui.plaintext")
        if called in RICH_TYPES and not inert_file:
            report(node, f"{called}(): use InertDocument or SafeBrowser")
        if isinstance(node.func, ast.Attribute) and called == "setDocument" and not inert_file:
            report(node, ".setDocument(): only SafeBrowser chooses its document")
        if called == "addRow" and len(node.args) >= 2 and _makes_a_label(node.args[0]):
            report(node, "addRow(text, ...): use plaintext.form_row")
    return found


def ui_files() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p != HELPERS)


def test_every_label_tooltip_and_message_box_in_ui_is_plain():
    files = ui_files()
    assert len(files) > 40  # the scan really covers ui/
    found = [v for path in files for v in violations(path.read_text(encoding="utf-8"), path)]
    assert found == []


PLANTED = {
    "label": "from PySide6.QtWidgets import QLabel\nx = QLabel('t')\n",
    "subclass": "class Banner(QtWidgets.QLabel):\n    pass\n",
    "message box": "QMessageBox.warning(None, 't', title)\n",
    "tooltip": "item.setToolTip(title)\n",
    "item tooltip": "item.setToolTip(0, title)\n",
    "format": "label.setTextFormat(Qt.TextFormat.RichText)\n",
    "role": "def data(self, role):\n    if role == Qt.ItemDataRole.ToolTipRole:\n"
    "        return row.title\n",
    "role elsewhere": "item.setData(title, Qt.ItemDataRole.ToolTipRole)\n",
    "input dialog": "QInputDialog.getText(self, 't', 'p')\n",
    "progress dialog": "QProgressDialog('t', 'c', 0, 0, self)\n",
    "form label": "form.addRow(self.tr('&Title'), field)\n",
    "form literal": "form.addRow('Title', field)\n",
    "document": "doc = QTextDocument()\ndoc.setHtml(title)\n",
    "editor": "class Pane(QTextBrowser):\n    pass\n",
    "swap": "browser.setDocument(doc)\n",
    "tooltip box": "QToolTip.showText(pos, title)\n",
    "alias box": "from ui.plaintext import MessageBox\nbox = MessageBox(icon, 't', title)\n",
}


@pytest.mark.parametrize("snippet", PLANTED.values(), ids=PLANTED.keys())
def test_the_scanner_catches_each_way_to_make_rich_text(snippet):
    assert violations(snippet, Path("ui/planted.py"))


def test_the_scanner_lets_the_plain_ways_pass():
    fine = (
        "from ui.plaintext import plain_label, set_plain_tooltip, tooltip_text, form_row\n"
        "label = plain_label(title, self)\n"
        "set_plain_tooltip(item, title)\n"
        "form_row(form, self.tr('&Title'), field)\n"
        "form.addRow('', field)\n"
        "form.addRow(label, field)\n"
        "def data(self, role):\n"
        "    if role == Qt.ItemDataRole.ToolTipRole:\n"
        "        return tooltip_text(row.title)\n"
    )
    assert violations(fine, Path("ui/planted.py")) == []
