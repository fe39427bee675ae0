"""Markdown files with YAML front matter: how entries are imported and exported.

A document is `---`, YAML fields (docs/FIELDS.md), `---`, then the Markdown body.
The YAML comes from outside, so it is read defensively (ARCHITECTURE S10): only the
safe loader, and only as far as composing nodes. Nothing is constructed from
tags, anchors and aliases are refused (billion laughs), nesting stops at a list
of scalars or a list of rows (mappings of scalars or lists of scalars: the
follow-ups of a case, the items of an agenda), and sizes are capped. Values are
taken as the scalar text the author typed, so `country: NO`, `phone: 0612345678`
and `title: 2024` stay text instead of becoming a boolean, a number or a date;
fieldcheck then types them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from expertise.errors import InputError
from expertise.fieldcheck import canonical_field, check_entry, check_field, shown_name

MAX_DOCUMENT_CHARS = 5 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 256 * 1024
_MAX_DEPTH = 4  # the field mapping, a list of rows, a row, and a list inside a row
_FRONT_MATTER_LINE = 2  # the YAML starts on the line after the opening `---`
_RENDER_WIDTH = 4096  # long summaries stay on one line instead of being folded

_OPEN_RE = re.compile(r"---[ \t]*\r?\n")
_CLOSE_RE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING_RE = re.compile(r"^ {0,3}# +(.*?)(?:[ \t]+#+)?[ \t]*\r?$")
_YAML = "tag:yaml.org,2002:"
# libyaml's parser (same events, nodes and marks) when PyYAML was built with it: the
# pure-Python one spent ~1.2 ms per file, ~90% of a bulk import's parsing.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = frozenset(
    _YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


class RawRow(dict[str, object]):
    """One row of a structured list as read, with the file line of the row and of each cell."""

    def __init__(self, values: dict[str, object], line: int, lines: dict[str, int]) -> None:
        super().__init__(values)
        self.line = line
        self.lines = lines


class RawList(list[object]):
    """A list as read, with the file line of each item (rows are told apart by line)."""

    def __init__(self, items: list[object], lines: list[int]) -> None:
        super().__init__(items)
        self.lines = lines


@dataclass
class ParsedDocument:
    meta: dict[str, object]
    body: str
    title: str
    source: str
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # field -> file line
    notes: list[str] = field(default_factory=list)  # values read by label (lenient)


def decode_text(data: bytes, source: str) -> str:
    """Bytes of a file as text: UTF-8 only (a BOM is allowed), no NUL."""
    if len(data) > MAX_DOCUMENT_CHARS:
        raise InputError(f"file is larger than {MAX_DOCUMENT_CHARS} bytes", source, None)
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("file is not valid UTF-8", source, line) from None
    _check_text(text, source)
    return text


def parse_document(text: str, source: str, lenient: bool = False) -> ParsedDocument:
    """Read one entry; raises InputError with the file line of the first problem.

    `lenient` reads enum values and themes by label too, noting each in `notes`.
    """
    text = text.removeprefix("\ufeff")
    _check_text(text, source)
    front, body, body_line = _split(text, source)
    raw, lines = _read_fields(front, source)
    notes: list[str] | None = [] if lenient else None
    meta = check_entry(raw, source, lines, line=1, notes=notes)
    title = _title(meta, body, body_line, source)
    lines.update(_row_lines(raw))
    return ParsedDocument(meta, body, title, source, lines=lines, notes=notes or [])


def _row_lines(raw: Mapping[str, object]) -> dict[str, int]:
    """`follow_ups[2]` and `follow_ups[2].author` -> file line: a later check (a reference
    that names nothing) can point at the row and the cell."""
    found: dict[str, int] = {}
    for name, value in raw.items():
        for index, row in enumerate(value if isinstance(value, RawList) else []):
            if isinstance(row, RawRow):
                found[f"{name}[{index + 1}]"] = row.line
                found.update({f"{name}[{index + 1}].{k}": at for k, at in row.lines.items()})
    return found


def render_document(meta: Mapping[str, object], body: str) -> str:
    """Front matter in FIELDS.md order, then the body; parse_document reads it back as is."""
    checked = check_entry(meta, "", line=None)
    front = yaml.dump(
        checked,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_RENDER_WIDTH,
    )
    if len(front) > MAX_FRONT_MATTER_CHARS:
        raise InputError(f"front matter is longer than {MAX_FRONT_MATTER_CHARS} characters")
    # The blank line is for people reading the file; _split drops exactly one.
    text = f"---\n{front}---\n\n{body}"
    _check_text(text, "")
    _title(checked, body, 1, "")
    return text


def _check_text(text: str, source: str) -> None:
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(f"file is longer than {MAX_DOCUMENT_CHARS} characters", source, None)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError("file contains a NUL character", source, text.count("\n", 0, nul) + 1)


def _split(text: str, source: str) -> tuple[str, str, int]:
    """Front matter text, body, and the file line where the body starts."""
    opening = _OPEN_RE.match(text)
    if opening is None:
        raise InputError("missing front matter: the first line must be '---'", source, 1)
    closing = _CLOSE_RE.search(text, opening.end())
    if closing is None:
        raise InputError("front matter is not closed by a '---' line", source, 1)
    front = text[opening.end() : closing.start()]
    if len(front) > MAX_FRONT_MATTER_CHARS:
        raise InputError(
            f"front matter is longer than {MAX_FRONT_MATTER_CHARS} characters", source, 1
        )
    start = min(closing.end() + 1, len(text))
    body = text[start:]
    for blank in ("\r\n", "\n"):
        if body.startswith(blank):
            body, start = body[len(blank) :], start + len(blank)
            break
    return front, body, text.count("\n", 0, start) + 1


def _read_fields(front: str, source: str) -> tuple[dict[str, object], dict[str, int]]:
    """Field name -> raw value (text, list of text or None), and field -> file line."""
    try:
        _check_events(front, source)
        root = yaml.compose(front, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise InputError(
            f"front matter is not valid YAML ({_problem(exc)})", source, _error_line(exc, front)
        ) from None
    if root is None:
        return {}, {}
    if not isinstance(root, yaml.MappingNode):
        raise InputError("front matter must be a mapping of fields", source, _line(root))
    raw: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in root.value:
        line = _line(key_node)
        name = _field_name(key_node, source, line)
        if name in lines:
            raise InputError(f"duplicate field {shown_name(name)}", source, line)
        raw[name] = _raw_value(value_node, name, source, line)
        lines[name] = line
    return raw, lines


def _check_events(front: str, source: str) -> None:
    """Refuse anchors, aliases and deep nesting before anything is composed."""
    depth = 0
    for event in yaml.parse(front, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise InputError("YAML anchors and aliases are not allowed", source, _line(event))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                raise InputError("nested values are not allowed", source, _line(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _field_name(node: yaml.Node, source: str, line: int) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _PLAIN_TAGS:
        raise InputError("field names must be plain text", source, line)
    return canonical_field(node.value)


def _raw_value(node: yaml.Node, name: str, source: str, line: int, depth: int = 0) -> object:
    """A scalar, a list of scalars, or a list of rows; deeper shapes are refused."""
    if node.tag not in _PLAIN_TAGS:
        raise InputError(f"field {name!r} uses an unsupported YAML tag", source, line)
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _YAML + "null" else node.value
    if isinstance(node, yaml.SequenceNode):
        if depth == 1:
            raise InputError("nested values are not allowed", source, _line(node))
        items = [_raw_value(item, name, source, _line(item), depth + 1) for item in node.value]
        return RawList(items, [_line(item) for item in node.value])
    if isinstance(node, yaml.MappingNode) and depth == 1:
        return _raw_row(node, name, source)
    if isinstance(node, yaml.MappingNode) and depth == 0:
        raise InputError(f"field {name!r} must be text or a list", source, line)
    raise InputError("nested values are not allowed", source, _line(node))


def _raw_row(node: yaml.MappingNode, name: str, source: str) -> RawRow:
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        at = _line(key_node)
        column = _field_name(key_node, source, at)
        if column in values:
            raise InputError(f"field {name!r}: duplicate column {shown_name(column)}", source, at)
        values[column] = _cell(value_node, name, source, at)
        lines[column] = at
    return RawRow(values, _line(node), lines)


def _cell(node: yaml.Node, name: str, source: str, line: int) -> object:
    """A cell of a row: a scalar, or a list of scalars (several references)."""
    if isinstance(node, yaml.SequenceNode):
        items = node.value
        if any(not isinstance(item, yaml.ScalarNode) for item in items):
            raise InputError("nested values are not allowed", source, _line(node))
        return [_raw_value(item, name, source, line) for item in items]
    if isinstance(node, yaml.MappingNode):
        raise InputError("nested values are not allowed", source, _line(node))
    return _raw_value(node, name, source, line)


def _title(meta: Mapping[str, object], body: str, body_line: int, source: str) -> str:
    title = meta.get("title")
    if isinstance(title, str):
        return title
    found = _first_heading(body)
    if found is not None:
        text, offset = found
        checked = check_field("title", text, source, body_line + offset)
        if isinstance(checked, str):
            return checked
    raise InputError("missing title: give a 'title' field or a '# ' heading", source, 1)


def _first_heading(body: str) -> tuple[str, int] | None:
    """The first level-1 ATX heading outside code fences, with its line offset."""
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE_RE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            match = _HEADING_RE.match(line)
            if match:
                return match.group(1), offset
    return None


def _line(item: yaml.Node | yaml.Event) -> int:
    mark = item.start_mark
    return _FRONT_MATTER_LINE + (mark.line if mark is not None else 0)


def _error_line(exc: yaml.YAMLError, front: str) -> int:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            return _FRONT_MATTER_LINE + mark.line
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return _FRONT_MATTER_LINE + front.count("\n", 0, position)
    return 1


def _problem(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem:
        return exc.problem
    if isinstance(exc, yaml.reader.ReaderError):
        return "unacceptable character"
    return "syntax error"


class _Dumper(yaml.SafeDumper):
    """Block lists, literal multi-line text, and never an anchor: the parser refuses them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar(_YAML + "str", value, style=style)


_Dumper.add_representer(str, _represent_str)
