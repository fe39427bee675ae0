"""Lenient values on import: enum values and themes by key or label (expertise/fields/lenient.py).

Unit-level through `read_values` and the parsers, then through a real hub
(`Hub.transfer.import_paths`) and the real CLI (`main(argv)`, tests/cli_here.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expertise.csvread import read_csv_entries, read_csv_rows
from expertise.errors import InputError
from expertise.fieldcheck import check_entry
from expertise.fields import KIND_SPECS, fields_of
from expertise.fields.kinds import BASE_FIELDS
from expertise.fields.lenient import (
    field_vocabulary,
    fold,
    kind_vocabulary,
    read_values,
    theme_vocabulary,
)
from expertise.fields.taxonomy import taxonomy
from expertise.frontmatter import parse_document
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE}

LABELLED = """---
kind: Advies
title: Over kindersekstoerisme
themes:
  - Kindersekstoerisme
  - child-sex-tourism
  - Prevention Awareness
classification: VERTROUWELIJK
language: Engels
audience: Beleid
status: concept
---
Tekst.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- unit: the vocabularies and read_values ---------------------------------------------


def test_fold_ignores_case_accents_and_separators():
    assert fold("Geëvalueerd") == "geevalueerd"
    assert fold("  Prevention  Awareness ") == "prevention_awareness"
    assert fold("child-sex-tourism") == fold("Child_Sex_Tourism") == "child_sex_tourism"
    assert fold("Prevention & awareness") == "prevention_awareness"


def test_every_enum_value_reads_by_key_and_both_labels_in_any_case():
    for kind in KIND_SPECS:
        for spec in BASE_FIELDS + fields_of(kind):
            vocab = field_vocabulary(kind, spec.name)
            if spec.type != "enum" or vocab is None:
                continue
            for option in spec.options:
                for given in (option.key, option.label.nl, option.label.en):
                    assert vocab.read(given.upper()) == option.key, (kind, spec.name, given)
                    assert vocab.read(given.replace("_", "-")) == option.key


def test_every_theme_and_phase_reads_by_key_and_both_labels():
    vocab = theme_vocabulary()
    for item in taxonomy():
        for given in (item.key, item.label.nl, item.label.en, item.key.replace("_", " ")):
            assert vocab.read(given.lower()) == item.key, given


def test_kind_reads_by_label():
    assert kind_vocabulary().read("Advies") == "advice"
    assert kind_vocabulary().read("ORGANISATIE") == "organisation"


def test_read_values_maps_labels_and_notes_each_with_its_line():
    lines = {"kind": 2, "themes": 3, "classification": 4, "audience": 5}
    raw = {
        "kind": "Advies",
        "themes": ["Kindersekstoerisme", "prevention_awareness"],
        "classification": "Vertrouwelijk",
        "audience": "policy",
    }
    values, notes = read_values(raw, "file.md", lines, 1)
    assert values["kind"] == "advice"
    assert values["themes"] == ["child_sex_tourism", "prevention_awareness"]
    assert values["classification"] == "confidential"
    assert values["audience"] == "policy"
    assert notes == [
        "file.md:2: kind `Advies` read as `advice`",
        "file.md:3: theme `Kindersekstoerisme` read as `child_sex_tourism`",
        "file.md:4: classification `Vertrouwelijk` read as `confidential`",
    ]  # a value given as its key is not noted


def test_unknown_value_is_refused_with_file_line_allowed_values_and_closest():
    with pytest.raises(InputError) as raised:
        read_values({"kind": "advice", "themes": ["Preventoin awareness"]}, "n.md", {"themes": 6})
    message = str(raised.value)
    assert message.startswith("n.md:6: field 'themes': unknown theme 'Preventoin awareness'")
    assert "did you mean `prevention_awareness`?" in message
    assert "allowed: victim_identification" in message
    assert raised.value.line == 6


def test_unknown_enum_value_suggests_from_labels_of_both_languages():
    with pytest.raises(InputError, match="did you mean `police`") as raised:
        read_values({"kind": "organisation", "org_type": "Politi"}, "o.md", {}, 3)
    assert "allowed: police, prosecution" in str(raised.value)
    with pytest.raises(InputError, match="did you mean `child_sex_tourism`"):
        read_values({"kind": "advice", "themes": "Kindersex"}, "t.md", {}, 3)
    with pytest.raises(InputError, match="unknown kind 'advise'; did you mean `advice`"):
        read_values({"kind": "advise"}, "k.md", {}, 2)


def test_nonsense_gets_no_suggestion_but_the_allowed_list():
    with pytest.raises(InputError) as raised:
        read_values({"kind": "advice", "audience": "zzzzqqq"}, "a.md", {}, 2)
    assert "did you mean" not in str(raised.value)
    assert "allowed: investigation, policy, public" in str(raised.value)


def test_enum_cells_of_rows_read_by_label_with_the_cell_named():
    raw = {
        "kind": "agenda",
        "title": "Agenda 2026",
        "items": [{"objective": "Doel", "progress": "Gereed"}, {"objective": "Twee"}],
    }
    values, notes = read_values(raw, "ag.md", {"items": 4}, 1)
    assert values["items"][0]["progress"] == "done"
    assert notes == ["ag.md:4: items[1].progress `Gereed` read as `done`"]
    raw["items"] = [{"objective": "Doel", "progress": "klaar-ish"}]
    with pytest.raises(InputError, match=r"field 'items\[1\]\.progress': unknown value"):
        read_values(raw, "ag.md", {"items": 4}, 1)


