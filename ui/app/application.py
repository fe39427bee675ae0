"""The application: QApplication, language, theme, and the hub's lifecycle on screen.

`AppController` is the one owner of the unlocked hub in the UI. It opens the
main window after an unlock, and on lock (Ctrl+L, idle, quit) empties every
view, clears the clipboard if it still holds our copy, closes the hub and
shows the unlock dialog again; the next unlock returns the user to where they
were. A language switch rebuilds the window the same way, without locking.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog

from ui import clipboard
from ui.app.draft_keeper import DraftKeeper
from ui.app.hub_watch import HubWatch, tell_returned, tell_vanished
from ui.app.locking import IdleLock
from ui.i18n import Translations, resolve_language
from ui.os_fault import report_unhandled, set_hub_folder
from ui.settings.store import Settings, settings, use_memory
from ui.shell.theme import apply_theme
from ui.startup import given_passphrase
from ui.tasks import Progress, TaskRunner, set_fallback_failure
from ui.unlock.messages import error_text
from ui.unlock.unlock_dialog import UnlockDialog, apply_remember, hub_class

if TYPE_CHECKING:
    # The core and the main window load on first use, so the unlock dialog shows at once.
    from expertise import Hub
    from ui.context import AppContext
    from ui.shell.main_window import MainWindow, ViewState

RELEASE_WAIT_MS = 30000


class AppController(QObject):
    sig_unlocked = Signal()
    sig_locked = Signal()

    def __init__(
        self, app: QApplication, prefs: Settings, translations: Translations, language: str
    ) -> None:
        super().__init__(app)
        self.app = app
        self.settings = prefs
        self.translations = translations
        self.language = language
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self.dialog: UnlockDialog | None = None
        self._state: ViewState | None = None
        self._offered_pack = False
        self._closing: list[AppContext] = []  # locked contexts whose hub is still closing
        self._opener = TaskRunner(self)
        self.idle = IdleLock(prefs.idle_minutes * 60, parent=self)
        self.idle.sig_idle.connect(self.lock)
        self.drafts = DraftKeeper(self)  # unsaved editor text across a lock, in memory only
        self.watch = HubWatch(parent=self)
        self.watch.sig_vanished.connect(self._hub_vanished)
        self.watch.sig_returned.connect(self._hub_returned)
        clipboard.track_application_copies()
        set_fallback_failure(report_unhandled)
        app.aboutToQuit.connect(self.shutdown)

    # -- unlocking ---------------------------------------------------------------------
    def start(self, folder: Path | None, passphrase: str | None = None) -> None:
        if folder is not None and passphrase:
            self._open_direct(folder, passphrase)
        else:
            self.show_unlock(folder)

    def _open_direct(self, folder: Path, passphrase: str) -> None:
        def job(_: Progress) -> Hub:
            return hub_class().open(folder, passphrase, index_async=True)

        def failed(error: Exception) -> None:
            self.show_unlock(folder)
            if self.dialog is not None:
                self.dialog.message.setText(error_text(error))

        self._opener.submit(job, self.unlocked, failed)

    def show_unlock(self, folder: Path | None, *, offer_remembered: bool = True) -> UnlockDialog:
        self._drop_dialog()
        dialog = UnlockDialog(self.settings, folder, offer_remembered=offer_remembered)
        dialog.sig_unlocked.connect(self.unlocked)
        dialog.rejected.connect(self._unlock_refused)
        dialog.before_open = self._wait_for_closing
        self.dialog = dialog
        dialog.show()
        return dialog

    def _drop_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.hub = None  # the controller's context holds it from here on
            self.dialog.rejected.disconnect(self._unlock_refused)
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def _unlock_refused(self) -> None:
        if self.ctx is None:
            self.app.quit()

    def unlocked(self, hub: Hub) -> None:
        from ui.context import AppContext

        self.settings.add_recent_hub(hub.path)
        self._drop_dialog()
        self.ctx = AppContext(hub, TaskRunner(), TaskRunner(), language=self.language)
        self._show_window(self._state)
        self._state = None
        assert self.window is not None
        self.window.offer_drafts(self.drafts.hand_over())
        if not self._offered_pack:
            self._offered_pack = True
            self._offer_bundled_pack()
        self.idle.start()
        self.watch.watch_open(hub.path)
        set_hub_folder(hub.path)
        self.sig_unlocked.emit()

    def _show_window(self, state: ViewState | None) -> None:
        from ui.shell.main_window import MainWindow

        assert self.ctx is not None
        old, self.window = self.window, MainWindow(self.ctx)
        if old is not None:
            old.deleteLater()
        window = self.window
        window.sig_lock.connect(self.lock)
        window.sig_settings.connect(self.open_settings)
        window.sig_quit.connect(self.quit)
        geometry = self.settings.window_geometry
        if geometry is not None:
            window.restoreGeometry(geometry)
        window.restore(state)
        if state is None:  # a fresh unlock, not a return to where the user was
            window.show_start_page()
        window.show()

    def _offer_bundled_pack(self) -> None:
        """A partner build ships a pack; offer it once, on the first unlock of a session."""
        from ui.packs.first_start import offer_bundled_pack

        assert self.ctx is not None and self.window is not None
        dialog = offer_bundled_pack(self.ctx.hub.packs, self.ctx.runner, self.language, self.window)
        if dialog is not None:
            dialog.open()

    # -- locking -------------------------------------------------------------------------
    def lock(self, *, vanished: bool = False) -> None:
        """Lock now: empty the views, clear our clipboard, close the hub, ask again.

        Unsaved editor text is saved first, or kept in memory when the hub vanished.
        """
        ctx, window = self.ctx, self.window
        if ctx is None or window is None:
            return
        folder = ctx.hub.path
        self.idle.stop()
        self.watch.stop()
        set_hub_folder(None)
        self._state = window.view_state()
        self.settings.window_geometry = window.saveGeometry()
        self.drafts.keep(window.take_drafts(), None if vanished else ctx)
        self._wipe(window)
        self._drop_window(window)
        self.ctx = None
        self._release(ctx)
        del ctx, window  # from here on only the closing job holds the hub
        self.sig_locked.emit()
        self.show_unlock(folder, offer_remembered=False)

    def _wipe(self, window: MainWindow) -> None:
        for dialog in window.findChildren(QDialog):
            dialog.reject()
        window.clear_all()
        window.hide()
        clipboard.clear_if_ours()

    def _drop_window(self, window: MainWindow) -> None:
        """The window and every view in it hold the context: none may outlive the lock."""
        self.window = None
        window.sig_lock.disconnect(self.lock)
        window.sig_settings.disconnect(self.open_settings)
        window.sig_quit.disconnect(self.quit)
        window.deleteLater()

    def _release(self, ctx: AppContext) -> None:
        ctx.events.sig_locked.emit()
        ctx.detach()
        # Searches are short: let them end before the index closes under them.
        ctx.search_runner.wait(RELEASE_WAIT_MS)
        self._closing.append(ctx)
        # The serial runner closes the hub after any job still running on it.
        ctx.runner.submit(
            lambda _p: ctx.hub.lock(), lambda _r: self._closed(ctx), lambda _e: self._closed(ctx)
        )

    def _hub_vanished(self) -> None:
        """The drive or share went away: lock, say so, and wait for it to come back."""
        if self.ctx is None:
            return
        folder = self.ctx.hub.path
        self.lock(vanished=True)
        self.watch.watch_return(folder)
        if self.dialog is not None:
            tell_vanished(self.dialog, folder)

    def _hub_returned(self) -> None:
        if self.dialog is not None and self.ctx is None:
            tell_returned(self.dialog)

    def _wait_for_closing(self) -> None:
        # Called on the dialog's worker: QThreadPool.waitForDone is thread-safe.
        for ctx in list(self._closing):
            ctx.runner.wait(RELEASE_WAIT_MS)

    def _closed(self, ctx: AppContext) -> None:
        if ctx in self._closing:
            self._closing.remove(ctx)

    def quit(self) -> None:
        self.shutdown()
        self.app.quit()

    def shutdown(self) -> None:
        """Lock synchronously (quit, S6): nothing may stay unlocked after exit."""
        self.lock()
        for ctx in list(self._closing):
            ctx.runner.wait(RELEASE_WAIT_MS)
            if not ctx.hub.locked:
                ctx.hub.lock()
        self._closing.clear()
        clipboard.clear_if_ours()

    # -- settings and language ---------------------------------------------------------------
    def open_settings(self) -> None:
        from ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window, hub_open=self.ctx is not None)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.choice()))
        if self.ctx is not None:
            from ui.settings.key_changes import KeyChanges

            keys = KeyChanges(self.ctx, dialog)
            dialog.sig_change_passphrase.connect(keys.change_passphrase)
            dialog.sig_rekey.connect(keys.rekey)
        dialog.open()

    def apply_settings(self, choice: object) -> None:
        from ui.settings.dialog import SettingsChoice

        assert isinstance(choice, SettingsChoice)
        self.settings.theme = apply_theme(self.app, choice.theme)
        self.settings.idle_minutes = choice.idle_minutes
        self.idle.set_timeout(self.settings.idle_minutes * 60)
        if choice.remember_on_device != self.settings.remember_on_device and self.ctx is not None:
            self.settings.remember_on_device = choice.remember_on_device
            hub = self.ctx.hub
            self.ctx.runner.submit(lambda _p: apply_remember(hub, choice.remember_on_device))
        self.settings.language = choice.language
        self.set_language(resolve_language(choice.language))

    def set_language(self, language: str) -> None:
        """Switch the UI language now: the window is rebuilt where the user was."""
        if language == self.language:
            return
        self.language = language
        self.translations.install(language)
        if self.ctx is None or self.window is None:
            if self.dialog is not None:
                self.show_unlock(self.dialog.folder())
            return
        self.ctx.language = language
        geometry = self.window.saveGeometry()
        state = self.window.view_state()
        drafts = self.window.take_drafts()  # the old window's editor goes with it
        self._show_window(state)
        self.window.restoreGeometry(geometry)
        self.window.offer_drafts(drafts)


def guard_none_refcount() -> bool:
    """Work around PySide6 6.12.0 on CPython 3.11, which drops a reference to None on
    every call of a void Qt method: after a few thousand calls None is freed and the
    interpreter aborts ("none_dealloc"). Python 3.12 made None immortal; this does the
    same here. Found 2026-11 in this venv; PySide6 6.11.3 is not affected. Returns
    whether the guard was needed.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(50):
        probe.setObjectName("probe")  # a void method
    if sys.getrefcount(None) >= before:
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    return True


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Expertise Hub")
    app.setOrganizationName("ExpertiseHub")
    app.setQuitOnLastWindowClosed(False)  # the controller quits, after locking
    return app


def run_app(args: argparse.Namespace, folder: Path | None) -> int:
    if getattr(args, "selftest", False):
        from ui.app.selftest import run_selftest

        return int(run_selftest())
    guard_none_refcount()
    if args.screenshot:
        # Rendered offscreen on every machine, so the PNGs do not depend on a desktop.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = _application()
    prefs = use_memory() if args.screenshot else settings()
    translations = Translations()
    language = resolve_language(args.lang, prefs.language)
    translations.install(language)
    apply_theme(app, prefs.theme)
    if args.screenshot:
        from ui.app.screenshot import take_screenshot

        return take_screenshot(app, args, folder, language)
    controller = AppController(app, prefs, translations, language)
    controller.start(folder, given_passphrase(args) if folder is not None else None)
    return int(app.exec())

