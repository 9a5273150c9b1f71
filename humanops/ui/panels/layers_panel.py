"""The layers panel: one row per layer (visibility, feature count), its legend underneath
(swatches from the kind's style classes, with counts), drawing order by drag or the arrow
buttons, an opacity slider and zoom to layer.

A layer the canvas could not load (or draw) is shown FAILED: red, a warning marker instead of
its swatch, "failed to load" in its row, the reason in its tooltip, and Retry (button and
context menu). The map does not draw it as empty, and the panel must not look as if all is well.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QDropEvent, QFont, QIcon, QPainter, QPixmap
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

from humanops.store.target_reads import workspace_target
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count
from humanops.ui.symbols import SWATCH_H, SWATCH_W, legend_entries, swatch_icon
from humanops.ui.workers import Worker
from humanops.viewmodel import LayerList

if TYPE_CHECKING:
    from humanops.catalog import LayerKind
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace
    from humanops.viewmodel.layers.layer_data import LayerFailure

log = logging.getLogger(__name__)

LAYER_ROLE = Qt.ItemDataRole.UserRole + 1
CLASS_ROLE = Qt.ItemDataRole.UserRole + 2
COUNT_TEXT_ROLE = Qt.ItemDataRole.UserRole + 3  # "Danger zones (12)": the row's text while it is not failed
OTHER_ROLE = Qt.ItemDataRole.UserRole + 4  # the legend's "other" row (values of no class), whatever its language
FAILED_COLOUR = "#b00020"


@dataclass
class LayerCounts:
    """One layer's counts as the worker read them: its features, and per legend class value
    (keyed as the legend rows hold them, text) when its legend has classes; or why they
    cannot be read."""

    total: int = 0
    classes: dict[str, int] | None = None
    error: str | None = None


def read_layer_counts(path: str | Path, jobs: list[tuple[str, LayerKind, str | None]],
                      feedback: Feedback | None = None) -> dict[str, LayerCounts]:
    """The counts of each (layer, kind, class field or None) of ``jobs``, read on the calling
    (worker) thread through a read-only connection of its own. A layer whose table cannot be
    read gets its error, and the others are still counted."""
    from humanops.store.target_reads import open_reader

    counts: dict[str, LayerCounts] = {}
    with open_reader(path) as reader:  # a file or a team database
        for name, kind, class_field in jobs:
            if feedback is not None:
                feedback.check()
            try:
                total = reader.count(kind)
                by_value = reader.value_counts(kind, class_field) if class_field else None
            except Exception as exc:  # a damaged table: its row says so instead of a count
                log.exception("cannot count layer %s", name)
                counts[name] = LayerCounts(error=getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}")
                continue
            classes = None
            if by_value is not None:
                classes = {}
                for value, n in by_value.items():
                    key = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
                    classes[key] = classes.get(key, 0) + n
            counts[name] = LayerCounts(total=total, classes=classes)
    return counts


def failure_icon(dpr: float = 1.0) -> QIcon:
    """A red tag with a white "!" in a swatch's place: the same marker as the map's warning."""
    pixmap = QPixmap(round(SWATCH_W * dpr), round(SWATCH_H * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(FAILED_COLOUR))
    rect = QRectF(1, 1, SWATCH_W - 2, SWATCH_H - 2)
    painter.drawRoundedRect(rect, 3, 3)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(SWATCH_H - 4)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)


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
    """Needs a canvas with set_layer_visible / set_layer_opacity / set_layer_order / zoom_to_layer.

    Opacity is read from the canvas's layer list (humanops.viewmodel.LayerList, ``layers_model``)
    and the slider follows its events; a canvas without one keeps the panel's own copy."""

    currentLayerChanged = Signal(str)
    countsRefreshed = Signal()  # the rows show the counts just read

    def __init__(self, canvas: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.workspace: Workspace | None = None
        self._opacity: dict[str, float] = {}  # only for a canvas without a layers_model
        self._swatches: dict[str, QIcon] = {}  # a layer row's own icon, put back when it loads again
        self._count_errors: dict[str, str] = {}  # layers whose counts cannot be read
        self._count_worker: Worker | None = None  # the count in flight
        self._count_wanted: set[str] | None = set()  # layers to count after it (None: all)
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

        self.up_button = self._tool_button("▲", self.tr("Draw the selected layer higher (above others)"),
                                           lambda: self.move(-1))
        self.down_button = self._tool_button("▼", self.tr("Draw the selected layer lower"), lambda: self.move(1))
        self.zoom_button = self._tool_button(self.tr("Zoom to layer"), self.tr("Zoom the map to the selected layer"),
                                             self.zoom_to_current)
        self.retry_button = self._tool_button(self.tr("Retry"), self.tr("Read the selected layer again: it failed "
                                                                        "to load"), self.retry_current)
        self.retry_button.setObjectName("retry_layer_button")
        self.retry_button.setStyleSheet(f"color: {FAILED_COLOUR}; font-weight: bold;")
        self.opacity_label = QLabel(self.tr("Opacity"))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(100)
        self.opacity.setToolTip(self.tr("Opacity of the selected layer"))
        self.opacity.valueChanged.connect(self._opacity_changed)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.up_button, self.down_button, self.zoom_button, self.retry_button):
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
        model = self._layers_model()
        if model is not None:
            disconnect = model.opacityChanged.connect(self._model_opacity_changed)
            self.destroyed.connect(lambda *_: disconnect())
        failure_changed = getattr(canvas, "layerFailureChanged", None)
        if failure_changed is not None:
            failure_changed.connect(self._failure_changed)
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
        self._cancel_counts()
        self.workspace = workspace
        self._updating = True
        self.tree.clear()
        self._opacity.clear()
        self._swatches.clear()
        self._count_errors.clear()
        if workspace is not None:
            order = self._canvas_order(workspace)
            dpr = self.devicePixelRatioF()
            lang = current_language()
            for name in order:
                kind = workspace.kind(name)
                item = QTreeWidgetItem([kind.title_in(lang)])
                item.setData(0, LAYER_ROLE, name)
                item.setToolTip(0, kind.description_in(lang))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setCheckState(0, Qt.CheckState.Checked)
                entries = legend_entries(kind)
                if len(entries) == 1 and entries[0].value is None:
                    self._swatches[name] = swatch_icon(kind, entries[0].symbol, dpr)
                    item.setIcon(0, self._swatches[name])
                else:
                    for entry in entries:
                        child = QTreeWidgetItem([entry.label])
                        child.setIcon(0, swatch_icon(kind, entry.symbol, dpr))
                        child.setData(0, LAYER_ROLE, name)
                        child.setData(0, CLASS_ROLE, entry.value)
                        child.setData(0, OTHER_ROLE, entry.value is None)
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

    def _style_notes(self, kind: object) -> str:
        style = kind.style  # type: ignore[attr-defined]
        notes = []
        if style.size_by is not None:
            notes.append(self.tr("size: {field} (up to {value})").format(
                field=_field_words(kind, style.size_by.field), value=format_count(round(style.size_by.max_value))))
        if style.buffer_field:
            notes.append(self.tr("band: true {field}").format(field=_field_words(kind, style.buffer_field)))
        return "; ".join(notes)

    def refresh_counts(self, layer: str | None = None) -> None:
        """Count the features per layer and per legend class again (all layers, or ``layer``).

        The counting (one GROUP BY per layer: 0.1 s on 100,000 rows) runs in a worker on a
        read-only connection of its own; the rows change when it is done. Requests made while it
        runs are gathered into one more count after it (an import then an undo: two counts, not
        ten)."""
        if self.workspace is None:
            return
        if layer is None or self._count_wanted is None:
            self._count_wanted = None
        else:
            self._count_wanted.add(layer)
        if self._count_worker is None:
            self._start_count()

    def is_counting(self) -> bool:
        """True while counts are being read or wait to be (the rows may show older counts)."""
        return self._count_worker is not None

    def _start_count(self) -> None:
        ws = self.workspace
        wanted, self._count_wanted = self._count_wanted, set()
        if ws is None:
            return
        # What to count is decided here (the legend rows are the GUI's); the worker only reads.
        jobs: list[tuple[str, LayerKind, str | None]] = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            name = item.data(0, LAYER_ROLE)
            if wanted is not None and name not in wanted:
                continue
            kind = ws.kind(name)
            field = kind.style.classify_by if item.childCount() else None
            jobs.append((name, kind, field or None))
        if not jobs:
            return
        path = workspace_target(ws)
        worker = Worker(lambda feedback: read_layer_counts(path, jobs, feedback), title=self.tr("Counting features"))
        self._count_worker = worker
        # Bound methods (through partial): a panel deleted meanwhile is not called back. The workspace
        # by a weak reference: a worker's connections outlive it, and must not keep a closed one alive.
        opened = weakref.ref(ws)
        worker.succeeded.connect(partial(self._counted, worker, opened))
        worker.failed.connect(partial(self._count_failed, worker, opened, [name for name, _kind, _field in jobs]))
        worker.finished.connect(partial(self._count_ended, worker))
        worker.start()

    def _counted(self, worker: Worker, opened: weakref.ref, counts: dict[str, LayerCounts]) -> None:
        if self._count_worker is worker and self.workspace is opened():  # else superseded: another workspace
            self._show_counts(counts)

    def _count_failed(self, worker: Worker, opened: weakref.ref, names: list[str], message: str) -> None:
        if self._count_worker is worker and self.workspace is opened():
            log.warning("cannot count the layers: %s", message)
            self._show_counts({name: LayerCounts(error=message) for name in names})  # said on each row

    def _count_ended(self, worker: Worker) -> None:
        if self._count_worker is not worker:
            return
        self._count_worker = None
        if self._count_wanted is None or self._count_wanted:
            self._start_count()

    def _cancel_counts(self) -> None:
        if self._count_worker is not None:
            self._count_worker.cancel()
        self._count_worker = None
        self._count_wanted = set()

    def _show_counts(self, counts: dict[str, LayerCounts]) -> None:
        """The rows with the worker's counts (a few rows' texts: well within a frame)."""
        ws = self.workspace
        if ws is None:
            return
        lang = current_language()
        self._updating = True
        try:
            for name, counted in counts.items():
                item = self.layer_item(name)
                if item is None:
                    continue
                if counted.error is not None:  # a damaged table: the row says so instead of a count
                    self._count_errors[name] = counted.error
                    self._show_state(item)
                    continue
                self._count_errors.pop(name, None)
                kind = ws.kind(name)
                total = counted.total
                item.setData(0, COUNT_TEXT_ROLE, f"{kind.title_in(lang)} ({format_count(total)})")
                self._show_state(item)
                if counted.classes is None or item.childCount() == 0:
                    continue
                classed = 0
                other_item = None
                for j in range(item.childCount()):
                    child = item.child(j)
                    value = child.data(0, CLASS_ROLE)
                    if child.data(0, OTHER_ROLE):
                        other_item = child
                        continue
                    if value is None:
                        continue
                    n = counted.classes.get(value, 0)
                    classed += n
                    child.setText(0, f"{_legend_label(child)} ({format_count(n)})")
                if other_item is not None:
                    other_item.setText(0, f"{_legend_label(other_item)} ({format_count(total - classed)})")
        finally:
            self._updating = False
        self._set_controls_enabled()
        self.countsRefreshed.emit()

    def schedule_count_refresh(self) -> None:
        self._count_timer.start()

    # --- failed layers --------------------------------------------------------------------------
    def failure_text(self, name: str) -> str | None:
        """Why the layer is not shown as stored, as its tooltip says; None when it is."""
        failure: LayerFailure | None = getattr(self.canvas, "layer_failure", lambda _n: None)(name)
        if failure is not None:
            return failure.reason
        return self._count_errors.get(name)

    def is_failed(self, name: str) -> bool:
        return self.failure_text(name) is not None

    def _failure_changed(self, name: str) -> None:
        item = self.layer_item(name)
        if item is not None:
            self._updating = True
            try:
                self._show_state(item)
            finally:
                self._updating = False
        self._set_controls_enabled()

    def _show_state(self, item: QTreeWidgetItem) -> None:
        """The row as the layer is: its count and swatch, or FAILED with the reason."""
        name = item.data(0, LAYER_ROLE)
        ws = self.workspace
        lang = current_language()
        title = ws.kind(name).title_in(lang) if ws is not None else name
        failure: LayerFailure | None = getattr(self.canvas, "layer_failure", lambda _n: None)(name)
        reason = self.failure_text(name)
        if reason is None:
            item.setText(0, item.data(0, COUNT_TEXT_ROLE) or title)
            item.setIcon(0, self._swatches.get(name, QIcon()))
            item.setData(0, Qt.ItemDataRole.ForegroundRole, None)  # the theme's, as before the failure
            item.setData(0, Qt.ItemDataRole.FontRole, None)
            item.setToolTip(0, ws.kind(name).description_in(lang) if ws is not None else "")
            return
        drawn = failure is not None and failure.stage == "draw"
        state = self.tr("failed to draw") if drawn else self.tr("failed to load")
        item.setText(0, self.tr("{title} — {state}").format(title=title, state=state))
        item.setIcon(0, failure_icon(self.devicePixelRatioF()))
        item.setForeground(0, QBrush(QColor(FAILED_COLOUR)))
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setToolTip(0, self.tr(
            "FAILED: {title} {state}.\nReason: {reason}\n\nThe map is missing or out of date for this layer: "
            "no {title_lower} on the map does not mean there are none.\nRight-click → Retry loading, or the "
            "Retry button below. The log has the details.").format(
                title=title, state=state, reason=reason, title_lower=title.lower()))

    def retry_current(self) -> None:
        name = self.current_layer()
        if name:
            self.retry(name)

    def retry(self, name: str) -> None:
        """Read the layer again (the canvas reports the outcome; the counts are re-read too)."""
        item = self.layer_item(name)
        if item is not None and self.is_failed(name):
            self._updating = True
            item.setText(0, self.tr("{title} — retrying…").format(
                title=self.workspace.kind(name).title_in(current_language()) if self.workspace is not None else name))
            self._updating = False
        retry = getattr(self.canvas, "retry_layer", None)
        if retry is not None:
            retry(name)
        self.refresh_counts(name)

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

    def _layers_model(self) -> LayerList | None:
        model = getattr(self.canvas, "layers_model", None)
        return model if isinstance(model, LayerList) else None

    def opacity_of(self, name: str) -> float:
        model = self._layers_model()
        return model.opacity(name) if model is not None else self._opacity.get(name, 1.0)

    def _model_opacity_changed(self, name: str, opacity: float) -> None:
        # Set elsewhere (a script, a replay): the slider shows the current layer's opacity.
        if name == self.current_layer() and self.opacity.value() != round(opacity * 100):
            self._updating = True
            self.opacity.setValue(round(opacity * 100))
            self._updating = False

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
        name = self.current_layer()
        self.retry_button.setVisible(bool(name) and self.is_failed(name))

    def _opacity_changed(self, value: int) -> None:
        name = self.current_layer()
        if self._updating or not name:
            return
        if self._layers_model() is None:
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
        if self.is_failed(name):
            retry = QAction(self.tr("Retry loading"), menu)
            retry.setObjectName("retry_layer_action")
            retry.triggered.connect(lambda: self.retry(name))
            menu.addAction(retry)
            menu.addSeparator()
        zoom = QAction(self.tr("Zoom to layer"), menu)
        zoom.triggered.connect(lambda: self.canvas.zoom_to_layer(name))
        menu.addAction(zoom)
        up = QAction(self.tr("Move up"), menu)
        up.triggered.connect(lambda: self.move(-1))
        down = QAction(self.tr("Move down"), menu)
        down.triggered.connect(lambda: self.move(1))
        menu.addAction(up)
        menu.addAction(down)
        menu.exec(self.tree.viewport().mapToGlobal(position))
        menu.deleteLater()


def _legend_label(row: QTreeWidgetItem) -> str:
    """A legend row's label without the count the panel put after it."""
    return row.text(0).rsplit(" (", 1)[0]


def _field_words(kind: object, name: str) -> str:
    """A field as the legend's notes name it: its label in the UI's language; in English the words
    of its name ("width" for width_m), as the kind files give no English label of their own."""
    lang = current_language()
    if lang == "en":
        return name.removesuffix("_m").replace("_", " ")
    return kind.field(name).label_in(lang).lower()  # type: ignore[attr-defined]
