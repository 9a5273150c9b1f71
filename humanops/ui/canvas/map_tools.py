"""Map tools: what a click, a drag or a key does on the canvas.

A tool gets mouse events in map coordinates (EPSG:3857, with the pixel position beside) and
paints its own overlay (rubber bands, vertex handles, snapping marks) over the map. Drawing
tools emit the canvas's ``geometryDrawn(layer, geometry in EPSG:4326)`` and never write to
the workspace: the main window turns a drawing into a feature (form, marking, undo stack).
Keys while drawing: Esc cancels, Backspace removes the last vertex, Enter or a double click
finishes. Every new vertex snaps to nearby vertices of visible layers, then to roads.

Picking (select and identify): of the features stacked under a click, the active layer's come
first, then markers, then areas the click is inside, then lines crossing them
(``hit_testing.features_at``); clicking again at the same place picks the next one, and a
right-click (or Alt+click) lists them all in a "Select…" menu.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QMenu

from humanops.ui.canvas.qt_geometry import area_paths, line_paths, polyline_path
from humanops.ui.canvas.stamps import SELECTION_COLOUR
from humanops.viewmodel.hit_testing import PickCycle, prefer_layer
from humanops.viewmodel.layers.layer_data import metric_buffers
from humanops.viewmodel.map_view import MapView, map_to_lonlat, project_geometries, unproject_geometry
from humanops.viewmodel.snapping import SnapResult
from humanops.viewmodel.vertex_edits import insert_vertex, move_vertex, remove_vertex, same_ring

if TYPE_CHECKING:
    from humanops.ui.canvas.map_canvas import MapCanvas

CLICK_TOLERANCE_PX = 4.0
DRAG_THRESHOLD_PX = 4.0
SAME_VERTEX_PX = 2.0  # a click this close to the last vertex adds nothing (double clicks)
HANDLE_PX = 8.0
RUBBER = QColor("#d6336c")  # magenta: unlike any layer style
SNAP_MARK = QColor("#ff00ff")


@dataclass(frozen=True)
class MapMouseEvent:
    x: float  # map CRS (EPSG:3857)
    y: float
    px: float  # widget pixels
    py: float
    button: Qt.MouseButton
    buttons: Qt.MouseButton
    modifiers: Qt.KeyboardModifier

    def lonlat(self) -> tuple[float, float]:
        lon, lat = map_to_lonlat(self.x, self.y)
        return float(lon), float(lat)


class MapTool(QObject):
    """Base: does nothing. Subclasses override the event methods they need."""

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.ArrowCursor)

    def activate(self) -> None:
        pass

    def deactivate(self) -> None:
        self.cancel()

    def press(self, event: MapMouseEvent) -> None:
        pass

    def move(self, event: MapMouseEvent) -> None:
        pass

    def release(self, event: MapMouseEvent) -> None:
        pass

    def double_click(self, event: MapMouseEvent) -> None:
        pass

    def key_press(self, event: QKeyEvent) -> bool:
        """True if the tool used the key (the canvas then ignores it)."""
        return False

    def leave(self) -> None:
        pass

    def cancel(self) -> None:
        pass

    def is_drawing(self) -> bool:
        return False

    def paint(self, painter: QPainter, view: MapView) -> None:
        pass


class PanTool(MapTool):
    """Drag to pan (the canvas's default tool)."""

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self._last: tuple[float, float] | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.OpenHandCursor)

    def press(self, event: MapMouseEvent) -> None:
        if event.button == Qt.MouseButton.LeftButton:
            self._last = (event.px, event.py)
            self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event: MapMouseEvent) -> None:
        if self._last is not None:
            dx, dy = event.px - self._last[0], event.py - self._last[1]
            self._last = (event.px, event.py)
            self.canvas.pan_by_pixels(dx, dy)

    def release(self, event: MapMouseEvent) -> None:
        if self._last is not None:
            self._last = None
            self.canvas.setCursor(self.cursor())
            self.canvas.refresh_all()

    def cancel(self) -> None:
        self._last = None


