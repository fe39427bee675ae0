"""What one save does on the worker, and what it saves into.

A `SaveTarget` is shared by every save of one open entry. The jobs run in
order on the serial runner and each reads the id and revision the previous
one left there, so saves can be queued without waiting for each other and a
brand-new entry is created exactly once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from expertise import EntryRecord, Hub, UserError, fields_of, named_kinds
from ui.editor.metadata_form import FormChoices
from ui.editor.rows_field import referenced_kinds

SUPERSEDED_CHOICES = 2000  # "superseded by" offers recent entries; older ones can be typed


class SaveConflict(Exception):
    """The entry has a newer revision than the one the editor started from."""

    def __init__(self, revision: int) -> None:
        super().__init__(revision)
        self.revision = revision


@dataclass
class SaveTarget:
    kind: str
    entry_id: str | None = None  # None until the first save creates the entry
    revision: int | None = None  # what the editor's text is based on


def save_entry(hub: Hub, target: SaveTarget, values: Mapping[str, object]) -> EntryRecord:
    """Create or update; never overwrite a revision the editor has not seen."""
    if target.entry_id is None:
        record = hub.entries.add(target.kind, values)
    else:
        try:
            record = hub.entries.update(target.entry_id, values, expected_revision=target.revision)
        except UserError:
            current = hub.entries.get(target.entry_id).revision
            if current != target.revision:
                raise SaveConflict(current) from None
            raise
    target.entry_id, target.revision = record.id, record.revision
    return record


def load_choices(hub: Hub, kind: str, language: str) -> FormChoices:
    """Completion data for the form; runs on the worker."""
    themes = {
        t.key: (t.label_nl if language == "nl" else t.label_en) for t in hub.vocabulary.themes()
    }
    wanted = set(named_kinds()) | referenced_kinds(fields_of(kind))
    entries = {ref: tuple((s.id, s.title) for s in hub.entries.list(ref)) for ref in wanted}
    if kind not in entries:
        rows = hub.entries.list(kind, order="updated", limit=SUPERSEDED_CHOICES)
        entries[kind] = tuple((s.id, s.title) for s in rows)
    return FormChoices(tuple(t.key for t in hub.vocabulary.tags()), themes, entries)
