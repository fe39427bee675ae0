"""`expertise-hub --selftest` from the source tree (make dist runs it in the bundle)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ui.app.selftest import run_selftest


def test_selftest_passes_and_leaves_nothing_behind(qapp, capsys):
    before = set(Path(tempfile.gettempdir()).glob("expertise-selftest-*"))
    assert run_selftest() == 0
    out = capsys.readouterr().out
    assert out.startswith("selftest ok") and out.count("\n") == 1
    assert set(Path(tempfile.gettempdir()).glob("expertise-selftest-*")) == before


def test_selftest_reports_a_failure(qapp, capsys, monkeypatch):
    def broken(_hub):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr("ui.app.selftest._write_and_search", broken)
    assert run_selftest() == 1
    assert capsys.readouterr().out.startswith("selftest FAILED")
