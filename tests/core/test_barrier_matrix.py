"""The barrier-model matrix on a real hub: exact counts per cell, the ceiling, the order."""

from __future__ import annotations

import pytest

from expertise.errors import UserError
from expertise.resources import load_yaml


def _add(hub, kind, title, themes, classification="internal", **extra):
    values = {"title": title, "themes": themes, "classification": classification, **extra}
    return hub.entries.add(kind, values).id


@pytest.fixture
def matrix_hub(hub):
    ids = {
        "advice": _add(hub, "advice", "Advies voorlichting scholen", ["grooming", "preventie"]),
        "innovation": _add(
            hub, "innovation", "Pilot lokprofielen", ["grooming", "preventie", "opsporing"]
        ),
        "practice": _add(
            hub,
            "practice",
            "Werkwijze afpersingsmeldingen",
            ["sextortion", "opsporing"],
            "confidential",
        ),
        "public": _add(hub, "advice", "Publieksfolder ouders", ["grooming", "preventie"], "public"),
        "old": _add(hub, "advice", "Oud advies", ["grooming", "preventie"], status="superseded"),
        "theme_only": _add(hub, "advice", "Advies zonder fase", ["grooming"]),
    }
    # An expert with the same keys is a person, not a measure.
    _add(hub, "expert", "Rechercheur Noor Velde", ["grooming", "preventie"])
    return hub, ids


def test_cells_count_measures_by_kind(matrix_hub):
    hub, _ = matrix_hub
    grid = hub.barrier.matrix()
    assert grid.ceiling == "confidential"
    cell = grid.cell("grooming", "preventie")
    assert dict(cell.measures) == {"advice": 2, "innovation": 1, "practice": 0}
    assert cell.measure_total == 3 and cell.open_bottlenecks == 0
    assert dict(grid.cell("grooming", "opsporing").measures) == {
        "advice": 0,
        "innovation": 1,
        "practice": 0,
    }
    assert grid.cell("sextortion", "opsporing").measures["practice"] == 1
    assert grid.cell("sextortion", "preventie").total == 0
    nonzero = {place for place, cell in grid.cells.items() if cell.total}
    assert nonzero == {
        ("grooming", "preventie"),
        ("grooming", "opsporing"),
        ("sextortion", "opsporing"),
    }
    assert grid.highest() == 3


def test_ceiling_leaves_higher_entries_uncounted(matrix_hub):
    hub, _ = matrix_hub
    internal = hub.barrier.matrix("internal")
    assert internal.cell("sextortion", "opsporing").total == 0
    assert internal.cell("grooming", "preventie").measure_total == 3
    public = hub.barrier.matrix("public")
    assert public.cell("grooming", "preventie").measures["advice"] == 1
    assert public.highest() == 1
    with pytest.raises(UserError, match="ceiling"):
        hub.barrier.matrix("secret")


def test_cell_entries_are_the_counted_ones(matrix_hub):
    hub, ids = matrix_hub
    rows = hub.barrier.cell_entries("grooming", "preventie")
    assert [row.id for row in rows] == [ids["advice"], ids["innovation"], ids["public"]]
    assert [r.id for r in hub.barrier.cell_entries("sextortion", "opsporing", "internal")] == []
    assert [r.id for r in hub.barrier.cell_entries("sextortion", "opsporing")] == [ids["practice"]]


def test_phases_follow_the_taxonomy_order_and_themes_are_rows(hub):
    grid = hub.barrier.matrix()
    data = load_yaml("taxonomy.yaml")
    expected = [p["key"] for p in sorted(data["phases"], key=lambda p: p["order"])]
    assert [h.key for h in grid.phases] == expected
    assert [h.key for h in grid.themes] == [t["key"] for t in data["themes"]]
    assert grid.phases[0].label("nl") == "Preventie" and grid.phases[1].label("en") == "Detection"
    assert grid.highest() == 0 and not grid.cells


def test_as_dict_holds_every_cell_with_keys_and_counts(matrix_hub):
    hub, _ = matrix_hub
    data = hub.barrier.matrix("internal").as_dict("en")
    assert data["ceiling"] == "internal"
    assert len(data["cells"]) == len(data["themes"]) * len(data["phases"])
    cell = next(c for c in data["cells"] if (c["theme"], c["phase"]) == ("grooming", "preventie"))
    assert cell == {
        "theme": "grooming",
        "phase": "preventie",
        "measures": 3,
        "by_kind": {"advice": 2, "innovation": 1, "practice": 0},
        "open_bottlenecks": 0,
    }