class _PickingTool(MapTool):
    """A click picks one of the features under the cursor (see the module's docstring);
    ``picked(layer, uuid, place, count)`` says which, its place among the ``count`` there.
    ``active_layer()`` names the layer chosen in the Layers panel; ``describe(layer, uuid)``
    how the Select… menu names a feature."""

    picked = Signal(str, str, int, int)

    def __init__(self, canvas: MapCanvas, tolerance_px: float = CLICK_TOLERANCE_PX, *,
                 active_layer: Callable[[], str | None] | None = None,
                 describe: Callable[[str, str], str] | None = None) -> None:
        super().__init__(canvas)
        self.tolerance_px = tolerance_px
        self.active_layer = active_layer
        self.describe = describe or (lambda layer, uuid: f"{layer} {uuid[:8]}")
        self.cycle = PickCycle()
        self.menu: QMenu | None = None

    def hits_at(self, event: MapMouseEvent) -> list[tuple[str, str]]:
        """The features under the event, in the order clicks pick them."""
        hits = self.canvas.features_at(event.px, event.py, self.tolerance_px)
        return prefer_layer(hits, self.active_layer() if self.active_layer is not None else None)

    def _selected_one(self) -> tuple[str, str] | None:
        items = [(layer, uuid) for layer, uuids in self.canvas.selection().items() for uuid in uuids]
        return items[0] if len(items) == 1 else None

    def pick(self, event: MapMouseEvent) -> tuple[str, str] | None:
        """The feature a plain click at the event picks (the next one when clicked again)."""
        hits = self.hits_at(event)
        index = self.cycle.pick(hits, event.x, event.y, self.canvas.view().resolution, self._selected_one())
        if index is None:
            return None
        self.picked.emit(hits[index][0], hits[index][1], index + 1, len(hits))
        return hits[index]

    def wants_menu(self, event: MapMouseEvent) -> bool:
        return event.button == Qt.MouseButton.RightButton or (
            event.button == Qt.MouseButton.LeftButton and bool(event.modifiers & Qt.KeyboardModifier.AltModifier))

    def show_menu(self, event: MapMouseEvent) -> QMenu | None:
        """The Select… menu of every feature under the event (none if nothing is there)."""
        hits = self.hits_at(event)
        if not hits:
            return None
        if self.menu is None:
            self.menu = QMenu(self.canvas)
            self.menu.setObjectName("pick_menu")
        menu = self.menu
        menu.clear()
        title = QCoreApplication.translate("MapTools", "Select…")  # one context for both picking tools
        menu.setTitle(title)
        header = menu.addAction(title)
        header.setEnabled(False)
        current = self._selected_one()
        for index, hit in enumerate(hits):
            action = menu.addAction(self.describe(*hit))
            action.setCheckable(True)
            action.setChecked(hit == current)
            action.triggered.connect(lambda _=False, index=index: self._menu_chose(hits, index, event))
        menu.setActiveAction(menu.actions()[1])
        menu.popup(self.canvas.mapToGlobal(QPoint(round(event.px), round(event.py))))
        return menu

    def _menu_chose(self, hits: list[tuple[str, str]], index: int, event: MapMouseEvent) -> None:
        self.cycle.chose(hits, index, event.x, event.y)
        self.picked.emit(hits[index][0], hits[index][1], index + 1, len(hits))
        self.choose(*hits[index])

    def choose(self, layer: str, uuid: str) -> None:
        """What picking a feature does (subclasses)."""

    def cancel(self) -> None:
        if self.menu is not None:
            self.menu.hide()


