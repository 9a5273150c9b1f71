"""The import dialog's mapping table: one row per field of the layer kind, a column picker
(the guessed column preselected) or a constant typed by the field (a list for enums and
yes/no, a checked number or text otherwise). It only edits a
:class:`~humanops.formats.field_mapping.MappingChoice`; the dialog's worker checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QDoubleValidator, QIntValidator
from PySide6.QtWidgets import QComboBox, QHeaderView, QLineEdit, QTableWidget, QTableWidgetItem, QWidget

from humanops.formats.field_mapping import MappingChoice
from humanops.ui.i18n import current_language

if TYPE_CHECKING:
    from humanops.catalog import FieldSpec, LayerKind
    from humanops.formats.mapping import FieldMapping

# The pickers' first two choices (shown translated, told apart from the file's columns by position).
NOT_IMPORTED = QT_TRANSLATE_NOOP("MappingTable", "(not imported)")
CONSTANT = QT_TRANSLATE_NOOP("MappingTable", "(one value for all)")
NOT_IMPORTED_INDEX, CONSTANT_INDEX = 0, 1


class MappingTable(QTableWidget):
    """``changed()`` whenever the user picks another column or edits a constant."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("mapping_table")
        self.setHorizontalHeaderLabels([self.tr("Field"), self.tr("From column"), self.tr("Value for every feature")])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.kind: LayerKind | None = None
        self.columns: list[str] = []
        self._pickers: dict[str, QComboBox] = {}
        self._editors: dict[str, QWidget] = {}
        self._guessed: dict[str, str] = {}

    def show_mapping(self, kind: LayerKind, columns: list[str], mapping: FieldMapping) -> None:
        """Rows for ``kind``'s fields, each picker set to what ``mapping`` used (a guess or the
        user's choice). Rebuilt only when the kind or the file's columns change, so the
        user's edits stay while the preview refreshes."""
        if self.kind is not None and self.kind.name == kind.name and self.columns == columns:
            return
        self.blockSignals(True)
        self.kind, self.columns = kind, list(columns)
        self._pickers.clear()
        self._editors.clear()
        by_field = mapping.by_field
        self._guessed = dict(by_field)
        self.setRowCount(len(kind.fields))
        lang = current_language()
        for row, spec in enumerate(kind.fields):
            label = QTableWidgetItem(f"{spec.label_in(lang)}{' *' if spec.required else ''}")
            tip = self.tr("{name} ({type}), required") if spec.required else self.tr("{name} ({type})")
            label.setToolTip(tip.format(name=spec.name, type=spec.type))
            self.setItem(row, 0, label)
            picker = QComboBox(self)
            picker.setObjectName(f"column_{spec.name}")
            picker.addItems([self.tr(NOT_IMPORTED), self.tr(CONSTANT), *columns])
            editor = _constant_editor(spec, self)
            editor.setObjectName(f"constant_{spec.name}")
            if spec.name in mapping.constants:
                picker.setCurrentIndex(CONSTANT_INDEX)
                _set_value(editor, str(mapping.constants[spec.name]))
            elif spec.name in by_field:
                picker.setCurrentIndex(max(picker.findText(by_field[spec.name]), 0))
            editor.setEnabled(picker.currentIndex() == CONSTANT_INDEX)
            picker.currentTextChanged.connect(lambda _text, name=spec.name: self._picked(name))
            _connect_edited(editor, self.changed.emit)
            self.setCellWidget(row, 1, picker)
            self.setCellWidget(row, 2, editor)
            self._pickers[spec.name] = picker
            self._editors[spec.name] = editor
        self.blockSignals(False)

    def picker(self, name: str) -> QComboBox:
        return self._pickers[name]

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def _picked(self, name: str) -> None:
        self._editors[name].setEnabled(self._pickers[name].currentIndex() == CONSTANT_INDEX)
        self.changed.emit()

    def choice(self, layer: str | None) -> MappingChoice:
        """What the table says: every field with a column (so a saved profile is explicit),
        the constants given, and '' for a guessed field the user set to not imported."""
        out = MappingChoice(layer=layer)
        for name, picker in self._pickers.items():
            if picker.currentIndex() == CONSTANT_INDEX:
                value = _value(self._editors[name])
                if value:
                    out.constants[name] = value
            elif picker.currentIndex() == NOT_IMPORTED_INDEX:
                if name in self._guessed:
                    out.columns[name] = ""
            else:
                out.columns[name] = picker.currentText()
        return out


def _constant_editor(spec: FieldSpec, parent: QWidget) -> QWidget:
    if spec.type in ("enum", "boolean"):
        # the value as the importer takes it (the kind's own, or yes/no), its label beside it
        box = QComboBox(parent)
        box.addItem("", "")
        if spec.type == "enum":
            lang = current_language()
            for value in spec.values:
                label = spec.value_label(value, lang)
                box.addItem(value if label == value.replace("_", " ") else f"{value} — {label}", value)
        else:
            box.addItems(["yes", "no"])
            for i in (1, 2):
                box.setItemData(i, box.itemText(i))
        return box
    edit = QLineEdit(parent)
    hints = {"integer": QCoreApplication.translate("MappingTable", "a whole number"),
             "real": QCoreApplication.translate("MappingTable", "a number"), "date": "2026-11-28",
             "datetime": "2026-11-28T10:00Z"}
    edit.setPlaceholderText(hints.get(spec.type, QCoreApplication.translate("MappingTable", "text")))
    if spec.type == "integer":
        edit.setValidator(QIntValidator(edit))
    elif spec.type == "real":
        edit.setValidator(QDoubleValidator(edit))
    return edit


def _connect_edited(editor: QWidget, slot: Any) -> None:
    if isinstance(editor, QComboBox):
        editor.currentIndexChanged.connect(lambda _index: slot())
    elif isinstance(editor, QLineEdit):
        editor.editingFinished.connect(slot)


def _value(editor: QWidget) -> str:
    if isinstance(editor, QComboBox):
        return str(editor.currentData() or "").strip()
    if isinstance(editor, QLineEdit):
        return editor.text().strip()
    return ""


def _set_value(editor: QWidget, value: str) -> None:
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(editor.findData(value), 0))
    elif isinstance(editor, QLineEdit):
        editor.setText(value)
