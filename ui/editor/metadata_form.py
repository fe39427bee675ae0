"""The metadata form: one QFormLayout per kind, built from the field table of docs/FIELDS.md.

The table is the registry `expertise.fields` (names, types, choices, labels),
so a field added to the core shows up here without a second list to keep in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertise import (
    BASE_FIELDS,
    DEFAULTS,
    KIND_SPECS,
    UPKEEP_FIELDS,
    EntryRecord,
    FieldSpec,
    field_by_name,
    fields_of,
    kind_spec,
    type_of,
)
from ui.editor.field_widgets import (
    BoolField,
    ClassificationField,
    DateField,
    EnumField,
    ListField,
    LongTextField,
    RefField,
    RefListField,
    TextField,
)
from ui.editor.rows_field import RowsField, ref_options, row_columns
from ui.labels import choice_items, field_label, kind_label
from ui.plaintext import PlainLabel, buddy_label, plain_label, set_plain_tooltip

GENERAL = ("classification", "status", "language", "summary", "tags", "themes")
VERIFY_AFTER_DAYS = 365
ERROR_STYLE = "border: 1px solid #c62828;"


class FieldWidget(Protocol):
    def value(self) -> object: ...

    def set_value(self, value: object) -> None: ...


@dataclass(frozen=True)
class FormChoices:
    """Completion data, fetched on the worker: tags, themes by label, entries by kind."""

    tags: tuple[str, ...] = ()
    themes: Mapping[str, str] = field(default_factory=dict)  # key -> label, current language
    entries: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def needs_verification(last_verified: date | None, today: date | None = None) -> bool:
    if last_verified is None:
        return True
    return ((today or date.today()) - last_verified).days > VERIFY_AFTER_DAYS


def _is_free_text(widget: QWidget) -> bool:
    return isinstance(widget, QLineEdit | QPlainTextEdit) and not isinstance(widget, ListField)


def _is_rows(kind: str, name: str) -> bool:
    spec = field_by_name(kind, name) if kind in KIND_SPECS else None
    return spec is not None and spec.type == "rows"


class MetadataForm(QWidget):
    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self._widgets: dict[str, QWidget] = {}
        self._choices = FormChoices()
        self._error = _flag_label("#c62828")
        self._stale = _flag_label("#b26a00")
        self._verify = _flag_label("#b26a00")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        for label in (self._error, self._stale, self._verify):
            self._layout.addWidget(label)
        self._body: QWidget | None = None

    # -- building ------------------------------------------------------------
    def build(self, kind: str) -> None:
        """Lay the form out for `kind`; every field starts at its default."""
        if self._body is not None:
            self._body.deleteLater()
        self.kind = kind
        self._widgets = {}
        self._body = QWidget(self)
        form = QFormLayout(self._body)
        form.setContentsMargins(4, 0, 8, 8)
        # labels above fields: the form lives in a narrow side pane
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._section(form, self.tr("General"), self._general_fields())
        self._section(form, kind_label(kind), kind_spec(kind).fields)
        self._section(form, self.tr("Upkeep"), UPKEEP_FIELDS)
        self._layout.addWidget(self._body, 1)
        self.set_choices(self._choices)
        self.load(None)

    def _general_fields(self) -> tuple[FieldSpec, ...]:
        by_name = {spec.name: spec for spec in BASE_FIELDS}
        return tuple(by_name[name] for name in GENERAL)

    def _section(self, form: QFormLayout, title: str, fields: tuple[FieldSpec, ...]) -> None:
        heading = plain_label(title, self._body)
        heading.setStyleSheet("font-weight: bold; font-size: 11pt; padding-top: 8px;")
        form.addRow(heading)
        for spec in fields:
            widget = self._make(spec)
            widget.setObjectName(f"field_{spec.name}")
            widget.setAccessibleName(field_label(spec.name, self.kind))
            widget.sig_edited.connect(self._edited)  # type: ignore[attr-defined]
            self._widgets[spec.name] = widget
            label = buddy_label(field_label(spec.name, self.kind), self._body, widget)
            form.addRow(label, self._with_extra(spec.name, widget))

    def _make(self, spec: FieldSpec) -> QWidget:
        if spec.name == "classification":
            return ClassificationField(choice_items(spec))
        if spec.type == "enum":
            return EnumField(choice_items(spec))
        if spec.type == "date":
            return DateField(self.tr("none"), self.tr("Clear the date"))
        if spec.type == "bool":
            return BoolField(self.tr("Works for police or public prosecution"))
        if spec.type == "ref":
            return RefField(self.tr("none"))
        if spec.type == "reflist":
            return RefListField()
        if spec.type == "list":
            return ListField()
        if spec.type == "rows":
            return RowsField(row_columns(spec))
        return LongTextField() if type_of(spec).multiline else TextField()

    def _with_extra(self, name: str, widget: QWidget) -> QWidget:
        if name != "last_verified":
            return widget
        row = QWidget(self._body)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget, 1)
        today = QPushButton(self.tr("Verified today"), row)
        set_plain_tooltip(
            today, self.tr("Record that the details were checked with the expert today")
        )
        today.clicked.connect(self._verified_today)
        layout.addWidget(today)
        return row

    def text_widgets(self) -> list[tuple[str, QWidget]]:
        """The free-text fields (one- and multi-line, and rows such as a follow-up log),
        for the personal-data marks."""
        return [
            (name, widget)
            for name, widget in self._widgets.items()
            if _is_rows(self.kind, name) or _is_free_text(widget)
        ]

    # -- data ------------------------------------------------------------------
    def set_choices(self, choices: FormChoices) -> None:
        self._choices = choices
        for name, widget in self._widgets.items():
            spec = self._spec(name)
            if isinstance(widget, RowsField):
                widget.set_options(choices.entries)
            elif isinstance(widget, RefListField):
                widget.set_refs(ref_options(spec, choices.entries) if spec else ())
            elif isinstance(widget, RefField):
                if spec is not None and (spec.ref_kind or spec.ref_kinds):
                    widget.set_options(ref_options(spec, choices.entries))
                else:
                    widget.set_options(choices.entries.get(self.kind, ()))
            elif isinstance(widget, ListField):
                self._list_options(name, widget)

    def _list_options(self, name: str, widget: ListField) -> None:
        if name == "tags":
            widget.set_options(self._choices.tags)
        elif name == "themes":
            widget.set_options(self._choices.themes, dict(self._choices.themes))
        elif name == "expertise":
            # areas are free text, the theme vocabulary is the usual starting point
            widget.set_options(self._choices.themes.values())

    def _spec(self, name: str) -> FieldSpec | None:
        every = fields_of(self.kind) if self.kind else ()
        return next((spec for spec in every if spec.name == name), None)

    def load(self, record: EntryRecord | None) -> None:
        values: dict[str, object] = dict(DEFAULTS)
        if record is not None:
            values.update(record.fields)
            values.update(
                summary=record.summary,
                classification=record.classification,
                language=record.language,
                status=record.status,
                tags=list(record.tags),
                themes=list(record.themes),
            )
        for name, widget in self._widgets.items():
            _field(widget).set_value(values.get(name))
        self.clear_error()
        self._update_flags()

    def set_values(self, values: dict[str, object]) -> None:
        """Put back what values() returned (a kept draft); unknown names are ignored."""
        for name, widget in self._widgets.items():
            if name in values:
                _field(widget).set_value(values[name])
        self._update_flags()

    def values(self) -> dict[str, object]:
        """Every field of the kind by its FIELDS.md name, as the Hub takes them."""
        return {name: _field(widget).value() for name, widget in self._widgets.items()}

    def widget(self, name: str) -> QWidget | None:
        return self._widgets.get(name)

    def clear(self) -> None:
        self._choices = FormChoices()
        if self._widgets:
            self.set_choices(self._choices)
            self.load(None)

    # -- errors and flags ------------------------------------------------------
    def show_error(self, message: str) -> str | None:
        """Show a core UserError inline; returns the field it names, if it names one."""
        self.clear_error()
        name, _, rest = message.partition(":")
        widget = self._widgets.get(name.strip())
        if widget is None:
            self._error.setText(message)
        else:
            self._error.setText(f"{field_label(name.strip(), self.kind)}: {rest.strip()}")
            widget.setStyleSheet(ERROR_STYLE)
            widget.setFocus()
        self._error.setVisible(bool(message) and name.strip() != "title")
        return name.strip() if widget is not None or name.strip() == "title" else None

    def clear_error(self) -> None:
        self._error.hide()
        for widget in self._widgets.values():
            if widget.styleSheet():
                widget.setStyleSheet("")

    def is_flagged_stale(self) -> bool:
        return not self._stale.isHidden()

    def is_flagged_unverified(self) -> bool:
        return not self._verify.isHidden()

    def _edited(self) -> None:
        self._update_flags()
        self.sig_edited.emit()

    def _verified_today(self) -> None:
        widget = self._widgets.get("last_verified")
        if isinstance(widget, DateField):
            widget.set_value(date.today())
            self._edited()

    def _update_flags(self) -> None:
        review = self._widgets.get("review_by")
        review_by = review.date_value() if isinstance(review, DateField) else None
        self._stale.setText(self.tr("Review date has passed: this entry is stale."))
        self._stale.setVisible(review_by is not None and review_by < date.today())
        verified = self._widgets.get("last_verified")
        self._verify.setText(
            self.tr("Needs verification: details not checked with the expert in the past year.")
        )
        self._verify.setVisible(
            isinstance(verified, DateField) and needs_verification(verified.date_value())
        )


def _field(widget: QWidget) -> FieldWidget:
    return widget  # type: ignore[return-value]


def _flag_label(colour: str) -> PlainLabel:
    label = plain_label("", None, wrap=True)
    label.setStyleSheet(
        f"QLabel {{ color: {colour}; border: 1px solid {colour}; border-radius: 3px;"
        " padding: 4px; font-weight: bold; }"
    )
    label.hide()
    return label
