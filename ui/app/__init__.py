"""The running application: QApplication, the unlocked hub's lifecycle, and the other run modes.

`application.py` owns the hub on screen (unlock, lock, idle lock, a vanished
drive, drafts across a lock); `screenshot.py` and `selftest.py` are the
`--screenshot` and `--selftest` modes. The launcher (ui/launch.py) starts it.
"""