def test_without_notes_only_keys_pass():
    # Rendering (export) and every caller that asks no notes stay strict.
    with pytest.raises(InputError, match="must be one of"):
        check_entry({"kind": "advice", "title": "T", "audience": "Beleid"}, "x.md", line=1)
    notes: list[str] = []
    checked = check_entry(
        {"kind": "advice", "title": "T", "audience": "Beleid"}, "x.md", line=1, notes=notes
    )
    assert checked["audience"] == "policy" and notes


def test_parse_document_lenient_keeps_lines_and_notes():
    parsed = parse_document(LABELLED, "l.md", lenient=True)
    assert parsed.meta["kind"] == "advice"
    assert parsed.meta["themes"] == ["child_sex_tourism", "prevention_awareness"]
    assert parsed.meta["language"] == "en" and parsed.meta["status"] == "draft"
    assert "l.md:5: theme `Kindersekstoerisme` read as `child_sex_tourism`" in parsed.notes
    assert "l.md:6: theme `child-sex-tourism` read as `child_sex_tourism`" in parsed.notes
    assert parsed.lines["classification"] == 8
    with pytest.raises(InputError):
        parse_document(LABELLED, "l.md")  # strict by default


def test_csv_rows_lenient_with_row_lines():
    text = "name,org_type,country\nPolitie Noord,Politie,NL\n\nOM,Openbaar Ministerie,NL\n"
    rows = read_csv_rows(text, "orgs.csv", "organisation", lenient=True)
    assert [row.values["org_type"] for row in rows] == ["police", "prosecution"]
    assert [row.line for row in rows] == [2, 4]
    assert rows[1].notes == ["orgs.csv:4: org_type `Openbaar Ministerie` read as `prosecution`"]
    with pytest.raises(InputError, match="must be one of"):
        read_csv_entries(text, "orgs.csv", "organisation")  # the strict reader is unchanged


def test_vocabularies_are_unambiguous():
    # A label spelt like another key's label would name neither: none in the registry.
    for vocab in [theme_vocabulary(), kind_vocabulary()] + [
        field_vocabulary(kind, spec.name)
        for kind in KIND_SPECS
        for spec in BASE_FIELDS + fields_of(kind)
        if spec.type == "enum"
    ]:
        assert vocab is not None
        assert len(vocab.forms) >= 2 * len(vocab.keys) - len(vocab.keys) // 2


# -- through a real hub and the real CLI --------------------------------------------------


def test_hub_import_reads_labels_and_reports_how(hub, tmp_path):
    _write(tmp_path / "in", "labelled.md", LABELLED)
    report = hub.transfer.import_paths([tmp_path / "in"])
    assert len(report.created) == 1
    record = hub.entries.get(report.created[0])
    assert record.kind == "advice"
    assert record.classification == "confidential" and record.language == "en"
    assert record.status == "draft"
    assert sorted(record.themes) == ["child_sex_tourism", "prevention_awareness"]
    assert record.fields["audience"] == "policy"
    assert "labelled.md:2: kind `Advies` read as `advice`" in report.notes
    assert "labelled.md:10: audience `Beleid` read as `policy`" in report.notes


def test_hub_import_of_an_unknown_value_imports_nothing(hub, tmp_path):
    folder = tmp_path / "in"
    _write(folder, "a-good.md", LABELLED)
    _write(folder, "b-bad.md", LABELLED.replace("Beleid", "Bleid"))
    before = hub.entries.count()
    with pytest.raises(InputError) as raised:
        hub.transfer.import_paths([folder])
    assert str(raised.value).startswith("b-bad.md:10: field 'audience': unknown value")
    assert "did you mean `policy`?" in str(raised.value)
    assert hub.entries.count() == before


def test_hub_csv_import_reads_labels(hub, tmp_path):
    _write(tmp_path / "in", "organisations.csv", "name,org_type\nKorps Zuid,Politie\n")
    report = hub.transfer.import_paths([tmp_path / "in"])
    assert hub.entries.get(report.created[0]).fields["org_type"] == "police"
    assert report.notes == ["organisations.csv:2: org_type `Politie` read as `police`"]


def test_cli_prints_notes_and_json_includes_them(tmp_path):
    folder = tmp_path / "hub"
    assert run_cli_here("--hub", str(folder), "init", env=ENV).returncode == 0
    _write(tmp_path / "in", "labelled.md", LABELLED)
    done = run_cli_here("--hub", str(folder), "import", str(tmp_path / "in"), env=ENV)
    assert done.returncode == 0, done.stderr
    assert "labelled.md:5: theme `Kindersekstoerisme` read as `child_sex_tourism`" in done.stdout
    assert "1 files: 1 created" in done.stdout
    _write(tmp_path / "in2", "other.md", LABELLED.replace("Over", "Nog eens over"))
    done = run_cli_here("--hub", str(folder), "import", "--json", str(tmp_path / "in2"), env=ENV)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert "other.md:8: classification `VERTROUWELIJK` read as `confidential`" in data["notes"]
    assert data["created_missing"] == []


def test_cli_refuses_unknown_value_with_exit_1_and_a_hint(tmp_path):
    folder = tmp_path / "hub"
    assert run_cli_here("--hub", str(folder), "init", env=ENV).returncode == 0
    _write(tmp_path / "in", "bad.md", LABELLED.replace("Kindersekstoerisme", "Kindersex"))
    done = run_cli_here("--hub", str(folder), "import", str(tmp_path / "in"), env=ENV)
    assert done.returncode == 1
    assert "bad.md:5: field 'themes': unknown theme 'Kindersex'" in done.stderr
    assert "did you mean `child_sex_tourism`?" in done.stderr
    assert done.stdout == ""


def test_cli_import_help_states_the_rules():
    done = run_cli_here("import", "--help")
    assert done.returncode == 0
    assert "Dutch or English label" in done.stdout
    assert "--create-missing" in done.stdout
