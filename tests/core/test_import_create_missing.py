"""References on import: missing names refused with a hint, or made drafts with create_missing.

expertise/services/import_refs.py, driven unit-level on a real hub's session and
through `Hub.transfer.import_paths` and the real CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import event

from expertise.bulkimport.sources import Incoming
from expertise.errors import InputError
from expertise.services import import_refs
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE}

EXPERT = """---
kind: expert
title: Jan Jansen
organisation: {org}
---
Digitaal rechercheur.
"""

PROJECT = """---
kind: innovation
title: Project Netvisser
lead: Jan Jansen
partners:
  - Politie Oost-Brabant
  - Stichting Offlimits
---
Nieuwe methode.
"""

AGENDA = """---
kind: agenda
title: Jaaragenda 2026
year: 2026
items:
  - objective: Meer meldingen
    responsible: [Politie Oost-Brabant, Europol EC3]
---
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _add_org(hub, title: str) -> str:
    return hub.entries.add("organisation", {"title": title, "org_type": "police"}).id


def _by_title(hub, kind: str) -> dict[str, object]:
    """Full records (with `fields` and `status`) of one kind, by title."""
    return {row.title: hub.entries.get(row.id) for row in hub.entries.list(kind=kind)}


# -- by default a missing name is an error --------------------------------------------------


def test_missing_reference_names_file_line_field_name_and_closest(hub, tmp_path):
    _add_org(hub, "Politie Oost-Brabant")
    _write(tmp_path / "in", "jan.md", EXPERT.format(org="Politie Oost Brabnt"))
    before = hub.entries.count()
    with pytest.raises(InputError) as raised:
        hub.transfer.import_paths([tmp_path / "in"])
    message = str(raised.value)
    assert message.startswith(
        "jan.md:4: field 'organisation': no organisation named 'Politie Oost Brabnt'"
    )
    assert "did you mean `Politie Oost-Brabant`?" in message
    assert "--create-missing" in message
    assert hub.entries.count() == before


def test_names_resolve_against_the_hub_and_the_same_import_in_any_case(hub, tmp_path):
    _add_org(hub, "Politie Oost-Brabant")
    folder = tmp_path / "in"
    _write(folder, "jan.md", EXPERT.format(org="politie oost-brabant"))
    _write(folder, "netvisser.md", PROJECT.replace("Stichting Offlimits", "Politie Oost-Brabant"))
    report = hub.transfer.import_paths([folder])  # Jan Jansen comes with the same import
    assert len(report.created) == 2 and report.created_missing == []
    project = _by_title(hub, "innovation")["Project Netvisser"]
    experts = _by_title(hub, "expert")
    assert project.fields["lead"] == experts["Jan Jansen"].id


def test_a_missing_id_is_refused_even_with_create_missing(hub, tmp_path):
    missing = "0f0e0d0c-0b0a-4909-8807-060504030201"
    _write(tmp_path / "in", "jan.md", EXPERT.format(org=missing))
    wanted = f"field 'organisation': no organisation with id '{missing}'"
    with pytest.raises(InputError, match=wanted):
        hub.transfer.import_paths([tmp_path / "in"], create_missing=True)
    assert hub.entries.count() == 0


def test_missing_reference_in_csv_names_the_row(hub, tmp_path):
    _write(tmp_path / "in", "experts.csv", "name,organisation\nPiet,Bestaat Niet\nKees,\n")
    with pytest.raises(InputError, match=r"^experts\.csv:2: field 'organisation': no organisation"):
        hub.transfer.import_paths([tmp_path / "in"])


# -- create_missing makes drafts ------------------------------------------------------------------


