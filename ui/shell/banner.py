"""The classification banner shown on every open entry, in the colour of its level.

Colours and the Dutch/English labels come from the registry (expertise/fields),
the same source the exports use, so screen and paper agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from expertise import CLASSIFICATION_LEVELS
from ui.plaintext import PlainLabel

FALLBACK_COLOUR = "#5A606A"


@dataclass(frozen=True)
class Level:
    key: str
    rank: int
    label_nl: str
    label_en: str
    colour: str

    def label(self, language: str) -> str:
        return self.label_nl if language == "nl" else self.label_en


def _colour(value: str) -> str:
    # It ends up in a style sheet: only a plain colour name may pass.
    return value if QColor.isValidColorName(value) and ";" not in value else FALLBACK_COLOUR


@cache
def levels() -> dict[str, Level]:
    """Every classification level of the registry, lowest first."""
    return {
        level.key: Level(level.key, rank, level.label.nl, level.label.en, _colour(level.colour))
        for rank, level in enumerate(CLASSIFICATION_LEVELS)
    }


def level_of(key: str) -> Level:
    return levels().get(key) or Level(key, 99, key, key, FALLBACK_COLOUR)


class ClassificationBanner(PlainLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("classificationBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName(self.tr("Classification"))
        self.level: str | None = None
        self.hide()

    def show_level(self, key: str, language: str) -> None:
        level = level_of(key)
        self.level = key
        text = level.label(language).upper()
        self.setText(text)
        self.setAccessibleDescription(
            QCoreApplication.translate("ClassificationBanner", "Classification: {level}").format(
                level=level.label(language)
            )
        )
        # The colour is data (per level), so it is set here rather than in the .qss.
        self.setStyleSheet(f"background-color: {level.colour}; color: #FFFFFF;")
        self.show()

    def clear_level(self) -> None:
        self.level = None
        self.setText("")
        self.setStyleSheet("")
        self.hide()
