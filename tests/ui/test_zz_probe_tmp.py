import os
import pytest
WHAT = os.environ.get("PROBE", "panel")

def test_probe(qtbot, ctx, wait_idle):
    if WHAT == "panel":
        from ui.search import SearchPanel
        w = SearchPanel(ctx)
    elif WHAT == "panelq":
        from ui.search import SearchPanel
        w = SearchPanel(ctx)
        w.run_query("grooming")
    elif WHAT == "finder":
        from ui.experts import ExpertFinder
        w = ExpertFinder(ctx)
    elif WHAT == "nothing":
        from PySide6.QtWidgets import QWidget
        w = QWidget()
    qtbot.addWidget(w)
    w.show()
    wait_idle(ctx)
