"""The two pack dialogs; each lives in its own module to keep files small."""

from ui.packs.export_dialog import ExportPackDialog
from ui.packs.import_dialog import ImportPackDialog

__all__ = ["ExportPackDialog", "ImportPackDialog"]