def test_create_missing_makes_linked_drafts_once_per_name(hub, tmp_path):
    folder = tmp_path / "in"
    _write(folder, "a-jan.md", EXPERT.format(org="Politie Oost-Brabant"))
    _write(folder, "b-netvisser.md", PROJECT)
    _write(folder, "c-agenda.md", AGENDA.replace("Politie Oost-Brabant", "POLITIE OOST-BRABANT"))
    report = hub.transfer.import_paths([folder], create_missing=True)
    made = {(m.kind, m.title): m for m in report.created_missing}
    assert set(made) == {
        ("organisation", "Politie Oost-Brabant"),
        ("organisation", "Stichting Offlimits"),
        ("organisation", "Europol EC3"),
    }
    assert made[("organisation", "Politie Oost-Brabant")].source == "a-jan.md:4"
    assert made[("organisation", "Politie Oost-Brabant")].field == "organisation"
    assert made[("organisation", "Europol EC3")].field == "items[1].responsible"
    assert made[("organisation", "Europol EC3")].source == "c-agenda.md:7"  # the cell's line
    orgs = _by_title(hub, "organisation")
    assert set(orgs) == {"Politie Oost-Brabant", "Stichting Offlimits", "Europol EC3"}
    assert all(record.status == "draft" for record in orgs.values())
    assert {m.id for m in made.values()} == {record.id for record in orgs.values()}
    assert {m.id for m in made.values()} <= set(report.created)
    jan = _by_title(hub, "expert")["Jan Jansen"]
    assert jan.fields["organisation"] == orgs["Politie Oost-Brabant"].id
    project = _by_title(hub, "innovation")["Project Netvisser"]
    assert project.fields["lead"] == jan.id
    assert set(project.fields["partners"]) == {
        orgs["Politie Oost-Brabant"].id,
        orgs["Stichting Offlimits"].id,
    }
    agenda = _by_title(hub, "agenda")["Jaaragenda 2026"]
    assert agenda.fields["items"][0]["responsible"] == [
        orgs["Politie Oost-Brabant"].id,
        orgs["Europol EC3"].id,
    ]
    again = hub.transfer.import_paths([folder], create_missing=True)
    assert again.created_missing == []  # the drafts exist now


def test_create_missing_is_all_or_nothing(hub, tmp_path):
    folder = tmp_path / "in"
    _write(folder, "a-jan.md", EXPERT.format(org="Politie Oost-Brabant"))
    _write(folder, "z-bad.md", "---\nkind: advice\ntitle: Kapot\naudience: everyone\n---\n")
    with pytest.raises(InputError, match="z-bad.md:4"):
        hub.transfer.import_paths([folder], create_missing=True)
    assert hub.entries.count() == 0
    # A failure at write time (an id of the wrong kind) also leaves no draft behind.
    advice = hub.entries.add("advice", {"title": "Een advies"}).id
    _write(folder, "z-bad.md", f"---\nkind: expert\nid: {advice}\ntitle: Wie\n---\n")
    with pytest.raises(InputError, match="id belongs to a advice entry"):
        hub.transfer.import_paths([folder], create_missing=True)
    assert hub.entries.count() == 1


def test_create_missing_refuses_a_field_that_may_point_at_several_kinds(hub, tmp_path):
    text = "---\nkind: bottleneck\ntitle: Traag\nsignalled_by: Onbekend Iemand\n---\n"
    _write(tmp_path / "in", "k.md", text)
    with pytest.raises(InputError) as raised:
        hub.transfer.import_paths([tmp_path / "in"], create_missing=True)
    assert "k.md:4: field 'signalled_by': no organisation or expert named 'Onbekend Iemand'" in str(
        raised.value
    )
    assert "cannot create it" in str(raised.value)
    assert hub.entries.count() == 0


# -- unit level: one query for all names ---------------------------------------------------


def _items(count: int, org: str) -> list[Incoming]:
    return [
        Incoming(f"e{i}.md", "expert", {"kind": "expert", "title": f"E{i}", "organisation": org})
        for i in range(count)
    ]


def _statements(hub, items: list[Incoming], create_missing: bool = False) -> tuple[int, list]:
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    engine = hub.session.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        with hub.session.reading() as session:
            seen.clear()
            made = import_refs.resolve_references(session, items, create_missing)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # the connection's own set-up (key check, pragmas) reads no entry
    return len([text for text in seen if "entries" in text]), made


def test_queries_do_not_grow_with_the_items(hub):
    _add_org(hub, "Korps Noord")
    few, _ = _statements(hub, _items(3, "Korps Noord"))
    many, _ = _statements(hub, _items(300, "korps noord"))
    assert few == many == 1  # one query for every name; no id was asked for
    count, made = _statements(hub, _items(200, "Nieuw Korps"), create_missing=True)
    assert count == 1 and [m.title for m in made] == ["Nieuw Korps"]


def test_wanted_refs_lists_fields_rows_and_lines():
    item = Incoming(
        "ag.md",
        "agenda",
        {"kind": "agenda", "title": "A", "items": [{"objective": "x", "responsible": ["O1"]}]},
        None,
        {"items": 5},
    )
    wanted = list(import_refs.wanted_refs([item]))
    assert [(w.field, w.name, w.line, w.kinds, w.in_row) for w in wanted] == [
        ("items[1].responsible", "O1", 5, ("organisation",), True)
    ]


