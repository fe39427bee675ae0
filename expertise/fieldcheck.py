"""Validation of entry fields as docs/FIELDS.md defines them.

Front matter and CSV both read outside input, so they share these checks: one
place decides what a valid `review_by` or `org_type` is. Values come in as the
reader saw them (text, lists of text, dates, booleans) and leave normalised, so
that checking a checked entry again changes nothing (the render/parse round
trip relies on that).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime

from expertise.errors import InputError

KINDS = ("advice", "innovation", "practice", "expert", "organisation")

# Field lists are written as words so the FIELDS.md order reads at a glance.
COMMON_FIELDS = tuple(
    "id kind title summary tags themes classification language status owner review_by"
    " superseded_by author".split()
)

KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "advice": tuple("audience requested_by advice_date".split()),
    "innovation": tuple(
        "stage bottleneck start_date end_date owner_org lead partners results".split()
    ),
    "practice": tuple("context practice outcome lessons source_case evidence_level region".split()),
    "expert": tuple(
        "role organisation unit expertise languages email phone availability internal"
        " consent_date consent_basis last_verified".split()
    ),
    "organisation": tuple("org_type country contact partner_since".split()),
}

ENUMS: dict[str, tuple[str, ...]] = {
    "kind": KINDS,
    "classification": ("public", "internal", "confidential"),
    "language": ("nl", "en"),
    "status": ("draft", "current", "superseded"),
    "audience": ("investigation", "policy", "public"),
    "stage": ("idea", "pilot", "running", "evaluated", "adopted", "stopped"),
    "evidence_level": ("anecdotal", "observed", "evaluated"),
    "org_type": tuple(
        "police prosecution ministry ngo provider international academic other".split()
    ),
}

# Applied by the hub when a field is absent; the parsers leave absent fields
# absent so a rendered document says only what its author said.
DEFAULTS: dict[str, str] = {"classification": "internal", "language": "nl", "status": "current"}

DATE_FIELDS = frozenset(
    "review_by advice_date start_date end_date consent_date last_verified partner_since".split()
)
LIST_FIELDS = frozenset({"tags", "themes", "partners", "expertise", "languages"})
MULTILINE_FIELDS = frozenset(
    "summary bottleneck results context practice outcome lessons source_case availability"
    " consent_basis contact".split()
)
REFERENCE_FIELDS = frozenset(
    "owner superseded_by author requested_by owner_org lead organisation partners".split()
)
ALL_FIELDS = frozenset(COMMON_FIELDS).union(*KIND_FIELDS.values())
ALIASES = {"name": "title", "e_mail": "email"}

MAX_LINE_CHARS = 500
MAX_TEXT_CHARS = 100_000
MAX_LIST_ITEMS = 200

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL_RE = re.compile(
    r"[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)
_THEME_RE = re.compile(r"[a-z][a-z0-9_]*")
_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_UUID_TEXT_RE = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_TRUE = frozenset({"true", "yes", "ja", "1", "y", "j"})
_FALSE = frozenset({"false", "no", "nee", "0", "n"})
_ALLOWED_CONTROLS = frozenset("\t\n")
# YAML reads all of these as line breaks, so text keeps only the plain one.
_LINE_BREAKS_RE = re.compile("\r\n?|[\x85\u2028\u2029]")


def field_order(kind: str) -> tuple[str, ...]:
    """Fields of a kind in FIELDS.md order: the stable order of rendered output."""
    return COMMON_FIELDS + KIND_FIELDS.get(kind, ())


def canonical_field(name: str) -> str:
    """Header cells and keys are matched loosely: case, spaces and the `name` alias."""
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    return ALIASES.get(key, key)


def shown_name(name: str) -> str:
    """A field name as quoted in a message: outside input may send a huge key."""
    return repr(name if len(name) <= 40 else name[:40] + "…")


def check_entry(
    raw: Mapping[str, object],
    source: str,
    lines: Mapping[str, int] | None = None,
    line: int | None = None,
) -> dict[str, object]:
    """Validate and normalise one entry's fields; absent or empty values are dropped.

    `lines` maps a field to the line it came from; `line` is the fallback (the
    front matter start, or the CSV row).
    """
    lines = lines or {}
    kind = _require_kind(raw, source, lines.get("kind", line))
    allowed = field_order(kind)
    checked: dict[str, object] = {}
    for name, value in raw.items():
        at = lines.get(name, line)
        if name not in ALL_FIELDS:
            raise InputError(f"unknown field {shown_name(name)}", source, at)
        if name not in allowed:
            raise InputError(f"field {name!r} does not apply to kind {kind!r}", source, at)
        normalised = check_field(name, value, source, at)
        if normalised is not None:
            checked[name] = normalised
    _check_dates_in_order(checked, source, lines.get("end_date", line))
    return {name: checked[name] for name in allowed if name in checked}


def check_field(name: str, value: object, source: str, line: int | None) -> object | None:
    """Normalise one value, or raise InputError naming the field. None means absent."""
    if value is None:
        return None
    checker = _checker_for(name)
    if name in LIST_FIELDS:
        return _check_list(name, value, source, line, checker)
    return checker(name, value, source, line)


_Checker = Callable[[str, object, str, int | None], object | None]


def _checker_for(name: str) -> _Checker:
    if name in ENUMS:
        return _check_enum
    if name in DATE_FIELDS:
        return _check_date
    special: dict[str, _Checker] = {
        "id": _check_id,
        "internal": _check_bool,
        "email": _check_email,
        "country": _check_country,
        "themes": _check_theme,
    }
    if name in special:
        return special[name]
    if name in REFERENCE_FIELDS:
        return _check_reference
    if name in MULTILINE_FIELDS:
        return _check_multiline
    return _check_line


def _require_kind(raw: Mapping[str, object], source: str, line: int | None) -> str:
    if raw.get("kind") is None:
        raise InputError("missing field 'kind'", source, line)
    kind = _check_enum("kind", raw["kind"], source, line)
    assert isinstance(kind, str)
    return kind


def _text(name: str, value: object, source: str, line: int | None) -> str | None:
    """Plain text of a scalar; numbers are accepted as typed (a phone, a year)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"field {name!r} must be text", source, line)
    text = _LINE_BREAKS_RE.sub("\n", str(value)).strip()
    if any(_is_invisible_control(c) for c in text):
        raise InputError(f"field {name!r} contains control characters", source, line)
    return text or None


