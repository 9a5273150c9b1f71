"""The layers panel: one row per layer (visibility, feature count), its legend underneath
(swatches from the kind's style classes, with counts), drawing order by drag or the arrow
buttons, an opacity slider and zoom to layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSlider,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.symbols import SWATCH_H, SWATCH_W, legend_entries, swatch_icon

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

LAYER_ROLE = Qt.ItemDataRole.UserRole + 1
CLASS_ROLE = Qt.ItemDataRole.UserRole + 2


class _LayerTree(QTreeWidget):
    """Top-level rows reorder by drag and drop; legend rows stay with their layer."""

    orderChanged = Signal()

    def dropEvent(self, event: QDropEvent) -> None:
        expanded = {self.topLevelItem(i).data(0, LAYER_ROLE): self.topLevelItem(i).isExpanded()
                    for i in range(self.topLevelItemCount())}
        super().dropEvent(event)
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            item.setExpanded(expanded.get(item.data(0, LAYER_ROLE), True))
        self.orderChanged.emit()


class LayersPanel(QWidget):
    """Needs a canvas with set_layer_visible / set_layer_opacity / set_layer_order / zoom_to_layer."""

    currentLayerChanged = Signal(str)

    def __init__(self, canvas: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.workspace: Workspace | None = None
        self._opacity: dict[str, float] = {}
        self._updating = False

        self.tree = _LayerTree(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setIndentation(14)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setIconSize(QSize(SWATCH_W, SWATCH_H))
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.orderChanged.connect(self._apply_order)

        self.up_button = self._tool_button("▲", "Draw the selected layer higher (above others)", lambda: self.move(-1))
        self.down_button = self._tool_button("▼", "Draw the selected layer lower", lambda: self.move(1))
        self.zoom_button = self._tool_button("Zoom to layer", "Zoom the map to the selected layer",
                                             self.zoom_to_current)
        self.opacity_label = QLabel("Opacity")
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(100)
        self.opacity.setToolTip("Opacity of the selected layer")
        self.opacity.valueChanged.connect(self._opacity_changed)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.up_button, self.down_button, self.zoom_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        opacity_row = QHBoxLayout()
        opacity_row.setContentsMargins(0, 0, 0, 0)
        opacity_row.addWidget(self.opacity_label)
        opacity_row.addWidget(self.opacity, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addLayout(opacity_row)
        self._count_timer = QTimer(self, singleShot=True, interval=150)
        self._count_timer.timeout.connect(self.refresh_counts)
        self._set_controls_enabled()

    def _tool_button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # --- building ---------------------------------------------------------------------------
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self._updating = True
        self.tree.clear()
        self._opacity.clear()
        if workspace is not None:
            order = self._canvas_order(workspace)
            dpr = self.devicePixelRatioF()
            for name in order:
                kind = workspace.kind(name)
                item = QTreeWidgetItem([kind.title])
                item.setData(0, LAYER_ROLE, name)
                item.setToolTip(0, kind.description)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setCheckState(0, Qt.CheckState.Checked)
                entries = legend_entries(kind)
                if len(entries) == 1 and entries[0].value is None:
                    item.setIcon(0, swatch_icon(kind, entries[0].symbol, dpr))
                else:
                    for entry in entries:
                        child = QTreeWidgetItem([entry.label])
                        child.setIcon(0, swatch_icon(kind, entry.symbol, dpr))
                        child.setData(0, LAYER_ROLE, name)
                        child.setData(0, CLASS_ROLE, entry.value)
                        child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                        item.addChild(child)
                notes = self._style_notes(kind)
                if notes:
                    note = QTreeWidgetItem([notes])
                    note.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    note.setForeground(0, self.palette().placeholderText())
                    item.addChild(note)
                self.tree.addTopLevelItem(item)
                # Roads are a base network with many classes: keep its legend folded.
                item.setExpanded(name != "road")
        self._updating = False
        self.refresh_counts()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._set_controls_enabled()

    def _canvas_order(self, workspace: Workspace) -> list[str]:
        """Top of the list is drawn on top: the reverse of the canvas's bottom-up order."""
        names = list(getattr(self.canvas, "layer_names", lambda: [])() or [])
        names = [n for n in names if n in workspace.catalog] or workspace.layers()
        names += [n for n in workspace.layers() if n not in names]
        return list(reversed(names))

    @staticmethod
    def _style_notes(kind: object) -> str:
        style = kind.style  # type: ignore[attr-defined]
        notes = []
        if style.size_by is not None:
            notes.append(f"size: {style.size_by.field.replace('_', ' ')} (up to {style.size_by.max_value:,.0f})")
        if style.buffer_field:
            notes.append(f"band: true {style.buffer_field.replace('_m', '').replace('_', ' ')}")
        return "; ".join(notes)

    def refresh_counts(self, layer: str | None = None) -> None:
        """Feature counts per layer and per legend class (one GROUP BY per layer)."""
        ws = self.workspace
        if ws is None:
            return
        self._updating = True
        try:
            for i in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(i)
                name = item.data(0, LAYER_ROLE)
                if layer is not None and name != layer:
                    continue
                kind = ws.kind(name)
                total = ws.count(name)
                item.setText(0, f"{kind.title} ({total:,})")
                field = kind.style.classify_by
                if not field or item.childCount() == 0:
                    continue
                counts: dict[str, int] = {}
                for value, n in ws.value_counts(name, field).items():
                    key = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
                    counts[key] = n
                classed = 0
                other_item = None
                for j in range(item.childCount()):
                    child = item.child(j)
                    value = child.data(0, CLASS_ROLE)
                    label = child.text(0).rsplit(" (", 1)[0]
                    if value is None and child.flags() & Qt.ItemFlag.ItemIsEnabled and label == "other":
                        other_item = child
                        continue
                    if value is None:
                        continue
                    n = counts.get(value, 0)
                    classed += n
                    child.setText(0, f"{label} ({n:,})")
                if other_item is not None:
                    other_item.setText(0, f"other ({total - classed:,})")
        finally:
            self._updating = False

    def schedule_count_refresh(self) -> None:
        self._count_timer.start()

    # --- state --------------------------------------------------------------------------------
    def layer_order(self) -> list[str]:
        """Layer names from the top of the list (drawn last) to the bottom."""
        return [self.tree.topLevelItem(i).data(0, LAYER_ROLE) for i in range(self.tree.topLevelItemCount())]

    def layer_item(self, name: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, LAYER_ROLE) == name:
                return item
        return None

    def is_visible(self, name: str) -> bool:
        item = self.layer_item(name)
        return item is not None and item.checkState(0) == Qt.CheckState.Checked

    def set_visible(self, name: str, visible: bool) -> None:
        item = self.layer_item(name)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def current_layer(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, LAYER_ROLE)

    def set_current_layer(self, name: str) -> None:
        item = self.layer_item(name)
        if item is not None:
            self.tree.setCurrentItem(item)

    def opacity_of(self, name: str) -> float:
        return self._opacity.get(name, 1.0)

    # --- reactions ------------------------------------------------------------------------------
    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or item.parent() is not None:
            return
        self.canvas.set_layer_visible(item.data(0, LAYER_ROLE), item.checkState(0) == Qt.CheckState.Checked)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self._set_controls_enabled()
        name = None if current is None else current.data(0, LAYER_ROLE)
        if name:
            self._updating = True
            self.opacity.setValue(round(self.opacity_of(name) * 100))
            self._updating = False
            self.currentLayerChanged.emit(name)

    def _set_controls_enabled(self) -> None:
        has = self.tree.currentItem() is not None
        for widget in (self.up_button, self.down_button, self.zoom_button, self.opacity):
            widget.setEnabled(has)

    def _opacity_changed(self, value: int) -> None:
        name = self.current_layer()
        if self._updating or not name:
            return
        self._opacity[name] = value / 100
        self.canvas.set_layer_opacity(name, value / 100)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.canvas.zoom_to_layer(item.data(0, LAYER_ROLE))

    def zoom_to_current(self) -> None:
        name = self.current_layer()
        if name:
            self.canvas.zoom_to_layer(name)

    def move(self, step: int) -> None:
        """Move the current layer up (-1) or down (+1) the drawing order."""
        item = self.tree.currentItem()
        if item is None:
            return
        if item.parent() is not None:
            item = item.parent()
        index = self.tree.indexOfTopLevelItem(item)
        target = index + step
        if not 0 <= target < self.tree.topLevelItemCount():
            return
        expanded = item.isExpanded()
        self._updating = True
        self.tree.takeTopLevelItem(index)
        self.tree.insertTopLevelItem(target, item)
        item.setExpanded(expanded)
        self._updating = False
        self.tree.setCurrentItem(item)
        self._apply_order()

    def _apply_order(self) -> None:
        # The canvas takes the order bottom-up (first drawn first).
        self.canvas.set_layer_order(list(reversed(self.layer_order())))

    def _context_menu(self, position: object) -> None:
        item = self.tree.itemAt(position)
        if item is None:
            return
        name = item.data(0, LAYER_ROLE)
        self.tree.setCurrentItem(item.parent() or item)
        menu = QMenu(self)
        zoom = QAction("Zoom to layer", menu)
        zoom.triggered.connect(lambda: self.canvas.zoom_to_layer(name))
        menu.addAction(zoom)
        up = QAction("Move up", menu)
        up.triggered.connect(lambda: self.move(-1))
        down = QAction("Move down", menu)
        down.triggered.connect(lambda: self.move(1))
        menu.addAction(up)
        menu.addAction(down)
        menu.exec(self.tree.viewport().mapToGlobal(position))
        menu.deleteLater()
