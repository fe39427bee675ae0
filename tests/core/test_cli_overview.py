"""`expertise barrier` and `expertise due`: output and exit codes, through `main(argv)`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE}


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


@pytest.fixture(scope="module")
def overview_hub(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder = tmp_path_factory.mktemp("overview") / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:

        def add(kind: str, title: str, themes: list[str], **values: object) -> str:
            return hub.entries.add(kind, {"title": title, "themes": themes, **values}).id

        ids = {
            "advice": add("advice", "Advies meldroutes", ["grooming", "signalering"]),
            "secret": add(
                "practice",
                "Werkwijze heimelijk",
                ["grooming", "signalering"],
                classification="confidential",
                review_by=_day(-3),
            ),
            "project": add(
                "innovation", "Pilot hashes", ["distribution", "verstoring"], review_by=_day(10)
            ),
            "later": add("advice", "Advies later", ["distribution"], review_by=_day(45)),
            "bottleneck": add(
                "bottleneck",
                "Knelpunt vertrouwelijk",
                ["grooming", "signalering"],
                classification="confidential",
                state="signalled",
            ),
        }
    return folder, ids


def cli(folder: Path, *args: str, env: dict[str, str] | None = None):
    return run_cli_here("--hub", str(folder), *args, env=env if env is not None else ENV)


def _cell(data: dict, theme: str, phase: str) -> dict:
    return next(c for c in data["cells"] if (c["theme"], c["phase"]) == (theme, phase))


def test_barrier_json_counts_and_ceiling(overview_hub):
    folder, _ = overview_hub
    full = cli(folder, "barrier", "--json")
    assert full.returncode == 0, full.stderr
    data = json.loads(full.stdout)
    assert data["ceiling"] == "confidential" and data["language"] == "nl"
    assert data["phases"][0] == {"key": "preventie", "label": "Preventie"}
    assert _cell(data, "grooming", "signalering")["by_kind"] == {
        "advice": 1,
        "innovation": 0,
        "practice": 1,
    }
    assert _cell(data, "distribution", "verstoring")["measures"] == 1
    limited = json.loads(cli(folder, "barrier", "--json", "--ceiling", "internal").stdout)
    assert _cell(limited, "grooming", "signalering")["by_kind"]["practice"] == 0
    assert _cell(limited, "grooming", "signalering")["measures"] == 1
    # the confidential bottleneck counts without a ceiling and not at all under internal
    assert _cell(data, "grooming", "signalering")["open_bottlenecks"] == 1
    assert _cell(limited, "grooming", "signalering")["open_bottlenecks"] == 0


def test_barrier_text_is_an_aligned_table_in_the_chosen_language(overview_hub):
    folder, _ = overview_hub
    result = cli(folder, "barrier", "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "Prevention" in line)
    assert header.index("Prevention") < header.index("Detection") < header.index("Investigation")
    grooming = next(line for line in lines if line.startswith("Grooming"))
    # the Detection column holds 2 measures and 1 open bottleneck, right-aligned under it
    detection_end = header.index("Detection") + len("Detection")
    assert grooming[:detection_end].rstrip().endswith("2/1")
    rows = [line for line in lines if line.startswith(("Grooming", "Distribution", "Training"))]
    assert len({len(line) for line in rows}) == 1  # every row as wide as the others
    dutch = cli(folder, "barrier", "--ceiling", "internal").stdout
    assert "Signalering" in dutch and "Grooming (online lokken)" in dutch
    assert "1/0" in dutch and "2/1" not in dutch and "1/1" not in dutch


def test_due_json_and_within(overview_hub):
    folder, ids = overview_hub
    result = cli(folder, "due", "--json")
    assert result.returncode == 0, result.stderr
    lines = json.loads(result.stdout)
    assert [(line["reason"], line["id"]) for line in lines] == [
        ("review_overdue", ids["secret"]),
        ("review_due", ids["project"]),
    ]
    assert lines[0] == {
        "id": ids["secret"],
        "kind": "practice",
        "title": "Werkwijze heimelijk",
        "reason": "review_overdue",
        "date": _day(-3),
    }
    wider = json.loads(cli(folder, "due", "--json", "--within", "60").stdout)
    assert ("review_due", ids["later"]) in [(line["reason"], line["id"]) for line in wider]


def test_due_text_groups_by_reason(overview_hub):
    folder, ids = overview_hub
    text = cli(folder, "due", "--within", "5").stdout
    assert "Review date passed (1)" in text and ids["secret"] in text
    assert ids["project"] not in text


def test_bad_input_exits_with_the_contract_codes(overview_hub, tmp_path):
    folder, _ = overview_hub
    for args in (
        ("due", "--within", "-1"),
        ("due", "--within", "soon"),
        ("barrier", "--ceiling", "x"),
    ):
        result = cli(folder, *args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
    wrong = cli(folder, "barrier", env={"EXPERTISE_PASSPHRASE": "not the passphrase"})
    assert wrong.returncode == 3 and "Traceback" not in wrong.stderr
    missing = cli(tmp_path / "nowhere", "due")
    assert missing.returncode != 0 and "Traceback" not in missing.stderr


def test_nothing_due_says_so(tmp_path):
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder = tmp_path / "empty"
    Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()).close()
    result = cli(folder, "due")
    assert result.returncode == 0 and result.stdout.startswith("nothing due")
    assert json.loads(cli(folder, "due", "--json").stdout) == []
