"""`expertise import`: a progress bar on a terminal, nothing but the result when piped."""

from __future__ import annotations

import io

from expertise.cli.progress import ProgressBar
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE, run_cli
from tests.core.import_notes import note, write_notes


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal_redraws_one_line_per_phase():
    screen = _Terminal()
    bar = ProgressBar(screen)
    for done in (1, 1, 2, 4):
        bar("read", done, 4)
    bar("index", 4, 4)
    bar.close()
    text = screen.getvalue()
    assert text.count("\rreading ") == 3  # the repeated 25% is not drawn twice
    assert "100% 4/4\n\rindexing [" in text and text.endswith("100% 4/4\n")


def test_bar_is_silent_when_not_a_terminal_or_for_json():
    piped = io.StringIO()
    ProgressBar(piped)("read", 1, 2)
    terminal = _Terminal()
    ProgressBar(terminal, enabled=False)("read", 1, 2)
    assert piped.getvalue() == "" and terminal.getvalue() == ""


def test_piped_import_prints_only_the_result(tmp_path):
    env = {"EXPERTISE_PASSPHRASE": PASSPHRASE}
    hub = tmp_path / "hub"
    assert run_cli_here("--hub", str(hub), "init", env=env).returncode == 0
    notes = write_notes(tmp_path / "in", [note(f"Notitie {i}", "tekst") for i in range(3)])
    # A real process with a piped stderr: no bar, and not a byte else (no library warning).
    done = run_cli("--hub", str(hub), "import", str(notes), env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3 files: 3 created, 0 updated, 0 unchanged"
    assert done.stderr == ""
    broken = write_notes(tmp_path / "bad", ["---\nkind: advice\ntitle: x\naudience: nope\n---\n"])
    failed = run_cli_here("--hub", str(hub), "import", str(broken), env=env)
    assert failed.returncode == 1 and "note-0000.md:4" in failed.stderr
