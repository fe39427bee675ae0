"""The upkeep list on a real hub, on a fixed date: every rule, its edges and its order."""

from __future__ import annotations

from datetime import date

import pytest

from expertise.errors import UserError
from expertise.overview.upkeep import year_before

TODAY = date(2026, 6, 15)


def _add(hub, kind, title, **values):
    return hub.entries.add(kind, {"title": title, **values}).id


@pytest.fixture
def upkeep_hub(hub):
    ids = {
        "overdue": _add(hub, "advice", "Advies termijnen", review_by="2026-06-14"),
        "today": _add(hub, "practice", "Werkwijze intake", review_by="2026-06-15"),
        "edge": _add(hub, "innovation", "Pilot triage", review_by="2026-07-15"),
        "later": _add(hub, "advice", "Advies later", review_by="2026-07-16"),
        "retired": _add(
            hub, "advice", "Vervangen advies", review_by="2025-01-01", status="superseded"
        ),
        # consent exactly a year ago still counts as confirmed within the year
        "fresh": _add(hub, "expert", "Analist Ruben Hoekstra", consent_date="2025-06-15"),
        # an old consent, renewed by a recent verification
        "verified": _add(
            hub,
            "expert",
            "Analist Eva Brink",
            consent_date="2023-01-01",
            last_verified="2026-01-10",
        ),
        "stale": _add(
            hub,
            "expert",
            "Rechercheur Iris Dalen",
            consent_date="2025-06-14",
            last_verified="2024-02-01",
        ),
        "unasked": _add(hub, "expert", "Jurist Sem Kuipers", last_verified="2026-05-01"),
        "missing": _add(hub, "expert", "Jurist Tim Vos"),
    }
    return hub, ids


def _lines(items):
    return [(item.reason, item.entry_id) for item in items]


def test_every_rule_on_a_fixed_date(upkeep_hub):
    hub, ids = upkeep_hub
    items = hub.upkeep.due(today=TODAY)
    assert _lines(items) == [
        ("review_overdue", ids["overdue"]),
        ("review_due", ids["today"]),
        ("review_due", ids["edge"]),
        ("consent_missing", ids["unasked"]),
        ("consent_missing", ids["missing"]),
        ("expert_unconfirmed", ids["missing"]),  # never recorded sorts first
        ("expert_unconfirmed", ids["stale"]),
    ]
    overdue = items[0]
    assert (overdue.kind, overdue.title, overdue.date) == (
        "advice",
        "Advies termijnen",
        date(2026, 6, 14),
    )
    by_line = {(i.reason, i.entry_id): i for i in items}
    # the later of consent and verification is the date looked at
    assert by_line[("expert_unconfirmed", ids["stale"])].date == date(2025, 6, 14)
    assert by_line[("expert_unconfirmed", ids["missing"])].date is None
    assert by_line[("consent_missing", ids["unasked"])].date is None


def test_within_widens_and_narrows_the_review_window(upkeep_hub):
    hub, ids = upkeep_hub
    reviews = lambda n: [  # noqa: E731
        line for line in _lines(hub.upkeep.due(n, today=TODAY)) if line[0].startswith("review")
    ]
    assert reviews(0) == [("review_overdue", ids["overdue"]), ("review_due", ids["today"])]
    assert ("review_due", ids["later"]) in reviews(31)
    with pytest.raises(UserError, match="within"):
        hub.upkeep.due(-1, today=TODAY)


def test_a_year_before_a_leap_day():
    assert year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert year_before(date(2026, 6, 15)) == date(2025, 6, 15)


def test_an_empty_hub_has_nothing_due(hub):
    assert hub.upkeep.due(today=TODAY) == []


def test_last_follow_up_reads_iso_dates_and_skips_bad_cells():
    from expertise.overview.upkeep import last_follow_up

    rows = [
        {"date": "2026-01-05", "text": "Eerste overleg"},
        {"date": date(2026, 3, 1), "text": "Tweede overleg"},
        {"date": "geen datum", "text": "?"},
        {"text": "zonder datum"},
        "geen rij",
    ]
    assert last_follow_up(rows) == date(2026, 3, 1)
    assert last_follow_up([]) is None and last_follow_up(None) is None