def _is_invisible_control(char: str) -> bool:
    # Lone surrogates cannot be written as UTF-8, so they count as broken too.
    return char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs")


def _check_line(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _text(name, value, source, line)
    if text is None:
        return None
    if "\n" in text:
        raise InputError(f"field {name!r} must be a single line", source, line)
    if len(text) > MAX_LINE_CHARS:
        raise InputError(f"field {name!r} is longer than {MAX_LINE_CHARS} characters", source, line)
    return text


def _check_multiline(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _text(name, value, source, line)
    if text is not None and len(text) > MAX_TEXT_CHARS:
        raise InputError(f"field {name!r} is longer than {MAX_TEXT_CHARS} characters", source, line)
    return text


def _check_reference(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _check_line(name, value, source, line)
    # An id reference is compared as text later, so it gets the id's canonical form.
    if text is not None and _UUID_TEXT_RE.fullmatch(text):
        return text.lower()
    return text


def _check_enum(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _check_line(name, value, source, line)
    if text is None:
        return None
    text = text.lower()
    if text not in ENUMS[name]:
        choices = ", ".join(ENUMS[name])
        raise InputError(f"field {name!r} must be one of: {choices}", source, line)
    return text


def _check_date(name: str, value: object, source: str, line: int | None) -> date | None:
    if isinstance(value, date):
        # datetime is a date subclass; its time of day would be silently lost.
        if isinstance(value, datetime):
            raise InputError(f"field {name!r} must be a date without a time", source, line)
        return value
    text = _check_line(name, value, source, line)
    if text is None:
        return None
    if _DATE_RE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(f"field {name!r} must be a date YYYY-MM-DD", source, line)


def _check_bool(name: str, value: object, source: str, line: int | None) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _check_line(name, value, source, line)
    if text is None:
        return None
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise InputError(f"field {name!r} must be true or false", source, line)


def _check_id(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _check_line(name, value, source, line)
    if text is None:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise InputError(f"field {name!r} must be a UUID", source, line) from None


def _check_email(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _check_line(name, value, source, line)
    if text is not None and not _EMAIL_RE.fullmatch(text):
        raise InputError(f"field {name!r} must be an e-mail address", source, line)
    return text


def _check_country(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _check_line(name, value, source, line)
    if text is None:
        return None
    if not _COUNTRY_RE.fullmatch(text.upper()):
        raise InputError(f"field {name!r} must be a two-letter country code", source, line)
    return text.upper()


def _check_theme(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _check_line(name, value, source, line)
    if text is None:
        return None
    # Only the shape is checked: the theme list is editable per hub.
    key = re.sub(r"[\s-]+", "_", text.lower())
    if not _THEME_RE.fullmatch(key):
        raise InputError(f"field {name!r} holds an invalid theme key", source, line)
    return key


def _check_list(
    name: str, value: object, source: str, line: int | None, item_check: _Checker
) -> list[str] | None:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise InputError(f"field {name!r} must be a list", source, line)
    if len(value) > MAX_LIST_ITEMS:
        raise InputError(f"field {name!r} has more than {MAX_LIST_ITEMS} items", source, line)
    items: list[str] = []
    for item in value:
        checked = item_check(name, item, source, line) if item is not None else None
        if checked is not None and checked not in items:
            items.append(str(checked))
    return items or None


def _check_dates_in_order(checked: Mapping[str, object], source: str, line: int | None) -> None:
    start, end = checked.get("start_date"), checked.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise InputError("field 'end_date' is before 'start_date'", source, line)
