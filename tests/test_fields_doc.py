"""docs/FIELDS.md says what the registry defines: the same fields, in order, with their choices."""

from __future__ import annotations

import re
from pathlib import Path

from expertise.fields import BASE_FIELDS, KIND_SPECS, KINDS, UPKEEP_FIELDS

DOC = Path(__file__).resolve().parent.parent / "docs" / "FIELDS.md"
_TICKED = re.compile(r"`([^`]+)`")


def _common_rows() -> list[tuple[str, str]]:
    table = DOC.read_text(encoding="utf-8").split("Every entry, every kind:", 1)[1]
    table = table.split("\n\n", 2)[1]
    rows = [line.split("|")[1:3] for line in table.splitlines() if line.startswith("| ")]
    return [(name.strip(), kind.strip()) for name, kind in rows if name.strip() != "field"]


def _kind_lines() -> dict[str, str]:
    # "- `kind`: ..." or "- `kind` (other names): ..."
    found = re.findall(
        r"^- `(\w+)`(?: \([^)]*\))?: (.*)$", DOC.read_text(encoding="utf-8"), flags=re.M
    )
    return dict(found)


def test_every_common_field_in_order_with_its_choices() -> None:
    rows = _common_rows()
    assert [name for name, _ in rows] == [spec.name for spec in BASE_FIELDS + UPKEEP_FIELDS]
    for spec, (_name, kind) in zip(BASE_FIELDS + UPKEEP_FIELDS, rows, strict=True):
        if spec.type == "enum":
            assert _TICKED.findall(kind) == list(spec.choices), spec.name


def _outside_parentheses(line: str) -> list[tuple[str, str]]:
    """(ticked name, the parenthesis right after it) at the top level of a kind's line."""
    found: list[tuple[str, str]] = []
    depth, i = 0, 0
    while i < len(line):
        char = line[i]
        depth += (char == "(") - (char == ")")
        if char == "`" and depth == 0:
            end = line.index("`", i + 1)
            rest = line[end + 1 :]
            after = rest[1:].split(")", 1)[0] if rest.startswith(" (") else ""
            found.append((line[i + 1 : end], after[1:] if after.startswith("(") else after))
            i = end
        i += 1
    return found


def test_every_kind_and_its_fields_in_order_with_their_choices() -> None:
    lines = _kind_lines()
    assert list(lines) == list(KINDS)
    common = {spec.name for spec in BASE_FIELDS + UPKEEP_FIELDS}
    for kind, line in lines.items():
        specs = {spec.name: spec for spec in KIND_SPECS[kind].fields}
        named = [(n, p) for n, p in _outside_parentheses(line) if n not in common]
        assert [name for name, _ in named] == list(specs), kind
        for name, parenthesis in named:
            if specs[name].type == "enum":
                listed = _TICKED.findall(parenthesis.split(";", 1)[0])
                assert listed == list(specs[name].choices), (kind, name)
