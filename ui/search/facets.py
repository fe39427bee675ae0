"""Facet filters: a checkable list per facet (kind, classification, themes, tags, organisation).

The index filters on one value per facet (`filters: Mapping[str, str]`), so
checking a value unchecks its siblings. A checked value stays listed even
when the next result set no longer counts it, so the user can uncheck it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from ui.labels import classification_label, kind_label
from ui.plaintext import set_plain_item_tooltip

FACET_ORDER = ("kind", "classification", "themes", "tags", "organisation")
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2


class FacetTree(QTreeWidget):
    sig_filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selected: dict[str, str] = {}
        self._theme_labels: dict[str, str] = {}
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAccessibleName(self.tr("Filters"))
        self._collapsed: set[str] = set()  # the user's choice survives each new result set
        self.itemChanged.connect(self._item_changed)
        self.itemCollapsed.connect(lambda item: self._collapsed.add(self._facet_of(item)))
        self.itemExpanded.connect(lambda item: self._collapsed.discard(self._facet_of(item)))

    def set_theme_labels(self, labels: Mapping[str, str]) -> None:
        """Labels in the current language; they may arrive after the first results."""
        self._theme_labels = dict(labels)
        self.blockSignals(True)
        for i in range(self.topLevelItemCount()):
            head = self.topLevelItem(i)
            if head is not None and self._facet_of(head) == "themes":
                for child in _children(head):
                    self._label(child, "themes")
        self.blockSignals(False)

    def selected(self) -> dict[str, str]:
        return dict(self._selected)

    def select(self, facet: str, value: str | None) -> None:
        """Check `value` in `facet` (None unchecks); the next set_facets shows it."""
        if value is None:
            self._selected.pop(facet, None)
        else:
            self._selected[facet] = value
        self._sync_checks()

    def set_facets(self, facets: Mapping[str, Sequence[tuple[str, int]]]) -> None:
        self.blockSignals(True)
        self.clear()
        for name in FACET_ORDER:
            values = list(facets.get(name, ()))
            chosen = self._selected.get(name)
            if chosen is not None and chosen not in {value for value, _ in values}:
                values.insert(0, (chosen, 0))
            if values:
                self._add_facet(name, values)
        self.blockSignals(False)

    def reset_filters(self) -> None:
        self._selected.clear()
        self.clear()

    def _add_facet(self, name: str, values: list[tuple[str, int]]) -> None:
        head = QTreeWidgetItem(self, [self._facet_title(name)])
        head.setData(0, VALUE_ROLE, name)
        head.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = head.font(0)
        font.setBold(True)
        head.setFont(0, font)
        for value, count in values:
            item = QTreeWidgetItem(head)
            item.setData(0, VALUE_ROLE, value)
            item.setData(0, COUNT_ROLE, count)
            self._label(item, name)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            checked = self._selected.get(name) == value
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        head.setExpanded(name not in self._collapsed or name in self._selected)

    def _label(self, item: QTreeWidgetItem, facet: str) -> None:
        shown = self._value_label(facet, str(item.data(0, VALUE_ROLE)))
        item.setText(0, f"{shown}  ({item.data(0, COUNT_ROLE)})")
        set_plain_item_tooltip(item, 0, shown)

    def _facet_title(self, name: str) -> str:
        titles = {
            "kind": self.tr("Kind"),
            "classification": self.tr("Classification"),
            "themes": self.tr("Themes"),
            "tags": self.tr("Tags"),
            "organisation": self.tr("Organisation"),
        }
        return titles.get(name, name)

    def _value_label(self, facet: str, value: str) -> str:
        if facet == "kind":
            return kind_label(value)
        if facet == "classification":
            return classification_label(value)
        if facet == "themes":
            return self._theme_labels.get(value, value)
        return value

    def _facet_of(self, item: QTreeWidgetItem | None) -> str:
        return str(item.data(0, VALUE_ROLE)) if item is not None else ""

    def _item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        parent = item.parent()
        if parent is None:
            return
        facet, value = self._facet_of(parent), str(item.data(0, VALUE_ROLE))
        if item.checkState(0) == Qt.CheckState.Checked:
            self._selected[facet] = value
        elif self._selected.get(facet) == value:
            del self._selected[facet]
        self._sync_checks()
        self.sig_filters_changed.emit()

    def _sync_checks(self) -> None:
        self.blockSignals(True)
        for i in range(self.topLevelItemCount()):
            head = self.topLevelItem(i)
            if head is None:
                continue
            chosen = self._selected.get(self._facet_of(head))
            for child in _children(head):
                on = child.data(0, VALUE_ROLE) == chosen
                child.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def item_for(self, facet: str, value: str) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            head = self.topLevelItem(i)
            if head is None or self._facet_of(head) != facet:
                continue
            for child in _children(head):
                if child.data(0, VALUE_ROLE) == value:
                    return child
        return None


def _children(head: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (head.child(j) for j in range(head.childCount()))
    return [child for child in found if child is not None]
