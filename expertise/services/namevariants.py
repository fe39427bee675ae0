"""The forms a person's name takes in free text, and replacing them with a marker.

An expert's title is often "Name (role)" or "dr. Name, role", while other
entries write "Name" or "J. Surname". Erasing only the exact title would
leave most mentions behind, so every form here is looked for, ignoring case
and spacing, and only as whole words ("Jansen" does not erase "Jansenius").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ERASED = "[erased person]"
MIN_LENGTH = 4  # shorter forms ("Jan") would erase unrelated words
HONORIFICS = frozenset(
    "dr drs mr ir ing prof ds dhr mw mevr mevrouw de heer mrs ms miss sir "
    "bc msc ma ba phd llm mba".split()
)
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_SEPARATORS = re.compile(r"\s+[-–—|/]\s+|,|;|:")


def name_variants(title: str, role: str = "", extra: Iterable[str] = ()) -> list[str]:
    """Every form to erase, longest first so the full title wins over its parts."""
    full = " ".join(title.split())
    name = _bare_name(full, role)
    forms = {full, name, *(" ".join(e.split()) for e in extra)}
    words = name.split()
    if len(words) >= 2:
        forms.add(f"{words[0][0]}. {' '.join(words[1:])}")
    kept = {form for form in forms if len(form.replace(" ", "")) >= MIN_LENGTH}
    return sorted(kept, key=lambda form: (-len(form), form))


def _bare_name(full: str, role: str) -> str:
    name = _PARENTHESES.sub(" ", full).strip()
    name = _SEPARATORS.split(name)[0].strip() or name
    words = name.split()
    role_words = role.lower().split()
    if role_words and [w.lower() for w in words[: len(role_words)]] == role_words:
        words = words[len(role_words) :]
    if role_words and [w.lower() for w in words[-len(role_words) :]] == role_words:
        words = words[: -len(role_words)]
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(".") in HONORIFICS:
        words = words[:-1]
    return " ".join(words) or full


class Scrubber:
    """Replaces every form of one name in text and in JSON-like values."""

    def __init__(self, forms: Iterable[str], person_id: str) -> None:
        alternatives = "|".join(form_pattern(form) for form in forms)
        self._person_id = person_id
        self._name = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        # A wiki link to the person goes as a whole: "[[[erased person]]]" would be noise.
        self._link = re.compile(
            rf"\[\[\s*(?:{alternatives})\s*(?:\|[^\[\]\n]*)?\]\]", re.IGNORECASE
        )

    def text(self, value: str) -> str:
        return self._name.sub(ERASED, self._link.sub(ERASED, value))

    def value(self, value: object) -> object:
        """A copy of a JSON value with the name replaced and the person's id dropped."""
        if isinstance(value, str):
            return None if value == self._person_id else self.text(value)
        if isinstance(value, list):
            return [self.value(item) for item in value if item != self._person_id]
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        return value


def form_pattern(form: str) -> str:
    """A regex for one form: any spacing between words, the dot after an initial optional."""
    parts = [re.escape(word) for word in form.split()]
    if len(parts) > 1 and re.fullmatch(r"\w\\\.", parts[0]):
        parts[0] = parts[0][:-2] + r"\.?"
        return parts[0] + r"\s*" + r"\s+".join(parts[1:])
    return r"\s+".join(parts)
