"""“Add to course pack…”: a menu any entry list or search result can offer.

    menu = add_to_pack_menu(ctx, [entry_id, ...], parent)
    context_menu.addMenu(menu)

The packs are read on the worker when the menu is built; until they arrive
it shows a disabled “Loading…” item. Choosing a pack adds the entries on the
worker; an entry above the pack's ceiling is refused with a message naming
it, and nothing is added. The course pack view refreshes from the hub's
change notification.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from expertise import CoursePackRecord
from ui.context import AppContext
from ui.courses.dialogs import error_text
from ui.plaintext import warn
from ui.shell.banner import level_of
from ui.tasks import Progress


def add_to_pack_menu(ctx: AppContext, entry_ids: Sequence[str], parent: QWidget) -> QMenu:
    menu = QMenu(QCoreApplication.translate("CoursePackMenu", "Add to course pack…"), parent)
    ids = list(entry_ids)
    loading = menu.addAction(QCoreApplication.translate("CoursePackMenu", "Loading…"))
    loading.setEnabled(False)
    menu.setEnabled(bool(ids))
    courses = ctx.hub.courses

    def job(_: Progress) -> list[CoursePackRecord]:
        return courses.list()

    def arrived(packs: list[CoursePackRecord]) -> None:
        if not shiboken6.isValid(menu):  # closed and deleted before the worker answered
            return
        menu.clear()
        if not packs:
            menu.addAction(
                QCoreApplication.translate("CoursePackMenu", "No course packs yet")
            ).setEnabled(False)
        for pack in packs:
            label = f"{pack.title}  ({level_of(pack.ceiling).label(ctx.language)})"
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, p=pack: add_entries(ctx, p, ids, parent))

    ctx.runner.submit(job, on_done=arrived)
    return menu


def add_entries(
    ctx: AppContext, pack: CoursePackRecord, entry_ids: list[str], parent: QWidget
) -> None:
    courses = ctx.hub.courses

    def failed(error: Exception) -> None:
        if shiboken6.isValid(parent):
            text = error_text(error, ctx.language, pack.title)
            warn(parent, QCoreApplication.translate("CoursePackMenu", "Add to course pack"), text)

    ctx.runner.submit(lambda _p: courses.add_entries(pack.id, entry_ids), on_failed=failed)
