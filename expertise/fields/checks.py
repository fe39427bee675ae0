"""Checks of one outside value (front matter, CSV cell) of a field: normalise, or refuse.

Values come in as the reader saw them (text, lists of text, dates, booleans)
and leave normalised, so that checking a checked value again changes nothing
(the render/parse round trip relies on that). Which check a field gets is
decided by its type in expertise/fields/types.py, or by its `format`.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable
from datetime import date, datetime

from expertise.errors import InputError

MAX_LINE_CHARS = 500
MAX_TEXT_CHARS = 100_000
MAX_LIST_ITEMS = 200

Checker = Callable[[str, object, str, int | None], object | None]

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL_RE = re.compile(
    r"[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)
_YEAR_RE = re.compile(r"(19|20|21)\d{2}")
_THEME_RE = re.compile(r"[a-z][a-z0-9_]*")
_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_UUID_TEXT_RE = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_TRUE = frozenset({"true", "yes", "ja", "1", "y", "j"})
_FALSE = frozenset({"false", "no", "nee", "0", "n"})
_ALLOWED_CONTROLS = frozenset("\t\n")
# YAML reads all of these as line breaks, so text keeps only the plain one.
_LINE_BREAKS_RE = re.compile("\r\n?|[\x85\u2028\u2029]")


def _text(name: str, value: object, source: str, line: int | None) -> str | None:
    """Plain text of a scalar; numbers are accepted as typed (a phone, a year)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"field {name!r} must be text", source, line)
    text = _LINE_BREAKS_RE.sub("\n", str(value)).strip()
    if _INVISIBLE_RE.search(text):
        raise InputError(f"field {name!r} contains control characters", source, line)
    return text or None


def _is_invisible_control(char: str) -> bool:
    # Lone surrogates cannot be written as UTF-8, so they count as broken too.
    return char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs")


# The characters `_is_invisible_control` refuses (categories Cc and Cs but tab and
# newline), as one class: a scan in C instead of a Python call per character
# (a third of reading a note's front matter; tests/core/test_frontmatter.py
# compares the two over every code point).
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_line(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _text(name, value, source, line)
    if text is None:
        return None
    if "\n" in text:
        raise InputError(f"field {name!r} must be a single line", source, line)
    if len(text) > MAX_LINE_CHARS:
        raise InputError(f"field {name!r} is longer than {MAX_LINE_CHARS} characters", source, line)
    return text


def check_multiline(name: str, value: object, source: str, line: int | None) -> str | None:
    text = _text(name, value, source, line)
    if text is not None and len(text) > MAX_TEXT_CHARS:
        raise InputError(f"field {name!r} is longer than {MAX_TEXT_CHARS} characters", source, line)
    return text


def check_reference(name: str, value: object, source: str, line: int | None) -> str | None:
    text = check_line(name, value, source, line)
    # An id reference is compared as text later, so it gets the id's canonical form.
    if text is not None and _UUID_TEXT_RE.fullmatch(text):
        return text.lower()
    return text


def check_choice(
    name: str, value: object, source: str, line: int | None, keys: tuple[str, ...]
) -> str | None:
    text = check_line(name, value, source, line)
    if text is None:
        return None
    text = text.lower()
    if text not in keys:
        raise InputError(f"field {name!r} must be one of: {', '.join(keys)}", source, line)
    return text


def check_date(name: str, value: object, source: str, line: int | None) -> date | None:
    if isinstance(value, date):
        # datetime is a date subclass; its time of day would be silently lost.
        if isinstance(value, datetime):
            raise InputError(f"field {name!r} must be a date without a time", source, line)
        return value
    text = check_line(name, value, source, line)
    if text is None:
        return None
    if _DATE_RE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(f"field {name!r} must be a date YYYY-MM-DD", source, line)


def check_bool(name: str, value: object, source: str, line: int | None) -> bool | None:
    if isinstance(value, bool):
        return value
    text = check_line(name, value, source, line)
    if text is None:
        return None
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise InputError(f"field {name!r} must be true or false", source, line)


def check_id(name: str, value: object, source: str, line: int | None) -> str | None:
    text = check_line(name, value, source, line)
    if text is None:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise InputError(f"field {name!r} must be a UUID", source, line) from None


def check_email(name: str, value: object, source: str, line: int | None) -> str | None:
    text = check_line(name, value, source, line)
    if text is not None and not _EMAIL_RE.fullmatch(text):
        raise InputError(f"field {name!r} must be an e-mail address", source, line)
    return text


def check_country(name: str, value: object, source: str, line: int | None) -> str | None:
    text = check_line(name, value, source, line)
    if text is None:
        return None
    if not _COUNTRY_RE.fullmatch(text.upper()):
        raise InputError(f"field {name!r} must be a two-letter country code", source, line)
    return text.upper()


def check_theme(name: str, value: object, source: str, line: int | None) -> str | None:
    text = check_line(name, value, source, line)
    if text is None:
        return None
    # Only the shape is checked: the theme list is editable per hub.
    key = re.sub(r"[\s-]+", "_", text.lower())
    if not _THEME_RE.fullmatch(key):
        raise InputError(f"field {name!r} holds an invalid theme key", source, line)
    return key


def check_list(
    name: str, value: object, source: str, line: int | None, item_check: Checker
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


def check_year(name: str, value: object, source: str, line: int | None) -> str | None:
    text = check_line(name, value, source, line)
    if text is not None and not _YEAR_RE.fullmatch(text):
        raise InputError(f"field {name!r} must be a year YYYY", source, line)
    return text


# Refinements of a text field's check, named by FieldSpec.format.
FORMATS: dict[str, Checker] = {
    "id": check_id,
    "email": check_email,
    "country": check_country,
    "theme": check_theme,
    "year": check_year,
}