class SelectTool(_PickingTool):
    """Click selects a feature under the cursor, a drag selects what a rectangle touches.
    Shift adds to the selection, Ctrl toggles; a click on nothing clears."""

    def __init__(self, canvas: MapCanvas, tolerance_px: float = CLICK_TOLERANCE_PX, *,
                 active_layer: Callable[[], str | None] | None = None,
                 describe: Callable[[str, str], str] | None = None) -> None:
        super().__init__(canvas, tolerance_px, active_layer=active_layer, describe=describe)
        self._start: tuple[float, float] | None = None
        self._end: tuple[float, float] | None = None

    def press(self, event: MapMouseEvent) -> None:
        if event.button == Qt.MouseButton.LeftButton and not self.wants_menu(event):
            self._start = self._end = (event.px, event.py)

    def move(self, event: MapMouseEvent) -> None:
        if self._start is not None:
            self._end = (event.px, event.py)
            self.canvas.update()

    def release(self, event: MapMouseEvent) -> None:
        if self.wants_menu(event):
            self._start = self._end = None
            self.show_menu(event)
            return
        if self._start is None or event.button != Qt.MouseButton.LeftButton:
            return
        start, self._start, self._end = self._start, None, None
        mode = _selection_mode(event.modifiers)
        if max(abs(event.px - start[0]), abs(event.py - start[1])) > DRAG_THRESHOLD_PX:
            picked = self.canvas.features_in_rect(start[0], start[1], event.px, event.py)
        elif mode == "replace":
            hit = self.pick(event)
            picked = {hit[0]: {hit[1]}} if hit else {}
        else:
            hits = self.hits_at(event)
            picked = {hits[0][0]: {hits[0][1]}} if hits else {}
        if picked or mode == "replace":
            self.canvas.apply_selection(picked, mode)
        self.canvas.update()

    def choose(self, layer: str, uuid: str) -> None:
        self.canvas.apply_selection({layer: {uuid}}, "replace")

    def cancel(self) -> None:
        super().cancel()
        self._start = self._end = None

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self._start is not None:
            self.cancel()
            self.canvas.update()
            return True
        return False

    def paint(self, painter: QPainter, view: MapView) -> None:
        if self._start is None or self._end is None:
            return
        rect = QRectF(QPointF(*self._start), QPointF(*self._end)).normalized()
        if max(rect.width(), rect.height()) <= DRAG_THRESHOLD_PX:
            return
        painter.save()
        painter.setPen(QPen(QColor("#0b5394"), 1.0, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(11, 83, 148, 40))
        painter.drawRect(rect)
        painter.restore()


def _selection_mode(modifiers: Qt.KeyboardModifier) -> str:
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        return "toggle"
    if modifiers & Qt.KeyboardModifier.ShiftModifier:
        return "add"
    return "replace"


class IdentifyTool(_PickingTool):
    """Click a feature to identify it: the canvas emits ``featureIdentified(layer, uuid)``."""

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.WhatsThisCursor)

    def release(self, event: MapMouseEvent) -> None:
        if self.wants_menu(event):
            self.show_menu(event)
            return
        if event.button != Qt.MouseButton.LeftButton:
            return
        hit = self.pick(event)
        if hit:
            self.choose(*hit)

    def choose(self, layer: str, uuid: str) -> None:
        self.canvas.featureIdentified.emit(layer, uuid)


# --- drawing ----------------------------------------------------------------------------------
class _DrawTool(MapTool):
    """Collects vertices (map CRS, snapped) and draws the rubber band."""

    minimum_vertices = 1

    def __init__(self, canvas: MapCanvas, layer: str) -> None:
        super().__init__(canvas)
        self.layer = layer
        self.vertices: list[tuple[float, float]] = []
        self._hover: SnapResult | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.CrossCursor)

    def is_drawing(self) -> bool:
        return bool(self.vertices)

    def points(self) -> list[tuple[float, float]]:
        """The vertices so far, lon/lat."""
        if not self.vertices:
            return []
        xy = np.array(self.vertices)
        lon, lat = map_to_lonlat(xy[:, 0], xy[:, 1])
        return list(zip(lon.tolist(), lat.tolist(), strict=True))

    def _snapped(self, event: MapMouseEvent) -> SnapResult:
        return self.canvas.snap(event.x, event.y)

    def _add(self, point: SnapResult) -> None:
        if self.vertices:
            lx, ly = self.canvas.to_pixel(*self.vertices[-1])
            px, py = self.canvas.to_pixel(point.x, point.y)
            if abs(px - lx) <= SAME_VERTEX_PX and abs(py - ly) <= SAME_VERTEX_PX:
                return
        self.vertices.append((point.x, point.y))

    def press(self, event: MapMouseEvent) -> None:
        if event.button == Qt.MouseButton.LeftButton:
            self._add(self._snapped(event))
            if self.minimum_vertices == 1:
                self.finish()
            self.canvas.update()

    def move(self, event: MapMouseEvent) -> None:
        self._hover = self._snapped(event)
        self.canvas.update()

    def double_click(self, event: MapMouseEvent) -> None:
        if event.button == Qt.MouseButton.LeftButton:
            self._add(self._snapped(event))
            self.finish()

    def leave(self) -> None:
        self._hover = None
        self.canvas.update()

    def key_press(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.vertices:
            self.cancel()
            return True
        if key == Qt.Key.Key_Backspace and self.vertices:
            self.vertices.pop()
            self.canvas.update()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.vertices:
            self.finish()
            return True
        return False

    def cancel(self) -> None:
        self.vertices = []
        self.canvas.update()

    def geometry(self) -> shapely.Geometry | None:
        """The drawing as it would be finished now (map CRS), None if too few vertices."""
        raise NotImplementedError

    def finish(self) -> bool:
        """Emit the drawing (EPSG:4326) if it has enough vertices; False if not."""
        geometry = self.geometry()
        if geometry is None:
            return False
        self.vertices = []
        self.canvas.update()
        self.canvas.geometryDrawn.emit(self.layer, unproject_geometry(geometry))
        return True

    def _pixels(self, view: MapView, with_hover: bool = True) -> np.ndarray:
        points = list(self.vertices)
        if with_hover and self._hover is not None and points:
            points.append((self._hover.x, self._hover.y))
        if not points:
            return np.empty((0, 2))
        xy = np.array(points)
        px, py = view.to_pixel(xy[:, 0], xy[:, 1])
        return np.column_stack([px, py])

    def _paint_vertices(self, painter: QPainter, pixels: np.ndarray) -> None:
        painter.setPen(QPen(QColor("#000000"), 1.0))
        painter.setBrush(QColor("#ffffff"))
        for x, y in pixels[: len(self.vertices)].tolist():
            painter.drawRect(QRectF(x - 3, y - 3, 6, 6))

    def _paint_snap(self, painter: QPainter, view: MapView) -> None:
        if self._hover is None or not self._hover.snapped:
            return
        px, py = view.to_pixel(self._hover.x, self._hover.y)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(SNAP_MARK, 2.0))
        if self._hover.kind == "vertex":
            painter.drawRect(QRectF(float(px) - 6, float(py) - 6, 12, 12))
        else:
            painter.drawEllipse(QPointF(float(px), float(py)), 6, 6)


