"""PySide6 desktop application: feature packages over the `expertise` public names.

Layout and start-up: docs/ARCHITECTURE.md §7. The launcher is ui/launch.py.
"""
