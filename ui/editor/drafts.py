"""Unsaved editor text, kept in memory until a save confirms it.

A draft is what the editor shows and has not yet seen saved: the entry it
belongs to (its shared SaveTarget, so a later save still passes the revision
the text is based on) and every value of the form. It lives only in this
process's memory, never in a file: when a save fails (disk full, read-only
medium, device gone) or the hub vanishes and the app locks, the draft is
offered again instead of being dropped (docs/SECURITY.md, "Locking").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ui.editor.saving import SaveTarget


@dataclass(eq=False)  # identity matters: "is this the draft that failed?"
class EditorDraft:
    target: SaveTarget
    values: dict[str, object] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.values.get("title") or "")

    @property
    def body(self) -> str:
        return str(self.values.get("body") or "")

    @property
    def saveable(self) -> bool:
        return bool(self.title.strip()) and bool(self.target.kind)
