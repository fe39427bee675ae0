"""The main window's menu bar (File, Entry, Go) and the shortcuts of its actions.

Built once by ui/shell/main_window.py; every action is also added to the window itself, so
its shortcut works whatever menu is open or hidden. Actions that write are listed in
`editing_actions` (switched off on a read-only hub, ui/shell/read_only.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from expertise import KINDS
from ui.labels import kind_label
from ui.shell.sidebar import Place

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


class MainMenus(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.editing_actions: list[QAction] = []
        self._file_menu()
        self._entry_menu()
        self._go_menu()

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        writes: bool = False,
    ) -> QAction:
        action = QAction(text, self.window)
        if writes:
            self.editing_actions.append(action)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work whatever menu is open or hidden
        return action

    def _file_menu(self) -> None:
        w = self.window
        file_menu = w.menuBar().addMenu(self.tr("&File"))
        new_menu = file_menu.addMenu(self.tr("&New"))
        for number, kind in enumerate(KINDS, start=1):
            new_menu.addAction(
                self._action(
                    kind_label(kind),
                    lambda _c=False, k=kind: w.new_entry(k),
                    f"Ctrl+Shift+{number}",
                    writes=True,
                )
            )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Import files…"), w.jobs.import_files, "Ctrl+I", writes=True)
        )
        file_menu.addAction(
            self._action(self.tr("Import a &folder…"), w.jobs.import_folder, writes=True)
        )
        file_menu.addAction(
            self._action(
                self.tr("Import a folder, &drafts for missing references…"),
                w.jobs.import_folder_with_drafts,
                writes=True,
            )
        )
        file_menu.addAction(
            self._action(self.tr("Export as &Markdown…"), w.jobs.export_markdown)
        )
        file_menu.addAction(self._action(self.tr("Export as &JSON…"), w.jobs.export_json))
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("Export a &knowledge pack…"), w.jobs.export_pack)
        )
        file_menu.addAction(
            self._action(self.tr("Import a kno&wledge pack…"), w.jobs.import_pack, writes=True)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Progress report…"), w.jobs.progress_report))
        self._file_tail(file_menu)

    def _file_tail(self, file_menu: QMenu) -> None:
        """Team, backup, index, settings, lock and quit: the lower half of File."""
        w = self.window
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("S&ync now"), w.sync.sync_now, writes=True))
        file_menu.addAction(self._action(self.tr("Sync &conflicts…"), w.show_conflicts))
        file_menu.addAction(self._action(self.tr("&Team…"), w.show_team))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Back up…"), w.jobs.backup))
        file_menu.addAction(
            self._action(self.tr("&Rebuild the search index"), w.jobs.reindex, writes=True)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Settings…"), w.sig_settings.emit, "Ctrl+,"))
        file_menu.addAction(self._action(self.tr("&Lock"), w.sig_lock.emit, "Ctrl+L"))
        file_menu.addAction(
            self._action(self.tr("&Quit"), w.sig_quit.emit, QKeySequence.StandardKey.Quit)
        )

    def _entry_menu(self) -> None:
        w = self.window
        entry_menu = w.menuBar().addMenu(self.tr("&Entry"))
        entry_menu.addAction(
            self._action(self.tr("&Edit"), w.edit_current, "Ctrl+E", writes=True)
        )
        entry_menu.addAction(self._action(self.tr("&History…"), w.history_current, "Ctrl+H"))
        entry_menu.addAction(
            self._action(self.tr("&Back"), w.go_back, QKeySequence.StandardKey.Back)
        )

    def _go_menu(self) -> None:
        w = self.window
        go_menu = w.menuBar().addMenu(self.tr("&Go"))
        go_menu.addAction(self._action(self.tr("&Search"), w.show_search, "Ctrl+K"))
        go_menu.addAction(
            self._action(self.tr("Find an e&xpert"), lambda: w.show_page("experts"), "Ctrl+J")
        )
        go_menu.addAction(
            self._action(self.tr("&Course packs"), lambda: w.go_to(Place("courses")))
        )
        go_menu.addAction(
            self._action(self.tr("&Barrier model"), lambda: w.go_to(Place("barrier")))
        )
        go_menu.addAction(
            self._action(self.tr("&Due for upkeep"), lambda: w.go_to(Place("upkeep")))
        )
        go_menu.addSeparator()
        go_menu.addAction(self._action(self.tr("Se&ctions"), w.sidebar.setFocus, "Ctrl+1"))
        go_menu.addAction(self._action(self.tr("&List"), w.focus_list, "Ctrl+2"))
        go_menu.addAction(
            self._action(self.tr("Entry &text"), w.entry_view.body.setFocus, "Ctrl+3")
        )
        go_menu.addAction(self._action(self.tr("&Filter the list"), w.focus_filter, "Ctrl+F"))
