"""Fuzzing the front matter and CSV parsers (checklist S10).

Whatever text arrives, the parsers either return entries or raise InputError;
never a YAML, csv, Unicode or recursion traceback. And every valid entry the
hub can hold survives render -> parse unchanged (export/import depends on it).
"""

from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expertise.csvread import read_csv_entries
from expertise.errors import InputError
from expertise.fieldcheck import check_entry, field_order
from expertise.fields import KINDS, FieldSpec, spec_of
from expertise.frontmatter import decode_text, parse_document, render_document

# A deeper run: EXPERTISE_FUZZ_EXAMPLES=20000 pytest tests/core/test_parsers_fuzz.py
FUZZ = settings(
    max_examples=int(os.environ.get("EXPERTISE_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters that steer YAML and CSV parsers into their less travelled paths.
SYNTAX = list("-:#&*!|>'\"%@`{}[],?\n\r\t ;~.") + ["---", "...", "\ufeff", "\x85", "\u2028"]
FIELD_NAMES = sorted({name for kind in KINDS for name in field_order(kind)}) + ["name"]
yamlish = st.lists(
    st.one_of(st.sampled_from(SYNTAX), st.sampled_from(FIELD_NAMES), st.text(max_size=4)),
    max_size=60,
).map("".join)
# Surrogates, controls and odd separators are what plain st.text() rarely brings.
odd_chars = st.characters(categories=("Cs", "Cc", "Cf", "Co", "Zl", "Zp"))
any_text = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(odd_chars, st.sampled_from(SYNTAX)), max_size=80).map("".join),
)


def only_input_errors(call: object) -> None:
    try:
        call()  # type: ignore[operator]
    except InputError:
        pass


@FUZZ
@given(any_text)
def test_parse_document_on_any_text(text: str) -> None:
    only_input_errors(lambda: parse_document(text, "fuzz.md"))


@FUZZ
@given(yamlish, st.text(max_size=40))
def test_parse_document_on_yaml_like_front_matter(front: str, body: str) -> None:
    only_input_errors(lambda: parse_document(f"---\n{front}\n---\n{body}", "fuzz.md"))


@FUZZ
@given(st.lists(st.sampled_from(FIELD_NAMES), max_size=8), st.lists(yamlish, max_size=8))
def test_parse_document_on_known_keys_with_odd_values(names: list[str], values: list[str]) -> None:
    front = "".join(f"{name}: {value}\n" for name, value in zip(names, values, strict=False))
    only_input_errors(lambda: parse_document(f"---\nkind: advice\n{front}---\n# T\n", "f.md"))


@FUZZ
@given(st.binary(max_size=300))
def test_decode_text_on_any_bytes(data: bytes) -> None:
    only_input_errors(lambda: decode_text(data, "fuzz.md"))


@FUZZ
@given(any_text, st.sampled_from(["expert", "organisation"]))
def test_read_csv_on_any_text(text: str, kind: str) -> None:
    only_input_errors(lambda: read_csv_entries(text, "fuzz.csv", kind))


@FUZZ
@given(
    st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=6),
    st.lists(st.lists(yamlish, max_size=7), max_size=5),
    st.sampled_from(["expert", "organisation"]),
)
def test_read_csv_on_known_columns_with_odd_cells(
    header: list[str], rows: list[list[str]], kind: str
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    lines = [",".join(header)] + [",".join(cell(value) for value in row) for row in rows]
    only_input_errors(lambda: read_csv_entries("\n".join(lines), "fuzz.csv", kind))


# --- round trip -------------------------------------------------------------------------

# Text a person could type: no invisible controls (the checks refuse them).
line_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
)
# Line breaks of every kind YAML knows; the checks fold them into "\n".
multi_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n\r\x85"),
    min_size=1,
    max_size=120,
)
body_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))


def value_for(kind: str, name: str) -> st.SearchStrategy[object]:
    spec = spec_of(kind, name)
    assert spec is not None, name
    return value_of(spec)


def value_of(spec: FieldSpec) -> st.SearchStrategy[object]:
    name = spec.name
    if name == "id":
        return st.uuids(version=4).map(str)
    if spec.type == "enum":
        return st.sampled_from(spec.choices)
    if spec.type == "date":
        return st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))
    if spec.type == "rows":
        return st.lists(row_of(spec), min_size=1, max_size=3)
    if name == "internal":
        return st.booleans()
    if spec.format == "email":
        return st.from_regex(r"[a-z0-9._-]{1,12}@example\.(org|nl)", fullmatch=True)
    if spec.format == "country":
        return st.from_regex(r"[A-Z]{2}", fullmatch=True)
    if spec.format == "year":
        return st.from_regex(r"20[0-9]{2}", fullmatch=True)
    if name == "themes":
        return st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True), max_size=4)
    if spec.type in ("list", "reflist"):
        return st.lists(line_text, max_size=4)
    return multi_text if spec.type == "multiline" else line_text


@st.composite
def row_of(draw: st.DrawFn, spec: FieldSpec) -> dict[str, object]:
    """One row of a structured list: every required column, some of the others."""
    row: dict[str, object] = {}
    for column in spec.columns:
        if column.required or draw(st.booleans()):
            row[column.name] = draw(value_of(column))
    return row


@st.composite
def entries(draw: st.DrawFn) -> dict[str, object]:
    kind = draw(st.sampled_from(KINDS))
    names = [name for name in field_order(kind) if name not in ("kind", "title")]
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    raw: dict[str, object] = {"kind": kind, "title": draw(line_text.filter(str.strip))}
    raw.update({name: draw(value_for(kind, name)) for name in chosen})
    start, end = raw.get("start_date"), raw.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raw["end_date"] = start
    return raw


@FUZZ
@given(entries(), body_text)
def test_render_then_parse_round_trips(raw: dict[str, object], body: str) -> None:
    meta = check_entry(raw, "gen")
    assert check_entry(meta, "again") == meta  # normalising twice changes nothing
    parsed = parse_document(render_document(meta, body), "round.md")
    assert parsed.meta == meta
    assert parsed.body == body
    assert parsed.title == meta["title"]
