"""The main window and what frames every view: sidebar, classification banner, theme, menus."""