def test_draft_values_are_a_titled_draft_of_the_kind():
    made = import_refs.CreatedMissing("id-1", "expert", "Jan", "a.md:3", "lead")
    assert import_refs.draft_values(made) == {
        "id": "id-1",
        "kind": "expert",
        "title": "Jan",
        "status": "draft",
    }


# -- the real CLI ----------------------------------------------------------------------------


def test_cli_refuses_then_creates_and_lists(tmp_path):
    folder = tmp_path / "hub"
    assert run_cli_here("--hub", str(folder), "init", env=ENV).returncode == 0
    _write(tmp_path / "in", "jan.md", EXPERT.format(org="Politie Oost-Brabant"))
    refused = run_cli_here("--hub", str(folder), "import", str(tmp_path / "in"), env=ENV)
    assert refused.returncode == 1
    assert "jan.md:4: field 'organisation': no organisation named 'Politie Oost-Brabant'" in (
        refused.stderr
    )
    done = run_cli_here(
        "--hub", str(folder), "import", "--create-missing", str(tmp_path / "in"), env=ENV
    )
    assert done.returncode == 0, done.stderr
    assert "created 1 missing entries as drafts:" in done.stdout
    assert "organisation `Politie Oost-Brabant`" in done.stdout
    assert "named by organisation in jan.md:4" in done.stdout
    _write(tmp_path / "in2", "piet.md", EXPERT.format(org="Stichting X").replace("Jan", "Piet"))
    done = run_cli_here(
        "--hub", str(folder), "import", "--json", "--create-missing", str(tmp_path / "in2"), env=ENV
    )
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)["created_missing"]
    assert [(m["kind"], m["title"], m["field"]) for m in made] == [
        ("organisation", "Stichting X", "organisation")
    ]
    listed = run_cli_here("--hub", str(folder), "list", "--kind", "organisation", env=ENV)
    assert "Stichting X" in listed.stdout and "Politie Oost-Brabant" in listed.stdout


def test_a_field_of_any_kind_finds_any_title_and_creates_nothing(hub, tmp_path):
    hub.entries.add("practice", {"title": "Nieuwe werkwijze"})
    text = "---\nkind: advice\ntitle: Oud advies\nsuperseded_by: {target}\n---\n"
    _write(tmp_path / "in", "oud.md", text.format(target="nieuwe werkwijze"))
    report = hub.transfer.import_paths([tmp_path / "in"], create_missing=True)
    assert report.created_missing == [] and len(report.created) == 1
    _write(tmp_path / "in", "oud.md", text.format(target="Bestaat niet"))
    with pytest.raises(InputError, match="field 'superseded_by': no entry named 'Bestaat niet'"):
        hub.transfer.import_paths([tmp_path / "in"], create_missing=True)


def test_a_row_keeps_the_id_of_an_entry_deleted_here(hub, tmp_path):
    gone = hub.entries.add("expert", {"title": "Vertrokken Expert"}).id
    hub.entries.delete(gone)
    text = (
        "---\nkind: case\ntitle: Zaak\nfollow_ups:\n"
        f"  - date: 2026-01-10\n    author: {gone}\n    text: Eerder.\n---\n"
    )
    _write(tmp_path / "in", "zaak.md", text)
    report = hub.transfer.import_paths([tmp_path / "in"])
    assert len(report.created) == 1 and report.created_missing == []
    # outside a row the same id names nothing
    _write(tmp_path / "in", "zaak.md", f"---\nkind: advice\ntitle: A\nauthor: {gone}\n---\n")
    with pytest.raises(InputError, match=f"field 'author': no expert with id '{gone}'"):
        hub.transfer.import_paths([tmp_path / "in"])


def test_found_and_created_names_become_ids_for_the_writer(hub):
    korps = _add_org(hub, "Korps Noord")
    items = _items(2, "korps noord") + _items(1, "Nieuw Korps")
    _count, made = _statements(hub, items, create_missing=True)
    assert [item.values["organisation"] for item in items] == [korps, korps, made[0].id]
    agenda = Incoming(
        "ag.md",
        "agenda",
        {"kind": "agenda", "title": "A", "items": [{"objective": "x", "responsible": ["O1"]}]},
    )
    _count, made = _statements(hub, [agenda], create_missing=True)
    assert agenda.values["items"] == [{"objective": "x", "responsible": [made[0].id]}]
