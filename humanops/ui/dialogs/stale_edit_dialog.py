"""The question asked when an edit was made on a version someone else has replaced meanwhile.

The form (or the marking panel) was filled from version N; another session (a colleague's app,
QGIS) stored N+1 before Apply. Nothing is written silently: the dialog shows, field by field,
what the feature was when the user started, what the other person made of it, and what the user
typed (or, for a vertex edit, the shape drawn), and asks: keep theirs (the user's edit is
dropped, by choice), or re-apply mine on their version (a new edit on the current version,
undoable). Closing it decides nothing: the panel keeps the user's unapplied changes.

The same dialog answers a deletion of a feature changed since the map showed it (``deleting``:
keep theirs, or delete their version) and an undo or redo refused because someone changed the
feature since this session's edit (``heading`` says which step; "yours" is what it would write).
"""

from __future__ import annotations

from typing import Any

import shapely
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shapely.geometry.base import BaseGeometry

from humanops.catalog import LayerKind
from humanops.model.feature import Feature
from humanops.model.marking import Marking
from humanops.ui.i18n import current_language
from humanops.ui.panels.attribute_table import format_value

CHANGED_BY_THEM = QColor("#fff3cd")  # a row they changed
CLASH = QColor("#f8d7da")  # a row both changed, differently

KEEP_THEIRS = "keep_theirs"
REAPPLY_MINE = "reapply_mine"


def _text(value: Any, field_type: str | None = None) -> str:
    if isinstance(value, Marking):
        parts = [f"TLP:{value.tlp.value}"]
        if value.releasable_to:
            parts.append(", ".join(value.releasable_to))
        if value.caveats:
            parts.append(", ".join(value.caveats))
        return " · ".join(parts)
    return format_value(value, field_type)


