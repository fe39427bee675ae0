"""Scanning texts and entries for personal data (docs/ARCHITECTURE.md §8).

A hit names where (field, start, end), what (pattern kind) and shows a
redacted preview: the matched text itself never leaves this module, so a
hit can be listed, logged or audited without carrying the datum it found.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from expertise.fields import KIND_SPECS, anonymised_kinds, field_by_name
from expertise.privacy.names import NO_NAMES, NameMatcher
from expertise.privacy.patterns import FINDERS, Span

# Kinds whose text must be anonymised (example cases and the practices drawn from them):
# a property of the kind in the registry, `KindSpec.anonymised`.
GUARDED_KINDS = frozenset(anonymised_kinds())
PATTERN_KINDS = (*FINDERS, "name")
MASK = "•"
# Values that are codes, not prose: nothing a person typed as free text.
_NOT_TEXT_KEYS = frozenset({"id", "kind", "classification", "language", "status", "themes"})
_NOT_TEXT_TYPES = frozenset({"enum", "date", "bool", "ref", "reflist"})


@dataclass(frozen=True)
class Hit:
    field: str
    start: int
    end: int
    kind: str  # one of PATTERN_KINDS
    preview: str  # the match with every letter and digit but the first masked

    @property
    def key(self) -> str:
        """Names the hit without its content (for confirmations and the audit log)."""
        return f"{self.field}:{self.kind}:{self.start}:{self.end}"


def is_guarded(kind: str) -> bool:
    return kind in GUARDED_KINDS


def redact(matched: str) -> str:
    """'06-12345678' -> '0•-••••••••': the shape stays, the datum goes."""
    seen_first = False
    out: list[str] = []
    for char in matched:
        if char.isalnum():
            out.append(char if not seen_first else MASK)
            seen_first = True
        else:
            out.append(char)
    return "".join(out)


def scan_text(text: str, field: str = "body", names: NameMatcher = NO_NAMES) -> list[Hit]:
    """Every hit in one text, in order; where two kinds overlap the longer (then earlier) wins."""
    found: list[tuple[Span, str]] = []
    for kind, finder in FINDERS.items():
        found.extend((span, kind) for span in finder(text))
    found.extend((span, "name") for span in names.find(text))
    found.sort(key=lambda item: (item[0][0], -(item[0][1] - item[0][0])))
    hits: list[Hit] = []
    end_of_last = -1
    for (start, end), kind in found:
        if start < end_of_last:
            continue  # inside a longer hit already kept
        hits.append(Hit(field, start, end, kind, redact(text[start:end])))
        end_of_last = end
    return hits


def scan_values(
    kind: str, values: Mapping[str, object], names: NameMatcher = NO_NAMES
) -> list[Hit]:
    """Hits in an entry's free text: title, summary, body and the kind's text fields,
    including text inside structured values (a follow-up log's entries)."""
    hits: list[Hit] = []
    for name, value in values.items():
        spec = field_by_name(kind, name) if kind in KIND_SPECS else None
        if name in _NOT_TEXT_KEYS or not _is_text(spec):
            continue
        for path, text in _texts(name, value, spec):
            hits.extend(scan_text(text, path, names))
    return hits


def _is_text(spec: object) -> bool:
    """A field of free text; in a kind this table does not know yet, every field is."""
    if spec is None:
        return True
    return getattr(spec, "type", "text") not in _NOT_TEXT_TYPES


def _column(spec: object, key: str) -> object:
    """The column spec of a structured field's rows (a follow-up's date, author, text)."""
    return next((c for c in getattr(spec, "columns", ()) if getattr(c, "name", "") == key), None)


def _texts(path: str, value: object, spec: object = None) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if value:
            yield path, value
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value):
            yield from _texts(f"{path}[{number}]", item, spec)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            column = _column(spec, str(key))
            if column is None or _is_text(column):  # a row's author or date is no prose
                yield from _texts(f"{path}.{key}", item, column)
