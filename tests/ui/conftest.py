"""UI test fixtures: offscreen Qt, settings in memory, an AppContext on the demo hub."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def pytest_configure(config) -> None:
    # PySide6 6.12.0 on Python 3.11 leaks references to None (see ui.app.application); a long
    # test run would otherwise abort at some random later point.
    from ui.app.application import guard_none_refcount

    guard_none_refcount()


@pytest.fixture(autouse=True)
def memory_settings():
    """Never read or write the real user settings from a test."""
    from ui.settings.store import use_memory

    return use_memory()


@pytest.fixture
def ctx(qapp, demo_hub) -> Iterator[object]:
    from ui.context import AppContext
    from ui.tasks import TaskRunner

    context = AppContext(demo_hub, TaskRunner(), TaskRunner(), language="en")
    yield context
    context.runner.wait()
    context.search_runner.wait()
    context.detach()


@pytest.fixture
def wait_idle(qtbot):
    """Let the serial workers finish and their results reach the UI thread."""

    def wait(context, msecs: int = 300) -> None:
        for _ in range(3):
            context.runner.wait()
            context.search_runner.wait()
            qtbot.wait(msecs // 3)

    return wait


@pytest.fixture
def window(qtbot, ctx, wait_idle):
    from ui.shell.main_window import MainWindow

    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    main.restore(None)
    wait_idle(ctx)
    yield main
    main.clear_all()
    wait_idle(ctx)


@pytest.fixture
def editor(qtbot, ctx, wait_idle):
    """An entry editor on the demo hub, shown; its workers are idle before it goes."""
    from ui.editor.editor import EntryEditor

    widget = EntryEditor(ctx)
    widget.resize(1000, 700)
    widget.show()
    yield widget
    # not qtbot.addWidget: the workers must be idle before the widget goes
    widget.clear()
    wait_idle(ctx)
    widget.preview.wait()
    widget.close()
    widget.deleteLater()
