"""Signals are connected as typed attributes, never by a name in a string.

A name in a string is invisible to mypy and to a rename: a renamed signal
then silently never fires. The scan reads every ui module's AST.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "ui"
BY_NAME_CALLS = {"SIGNAL", "SLOT", "invokeMethod"}


def _name_of(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _wired_by_name(call: ast.Call) -> bool:
    name = _name_of(call.func)
    if name in BY_NAME_CALLS:
        return True
    if name in ("connect", "disconnect") and any(_is_text(a) for a in call.args[:2]):
        return True  # connect("clicked()", …) / QObject.connect(obj, "2clicked()", …)
    if name in ("connect", "disconnect") and isinstance(call.func, ast.Attribute):
        owner = call.func.value  # getattr(view, "sig_x").connect(…)
        return isinstance(owner, ast.Call) and _name_of(owner.func) == "getattr"
    # Our signals are named sig_*: that name as text in any call is a lookup by name,
    # e.g. getattr(view, "sig_saved") or a helper's _connect(view, "sig_saved", slot).
    return any(_is_text(a) and str(getattr(a, "value", "")).startswith("sig_") for a in call.args)


def offenders_in(source: str) -> list[int]:
    tree = ast.parse(source)
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and _wired_by_name(n)]


def test_no_ui_module_wires_a_signal_by_name():
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in offenders_in(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_scan_sees_each_form_of_wiring_by_name():
    planted = [
        'button.connect(button, SIGNAL("clicked()"), slot)',
        'QObject.connect(button, "2clicked()", slot)',
        'getattr(view, "sig_open_entry").connect(slot)',
        'getattr(view, name).connect(slot)',
        'bound = getattr(view, "sig_saved", None)',
        'hasattr(view, "sig_saved")',
        'QMetaObject.invokeMethod(obj, "refresh")',
        'self._connect(view, "sig_open_entry", self.open_entry)',
    ]
    for line in planted:
        assert offenders_in(line), line
    assert offenders_in("view.sig_open_entry.connect(self.open_entry)") == []
    assert offenders_in('getattr(args, "demo", False)') == []
    assert offenders_in('self.sig_explain.emit("")') == []  # a value, not a name
