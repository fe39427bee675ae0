"""Reading enum values and themes as other tools write them (docs/FIELDS.md, "Lenient values").

Notes come from other tools, so a value is accepted when its meaning is clear:
the key itself, its Dutch or English label, in any case, with accents or
without, and with `-`, spaces or punctuation where the key has `_`
(`child-sex-tourism`, `Kindersekstoerisme`, `Prevention Awareness`). Every
value read other than as its exact key gives a note ("file.md:3: theme
`Kindersekstoerisme` read as `child_sex_tourism`"), so the import can say so.
A value that matches nothing is refused with the allowed keys and the closest
one. Pure functions of the registry: no database, one dict lookup per value.
"""

from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from expertise.errors import InputError
from expertise.fields.kinds import BASE_FIELDS
from expertise.fields.labels import Choice, Label
from expertise.fields.registry import spec_of
from expertise.fields.spec import FieldSpec
from expertise.fields.taxonomy import taxonomy

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_SHOWN_CHARS = 40  # a quoted value is cut: outside input may send anything
_SUGGEST_CUTOFF = 0.6
_MIN_PREFIX = 4
_PREFIX_CUTOFF = 0.8
_KIND = next(spec for spec in BASE_FIELDS if spec.name == "kind")


@dataclass(frozen=True)
class Vocabulary:
    """The values one field takes: its keys in order, and every clear spelling of each."""

    what: str  # how a message names one value ("theme", "kind"); "" for an enum field
    keys: tuple[str, ...]
    forms: dict[str, str]  # folded spelling -> key

    def read(self, given: str) -> str | None:
        # a key as such is the common case: one lookup, no folding
        return self.forms.get(given) or self.forms.get(fold(given))

    def closest(self, given: str) -> str | None:
        """The key whose key or label is spelt most like `given` (difflib), if any is close."""
        folded = fold(given)
        found = difflib.get_close_matches(folded, self.forms, n=1, cutoff=_SUGGEST_CUTOFF)
        if found:
            return self.forms[found[0]]
        if len(folded) < _MIN_PREFIX:
            return None
        # A cut-short spelling ("Kindersex") is too short for difflib's ratio against the
        # whole label: compare it with the label's start instead, and name a clear winner.
        scored = sorted(
            ((_ratio(folded, form[: len(folded)]), key) for form, key in self.forms.items()),
            reverse=True,
        )
        best, key = scored[0]
        runner_up = next((score for score, other in scored if other != key), 0.0)
        return key if best >= _PREFIX_CUTOFF and best > runner_up else None


def _ratio(one: str, other: str) -> float:
    return difflib.SequenceMatcher(None, one, other).ratio()


@lru_cache(maxsize=4096)  # notes from one tool repeat the same few spellings
def fold(text: str) -> str:
    """Lower case, accents dropped, every run of other characters one `_`."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return _NOT_WORD.sub("_", plain).strip("_")


def vocabulary(what: str, options: tuple[tuple[str, Label], ...]) -> Vocabulary:
    """Keys first, then labels; a label spelt like two keys' labels names neither."""
    forms = {fold(key): key for key, _label in options}
    by_label: dict[str, set[str]] = {}
    for key, label in options:
        for text in (label.nl, label.en):
            by_label.setdefault(fold(text), set()).add(key)
    for form, keys in by_label.items():
        if form and form not in forms and len(keys) == 1:
            forms[form] = next(iter(keys))
    return Vocabulary(what, tuple(key for key, _label in options), forms)


@cache
def _of_choices(what: str, choices: tuple[Choice, ...]) -> Vocabulary:
    return vocabulary(what, tuple((choice.key, choice.label) for choice in choices))


@cache
def theme_vocabulary() -> Vocabulary:
    """Themes and barrier-model phases: one namespace in the `themes` field."""
    return vocabulary("theme", tuple((item.key, item.label) for item in taxonomy()))


@cache
def kind_vocabulary() -> Vocabulary:
    return _of_choices("kind", _KIND.options)


@cache
def field_vocabulary(kind: str, name: str) -> Vocabulary | None:
    """The vocabulary of an enum field or the themes of `kind`; None for any other field."""
    spec = spec_of(kind, name)
    if spec is None:
        return None
    if spec.format == "theme":
        return theme_vocabulary()
    return _of_choices("", spec.options) if spec.type == "enum" else None


