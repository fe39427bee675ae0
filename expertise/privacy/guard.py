"""The export guard: a course or knowledge pack that would carry a hit is refused.

The caller either confirms every hit (the app's dialog: a set of confirmation
keys, each naming one hit in one entry) or overrides all of them (the CLI's
`--allow-personal-data`). Either way the override is audited with entry ids,
pattern kinds and counts, never with the text that matched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.privacy.names import NameMatcher
from expertise.privacy.scan import Hit, is_guarded, scan_values
from expertise.services import audit

AUDIT_ACTION = "personal-data-override"
# True: override everything (CLI); a collection: the confirmation keys the user ticked.
Allowance = bool | Collection[str]


@dataclass(frozen=True)
class EntryHits:
    entry_id: str
    kind: str
    title: str
    hits: tuple[Hit, ...]

    def keys(self) -> list[str]:
        return [confirmation_key(self.entry_id, hit) for hit in self.hits]


def confirmation_key(entry_id: str, hit: Hit) -> str:
    return f"{entry_id}/{hit.key}"


class PersonalDataFound(UserError):
    """The export would carry possible personal data that was not confirmed."""

    def __init__(self, found: Iterable[EntryHits]) -> None:
        self.found = tuple(found)
        count = sum(len(item.hits) for item in self.found)
        super().__init__(
            f"possible personal data: {count} hit(s) in {len(self.found)} entr"
            f"{'y' if len(self.found) == 1 else 'ies'}; confirm each one in the app, "
            "or use --allow-personal-data"
        )


def scan_entries(
    entries: Iterable[tuple[str, str, Mapping[str, object]]], names: NameMatcher
) -> list[EntryHits]:
    """(id, kind, values) of what an export carries -> hits in the guarded kinds."""
    found: list[EntryHits] = []
    for entry_id, kind, values in entries:
        if not is_guarded(kind):
            continue
        hits = scan_values(kind, values, names)
        if hits:
            title = safe_title(str(values.get("title") or ""), hits)
            found.append(EntryHits(entry_id, kind, title, tuple(hits)))
    return found


def safe_title(title: str, hits: Iterable[Hit]) -> str:
    """The title with its own hits replaced by their previews, so listing it shows none."""
    for hit in sorted((h for h in hits if h.field == "title"), key=lambda h: -h.start):
        title = title[: hit.start] + hit.preview + title[hit.end :]
    return title


def unconfirmed(found: Iterable[EntryHits], allow: Allowance) -> list[EntryHits]:
    """The entries (with only their hits) that the allowance does not cover."""
    if allow is True:
        return []
    confirmed = set(allow) if not isinstance(allow, bool) else set()
    left: list[EntryHits] = []
    for item in found:
        hits = tuple(h for h in item.hits if confirmation_key(item.entry_id, h) not in confirmed)
        if hits:
            left.append(EntryHits(item.entry_id, item.kind, item.title, hits))
    return left


def enforce(found: list[EntryHits], allow: Allowance) -> bool:
    """Raise PersonalDataFound unless every hit is allowed; True if an override is needed."""
    left = unconfirmed(found, allow)
    if left:
        raise PersonalDataFound(left)
    return bool(found)


def record_override(
    session: Session, export: str, target: str | None, found: list[EntryHits], allow: Allowance
) -> None:
    kinds = Counter(hit.kind for item in found for hit in item.hits)
    detail = {
        "export": export,
        "how": "all" if allow is True else "each confirmed",
        "entries": sorted(item.entry_id for item in found),
        "kinds": dict(sorted(kinds.items())),
        "hits": sum(kinds.values()),
    }
    audit.record(session, AUDIT_ACTION, target, detail)
