"""What the editor says when a save fails; the unsaved text always stays in reach.

An OS fault (disk full, read-only medium, drive gone) gets the fault dialog of
ui/os_fault.py once per run of failures, saying that the text is still in the
editor; a failed save of an entry the editor already left offers that text
back (ui/editor/drafts.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from expertise import HubError
from ui.editor.saving import SaveConflict
from ui.os_fault import fault_of, headline, make_dialog
from ui.plaintext import Button, Icon, Role, message_box


def error_text(error: Exception) -> str:
    """One line for the editor's state label."""
    fault = fault_of(error)
    if fault is not None:
        return QCoreApplication.translate("EntryEditor", "Not saved: {reason}").format(
            reason=headline(fault)
        )
    if isinstance(error, SaveConflict):
        return QCoreApplication.translate(
            "EntryEditor", "Not saved: the entry was changed elsewhere."
        )
    if isinstance(error, HubError):
        return QCoreApplication.translate("EntryEditor", "Not saved: {reason}").format(
            reason=str(error)
        )
    return QCoreApplication.translate("EntryEditor", "Not saved: an unexpected error occurred.")


def _not_saved() -> str:
    return QCoreApplication.translate("EntryEditor", "Not saved")


def _kept() -> str:
    return QCoreApplication.translate(
        "EntryEditor", "Your text is kept in the editor: press Save again once this is solved."
    )


def tell_fault(parent: QWidget, error: Exception) -> bool:
    """The fault dialog for a failed save of the open text; False if it is no OS fault."""
    fault = fault_of(error)
    if fault is None:
        return False
    make_dialog(parent, _not_saved(), fault, _kept()).open()
    return True


def _not_saved_before(error: Exception) -> str:
    return QCoreApplication.translate(
        "EntryEditor", "Your last changes to the previous entry were not saved.\n{reason}"
    ).format(reason=error_text(error))


def offer_back(parent: QWidget, error: Exception, reopen: Callable[[], None]) -> QDialog:
    """A save queued when switching entries failed: bring the text back unless declined."""
    box = message_box(parent, Icon.Warning, _not_saved(), _not_saved_before(error), Button.NoButton)
    again = box.addButton(
        QCoreApplication.translate("EntryEditor", "&Reopen the changes"),
        Role.AcceptRole,
    )
    box.addButton(
        QCoreApplication.translate("EntryEditor", "&Discard them"),
        Role.DestructiveRole,
    )
    box.setDefaultButton(again)
    box.accepted.connect(reopen)
    box.open()
    return box
