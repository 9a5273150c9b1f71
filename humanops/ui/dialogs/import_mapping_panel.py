"""The part of the import dialog that says how the file's columns become fields: the mapping
table, saved profiles (load, save) and a preview of the first rows as they would be imported.
Edits are debounced into ``recheck`` so the dialog re-runs its dry run in its worker: the
preview and the per-feature report follow the mapping live, and nothing is written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.dialogs.field_mapping_table import MappingTable

if TYPE_CHECKING:
    from humanops.catalog import Catalog
    from humanops.formats.field_mapping import MappingChoice

NO_PROFILE = QT_TRANSLATE_NOOP("MappingPanel", "(none: guess from the file)")  # always the first entry
DEBOUNCE_MS = 350


class MappingPanel(QGroupBox):
    """``recheck()`` when the mapping changed (after a pause); ``save_requested(name)``."""

    recheck = Signal()
    save_requested = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(MappingPanel.tr("Field mapping (required fields marked *)"), parent)
        self.setObjectName("mapping_panel")
        self.catalog = catalog
        self.pending_profile: str | None = None  # chosen, not yet shown in the table
        self.table = MappingTable(self)
        self.table.changed.connect(self._edited)
        self.profile_box = QComboBox(self)
        self.profile_box.setObjectName("profile_box")
        self.profile_box.addItem(self.tr(NO_PROFILE))
        self.profile_box.activated.connect(self._profile_chosen)
        self.profile_name = QLineEdit(self)
        self.profile_name.setObjectName("profile_name")
        self.profile_name.setPlaceholderText(self.tr("name, e.g. kobo-shelters"))
        self.save_button = QPushButton(self.tr("Save profile"), self)
        self.save_button.setToolTip(self.tr("Keep this mapping in the workspace for the next file of the same shape"))
        self.save_button.clicked.connect(self._save)
        profile_row = QHBoxLayout()
        profile_row.addWidget(QLabel(self.tr("Profile"), self))
        profile_row.addWidget(self.profile_box, 1)
        profile_row.addWidget(self.profile_name, 1)
        profile_row.addWidget(self.save_button)
        self.preview = QTableWidget(0, 0, self)
        self.preview.setObjectName("preview_table")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview_label = QLabel(self.tr("Preview: Check reads the file and shows its first rows as they would be "
                                            "imported."), self)
        self.preview_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(profile_row)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.recheck.emit)

    # --- what the dialog asks ------------------------------------------------------------
    def choice(self, layer: str | None) -> MappingChoice | None:
        """The mapping to check: None before the file's columns are known (then the importer
        guesses); the table pins the kind it shows, so a changed guess cannot move the fields."""
        if self.table.kind is None:
            return None
        return self.table.choice(layer or self.table.kind.name)

    def key(self) -> tuple:
        choice = self.choice(None)
        if choice is None:
            return (self.pending_profile,)
        return (self.pending_profile, tuple(sorted(choice.columns.items())), tuple(sorted(choice.constants.items())))

    def forget(self) -> None:
        """Another file: its columns are not known yet."""
        self.table.kind = None
        self.table.setRowCount(0)
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)

    def set_profiles(self, names: list[str]) -> None:
        current = self.profile_box.currentText() if self.profile_box.currentIndex() > 0 else None
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        self.profile_box.addItems([self.tr(NO_PROFILE), *names])
        self.profile_box.setCurrentIndex(names.index(current) + 1 if current in names else 0)
        self.profile_box.blockSignals(False)

    def show_layer(self, layer_report: Any) -> None:
        """The mapping the importer used, and its preview rows."""
        kind = self.catalog[layer_report.kind]
        mapping = layer_report.mapping
        columns = [*dict.fromkeys([*(m.column for m in mapping.matched), *mapping.unmapped,
                                   *mapping.bookkeeping])]
        if self.pending_profile is not None:
            self.table.kind = None  # a profile replaces whatever the table said
            self.pending_profile = None
        self.table.show_mapping(kind, columns, mapping)
        self._show_preview(layer_report.preview)

    # --- internals -------------------------------------------------------------------------
    def _show_preview(self, frame: pd.DataFrame | None) -> None:
        if frame is None or not len(frame.columns):
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            return
        self.preview.setColumnCount(len(frame.columns))
        self.preview.setHorizontalHeaderLabels([str(c) for c in frame.columns])
        self.preview.setRowCount(len(frame))
        for r in range(len(frame)):
            for c, name in enumerate(frame.columns):
                value = frame[name].iat[r]
                text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
                self.preview.setItem(r, c, QTableWidgetItem(text))
        self.preview_label.setText(MappingPanel.tr("Preview: the first %Ln row(s) as they would be imported (nothing "
                                                   "is written until Import).", "", len(frame)))
        self.preview.resizeColumnsToContents()

    def _edited(self) -> None:
        self._timer.start()

    def _profile_chosen(self, index: int) -> None:
        name = self.profile_box.itemText(index)
        self.pending_profile = None if index <= 0 else name
        if self.pending_profile is None:
            self.table.kind = None  # back to the importer's guess
        self._timer.start()

    def _save(self) -> None:
        name = self.profile_name.text().strip()
        if name and self.table.kind is not None:
            self.save_requested.emit(name)