@cache
def _lenient_spec(kind: str, name: str) -> FieldSpec | None:
    """The spec of a field read leniently (enum, themes, rows), else None: one lookup per field."""
    spec = spec_of(kind, name)
    if spec is not None and (spec.type == "rows" or field_vocabulary(kind, name) is not None):
        return spec
    return None


def refusal(field: str, vocab: Vocabulary, given: str) -> str:
    """The message for a value that matches nothing: the closest key and every allowed one."""
    closest = vocab.closest(given)
    hint = f"; did you mean `{closest}`?" if closest else ""
    return (
        f"field {field!r}: unknown {vocab.what or 'value'} {_shown(given)}{hint}"
        f" (allowed: {', '.join(vocab.keys)})"
    )


def _shown(text: str) -> str:
    return repr(_cut(text))


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"


class _Reader:
    """Reads one entry's values, collecting a note for each value not given as its key."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.notes: list[str] = []

    def one(self, field: str, vocab: Vocabulary, given: object, line: int | None) -> object:
        if not isinstance(given, str) or not given.strip():
            return given  # not text, or empty: the strict check says what is wrong
        key = vocab.read(given)
        if key is None:
            raise InputError(refusal(field, vocab, given), self.source, line)
        if key != given:
            where = f"{self.source}:{line}" if line is not None else self.source
            named = vocab.what if vocab.what in ("theme", "kind") else field
            self.notes.append(f"{where}: {named} `{_cut(given.strip())}` read as `{key}`")
        return key

    def many(self, field: str, vocab: Vocabulary, given: object, line: int | None) -> object:
        if isinstance(given, str):
            given = given.split(",")  # as the strict list check reads a text value
        if not isinstance(given, list | tuple):
            return given
        item_lines: list[int] = getattr(given, "lines", [])
        read = copy.copy(given) if isinstance(given, list) else list(given)
        for index, item in enumerate(given):
            at = item_lines[index] if index < len(item_lines) else line
            read[index] = self.one(field, vocab, item, at)
        return read

    def rows(self, spec: FieldSpec, given: object, line: int | None) -> object:
        if not isinstance(given, list):
            return given
        read = copy.copy(given)
        item_lines: list[int] = getattr(given, "lines", [])
        for index, row in enumerate(given):
            if isinstance(row, Mapping):
                at = item_lines[index] if index < len(item_lines) else line
                read[index] = self._row(spec, index, row, at)
        return read

    def _row(
        self, spec: FieldSpec, index: int, row: Mapping[str, object], line: int | None
    ) -> object:
        read = copy.copy(dict(row)) if not isinstance(row, dict) else copy.copy(row)
        at = getattr(row, "line", line)
        lines: Mapping[str, int] = getattr(row, "lines", {})
        for column in spec.columns:
            if column.type == "enum" and column.name in row:
                cell = f"{spec.name}[{index + 1}].{column.name}"
                vocab = _of_choices("", column.options)
                read[column.name] = self.one(
                    cell, vocab, row[column.name], lines.get(column.name, at)
                )
        return read


def read_values(
    raw: Mapping[str, object],
    source: str,
    lines: Mapping[str, int] | None = None,
    line: int | None = None,
) -> tuple[dict[str, object], list[str]]:
    """`raw` with each enum value and theme read as its key, and the notes of what was read how.

    Raises InputError (file and line) for a value that matches no key or label. Fields
    that are unknown, or wrong for the kind, are left for the strict check to refuse.
    """
    lines = lines or {}
    reader = _Reader(source)
    values = dict(raw)
    if "kind" in values:
        values["kind"] = reader.one(
            "kind", kind_vocabulary(), values["kind"], lines.get("kind", line)
        )
    kind = values.get("kind")
    if not isinstance(kind, str) or kind not in kind_vocabulary().keys:
        return values, reader.notes
    for name, value in raw.items():
        spec = _lenient_spec(kind, name) if name != "kind" and value is not None else None
        if spec is None:
            continue
        at = lines.get(name, line)
        vocab = field_vocabulary(kind, name)
        if spec.type == "rows":
            values[name] = reader.rows(spec, value, at)
        elif vocab is not None:
            read = reader.many if spec.type == "list" else reader.one
            values[name] = read(name, vocab, value, at)
    return values, reader.notes