class DrawPointTool(_DrawTool):
    """A click places a point (a need, a facility, an incident)."""

    def geometry(self) -> shapely.Geometry | None:
        return shapely.Point(self.vertices[-1]) if self.vertices else None

    def paint(self, painter: QPainter, view: MapView) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_snap(painter, view)
        painter.restore()


class DrawLineTool(_DrawTool):
    """Click along a route, double-click or Enter to finish. A corridor shows its band at its
    true width (metres, buffered in UTM) while it is drawn; ``width_m`` sets it (the main
    window passes the kind's default width as ``buffer_m``; both name the full width)."""

    minimum_vertices = 2

    def __init__(self, canvas: MapCanvas, layer: str = "corridor", width_m: float | None = None, *,
                 buffer_m: float | None = None) -> None:
        super().__init__(canvas, layer)
        self.width_m = width_m if width_m is not None else buffer_m
        self._band_cache: tuple[tuple, shapely.Geometry | None] | None = None

    def set_width_m(self, width_m: float | None) -> None:
        self.width_m = width_m
        self.canvas.update()

    def geometry(self) -> shapely.Geometry | None:
        return shapely.LineString(self.vertices) if len(self.vertices) >= 2 else None

    def band(self, with_hover: bool = True) -> shapely.Geometry | None:
        """The corridor's band as drawn so far (map CRS), None without a width."""
        points = list(self.vertices)
        if with_hover and self._hover is not None and points:
            points.append((self._hover.x, self._hover.y))
        if not self.width_m or len(points) < 2:
            return None
        key = (tuple(points), self.width_m)
        if self._band_cache is None or self._band_cache[0] != key:
            line = unproject_geometry(shapely.LineString(points))
            band = metric_buffers(np.array([line], dtype=object), np.array([float(self.width_m)]))[0]
            self._band_cache = (key, band)
        return self._band_cache[1]

    def paint(self, painter: QPainter, view: MapView) -> None:
        pixels = self._pixels(view)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        band = self.band()
        if band is not None:
            painter.setPen(QPen(QColor(0, 114, 178, 150), 1.0))
            painter.setBrush(QBrush(QColor(0, 114, 178, 60)))
            for path in area_paths(np.array([band], dtype=object), view):
                painter.drawPath(path)
        if len(pixels) >= 2:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(RUBBER, 2.0))
            painter.drawPath(polyline_path(pixels))
        self._paint_vertices(painter, pixels)
        self._paint_snap(painter, view)
        painter.restore()


