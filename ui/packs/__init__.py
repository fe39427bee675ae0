"""Knowledge packs in the app: export and import dialogs (ARCHITECTURE §8).

Both take the hub's `PackFacade` (``hub.packs``) and the serial TaskRunner;
every call into the facade runs on the runner behind a progress dialog.
"""

from ui.packs.dialogs import ExportPackDialog, ImportPackDialog

__all__ = ["ExportPackDialog", "ImportPackDialog"]