class StaleEditDialog(QDialog):
    """Their version beside the user's edit; ``decided`` says which the user chose."""

    decided = Signal(str)  # KEEP_THEIRS or REAPPLY_MINE

    def __init__(self, kind: LayerKind, started_from: Feature, theirs: Feature | None, *,
                 properties: dict[str, Any] | None = None, marking: Marking | None = None,
                 geometry: BaseGeometry | None = None, deleting: bool = False, heading: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stale_edit_dialog")
        self.setWindowTitle(self.tr("Changed by someone else meanwhile"))
        self.choice: str | None = None
        lang = current_language()
        name = started_from.properties.get("name") or kind.singular_in(lang)
        if deleting and theirs is not None:
            intro = self.tr("{name} was changed by someone else after you saw it: you saw version {mine}, it is now "
                            "version {theirs}. Nothing was deleted: choose what to keep.").format(
                name=name, mine=started_from.version, theirs=theirs.version)
        elif theirs is None:
            intro = self.tr("{name} was deleted by someone else after you started editing it (you started from "
                            "version {mine}). Your changes are below; nothing was written.").format(
                name=name, mine=started_from.version)
        else:
            intro = self.tr("{name} was changed by someone else after you started editing it: you started from "
                            "version {mine}, it is now version {theirs}. Nothing was written: choose what to "
                            "keep.").format(name=name, mine=started_from.version, theirs=theirs.version)
        label = QLabel(intro, self)
        label.setObjectName("stale_intro")
        label.setWordWrap(True)
        title = QLabel(heading or "", self)
        title.setObjectName("stale_heading")
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        title.setVisible(bool(heading))
        self.table = QTableWidget(self)
        self.table.setObjectName("stale_fields")
        self.table.setColumnCount(4)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("When you started"),
                                              self.tr("Theirs (now)"), self.tr("Yours")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        rows: list[tuple[str, str, str, str, bool, bool]] = []
        mine = properties or {}
        gone = self.tr("deleted")  # what the user's deletion makes of every row
        for spec in kind.fields:
            before = started_from.properties.get(spec.name)
            now = theirs.properties.get(spec.name) if theirs is not None else None
            yours = mine.get(spec.name, before)
            they_changed = theirs is None or now != before
            if not they_changed and spec.name not in mine:
                continue  # neither touched it: not worth a row
            if deleting:
                rows.append((spec.label_in(lang), _text(before, spec.type), _text(now, spec.type) if theirs else "—",
                             gone, they_changed, they_changed))
                continue
            rows.append((spec.label_in(lang), _text(before, spec.type), _text(now, spec.type) if theirs else "—",
                         _text(yours, spec.type) if spec.name in mine else "—",  # not yours: theirs stays
                         they_changed, spec.name in mine and they_changed and yours != now))
        if geometry is not None:  # a vertex edit: both shapes, described
            they_moved = theirs is None or not started_from.geometry.equals(theirs.geometry)
            rows.append((self.tr("Geometry"), self._shape(started_from.geometry),
                         self._shape(theirs.geometry) if theirs is not None else "—", self._shape(geometry),
                         they_moved, they_moved))
        elif theirs is not None and not started_from.geometry.equals(theirs.geometry):
            rows.append((self.tr("Geometry"), self.tr("as you saw it"), self.tr("moved or reshaped"),
                         gone if deleting else self.tr("as you saw it"), True, deleting))
        if marking is not None or (theirs is not None and theirs.marking != started_from.marking):
            now_marking = theirs.marking if theirs is not None else None
            yours_marking = marking or started_from.marking
            they_marked = now_marking != started_from.marking
            rows.append((self.tr("Marking"), _text(started_from.marking), _text(now_marking) if now_marking else "—",
                         gone if deleting else _text(yours_marking), they_marked,
                         (deleting and they_marked)
                         or (marking is not None and they_marked and marking != now_marking)))
        self.table.setRowCount(len(rows))
        for r, (field, before, now, yours, they_changed, clash) in enumerate(rows):
            for c, text in enumerate((field, before, now, yours)):
                item = QTableWidgetItem(text)
                if clash:
                    item.setBackground(QBrush(CLASH))
                elif they_changed and c == 2:
                    item.setBackground(QBrush(CHANGED_BY_THEM))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(self)
        self.keep_theirs = QPushButton(self.tr("Keep theirs"), self)
        self.keep_theirs.setObjectName("stale_keep_theirs")
        self.keep_theirs.setToolTip(self.tr("Show their version; your changes are dropped"))
        self.reapply = QPushButton(self.tr("Re-apply mine on their version"), self)
        self.reapply.setObjectName("stale_reapply")
        self.reapply.setToolTip(self.tr("Store your changed fields as a new version made on theirs (Ctrl+Z undoes it)"))
        self.reapply.setEnabled(theirs is not None)
        if deleting:
            self.reapply.setText(self.tr("Delete their version"))
            self.reapply.setToolTip(self.tr("Delete the feature as they left it (Ctrl+Z undoes it)"))
        later = QPushButton(self.tr("Decide later"), self)
        later.setObjectName("stale_later")
        later.setToolTip(self.tr("Keep your changes in the panel, unapplied"))
        buttons.addButton(self.reapply, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(later, QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_theirs.clicked.connect(lambda: self._decide(KEEP_THEIRS))
        self.reapply.clicked.connect(lambda: self._decide(REAPPLY_MINE))
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640 if geometry is None else 900, 200 + 28 * len(rows))  # a shape's words are longer
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def _shape(self, geometry: BaseGeometry | None) -> str:
        """A shape in words a person can compare: its vertices and where its centre is."""
        if geometry is None or geometry.is_empty:
            return "—"
        centre = geometry.centroid
        return self.tr("%n vertices around {lat}, {lon}", "", shapely.get_num_coordinates(geometry)).format(
            lat=f"{centre.y:.5f}", lon=f"{centre.x:.5f}")  # decimal degrees, as the coordinate bar writes them

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def rows(self) -> list[list[str]]:
        return [[self.cell(r, c) for c in range(4)] for r in range(self.table.rowCount())]

    def _decide(self, choice: str) -> None:
        self.choice = choice
        self.accept()
        self.decided.emit(choice)
