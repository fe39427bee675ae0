"""Reading import files: Markdown with front matter, and CSV of experts or organisations.

Files are read one at a time as the pipeline asks for them, so a 100k-file
import never holds every parsed document at once. Every problem names the file
and, where there is one, the line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from expertise.csvread import read_csv_rows
from expertise.errors import InputError, UserError
from expertise.fields import csv_kinds, kind_plural, kind_spec
from expertise.frontmatter import decode_text, parse_document

MAX_FILE = 20 * 1024 * 1024
MARKER_CHARS = 7  # "organis" and "organiz": a file name may spell it either way
SUFFIXES = (".md", ".csv")


@dataclass
class Incoming:
    """One entry as read: its file, the line it starts on, its checked values."""

    source: str
    kind: str
    values: dict[str, object]
    line: int | None = None  # a CSV row; None for a whole Markdown file
    lines: dict[str, int] = field(default_factory=dict)  # field -> line (front matter)
    notes: list[str] = field(default_factory=list)  # values read by label (fields/lenient.py)

    def at(self, name: str | None = None) -> int | None:
        """The line to name in a message about field `name` (or the entry)."""
        if name is not None and name in self.lines:
            return self.lines[name]
        return self.line if self.line is not None else (1 if not self.lines else None)

    def error(self, message: str, name: str | None = None) -> InputError:
        return InputError(message, self.source, self.at(name))


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: given files as they are, folders searched for .md and .csv."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"{path}: no such file or folder")
    return files


def csv_kind(path: Path) -> str:
    name = path.name.lower()
    for kind in csv_kinds():
        if any(word[:MARKER_CHARS] in name for word in (kind, *kind_spec(kind).words)):
            return kind
    plurals = " or ".join(kind_plural(kind, "en").lower() for kind in csv_kinds())
    files = " or ".join(f"{kind_plural(kind, 'en').lower()}*.csv" for kind in csv_kinds())
    raise InputError(
        f"cannot tell whether this CSV holds {plurals} (name the file {files})", path.name
    )


def read_file(path: Path) -> list[Incoming]:
    """The entries of one file, checked as docs/FIELDS.md defines them."""
    if path.stat().st_size > MAX_FILE:
        raise InputError("file larger than 20 MB", path.name)
    text = decode_text(path.read_bytes(), path.name)
    if path.suffix.lower() == ".csv":
        kind = csv_kind(path)
        rows = read_csv_rows(text, path.name, kind, lenient=True)
        return [Incoming(path.name, kind, row.values, row.line, {}, row.notes) for row in rows]
    parsed = parse_document(text, path.name, lenient=True)
    values = dict(parsed.meta)
    values["title"] = parsed.title
    values["body"] = parsed.body
    return [Incoming(path.name, str(values["kind"]), values, None, parsed.lines, parsed.notes)]
