"""Locking (S6): idle by wall clock, on request, on quit; views and clipboard emptied."""

from __future__ import annotations

import gc
import shutil
import weakref

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.conftest import PASSPHRASE
from ui import clipboard
from ui.app.locking import IdleLock
from ui.shell.sidebar import Place


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# -- the idle deadline ---------------------------------------------------------------
def test_sleep_advances_the_wall_clock_and_expires(qapp):
    wall, mono = FakeClock(), FakeClock()
    idle = IdleLock(60, wall=wall, monotonic=mono)
    idle.touch()
    wall.now += 3600  # the laptop slept an hour: no monotonic time passed
    assert idle.expired()


def test_setting_the_clock_back_does_not_extend_it(qapp):
    wall, mono = FakeClock(), FakeClock()
    idle = IdleLock(60, wall=wall, monotonic=mono)
    idle.touch()
    wall.now -= 3600
    mono.now += 61
    assert idle.expired()


def test_activity_moves_the_deadline(qapp):
    wall, mono = FakeClock(), FakeClock()
    idle = IdleLock(60, wall=wall, monotonic=mono)
    idle.start()
    wall.now += 50
    mono.now += 50
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(1, 1),
        QPointF(1, 1),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    idle.eventFilter(qapp, move)
    wall.now += 50
    mono.now += 50
    assert not idle.expired()
    idle.stop()


def test_input_after_expiry_locks_instead_of_extending(qapp, qtbot):
    wall, mono = FakeClock(), FakeClock()
    idle = IdleLock(60, wall=wall, monotonic=mono)
    idle.start()
    wall.now += 120
    key = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(1, 1),
        QPointF(1, 1),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(idle.sig_idle, timeout=1000):
        idle.eventFilter(qapp, key)
    assert not idle.active


# -- the application lock ------------------------------------------------------------
@pytest.fixture
def controller(qapp, qtbot, demo_hub_template, tmp_path, memory_settings):
    from ui.app.application import AppController
    from ui.i18n import Translations

    folder = tmp_path / "hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    app = AppController(qapp, memory_settings, Translations(), "en")
    with qtbot.waitSignal(app.sig_unlocked, timeout=30000):
        app.start(folder, PASSPHRASE)
    yield app
    app.shutdown()
    for ctx in list(app._closing):
        ctx.runner.wait()


def _settle(qtbot, app) -> None:
    for _ in range(3):
        if app.ctx is not None:
            app.ctx.runner.wait()
            app.ctx.search_runner.wait()
        qtbot.wait(100)


def test_idle_timer_locks_and_empties_every_model(controller, qtbot):
    _settle(qtbot, controller)
    window = controller.window
    window.entry_list.table.selectRow(0)
    _settle(qtbot, controller)
    hub = controller.ctx.hub
    list_model, sidebar_model = window.entry_list.model, window.sidebar.tree
    results = window.search.model
    assert list_model.rowCount() > 0 and window.entry_view.current_id()
    controller.idle.set_timeout(0.3)
    controller.idle._timer.setInterval(50)
    with qtbot.waitSignal(controller.sig_locked, timeout=5000):
        pass
    assert list_model.rowCount() == 0
    assert sidebar_model.rowCount() == 0
    assert results.rowCount() == 0
    assert window.entry_view.body.toPlainText() == ""
    assert not window.isVisible()
    assert controller.ctx is None
    qtbot.waitUntil(lambda: hub.locked, timeout=10000)
    assert controller.dialog is not None and controller.dialog.isVisible()
    assert controller.window is None  # dropped, not just hidden: it held the hub


def _visit_every_view(controller, qtbot) -> None:
    """Make each view load through the hub, so each has had its chance to keep it."""
    window = controller.window
    window.entry_list.table.selectRow(0)
    _settle(qtbot, controller)
    for place in (Place("kind", "expert"), Place("kind", "advice")):
        window.sidebar.select_place(place)
        _settle(qtbot, controller)
    for page in ("search", "experts", "courses", "browse"):
        window.stack.setCurrentWidget(getattr(window, page))
        _settle(qtbot, controller)
    window.search.run_query("fictional")
    _settle(qtbot, controller)
    window.edit_entry(window.entry_list.current_entry_id())
    _settle(qtbot, controller)


def _hub_collected(controller, qtbot, hub_ref) -> bool:
    # No loop variable here: it would hold the last context (and its hub) itself.
    qtbot.waitUntil(lambda: not controller._closing, timeout=30000)
    for _ in range(5):
        qtbot.wait(50)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    return hub_ref() is None


