"""No import cycles among the project's modules: `python -m tools.import_cycles` says so too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools.import_cycles import build_graph, cycles, main, one_loop

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ["expertise", "index", "ui"]


def _plant(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_checker_sees_a_cycle_closed_inside_a_function(tmp_path, capsys):
    _plant(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg.b import thing\n",
        "pkg/b.py": "def thing():\n    from . import a\n    return a\n",
        "pkg/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/d.py": "from ..a import x\nimport os\n",
    })
    graph = build_graph(tmp_path, ["pkg"])
    assert graph["pkg.sub.d"] == {"pkg.a"}  # relative import resolved, os left out
    assert graph["pkg.c"] == set()  # a type-checking import never runs
    assert cycles(graph) == [["pkg.a", "pkg.b"]]
    assert one_loop(graph, ["pkg.a", "pkg.b"]) == ["pkg.a", "pkg.b", "pkg.a"]
    assert main(["--root", str(tmp_path), "pkg"]) == 1
    assert "cycle of 2 modules: pkg.a, pkg.b" in capsys.readouterr().out


def test_a_chain_without_a_loop_is_clean(tmp_path):
    _plant(tmp_path, {"pkg/__init__.py": "", "pkg/a.py": "import pkg.b\n", "pkg/b.py": ""})
    assert cycles(build_graph(tmp_path, ["pkg"])) == []


def test_no_import_cycle_in_any_package():
    found = cycles(build_graph(REPO, PACKAGES))
    assert found == [], found


def test_the_command_runs_from_the_repo_root():
    done = subprocess.run(
        [sys.executable, "-m", "tools.import_cycles", *PACKAGES],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 import cycle(s)" in done.stdout
