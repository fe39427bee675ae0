"""CSV import of experts and organisations: fields, lists, and errors with file lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from expertise import csvread
from expertise.csvread import read_csv_entries
from expertise.errors import InputError

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def error_of(text: str, kind: str = "expert") -> InputError:
    with pytest.raises(InputError) as caught:
        read_csv_entries(text, "people.csv", kind)
    assert caught.value.source == "people.csv"
    return caught.value


def test_reads_experts_with_aliases_lists_and_types() -> None:
    text = (
        "Name,E-mail,Expertise,Languages,Internal,Consent_Date,Organisation\n"
        "Inspecteur Test,test@example.nl,grooming; sextortion ;,nl;en,ja,2025-01-02,Org (fictief)\n"
    )
    [entry] = read_csv_entries(text, "experts.csv", "expert")
    assert entry == {
        "kind": "expert",
        "title": "Inspecteur Test",
        "organisation": "Org (fictief)",
        "expertise": ["grooming", "sextortion"],
        "languages": ["nl", "en"],
        "email": "test@example.nl",
        "internal": True,
        "consent_date": date(2025, 1, 2),
    }


def test_reads_organisations_and_skips_blank_rows() -> None:
    text = "\ufefftitle,org_type,country,partner_since\nA,ngo,nl,2020-01-01\n,,,\n\nB,police,BE,\n"
    entries = read_csv_entries(text, "organisations.csv", "organisation")
    assert [e["title"] for e in entries] == ["A", "B"]
    assert entries[0]["country"] == "NL"
    assert "partner_since" not in entries[1]
    assert all(e["kind"] == "organisation" for e in entries)


def test_quoted_cells_may_span_lines_and_lines_stay_right() -> None:
    text = 'title,availability\nA,"ma\ndi\nwo"\nB,ok\nC,"x"\nD,"\n"\nE,bad,cell\n'
    error = error_of(text)
    assert error.line == 9
    entries = read_csv_entries(text.rsplit("E,", 1)[0], "x.csv", "expert")
    assert entries[0]["availability"] == "ma\ndi\nwo"


def test_kind_column_must_match() -> None:
    ok = read_csv_entries("kind,title\nexpert,A\n,B\n", "x.csv", "expert")
    assert len(ok) == 2
    assert error_of("kind,title\nexpert,A\norganisation,B\n").line == 3


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        ("", "missing header", 1),
        ("\n\n", "missing header", 1),
        ("title,hobby\nA,x\n", "unknown column 'hobby'", 1),
        ("title;email\nA;a@example.nl\n", "not ';'", 1),
        ("title,stage\nA,idea\n", "unknown column 'stage'", 1),
        ("title,Title\nA,B\n", "duplicate column", 1),
        ("email,role\na@example.nl,x\n", "missing column 'title'", 1),
        ("title,role\nA,x\nB\n", "row has 1 cells, the header has 2", 3),
        ("title,role\nA,x\nB,y,z\n", "row has 3 cells", 3),
        ("title,role\nA,x\n ,y\n", "missing title", 3),
        ("title,email\nA,a@example.nl\nB,not-an-email\n", "field 'email'", 3),
        ("title,last_verified\nA,2026-02-30\n", "field 'last_verified'", 2),
        ("title,internal\nA,sometimes\n", "field 'internal'", 2),
        ("title,classification\nA,secret\n", "field 'classification'", 2),
        ("title,id\nA,123\n", "field 'id'", 2),
        ('title\n"A"x\n', "malformed CSV", 2),
        ('title,role\nA,"open\n', "malformed CSV", 2),
        ("title\nA\x01B\n", "control characters", 2),
    ],
)  # fmt: skip
def test_expert_errors_name_the_problem_and_line(text: str, words: str, line: int) -> None:
    error = error_of(text)
    assert words in str(error)
    assert error.line == line


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        ("name,org_type\nA,ngo\nB,club\n", "field 'org_type'", 3),
        ("name,country\nA,Nederland\n", "field 'country'", 2),
        ("name,partner_since\nA,01-02-2020\n", "field 'partner_since'", 2),
        ("name,role\nA,x\n", "unknown column 'role'", 1),
    ],
)
def test_organisation_errors(text: str, words: str, line: int) -> None:
    error = error_of(text, "organisation")
    assert words in str(error) and error.line == line


def test_duplicate_id_in_one_file() -> None:
    uid = "0e1d3c5a-1b2c-4d5e-8f90-a1b2c3d4e5f6"
    error = error_of(f"id,title\n{uid},A\n{uid.upper()},B\n")
    assert "duplicate id" in str(error) and error.line == 3


def test_only_experts_and_organisations() -> None:
    assert "cannot be imported" in str(error_of("title\nA\n", "advice"))


def test_caps_rows_and_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvread, "MAX_ROWS", 2)
    assert error_of("title\nA\nB\nC\n").line == 4
    monkeypatch.setattr(csvread, "MAX_CSV_CHARS", 10)
    assert "longer" in str(error_of("title\nABCDEFGHIJ\n"))


def test_oversized_cell_is_an_input_error() -> None:
    error = error_of('title,availability\nA,"' + "x" * 200_000 + '"\n')
    assert error.line is not None


@pytest.mark.parametrize(
    ("name", "kind"), [("experts.csv", "expert"), ("organisations.csv", "organisation")]
)
def test_demo_csv_files_read(name: str, kind: str) -> None:
    entries = read_csv_entries((DEMO / name).read_text(encoding="utf-8"), name, kind)
    assert 3 <= len(entries) <= 4
    assert all(entry["kind"] == kind and "id" in entry for entry in entries)
