"""A few kills of the real kill-run (bench/killrun.py), so the harness keeps working.

The full run (≥100 kills over every operation) is `python -m bench.killrun`;
its report is in bench/results/killrun-*.md. Here: three kills over import
and passwd on the small template, one clean run each for calibration.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench import killrun


def test_three_kills_leave_a_hub_that_opens_checks_and_is_old_or_new(tmp_path: Path) -> None:
    out = tmp_path / "results"
    code = killrun.main(
        [
            "--kills", "3", "--ops", "import,passwd", "--size", "small", "--seed", "11",
            "--calibration-runs", "1", "--out", str(out), "--workdir", str(tmp_path / "work"),
        ]
    )  # fmt: skip

    (report,) = out.glob("killrun-*.json")
    data = json.loads(report.read_text(encoding="utf-8"))
    attempts = data["attempts"]
    failures = [(a["op"], a["failures"]) for a in attempts if a["failures"]]
    assert failures == []
    assert code == 0
    assert sum(a["killed"] for a in attempts) >= 3
    assert {a["op"] for a in attempts} == {"import", "passwd"}
    allowed = {"old", "new", "old passphrase", "new passphrase"}
    assert {a["outcome"] for a in attempts} <= allowed
    assert (out / report.name.replace(".json", ".md")).read_text(encoding="utf-8").count("|") > 10
