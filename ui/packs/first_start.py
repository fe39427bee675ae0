"""First start of a partner build: offer the knowledge pack bundled into the installer."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from expertise import HubError, PackFacade, bundled_pack
from ui.packs.import_dialog import ImportPackDialog
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def offer_bundled_pack(
    packs: PackFacade, runner: TaskRunner, language: str, parent: QWidget | None = None
) -> ImportPackDialog | None:
    """An import dialog for the bundled pack, unless there is none or it is in this hub already.

    The caller shows it (`dialog.open()`) once the main window is up; the check
    runs on the UI thread, but reads only the clear manifest and the audit log.
    """
    path = bundled_pack()
    if path is None:
        return None
    try:
        if packs.was_imported(path):
            return None
    except HubError as error:  # a damaged bundle: say so in the dialog, do not crash the start
        log.warning("bundled pack unreadable: %s", type(error).__name__)
    return ImportPackDialog(packs, runner, language, parent, path=path)
