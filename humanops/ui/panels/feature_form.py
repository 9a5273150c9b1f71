"""A feature's form, generated from its layer kind: one editor per field, chosen by the
field's type (text, number with its range and unit, enum picker, yes/no, date/time with a
"not set" state), required fields marked, and each value checked as it is typed by the same
``humanops.model.validation`` the workspace applies, with the reason shown under the field
(a validity window that ends before, or as, it starts: under its end).

A date or time holds exactly what it shows (``ui/date_time_edits.py``: no hidden seconds), and
ticking "set" on an empty one fills it with the workspace's clock (its scenario time, if it has
one: ``FeatureForm.clock``), not the wall clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import ValidationError
from humanops.ui.date_time_edits import MomentEdit, to_the_minute
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import DATE_EDIT_FORMAT
from humanops.ui.panels.apply_revert import FeatureEditPanel

if TYPE_CHECKING:
    from humanops.catalog import FieldSpec, LayerKind
    from humanops.model.feature import Feature

_INT_LIMIT = 2**31 - 1
_ERROR_STYLE = "color: #b00020;"


def _number(value: Any) -> float | None:
    """A stored value as a number for a spin box, None if it is not one (text a script wrote)."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class FieldEditor(QWidget):
    """One field's editor; ``value()`` is the Python value (None when not set). ``clock()``
    gives "now" for a date or time that is being set (the form's: the workspace's clock)."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.clock = clock or _wall_clock
        self._holds_value = False  # a date editor shows a value once set or filled, not before
        self.input = self._make_input()
        self.input.setObjectName(f"field_{spec.name}")
        # Why the stored value is not on screen (another tool wrote one the editor cannot hold).
        self.unshown: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input, 1)
        self.null_box: QCheckBox | None = None
        if spec.type in ("date", "datetime"):
            # A date editor always shows a date: a tick says whether the field is set at all.
            self.null_box = QCheckBox(self.tr("set"), self)
            self.null_box.setToolTip(self.tr("Untick to leave the field empty"))
            self.null_box.toggled.connect(self._null_toggled)
            layout.insertWidget(0, self.null_box)
            QWidget.setTabOrder(self.null_box, self.input)  # tick "set", then Tab into the date
            self.null_box.setChecked(False)
            self.input.setEnabled(False)
        lang = current_language()
        tip = spec.description_in(lang)
        unit = spec.unit_in(lang)
        if unit:
            tip = f"{tip} ({unit})" if tip else unit
        if tip:
            self.input.setToolTip(tip)

    # --- widgets per type -------------------------------------------------------------------
    def _make_input(self) -> QWidget:
        spec = self.spec
        lang = current_language()
        unit = spec.unit_in(lang)
        if spec.type == "enum":
            box = QComboBox(self)
            if not spec.required:
                box.addItem("—", None)
            for value in spec.values:  # shown in the UI's language, stored as the kind names it
                box.addItem(spec.value_label(value, lang), value)
            box.currentIndexChanged.connect(self.changed)
            return box
        if spec.type == "boolean":
            check = QCheckBox(self)
            check.toggled.connect(self.changed)
            return check
        if spec.type == "integer":
            spin = QSpinBox(self)
            low = int(spec.minimum) if spec.minimum is not None else -_INT_LIMIT + 1
            high = int(spec.maximum) if spec.maximum is not None else _INT_LIMIT
            # One below the minimum stands for "not set", shown as a dash.
            spin.setRange(low - 1, min(high, _INT_LIMIT))
            spin.setSpecialValueText("—")
            spin.setGroupSeparatorShown(True)  # in the UI's locale: fr "12 345", es "12.345"
            if unit:
                spin.setSuffix(f" {unit}")
            spin.valueChanged.connect(self.changed)
            return spin
        if spec.type == "real":
            spin = QDoubleSpinBox(self)
            spin.setDecimals(2)
            low = spec.minimum if spec.minimum is not None else -1e12
            high = spec.maximum if spec.maximum is not None else 1e12
            spin.setRange(low - 1, high)
            spin.setSpecialValueText("—")
            spin.setGroupSeparatorShown(True)
            if unit:
                spin.setSuffix(f" {unit}")
            spin.valueChanged.connect(self.changed)
            return spin
        if spec.type == "datetime":
            moment = MomentEdit(self)  # the month named, in the UI's language; UTC; no hidden seconds
            moment.set_moment(to_the_minute(self.clock()))
            moment.dateTimeChanged.connect(self.changed)
            return moment
        if spec.type == "date":
            edit = QDateEdit(self)
            # Left to right before its format, in Arabic too: Qt lays a date edit's sections out
            # in reverse for a right-to-left widget (ui/date_time_edits.py).
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            edit.setDisplayFormat(DATE_EDIT_FORMAT)
            edit.setCalendarPopup(True)
            today = self.clock().date()
            edit.setDate(QDate(today.year, today.month, today.day))
            edit.dateChanged.connect(self.changed)
            return edit
        if spec.max_length is not None and spec.max_length > 500:
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 3 + 12)
            text.textChanged.connect(self.changed)
            return text
        line = QLineEdit(self)
        if spec.max_length:
            line.setMaxLength(spec.max_length)
        line.textChanged.connect(self.changed)
        return line

    def _null_toggled(self, checked: bool) -> None:
        if checked and not self._holds_value:  # set now: from the workspace's clock, to the minute shown
            self._fill_from_clock()
        self.input.setEnabled(checked)
        self.changed.emit()

    def _fill_from_clock(self) -> None:
        w = self.input
        now = self.clock()
        blocked = w.blockSignals(True)
        try:
            if isinstance(w, MomentEdit):
                w.set_moment(to_the_minute(now))
            elif isinstance(w, QDateEdit):
                w.setDate(QDate(now.year, now.month, now.day))
        finally:
            w.blockSignals(blocked)
        self._holds_value = True

    # --- value ------------------------------------------------------------------------------
    def value(self) -> Any:
        w, t = self.input, self.spec.type
        if self.null_box is not None and not self.null_box.isChecked():
            return None
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            if w.value() == w.minimum():
                return None
            return int(w.value()) if t == "integer" else float(w.value())
        if isinstance(w, MomentEdit):
            return w.moment()
        if isinstance(w, QDateEdit):
            return w.date().toPython()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip() or None
        return w.text().strip() or None

    def set_value(self, value: Any) -> None:
        w = self.input
        blockers = [w.blockSignals(True)]
        self.unshown = None
        try:
            missing = value is None or (isinstance(value, float) and math.isnan(value))
            self._holds_value = not missing
            if self.null_box is not None:
                self.null_box.blockSignals(True)
                self.null_box.setChecked(not missing)
                self.null_box.blockSignals(False)
                w.setEnabled(not missing)
            if isinstance(w, QComboBox):
                index = w.findData(value) if not missing else w.findData(None)
                if index < 0 and not missing:  # not one of the kind's values: none shown, and why
                    self._cannot_show(value)
                w.setCurrentIndex(max(index, 0) if index >= 0 or missing else -1)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value) if not missing else False)
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                number = None if missing else _number(value)
                if number is not None and w.minimum() < number <= w.maximum():
                    w.setValue(int(number) if isinstance(w, QSpinBox) else number)
                else:  # a spin box would clamp 9 to 5 and show a value that is not stored: "not set", and why
                    w.setValue(w.minimum())
                    if not missing:
                        self._cannot_show(value)
            elif isinstance(w, MomentEdit):
                if not missing:
                    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
                    w.set_moment(stamp)  # with its seconds, if it has any: shown as stored
            elif isinstance(w, QDateEdit):
                if not missing:
                    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
                    w.setDate(QDate(day.year, day.month, day.day))
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText("" if missing else str(value))
            else:
                w.setText("" if missing else str(value))
                w.setCursorPosition(0)  # show the beginning of a long value
        finally:
            w.blockSignals(blockers[0])

    def _cannot_show(self, value: Any) -> None:
        from humanops.model.validation import coerce_value

        try:
            coerce_value(self.spec, value)
            reason = self.tr("{value} cannot be shown here").format(value=repr(value))
        except ValidationError as exc:
            reason = exc.reason
        self.unshown = self.tr("{reason} (as stored): choose a valid value").format(reason=reason)

    def error(self) -> str | None:
        """Why the current value cannot be stored, or None."""
        from humanops.model.validation import coerce_value  # pandas: loaded after the first frame

        value = self.value()
        if value is None and self.unshown:  # the stored value is wrong until the user picks another
            return self.unshown
        try:
            coerced = coerce_value(self.spec, value)
        except ValidationError as exc:
            return exc.reason
        if coerced is None and self.spec.required:
            return self.tr("is required")
        return None


class FeatureForm(QWidget):
    """All fields of one kind. ``values()`` gives every field; ``changed_values()`` only the
    ones the user changed since :meth:`set_values`; ``errors()`` what blocks Apply.
    ``clock`` (set by whoever knows the workspace) is "now" for the date and time editors."""

    edited = Signal()
    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind: LayerKind | None = None
        self.clock: Callable[[], datetime] = _wall_clock
        self.editors: dict[str, FieldEditor] = {}
        self._messages: dict[str, QLabel] = {}
        self._original: dict[str, Any] = {}
        self._valid = True
        self.form_error = QLabel(self)
        self.form_error.setStyleSheet(_ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self._body = QWidget(self)
        self._layout = QFormLayout(self._body)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._body)
        layout.addWidget(self.form_error)
        layout.addStretch(1)

    def set_kind(self, kind: LayerKind | None) -> None:
        if kind is not None and self.kind is not None and kind.name == self.kind.name:
            return
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.editors.clear()
        self._messages.clear()
        self.kind = kind
        if kind is None:
            return
        lang = current_language()
        for spec in kind.fields:
            editor = FieldEditor(spec, self._body, clock=lambda: self.clock())
            editor.changed.connect(self._on_edit)
            title = spec.label_in(lang) + (" *" if spec.required else "")
            label = QLabel(title, self._body)
            label.setBuddy(editor.input)
            if spec.required:
                label.setToolTip(self.tr("Required"))
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            message = QLabel(self._body)
            message.setStyleSheet(_ERROR_STYLE)
            message.setWordWrap(True)
            message.hide()
            column = QWidget(self._body)
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(message)
            self._layout.addRow(label, column)
            self.editors[spec.name] = editor
            self._messages[spec.name] = message

    def set_values(self, properties: dict[str, Any]) -> None:
        """Show ``properties`` (a stored feature's, or a new one's defaults) as unchanged."""
        for name, editor in self.editors.items():
            editor.set_value(properties.get(name))
        self._original = {name: editor.value() for name, editor in self.editors.items()}
        self._validate()

    def set_defaults(self) -> None:
        """A new feature: the kind's default values (a corridor's width_m, statuses...)."""
        if self.kind is None:
            return
        from humanops.model.validation import coerce_value

        defaults = {}
        for spec in self.kind.fields:
            if spec.default is not None:
                try:
                    defaults[spec.name] = coerce_value(spec, spec.default)
                except ValidationError:
                    continue
        self.set_values(defaults)

    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def changed_values(self) -> dict[str, Any]:
        return {name: value for name, value in self.values().items() if value != self._original.get(name)}

    def is_dirty(self) -> bool:
        return bool(self.changed_values())

    def errors(self) -> dict[str, str]:
        found = {name: msg for name, editor in self.editors.items() if (msg := editor.error())}
        if not found and self.kind is not None:
            from humanops.model.validation import validate_properties

            try:
                validate_properties(self.kind, self.values(), apply_defaults=False)
            except ValidationError as exc:
                found[exc.field or ""] = exc.reason
        return found

    def is_valid(self) -> bool:
        return not self.errors()

    def _on_edit(self) -> None:
        self._validate()
        self.edited.emit()

    def _validate(self) -> None:
        errors = self.errors()
        for name, label in self._messages.items():
            message = errors.get(name)
            label.setText(message or "")
            label.setVisible(bool(message))
        stray = [f"{k}: {v}" if k else v for k, v in errors.items() if k not in self._messages]
        self.form_error.setText("; ".join(stray))
        self.form_error.setVisible(bool(stray))
        valid = not errors
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)


class FeatureFormPanel(FeatureEditPanel):
    """The dock: the selected feature's form with Apply and Revert. The main window decides
    what Apply does (an UpdateFeature on the undo stack, or — for a feature only its
    originator changes — a question, then a proposal).

    ``authority(feature)`` (set by the main window) gives (a note on whose feature it is and
    what our edits do, whether an edit becomes a proposal); the note is shown under the title
    and Apply reads "Propose…" when edits become proposals.

    ``editors_info(feature)`` (set by the sharing extension) gives one line naming the feature's
    editors, shown under the note, and shows the Editors… button, which asks for them to be
    named (``editorsRequested``)."""

    applyRequested = Signal(str, str, dict)  # layer, uuid, changed values
    editorsRequested = Signal(str, str)  # layer, uuid

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.authority: Callable[[Feature], tuple[str, bool]] | None = None
        self.editors_info: Callable[[Feature], str] | None = None
        self._make_heading(self.tr("Select one feature on the map or in the table to see its fields."),
                           "feature_authority_note")
        self.editors_line = self._side_note("feature_editors")
        self.form = FeatureForm(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # A scroll bar rather than a clipped editor when a language's words need more room.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        self._make_buttons()
        self.apply_button.setToolTip(self.tr("Store the changed fields as a new version (undoable)"))
        self.editors_button = QPushButton(self.tr("Editors…"), self)
        self.editors_button.setObjectName("feature_editors_button")
        self.editors_button.setToolTip(self.tr("The organisations that may change this feature's fields and geometry "
                                               "with its originator"))
        self.editors_button.clicked.connect(self._editors_clicked)
        self.editors_button.hide()
        self.buttons.add_leading(self.editors_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.editors_line)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.form.edited.connect(self._update_buttons)
        self._update_buttons()

    def set_feature(self, feature: Feature | None, kind: LayerKind | None = None) -> None:
        self._feature = feature
        note, proposes = ("", False) if feature is None or self.authority is None else self.authority(feature)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        editors = "" if feature is None or self.editors_info is None else self.editors_info(feature)
        self.editors_line.setText(editors)
        self.editors_line.setToolTip(self.tr("Editors may change its fields and geometry with its originator; only "
                                             "the originator sets the marking, names editors or deletes it")
                                     if editors else "")
        self.editors_line.setVisible(bool(editors))
        self.editors_button.setVisible(feature is not None and self.editors_info is not None)
        if proposes:
            self.buttons.set_apply_label(self.tr("Propose…"), self.tr("Send the changed fields to the feature's "
                                                                      "originator as a proposal (undoable)"))
        else:
            self.buttons.set_apply_label(None, self.tr("Store the changed fields as a new version (undoable)"))
        if feature is None or kind is None:
            self.layer = self.uuid = None
            self.form.set_kind(None)
            self.title.setText(self.tr("Select one feature on the map or in the table to see its fields."))
        else:
            self.layer, self.uuid = feature.kind, feature.uuid
            self.form.set_kind(kind)
            self.form.set_values(feature.properties)
            name = feature.properties.get("name") or self.tr("(unnamed)")
            single = kind.singular_in(current_language())
            if feature.originator:
                title = self.tr("<b>{name}</b> — {kind}, version {version}, from {originator}")
            else:
                title = self.tr("<b>{name}</b> — {kind}, version {version}")
            self.title.setText(title.format(name=name, kind=single, version=feature.version,
                                            originator=feature.originator))
        self._update_buttons()

    def feature(self) -> Feature | None:
        return self._feature

    def _editors_clicked(self) -> None:
        if self.layer is not None and self.uuid is not None:
            self.editorsRequested.emit(self.layer, self.uuid)

    # Apply sends the changed values; a field that is not valid blocks it.
    def _editor_dirty(self) -> bool:
        return self.form.is_dirty()

    def _blocked(self) -> bool:
        return not self.form.is_valid()

    def _edit(self) -> dict[str, Any]:
        return self.form.changed_values()

    def _show_stored(self, feature: Feature) -> None:
        self.form.set_values(feature.properties)
