"""bench/overview.py runs end to end on a tiny corpus (no timing assertions)."""

from __future__ import annotations

from bench.overview import main


def test_overview_bench_prints_every_row(capsys) -> None:
    main(["--size", "200", "--repeat", "1"])
    out = capsys.readouterr().out
    for row in (
        "| barrier matrix, every level |",
        "| barrier matrix, ceiling internal |",
        "| entries of the fullest cell |",
        "| upkeep list (30 days) |",
    ):
        assert row in out
    assert "cells filled" in out and "lines |" in out
