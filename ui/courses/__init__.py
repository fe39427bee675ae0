"""Course packs in the app: the view, and what other views need to feed it.

Other views add entries to a pack in two ways:

- Drag: put `ui.courses.mime.entry_ids_mime(ids)` on a QDrag. The mime type is
  `application/x-expertise-entry-ids`; the payload is the entry ids as UTF-8,
  one per line (no titles, no content). The pack's item list accepts it.
- Context menu: `menu.addMenu(add_to_pack_menu(ctx, ids, parent))` gives an
  “Add to course pack…” submenu listing the packs.
"""

from ui.courses.menu import add_to_pack_menu
from ui.courses.mime import ENTRY_IDS_MIME, entry_ids_from_mime, entry_ids_mime

__all__ = ["ENTRY_IDS_MIME", "add_to_pack_menu", "entry_ids_from_mime", "entry_ids_mime"]
