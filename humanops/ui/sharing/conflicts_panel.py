"""The Conflicts panel: features two partners changed concurrently, each with both versions
side by side (the fields that differ highlighted), a way to find it on the map, and the
decision — keep mine or keep theirs — made through ``humanops.sharing.conflicts``, which
stores it as a new version so the next exchange carries it to everyone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shapely
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE

if TYPE_CHECKING:
    from humanops.ui.main_window import MainWindow

DIFFERS = QColor("#ffe9a8")
_MARKING = ("tlp", "releasable_to", "caveats", "expires", "precision")


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _geometry_text(hex_wkb: str | None) -> str:
    if not hex_wkb:
        return "—"
    try:
        geometry = shapely.from_wkb(hex_wkb)
    except Exception:  # a record we cannot read: show that, do not fail the panel
        return "unreadable geometry"
    centre = geometry.centroid if geometry.geom_type != "Point" else geometry
    n = shapely.get_num_coordinates(geometry)
    where = f"{centre.y:.5f}° N, {centre.x:.5f}° E"
    return f"{geometry.geom_type} at {where}" + (f" ({n} vertices)" if n > 1 else "")


def comparison_rows(conflict: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """(field, mine, theirs, differs) for everything a user decides on."""
    mine = conflict["local_feature"] or {}
    theirs = conflict["incoming_feature"] or {}
    rows: list[tuple[str, str, str, bool]] = []

    def add(label: str, a: Any, b: Any) -> None:
        ta, tb = _text(a), _text(b)
        rows.append((label, ta, tb, ta != tb))

    add("version", mine.get("version"), theirs.get("version"))
    add("modified", mine.get("modified"), theirs.get("modified"))
    add("deleted", bool(mine.get("deleted")), bool(theirs.get("deleted")))
    props_a, props_b = mine.get("properties") or {}, theirs.get("properties") or {}
    for name in list(dict.fromkeys([*props_a, *props_b])):
        add(name, props_a.get(name), props_b.get(name))
    geo_a, geo_b = mine.get("geometry"), theirs.get("geometry")
    ta, tb = _geometry_text(geo_a), _geometry_text(geo_b)
    rows.append(("geometry", ta, tb, _geometry_differs(geo_a, geo_b)))
    marking_a, marking_b = mine.get("marking") or {}, theirs.get("marking") or {}
    for name in _MARKING:
        add(f"marking: {name}", marking_a.get(name), marking_b.get(name))
    return rows


def _geometry_differs(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return bool(a) != bool(b)
    try:
        return not shapely.equals_exact(shapely.from_wkb(a), shapely.from_wkb(b), 1e-9)
    except Exception:
        return a != b


class ConflictsPanel(QWidget):
    """``resolved(layer, uuid)`` after a decision was stored."""

    resolved = Signal(str, str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("conflicts_panel")
        self.window_ = window
        self.conflicts: list[dict[str, Any]] = []
        self.list = QListWidget(self)
        self.list.setObjectName("conflict_list")
        self.list.currentRowChanged.connect(self._show_current)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("conflict_versions")
        self.table.setHorizontalHeaderLabels(["Field", "Mine", "Theirs"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.table)
        splitter.setSizes([120, 320])
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.select_button = QPushButton("Select on map", self)
        self.mine_button = QPushButton("Keep mine", self)
        self.mine_button.setObjectName("keep_mine")
        self.theirs_button = QPushButton("Keep theirs", self)
        self.theirs_button.setObjectName("keep_theirs")
        self.select_button.clicked.connect(self.select_on_map)
        self.mine_button.clicked.connect(lambda: self.keep("mine"))
        self.theirs_button.clicked.connect(lambda: self.keep("theirs"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mine_button)
        buttons.addWidget(self.theirs_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.refresh()

    # --- the list ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        from humanops.sharing.conflicts import list_conflicts

        workspace = self.window_.workspace
        current = self.current()
        keep_id = current["id"] if current else None
        try:
            self.conflicts = list_conflicts(workspace) if workspace is not None else []
        except HumanOpsError as exc:
            self.conflicts = []
            self._say(exc.message, ERROR_STYLE)
        self.list.blockSignals(True)
        self.list.clear()
        titles = {k.name: k.title for k in workspace.catalog} if workspace is not None else {}
        row_to_select = 0
        for row, conflict in enumerate(self.conflicts):
            mine = conflict["local_feature"] or {}
            theirs = conflict["incoming_feature"] or {}
            name = (theirs.get("properties") or {}).get("name") or (mine.get("properties") or {}).get("name") \
                or conflict["uuid"][:8]
            differs = [label for label, _, _, d in comparison_rows(conflict) if d
                       and label not in ("version", "modified")]
            item = QListWidgetItem(f"{titles.get(conflict['layer'], conflict['layer'])}: {name} — from "
                                   f"{conflict['sender']}; differs: {', '.join(differs) or 'history only'}",
                                   self.list)
            item.setToolTip(f"{conflict['layer']} {conflict['uuid']}, detected {conflict['detected_at']}, "
                            f"package {conflict['package_id']}")
            if conflict["id"] == keep_id:
                row_to_select = row
        self.list.blockSignals(False)
        if self.conflicts:
            self.list.setCurrentRow(row_to_select)
        self._show_current()
        if not self.conflicts and workspace is not None:
            self._say("No open conflicts: every received change merged cleanly.")

    def current(self) -> dict[str, Any] | None:
        row = self.list.currentRow() if hasattr(self, "list") else -1
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show_current(self, *_args: object) -> None:
        conflict = self.current()
        self.table.setRowCount(0)
        for button in (self.select_button, self.mine_button, self.theirs_button):
            button.setEnabled(conflict is not None)
        if conflict is None:
            return
        rows = comparison_rows(conflict)
        mine_version = (conflict["local_feature"] or {}).get("version")
        self.table.setHorizontalHeaderLabels(["Field", f"Mine (v{mine_version})",
                                              f"Theirs, from {conflict['sender']} (v{conflict['incoming_version']})"])
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (label, mine, theirs, differs) in enumerate(rows):
            for c, text in enumerate((label, mine, theirs)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if differs:
                    cell.setBackground(QBrush(DIFFERS))
                    cell.setFont(bold)
                cell.setData(Qt.ItemDataRole.UserRole, differs)
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()
        self._say("Highlighted: what differs. Keeping a version stores it as a new version above both; your "
                  "partners receive your decision with the next package.")

    def differing_fields(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())
                if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)]

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    # --- actions -------------------------------------------------------------------------------------
    def select_on_map(self) -> None:
        conflict = self.current()
        window = self.window_
        if conflict is None or window.workspace is None:
            return
        if window.workspace.find_feature(conflict["layer"], conflict["uuid"]) is None:
            self._say("Your version is a deletion: there is nothing of it on the map.")
            return
        window.canvas.select(conflict["layer"], [conflict["uuid"]])
        window.canvas.zoom_to_selection()

    def keep(self, which: str) -> None:
        from humanops.sharing.conflicts import resolve_conflict

        conflict = self.current()
        window = self.window_
        if conflict is None or window.workspace is None:
            return
        try:
            outcome = resolve_conflict(window.workspace, conflict["id"], which)
        except HumanOpsError as exc:
            self._say(f"Not resolved: {exc.message}", ERROR_STYLE)
            return
        self.refresh()
        self._say(f"Kept {which} for {conflict['layer']} {conflict['uuid'][:8]}… as version {outcome['version']}.",
                  OK_STYLE)
        self.resolved.emit(conflict["layer"], conflict["uuid"])
