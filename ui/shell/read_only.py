"""A hub opened read-only (write-protected medium, read-only share): what the window shows.

The core opens such a hub read-only by itself (docs/FAULTS.md). Here the status
bar says "Unlocked, read-only", every action that would write is switched off
with a tooltip saying why, and the search page shows a "limited search" notice
whenever the core says its index cannot be used there. Whatever still slips
through to a write gets the fault dialog of ui/os_fault.py ("This hub is
read-only"), never a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QMenu

from ui.plaintext import PlainLabel, plain_label, set_plain_tooltip

if TYPE_CHECKING:
    from expertise import Hub
    from ui.search.panel import SearchPanel
    from ui.shell.main_window import MainWindow


def is_read_only(hub: Hub) -> bool:
    return hub.read_only


def reason() -> str:
    return QCoreApplication.translate(
        "ReadOnly", "This hub is read-only: copy it to a writable folder to change it."
    )


def limited_search_text() -> str:
    return QCoreApplication.translate(
        "ReadOnly",
        "Limited search: this read-only hub's index is out of date and cannot be rebuilt "
        "here, so results come from a plain word scan (no ranking, stemming or facets).",
    )


def apply_read_only(window: MainWindow) -> None:
    hub = window.ctx.hub
    if not is_read_only(hub):
        return
    window.set_lock_status(QCoreApplication.translate("ReadOnly", "Unlocked, read-only"))
    why = reason()
    for action in window.editing_actions:
        action.setEnabled(False)
        set_plain_tooltip(action, why)
    for menu in window.menuBar().findChildren(QMenu):
        menu.setToolTipsVisible(True)  # a disabled item says why on hover
    window.entry_view.edit_button.setEnabled(False)
    set_plain_tooltip(window.entry_view.edit_button, why)
    _add_search_notice(window.search, hub)


def _add_search_notice(search: SearchPanel, hub: Hub) -> PlainLabel:
    layout = search.layout()
    if not isinstance(layout, QBoxLayout):
        raise TypeError("the search panel is laid out in a box")  # a programming error
    notice = plain_label(limited_search_text(), search, "noticeBar", wrap=True)
    notice.setAccessibleName(QCoreApplication.translate("ReadOnly", "Search notice"))
    layout.insertWidget(1, notice)

    save = search.save_button  # saving a search writes to the hub
    set_plain_tooltip(save, reason())

    def update() -> None:
        notice.setVisible(hub.search.notice is not None)
        save.setEnabled(False)  # the panel enables it with every result

    search.sig_searched.connect(update)
    update()
    return notice
