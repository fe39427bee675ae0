"""The work-cycle kinds on a real hub: bottleneck, example case and yearly agenda.

Each kind is created, edited, validated, found by search and carried through every
export the hub has (front matter, JSON, knowledge pack) without losing a field,
including the structured lists (follow-ups, agenda items).
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

import pytest

from expertise.errors import InputError, UserError
from expertise.frontmatter import parse_document, render_document
from expertise.history import value_history
from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE
from tests.core.packkit import PACK_PASS, export

ORG = "Stichting Baken (fictief)"
EXPERT = "Rechercheur Noor Heuvelrug"

CASE = """---
kind: case
title: Voorbeeldzaak Haven
classification: internal
state: following
region: Regio West
themes: [victim_identification, opsporing]
follow_ups:
  - date: 2026-01-10
    author: Rechercheur Noor Heuvelrug
    text: Zaak opgenomen als voorbeeldzaak.
  - date: 2026-03-02
    author: Rechercheur Noor Heuvelrug
    text: |-
      Evaluatie met de partners.
      Tweede regel van de evaluatie.
lessons: Eerst de route naar de jeugdhulp vastleggen.
---
Geanonimiseerde beschrijving van de zaak.
"""


def _base(hub: Hub) -> tuple[str, str]:
    org = hub.entries.add("organisation", {"title": ORG, "org_type": "ngo"})
    expert = hub.entries.add("expert", {"title": EXPERT, "organisation": org.id})
    return org.id, expert.id


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _bottleneck(hub: Hub, org_id: str, **values: object) -> str:
    fields: dict[str, object] = {
        "title": "Knelpunt: trage vorderingen",
        "state": "signalled",
        "signalled_on": "2026-02-01",
        "signalled_by": org_id,
        "responsible": [org_id],
        "themes": ["international_cooperation", "opsporing"],
    }
    fields.update(values)
    return hub.entries.add("bottleneck", fields).id


# -- bottleneck --------------------------------------------------------------------


def test_bottleneck_create_edit_and_find(hub):
    org_id, _ = _base(hub)
    advice = hub.entries.add("advice", {"title": "Advies over vorderingen"}).id
    entry_id = _bottleneck(hub, org_id, measures=[advice], body="Vorderingen duren maanden.")
    record = hub.entries.get(entry_id)
    assert record.kind == "bottleneck"
    assert record.fields["state"] == "signalled"
    assert record.fields["signalled_on"] == date(2026, 2, 1)
    assert record.fields["signalled_by"] == org_id
    assert record.fields["responsible"] == [org_id]
    assert record.fields["measures"] == [advice]
    assert set(record.themes) == {"international_cooperation", "opsporing"}

    hub.entries.update(
        entry_id,
        {"state": "resolved", "resolved_on": "2026-06-30", "resolution": "Spoedroute ingericht."},
    )
    record = hub.entries.get(entry_id)
    assert record.fields["state"] == "resolved"
    assert record.fields["resolved_on"] == date(2026, 6, 30)
    hub.wait_for_index()
    assert entry_id in {hit.id for hit in hub.search("spoedroute").hits}
    assert entry_id in {hit.id for hit in hub.search("vorderingen kind:bottleneck").hits}
    assert entry_id in {hit.id for hit in hub.search("vorderingen kind:knelpunt").hits}


def test_bottleneck_refuses_bad_values(hub):
    org_id, _ = _base(hub)
    with pytest.raises(UserError, match="state"):
        _bottleneck(hub, org_id, state="forgotten")
    with pytest.raises(UserError, match="responsible"):
        _bottleneck(hub, org_id, responsible=["Geen Bestaande Organisatie"])
    assert hub.entries.count("bottleneck") == 0


def test_bottleneck_status_history_comes_from_revisions(hub):
    org_id, _ = _base(hub)
    entry_id = _bottleneck(hub, org_id)
    hub.entries.update(entry_id, {"state": "addressed"})
    hub.entries.update(entry_id, {"summary": "Alleen de samenvatting."})  # no state change
    hub.entries.update(entry_id, {"state": "in_progress"})
    history = value_history(hub.entries.revisions(entry_id), "state")
    assert [change.value for change in history] == ["signalled", "addressed", "in_progress"]
    assert [change.revision for change in history] == [1, 2, 4]


def test_bottleneck_pointing_at_a_missing_organisation_is_refused_on_import(hub, tmp_path):
    _base(hub)
    folder = tmp_path / "in"
    _write(
        folder,
        "knelpunt.md",
        "---\nkind: bottleneck\ntitle: Knelpunt zonder partij\n"
        "responsible: [Stichting Baken (fictief), Bestaat Niet BV]\n---\nTekst\n",
    )
    with pytest.raises(InputError) as caught:
        hub.transfer.import_paths([folder])
    message = str(caught.value)
    assert "knelpunt.md" in message and "responsible" in message and "organisation" in message
    assert hub.entries.count("bottleneck") == 0


# -- example case ------------------------------------------------------------------


def test_case_follow_ups_import_and_read_back(hub, tmp_path):
    _, expert_id = _base(hub)
    report = hub.transfer.import_paths([_write(tmp_path / "in", "zaak.md", CASE)])
    (case_id,) = report.created
    record = hub.entries.get(case_id)
    assert record.kind == "case" and record.fields["state"] == "following"
    follow_ups = record.fields["follow_ups"]
    assert [row["date"] for row in follow_ups] == ["2026-01-10", "2026-03-02"]
    assert all(row["author"] == expert_id for row in follow_ups)
    assert follow_ups[1]["text"] == "Evaluatie met de partners.\nTweede regel van de evaluatie."
    hub.wait_for_index()
    assert case_id in {hit.id for hit in hub.search("evaluatie").hits}  # follow-up text


def test_case_follow_up_edit_adds_a_revision(hub):
    _, expert_id = _base(hub)
    practice = hub.entries.add("practice", {"title": "Vaste belroute jeugdhulp"}).id
    case = hub.entries.add("case", {"title": "Voorbeeldzaak Duin", "state": "following"})
    rows = [{"date": "2026-04-01", "author": expert_id, "text": "Eerste overleg."}]
    hub.entries.update(case.id, {"follow_ups": rows, "produced_practices": [practice]})
    rows.append({"date": "2026-05-01", "author": EXPERT, "text": "Afgesloten."})
    hub.entries.update(case.id, {"follow_ups": rows, "state": "closed"})
    record = hub.entries.get(case.id)
    assert record.revision == 3
    assert [row["author"] for row in record.fields["follow_ups"]] == [expert_id, expert_id]
    assert record.fields["produced_practices"] == [practice]
    with pytest.raises(UserError, match="follow_ups"):
        hub.entries.update(case.id, {"follow_ups": [{"date": "gisteren", "text": "x"}]})
    with pytest.raises(UserError, match="produced_practices"):
        hub.entries.update(case.id, {"produced_practices": [expert_id]})  # not a practice


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        ("  - date: 2026-13-40\n    text: Kapotte datum.\n", 7, "date"),
        ("  - date: 2026-04-01\n    texts: Verkeerde kolom.\n", 8, "texts"),
        ("  - date: 2026-04-01\n", 7, "text"),
        ("  - zomaar tekst\n", 7, "row"),
        ("  - date: [2026-04-01, [x]]\n    text: Te diep.\n", 7, "nested"),
        # a reference that names nothing: the line of the cell (expertise/services/import_refs.py)
        ("  - date: 2026-04-01\n    author: Niemand Bekend\n    text: x\n", 8, "author"),
    ],
)
def test_malformed_follow_up_row_names_file_and_line(hub, tmp_path, broken, line, words):
    _base(hub)
    text = (
        "---\nkind: case\ntitle: Voorbeeldzaak Kapot\nfollow_ups:\n"
        "  - date: 2026-01-10\n    text: Goed.\n" + broken + "---\nTekst\n"
    )
    folder = tmp_path / "in"
    _write(folder, "zaak.md", text)
    before = hub.entries.count()
    with pytest.raises(InputError) as caught:
        hub.transfer.import_paths([folder])
    assert caught.value.source == "zaak.md"
    assert caught.value.line == line
    assert words in str(caught.value)
    assert hub.entries.count() == before


# -- agenda ------------------------------------------------------------------------


def _agenda(hub: Hub) -> tuple[str, str, str]:
    org_id, _ = _base(hub)
    bottleneck = _bottleneck(hub, org_id)
    items = [
        {
            "bottleneck": bottleneck,
            "objective": "Sneller gegevens van providers.",
            "result": "Spoedroute bij vijf providers.",
            "activities": "Werkafspraken maken.\nDoorlooptijden meten.",
            "responsible": [ORG],
            "progress": "in_progress",
        },
        {"bottleneck": bottleneck, "objective": "Tweede doel.", "progress": "planned"},
    ]
    agenda = hub.entries.add("agenda", {"title": "Agenda 2026", "year": "2026", "items": items})
    return agenda.id, bottleneck, org_id


def test_agenda_items_are_stored_with_ids(hub):
    agenda_id, bottleneck, org_id = _agenda(hub)
    record = hub.entries.get(agenda_id)
    assert record.fields["year"] == "2026"
    first, second = record.fields["items"]
    assert first["bottleneck"] == bottleneck and first["responsible"] == [org_id]
    assert first["progress"] == "in_progress" and second["progress"] == "planned"
    with pytest.raises(UserError, match="year"):
        hub.entries.update(agenda_id, {"year": "twintig"})
    with pytest.raises(UserError, match="items"):
        hub.entries.update(agenda_id, {"items": [{"bottleneck": bottleneck, "progress": "soon"}]})
    with pytest.raises(UserError, match="items"):
        hub.entries.update(agenda_id, {"items": [{"bottleneck": org_id}]})  # not a bottleneck
    hub.wait_for_index()
    assert agenda_id in {hit.id for hit in hub.search("spoedroute kind:agenda").hits}


def test_agenda_item_for_a_deleted_bottleneck_keeps_the_row(hub):
    agenda_id, bottleneck, _ = _agenda(hub)
    hub.entries.delete(bottleneck)
    record = hub.entries.get(agenda_id)
    assert [row["bottleneck"] for row in record.fields["items"]] == [bottleneck, bottleneck]
    items = hub.entries.get(agenda_id).fields["items"]
    hub.entries.update(agenda_id, {"items": items, "summary": "Nog te bewaren."})  # saves as shown
    assert hub.entries.get(agenda_id).revision == 2
    with pytest.raises(UserError, match="bottleneck"):  # a made-up id is still refused
        hub.entries.update(
            agenda_id, {"items": [{"bottleneck": str(uuid.uuid4()), "objective": "x"}]}
        )


def test_export_of_an_agenda_with_a_deleted_bottleneck_reads_back_elsewhere(hub, tmp_path):
    agenda_id, bottleneck, _ = _agenda(hub)
    hub.entries.delete(bottleneck)
    out = tmp_path / "export"
    hub.transfer.export_markdown(out)
    with Hub.create(tmp_path / "second", PASSPHRASE, kdf=KdfParams.floor()) as second:
        second.transfer.import_paths([out])
        items = second.entries.get(agenda_id).fields["items"]
        assert [row["bottleneck"] for row in items] == [None, None]
        assert items[0]["objective"] == "Sneller gegevens van providers."


def test_erasing_a_person_clears_them_from_follow_ups(hub, tmp_path):
    _, expert_id = _base(hub)
    (case_id,) = hub.transfer.import_paths([_write(tmp_path / "in", "zaak.md", CASE)]).created
    hub.entries.update(case_id, {"state": "closed"})
    hub.maintenance.erase_person(expert_id)
    rows = hub.entries.get(case_id).fields["follow_ups"]
    assert [row["author"] for row in rows] == [None, None]
    for revision in hub.entries.revisions(case_id):
        assert expert_id not in json.dumps(revision.snapshot)


def _comparable(hub: Hub) -> list[str]:
    return sorted(json.dumps(entry, sort_keys=True) for entry in hub.transfer.export_json())


def test_front_matter_and_json_round_trip_of_every_new_kind(hub, tmp_path):
    agenda_id, _, _ = _agenda(hub)
    hub.transfer.import_paths([_write(tmp_path / "in", "zaak.md", CASE)])
    out = tmp_path / "export"
    count = hub.transfer.export_markdown(out)
    text = next(out.glob("agenda-*.md")).read_text(encoding="utf-8")
    parsed = parse_document(text, "agenda.md")
    assert parsed.meta["items"][0]["progress"] == "in_progress"
    assert render_document(parsed.meta, parsed.body) == text  # rendering is stable
    with Hub.create(tmp_path / "second", PASSPHRASE, kdf=KdfParams.floor()) as second:
        report = second.transfer.import_paths([out])
        assert len(report.created) == count
        assert _comparable(second) == _comparable(hub)
        assert len(second.transfer.import_paths([out]).unchanged) == count


def test_pack_round_trip_keeps_structured_fields(hub, tmp_path):
    agenda_id, bottleneck, _ = _agenda(hub)
    hub.transfer.import_paths([_write(tmp_path / "in", "zaak.md", CASE)])
    source = hub.packs
    source.set_publisher_name("Expertisecentrum (test)")
    pack = export(source, tmp_path / "werk.ekp", with_people=True)
    with Hub.create(tmp_path / "target", PASSPHRASE, kdf=KdfParams.floor()) as target:
        target.packs.import_pack(pack, PACK_PASS, trust=True)
        assert target.entries.get(agenda_id).fields == hub.entries.get(agenda_id).fields
        case = hub.entries.find_by_title("Voorbeeldzaak Haven", "case")
        assert case is not None
        assert target.entries.get(case.id).fields == case.fields


def test_pack_without_people_drops_author_references_in_rows(hub, tmp_path):
    _base(hub)
    hub.transfer.import_paths([_write(tmp_path / "in", "zaak.md", CASE)])
    source = hub.packs
    source.set_publisher_name("Expertisecentrum (test)")
    pack = export(source, tmp_path / "zonder.ekp", kind="case")
    with Hub.create(tmp_path / "target", PASSPHRASE, kdf=KdfParams.floor()) as target:
        target.packs.import_pack(pack, PACK_PASS, trust=True)
        case = target.entries.find_by_title("Voorbeeldzaak Haven", "case")
        assert case is not None
        rows = case.fields["follow_ups"]
        assert [row["text"].split()[0] for row in rows] == ["Zaak", "Evaluatie"]
        assert all(row.get("author") is None for row in rows)


# -- the demo's dated history -------------------------------------------------------

NAZORG = "b2549d86-418b-44b5-8578-1165d62d421d"


def test_demo_bottlenecks_carry_their_dated_history(demo_hub):
    history = value_history(demo_hub.entries.revisions(NAZORG), "state")
    assert [(c.saved_at.date().isoformat(), c.value) for c in history] == [
        ("2024-11-20", "signalled"),
        ("2025-02-05", "addressed"),
        ("2025-05-12", "in_progress"),
        ("2026-06-30", "resolved"),
    ]
    record = demo_hub.entries.get(NAZORG)
    assert record.revision == 4 and record.updated_at.date() == date(2026, 6, 30)
    first = min(demo_hub.entries.revisions(NAZORG), key=lambda r: r.revision)
    assert first.snapshot["resolved_on"] is None and first.snapshot["resolution"] == ""
    demo_hub.entries.update(NAZORG, {})  # the replayed last revision is the entry as it is
    assert demo_hub.entries.get(NAZORG).revision == 4


def test_history_steps_are_checked():
    from expertise.services.replay import steps_from

    steps = steps_from([{"date": date(2025, 1, 2), "state": "signalled"}], "x")
    assert steps[0].values == {"state": "signalled"}
    with pytest.raises(UserError, match="date"):
        steps_from([{"on": True, "state": "signalled"}], "x")  # YAML reads `on:` as true
    with pytest.raises(UserError, match="order"):
        steps_from([{"date": date(2025, 2, 1)}, {"date": date(2025, 1, 1)}], "x")


def test_a_case_in_a_course_pack_shows_its_follow_ups_without_ids(hub, tmp_path):
    _, expert_id = _base(hub)
    (case_id,) = hub.transfer.import_paths([_write(tmp_path / "in", "zaak.md", CASE)]).created
    pack = hub.courses.create("Voorbeeldzaken", "internal")
    hub.courses.add_entries(pack.id, [case_id])
    hub.courses.export_html(pack.id, tmp_path / "pack.html")
    html = (tmp_path / "pack.html").read_text(encoding="utf-8")
    assert "Zaak opgenomen als voorbeeldzaak." in html and "2026-03-02" in html
    assert expert_id not in html and "{" not in html.split("<body>")[1].split("</style>")[-1]