class DrawPolygonTool(_DrawTool):
    """Click the corners of an area (a danger zone), double-click or Enter to close it."""

    minimum_vertices = 3

    def geometry(self) -> shapely.Geometry | None:
        if len(self.vertices) < 3:
            return None
        polygon = shapely.Polygon(self.vertices)
        return polygon if polygon.area > 0 else None

    def paint(self, painter: QPainter, view: MapView) -> None:
        pixels = self._pixels(view)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if len(pixels) >= 2:
            painter.setPen(QPen(RUBBER, 2.0))
            painter.setBrush(QColor(214, 51, 108, 50))
            painter.drawPath(polyline_path(pixels, closed=len(pixels) >= 3))
        self._paint_vertices(painter, pixels)
        self._paint_snap(painter, view)
        painter.restore()


# --- vertex editing ---------------------------------------------------------------------------
class VertexEditTool(MapTool):
    """Reshape the selected feature (or the one clicked): drag a vertex to move it (snapping
    to other features' vertices and to roads), double-click an edge to add a vertex, Delete or
    Backspace on a hovered vertex removes it, Esc drops a drag. Each change emits
    ``geometryEdited(layer, uuid, geometry in EPSG:4326)`` for the main window to store."""

    geometryEdited = Signal(str, str, object)

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.target: tuple[str, str] | None = None
        self._preview: shapely.Geometry | None = None  # lon/lat, until the edit comes back
        self._preview_version: int | None = None
        self.edited_from: shapely.Geometry | None = None  # lon/lat, the shape the last edit was made on
        self._drag: int | None = None  # vertex being dragged
        self._drag_to: SnapResult | None = None
        self._hover: int | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.PointingHandCursor)

    def activate(self) -> None:
        selection = self.canvas.selection()
        items = [(layer, uuid) for layer, uuids in selection.items() for uuid in uuids]
        if len(items) == 1:
            self.target = items[0]

    def set_target(self, layer: str, uuid: str) -> None:
        self.target = (layer, uuid)
        self._preview = None
        self.canvas.update()

    # --- the feature's vertices -------------------------------------------------------------
    def _geometry_lonlat(self) -> shapely.Geometry | None:
        if self.target is None:
            return None
        snapshot = self.canvas.snapshot(self.target[0])
        row = snapshot.row_of.get(self.target[1]) if snapshot is not None else None
        if row is None:
            return None
        if self._preview is not None and snapshot is not None:
            if int(snapshot.versions[row]) == self._preview_version:
                return self._preview
            self._preview = None  # the stored edit has arrived
        return snapshot.lonlat[row]

    def _vertices(self) -> tuple[shapely.Geometry, np.ndarray, np.ndarray] | None:
        """(geometry lon/lat, its coordinates in map CRS, and lon/lat) in shapely's order."""
        geometry = self._geometry_lonlat()
        if geometry is None:
            return None
        lonlat = shapely.get_coordinates(geometry)
        projected = shapely.get_coordinates(_project(geometry))
        return geometry, projected, lonlat

    def _vertex_near(self, event: MapMouseEvent) -> int | None:
        found = self._vertices()
        if found is None:
            return None
        _, xy, _ = found
        px, py = self.canvas.view().to_pixel(xy[:, 0], xy[:, 1])
        d = np.hypot(px - event.px, py - event.py)
        i = int(np.argmin(d)) if len(d) else -1
        return i if i >= 0 and d[i] <= HANDLE_PX else None

    # --- events ----------------------------------------------------------------------------------
    def press(self, event: MapMouseEvent) -> None:
        if event.button != Qt.MouseButton.LeftButton:
            return
        vertex = self._vertex_near(event)
        if vertex is not None:
            self._drag = vertex
            self._drag_to = SnapResult(event.x, event.y)
            return
        hits = self.canvas.features_at(event.px, event.py, CLICK_TOLERANCE_PX)
        if hits:
            self.canvas.apply_selection({hits[0][0]: {hits[0][1]}}, "replace")
            self.set_target(*hits[0])

    def move(self, event: MapMouseEvent) -> None:
        if self._drag is not None:
            self._drag_to = self.canvas.snap(event.x, event.y, exclude=self.target)
        else:
            self._hover = self._vertex_near(event)
        self.canvas.update()

    def release(self, event: MapMouseEvent) -> None:
        if self._drag is None or event.button != Qt.MouseButton.LeftButton:
            return
        vertex, target = self._drag, self._drag_to
        self._drag = self._drag_to = None
        found = self._vertices()
        if found is None or target is None:
            return
        geometry, xy, _ = found
        px0, py0 = self.canvas.to_pixel(*xy[vertex])
        px1, py1 = self.canvas.to_pixel(target.x, target.y)
        if abs(px1 - px0) < 0.5 and abs(py1 - py0) < 0.5:
            self.canvas.update()
            return
        lon, lat = map_to_lonlat(target.x, target.y)
        self._emit(move_vertex(geometry, vertex, (float(lon), float(lat))))

    def double_click(self, event: MapMouseEvent) -> None:
        found = self._vertices()
        if found is None or self._vertex_near(event) is not None:
            return
        geometry, xy, _ = found
        # The edge nearest the click, if within the tolerance.
        a, b = xy[:-1], xy[1:]
        p = np.array([event.x, event.y])
        ab = b - a
        t = np.clip(np.einsum("ij,ij->i", p - a, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-12), 0, 1)
        nearest = a + ab * t[:, None]
        d = np.hypot(*(nearest - p).T) / self.canvas.view().resolution
        if not len(d):
            return
        i = int(np.argmin(d))
        if d[i] > HANDLE_PX or not same_ring(geometry, i, i + 1):
            return
        lon, lat = map_to_lonlat(*nearest[i])
        self._emit(insert_vertex(geometry, i + 1, (float(lon), float(lat))))

    def key_press(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self._drag = self._drag_to = None
            self.canvas.update()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._hover is not None:
            found = self._vertices()
            if found is not None:
                edited = remove_vertex(found[0], self._hover)
                self._hover = None
                if edited is not None:
                    self._emit(edited)
                return True
        return False

    def cancel(self) -> None:
        self._drag = self._drag_to = None
        self._hover = None

    def drop_preview(self) -> None:
        """The last edit was not stored (refused, or kept as a proposal): show the feature as stored."""
        self._preview = self._preview_version = None
        self.canvas.update()

    def is_drawing(self) -> bool:
        return self._drag is not None

    def _emit(self, geometry: shapely.Geometry) -> None:
        assert self.target is not None
        # the shape the user edited: the editing controller compares it with the stored one (stale edits)
        self.edited_from = self._geometry_lonlat()
        snapshot = self.canvas.snapshot(self.target[0])
        row = snapshot.row_of.get(self.target[1]) if snapshot is not None else None
        self._preview = geometry
        self._preview_version = int(snapshot.versions[row]) if snapshot is not None and row is not None else None
        self.canvas.update()
        self.geometryEdited.emit(self.target[0], self.target[1], geometry)

    # --- painting ----------------------------------------------------------------------------------
    def paint(self, painter: QPainter, view: MapView) -> None:
        found = self._vertices()
        if found is None:
            return
        geometry, xy, _ = found
        if self._drag is not None and self._drag_to is not None:
            lon, lat = map_to_lonlat(self._drag_to.x, self._drag_to.y)
            geometry = move_vertex(geometry, self._drag, (float(lon), float(lat)))
            xy = shapely.get_coordinates(_project(geometry))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        projected = _project(geometry)
        if projected.geom_type != "Point":
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(RUBBER, 2.0))
            outline = shapely.boundary(projected) if projected.geom_type in ("Polygon", "MultiPolygon") else projected
            for path in line_paths(np.array([outline], dtype=object), view):
                painter.drawPath(path)
        px, py = view.to_pixel(xy[:, 0], xy[:, 1])
        for i, (x, y) in enumerate(zip(px.tolist(), py.tolist(), strict=True)):
            hot = i in (self._hover, self._drag)
            painter.setPen(QPen(QColor("#000000"), 1.0))
            painter.setBrush(QColor(SELECTION_COLOUR) if hot else QColor("#ffffff"))
            half = 5 if hot else 4
            painter.drawRect(QRectF(x - half, y - half, 2 * half, 2 * half))
        if self._drag_to is not None and self._drag_to.snapped:
            sx, sy = view.to_pixel(self._drag_to.x, self._drag_to.y)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(SNAP_MARK, 2.0))
            painter.drawRect(QRectF(float(sx) - 7, float(sy) - 7, 14, 14))
        painter.restore()


def _project(geometry: shapely.Geometry) -> shapely.Geometry:
    return project_geometries(np.array([geometry], dtype=object))[0]
