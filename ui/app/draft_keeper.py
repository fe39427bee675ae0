"""Unsaved editor text across a lock: saved if the hub is still there, else kept in memory.

On lock the window hands over its drafts (ui/editor/drafts.py). For an ordinary
lock each is saved on the serial worker before the hub closes and forgotten once
the save is confirmed. When the hub vanished, or a save fails, the draft stays
here — in memory only, never in a file — and the editor offers it again after
the next unlock.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:  # the core loads after the unlock dialog shows (ui/app/application.py)
    from ui.context import AppContext
    from ui.editor.drafts import EditorDraft


class DraftKeeper(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._drafts: list[EditorDraft] = []

    @property
    def drafts(self) -> tuple[EditorDraft, ...]:
        return tuple(self._drafts)

    def keep(self, drafts: Sequence[EditorDraft], ctx: AppContext | None) -> None:
        """Hold `drafts`; with a context, also queue their saves (before the hub closes)."""
        for draft in drafts:
            self._drafts.append(draft)
            if ctx is not None and draft.saveable:
                self._save(ctx, draft)

    def _save(self, ctx: AppContext, draft: EditorDraft) -> None:
        from ui.editor.saving import save_entry

        hub = ctx.hub
        ctx.runner.submit(
            lambda _p: save_entry(hub, draft.target, draft.values),
            on_done=lambda _record: self._saved(draft),
        )

    def _saved(self, draft: EditorDraft) -> None:
        if draft in self._drafts:
            self._drafts.remove(draft)

    def hand_over(self) -> list[EditorDraft]:
        """The drafts to offer again; the keeper forgets them (the editor holds them now)."""
        drafts, self._drafts = self._drafts, []
        return drafts
