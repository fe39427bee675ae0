"""Import and export: front matter, CSV, the Markdown round trip, all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expertise.demo import demo_content_dir
from expertise.errors import InputError
from expertise.fields import KINDS
from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE

GOOD = """---
kind: advice
title: Advies over meldketens
tags: [meldpunt, keten]
themes: [prevention_awareness]
classification: internal
language: nl
audience: policy
---
Tekst met een [[Verwijzing]].
"""

BAD_ENUM = """---
kind: advice
title: Kapot
audience: everyone
---
body
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_content_imports_with_links_and_refs(demo_hub):
    counts = demo_hub.entries.kind_counts()
    assert sum(counts.values()) >= 40
    assert set(counts) == set(KINDS)  # every kind of the registry has demo entries
    linked = [e for e in demo_hub.entries.list() if demo_hub.entries.links(e.id)]
    assert linked, "demo entries link to each other"
    assert all(link.entry_id for e in linked for link in demo_hub.entries.links(e.id))


def test_reimport_is_idempotent(demo_hub):
    report = demo_hub.transfer.import_paths([demo_content_dir()])
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) >= 40


def test_markdown_export_reads_back_unchanged(demo_hub, tmp_path):
    out = tmp_path / "export"
    count = demo_hub.transfer.export_markdown(out)
    assert count == demo_hub.entries.count()
    original = _comparable(demo_hub.transfer.export_json())
    with Hub.create(tmp_path / "second", PASSPHRASE, kdf=KdfParams.floor()) as second:
        report = second.transfer.import_paths([out])
        assert len(report.created) == count
        assert _comparable(second.transfer.export_json()) == original
        again = second.transfer.import_paths([out])
        assert len(again.unchanged) == count


def _comparable(data):
    return sorted(json.dumps(entry, sort_keys=True) for entry in data)


def test_malformed_file_imports_nothing_and_names_file_and_line(hub, tmp_path):
    folder = tmp_path / "in"
    _write(folder, "a-good.md", GOOD)
    _write(folder, "b-bad.md", BAD_ENUM)
    with pytest.raises(InputError) as caught:
        hub.transfer.import_paths([folder])
    assert "b-bad.md" in str(caught.value) and caught.value.line == 4
    assert hub.entries.count() == 0


def test_unresolvable_reference_rolls_back_everything(hub, tmp_path):
    folder = tmp_path / "in"
    _write(folder, "a.md", GOOD)
    _write(folder, "b.md", GOOD.replace("audience: policy", "requested_by: Onbekende Org"))
    with pytest.raises(InputError, match="requested_by"):
        hub.transfer.import_paths([folder])
    assert hub.entries.count() == 0


def test_csv_experts_and_organisations(hub, tmp_path):
    orgs = _write(
        tmp_path, "organisations.csv", "title,org_type,country\nStichting Baken (fictief),ngo,NL\n"
    )
    experts = _write(
        tmp_path,
        "experts.csv",
        "name,organisation,expertise,email\n"
        "Dr. Joris Tenhave,Stichting Baken (fictief),grooming;preventie,"
        "j.tenhave@example.org\n",
    )
    report = hub.transfer.import_paths([orgs, experts])
    assert len(report.created) == 2
    expert = hub.entries.find_by_title("Dr. Joris Tenhave", "expert")
    assert expert is not None and expert.fields["expertise"] == ["grooming", "preventie"]
    assert (
        expert.fields["organisation"] == hub.entries.find_by_title("Stichting Baken (fictief)").id
    )


def test_broken_csv_names_the_line(hub, tmp_path):
    path = _write(tmp_path, "experts.csv", "name,email\nA B,a@example.org\nC D,not-an-email\n")
    with pytest.raises(InputError) as caught:
        hub.transfer.import_paths([path])
    assert caught.value.line == 3 and "experts.csv" in str(caught.value)
    assert hub.entries.count() == 0


def test_json_export_holds_every_entry(demo_hub):
    data = demo_hub.transfer.export_json()
    assert len(data) == demo_hub.entries.count()
    assert {"id", "kind", "title", "body", "classification"} <= set(data[0])


def test_csv_of_unknown_kind_is_refused(hub, tmp_path):
    path = _write(tmp_path, "people.csv", "name\nA\n")
    with pytest.raises(InputError, match="experts or organisations"):
        hub.transfer.import_paths([path])


def test_demo_folder_is_shipped():
    assert len(list(demo_content_dir().glob("*.md"))) >= 40
