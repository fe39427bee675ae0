"""The entry editor: Markdown with live preview, metadata form per kind, autosave."""

from ui.editor.editor import EntryEditor

__all__ = ["EntryEditor"]
