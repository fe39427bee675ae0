"""The barrier matrix and the upkeep list over the bottleneck and case kinds, on a real hub."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

LATER = date.today() + timedelta(days=91)  # everything written today is 91 days old then


def _add(hub, kind, title, **values):
    return hub.entries.add(kind, {"title": title, **values}).id


@pytest.fixture
def cycle_hub(hub):
    themes = ["grooming", "preventie"]
    ids = {
        "advice": _add(hub, "advice", "Advies voorlichting", themes=themes),
        "open": _add(hub, "bottleneck", "Knelpunt meldingen", themes=themes, state="signalled"),
        "working": _add(
            hub, "bottleneck", "Knelpunt doorlooptijd", themes=themes, state="in_progress"
        ),
        "secret": _add(
            hub,
            "bottleneck",
            "Knelpunt vertrouwelijk",
            themes=themes,
            state="addressed",
            classification="confidential",
        ),
        "resolved": _add(hub, "bottleneck", "Knelpunt opgelost", themes=themes, state="resolved"),
        "parked": _add(hub, "bottleneck", "Knelpunt geparkeerd", themes=themes, state="parked"),
        "quiet_case": _add(
            hub,
            "case",
            "Voorbeeldzaak Beek",
            state="following",
            follow_ups=[{"date": (LATER - timedelta(days=95)).isoformat(), "text": "Overleg"}],
        ),
        "busy_case": _add(
            hub,
            "case",
            "Voorbeeldzaak Dal",
            state="following",
            follow_ups=[{"date": (LATER - timedelta(days=10)).isoformat(), "text": "Zitting"}],
        ),
        "new_case": _add(hub, "case", "Voorbeeldzaak Heide", state="following"),
        "closed_case": _add(hub, "case", "Voorbeeldzaak Veen", state="closed"),
    }
    return hub, ids


def test_open_bottlenecks_are_counted_under_the_ceiling(cycle_hub):
    hub, ids = cycle_hub
    cell = hub.barrier.matrix().cell("grooming", "preventie")
    assert cell.open_bottlenecks == 3 and cell.measure_total == 1
    internal = hub.barrier.matrix("internal").cell("grooming", "preventie")
    assert internal.open_bottlenecks == 2  # the confidential one is not counted at all
    listed = [row.id for row in hub.barrier.cell_entries("grooming", "preventie", "internal")]
    assert listed == [ids["advice"], ids["working"], ids["open"]]  # measures, then by title
    assert ids["secret"] not in listed and ids["resolved"] not in listed


def test_quiet_bottlenecks_and_cases_on_the_upkeep_list(cycle_hub):
    hub, ids = cycle_hub
    lines = {(i.reason, i.entry_id): i for i in hub.upkeep.due(today=LATER)}
    quiet = {entry for reason, entry in lines if reason == "bottleneck_quiet"}
    assert quiet == {ids["open"], ids["working"], ids["secret"]}
    cases = {entry for reason, entry in lines if reason == "case_quiet"}
    assert cases == {ids["quiet_case"], ids["new_case"]}
    assert lines[("case_quiet", ids["quiet_case"])].date == LATER - timedelta(days=95)
    assert lines[("case_quiet", ids["new_case"])].date is None  # no follow-up yet
    assert lines[("bottleneck_quiet", ids["open"])].date == date.today()
    assert not [i for i in hub.upkeep.due(today=date.today()) if i.reason.endswith("_quiet")]
