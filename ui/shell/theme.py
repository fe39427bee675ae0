"""Light and dark themes: the Fusion style, a palette, and a small style sheet.

The palette does the heavy lifting so every widget (also the other packages'
ones) follows the theme; the .qss only adds spacing and a few named accents
(objectName selectors), so it stays short.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from expertise import resources_dir
from ui.plaintext import PlainLabel, plain_label

THEMES = ("light", "dark")

_LIGHT = {
    "window": "#F4F5F7",
    "base": "#FFFFFF",
    "alternate": "#F0F2F5",
    "text": "#1C1F24",
    "button": "#E9EBEF",
    "highlight": "#2F5D9E",
    "highlighted_text": "#FFFFFF",
    "link": "#1F4E96",
    "mid": "#C3C8D0",
    "disabled": "#8A9099",
    "tooltip": "#FFFFE6",
}
_DARK = {
    "window": "#1F2227",
    "base": "#15171B",
    "alternate": "#22262C",
    "text": "#E4E7EB",
    "button": "#2C3037",
    "highlight": "#4A7CC2",
    "highlighted_text": "#FFFFFF",
    "link": "#8AB4F8",
    "mid": "#4A4F58",
    "disabled": "#7D838C",
    "tooltip": "#2C3037",
}


def _palette(colours: dict[str, str]) -> QPalette:
    role = QPalette.ColorRole
    palette = QPalette()
    pairs = [
        (role.Window, "window"),
        (role.Base, "base"),
        (role.AlternateBase, "alternate"),
        (role.WindowText, "text"),
        (role.Text, "text"),
        (role.ButtonText, "text"),
        (role.ToolTipText, "text"),
        (role.Button, "button"),
        (role.Highlight, "highlight"),
        (role.HighlightedText, "highlighted_text"),
        (role.Link, "link"),
        (role.Mid, "mid"),
        (role.ToolTipBase, "tooltip"),
        (role.PlaceholderText, "disabled"),
    ]
    for colour_role, key in pairs:
        palette.setColor(colour_role, QColor(colours[key]))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor(colours["disabled"]))
    return palette


def style_sheet(name: str) -> str:
    path = resources_dir() / "styles" / f"{name}.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def apply_theme(app: QApplication, name: str) -> str:
    """Apply `name` (light/dark) to the whole application; returns what was applied."""
    name = name if name in THEMES else "light"
    app.setStyle("Fusion")
    app.setPalette(_palette(_DARK if name == "dark" else _LIGHT))
    app.setStyleSheet(style_sheet(name))
    app.setProperty("expertise_theme", name)
    return name


def current_theme(app: QApplication) -> str:
    value = app.property("expertise_theme")
    return str(value) if value in THEMES else "light"


def styled_label(text: str, parent: QWidget, name: str, *, wrap: bool = False) -> PlainLabel:
    """A plain-text label with an objectName the style sheets know (entryTitle, …)."""
    return plain_label(text, parent, name, wrap=wrap)