def test_the_locked_gui_lets_the_hub_be_collected(controller, qtbot):
    _settle(qtbot, controller)
    _visit_every_view(controller, qtbot)
    hub_ref = weakref.ref(controller.ctx.hub)
    engine_ref = weakref.ref(controller.ctx.hub._engine)
    controller.lock()
    assert controller.ctx is None and controller.window is None
    assert _hub_collected(controller, qtbot, hub_ref)
    assert engine_ref() is None
    _unlock_again(controller, qtbot)  # and the app still works afterwards
    assert controller.window.entry_list.model.rowCount() > 0


def test_ctrl_l_locks(controller, qtbot):
    _settle(qtbot, controller)
    with qtbot.waitSignal(controller.sig_locked, timeout=5000):
        qtbot.keyClick(controller.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_lock_clears_our_clipboard_but_not_a_foreign_one(controller, qtbot):
    board = QGuiApplication.clipboard()
    clipboard.copy_text("Fictional note text copied from the hub")
    mime = board.mimeData()
    assert mime.data("x-kde-passwordManagerHint").data() == b"secret"
    controller.lock()
    assert board.text() == ""
    _unlock_again(controller, qtbot)
    foreign = QMimeData()
    foreign.setText("copied in another program")
    # Another program's copy arrives while none of our windows has focus: the tracker
    # does not take it as ours. Blocking the signal stands in for that here.
    board.blockSignals(True)
    board.setMimeData(foreign)
    board.blockSignals(False)
    controller.lock()
    assert board.text() == "copied in another program"
    board.clear(QClipboard.Mode.Clipboard)


def test_copy_from_the_reading_pane_is_marked_secret(controller, qtbot):
    _settle(qtbot, controller)
    window = controller.window
    window.entry_list.table.selectRow(0)
    _settle(qtbot, controller)
    body = window.entry_view.body
    body.selectAll()
    body.copy()
    assert QGuiApplication.clipboard().mimeData().hasFormat("x-kde-passwordManagerHint")
    assert clipboard.holds_ours()
    controller.lock()
    assert QGuiApplication.clipboard().text() == ""


def _unlock_again(controller, qtbot) -> None:
    dialog = controller.dialog
    dialog.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(controller.sig_unlocked, timeout=30000):
        dialog.unlock()
    _settle(qtbot, controller)


def test_unlock_returns_to_where_the_user_was(controller, qtbot):
    _settle(qtbot, controller)
    hub = controller.ctx.hub
    expert = hub.entries.list("expert")[3].id
    window = controller.window
    window.sidebar.select_place(Place("kind", "expert"))
    _settle(qtbot, controller)
    window.open_entry(expert)
    _settle(qtbot, controller)
    controller.lock()
    assert controller.dialog.secret.text() == ""
    assert not controller.dialog.remembered_button.isVisible()
    _unlock_again(controller, qtbot)
    window = controller.window
    assert window.sidebar.place() == Place("kind", "expert")
    assert window.entry_view.current_id() == expert
    assert window.entry_list.current_entry_id() == expert


def test_nothing_about_content_goes_into_settings(controller, qtbot, memory_settings):
    _settle(qtbot, controller)
    hub = controller.ctx.hub
    titles = [row.title for row in hub.entries.list()]
    controller.window.open_entry(hub.entries.list()[0].id)
    _settle(qtbot, controller)
    controller.lock()
    stored = repr(memory_settings._backend._values)
    assert not [title for title in titles if title in stored]


def test_quit_locks_the_hub(controller, qtbot):
    hub = controller.ctx.hub
    controller.shutdown()
    assert hub.locked
    assert QApplication.instance() is not None


def test_settings_apply_idle_minutes_theme_and_language(controller, qtbot, memory_settings):
    from ui.settings.dialog import SettingsChoice, SettingsDialog
    from ui.shell.theme import current_theme

    dialog = SettingsDialog(memory_settings)
    qtbot.addWidget(dialog)
    assert dialog.idle.value() == 10  # the default
    controller.apply_settings(SettingsChoice("nl", 3, "dark", False))
    try:
        assert memory_settings.idle_minutes == 3 and controller.idle.timeout == 180
        assert current_theme(QApplication.instance()) == "dark"
        assert memory_settings.language == "nl" and controller.language == "nl"
        assert controller.window.menuBar().actions()[0].text() == "&Bestand"
    finally:
        controller.apply_settings(SettingsChoice("en", 10, "light", False))
    assert controller.window.menuBar().actions()[0].text() == "&File"
