"""The measure tool: a distance along clicked points, or the area of the polygon they close,
on the ellipsoid (pyproj's ``Geod``, WGS 84), never in the map's Web Mercator, whose metres
grow with the latitude (twice too long at 60°).

Click to add a point (snapped as when drawing); each segment's length and the total follow the
cursor, written on the map and sent as :class:`Measurement` by ``measured`` (the main window
puts it in the status bar). A double click or Enter ends the measurement (it stays on the map
until the next click starts another), Backspace takes back the last point, Esc clears it.
A measurement is not work to save: closing the window never asks about one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from pyproj import Geod
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPainterPath, QPen

from humanops.ui.canvas.map_tools import RUBBER, SAME_VERTEX_PX, MapMouseEvent, MapTool
from humanops.ui.canvas.qt_geometry import polyline_path
from humanops.ui.locale_text import format_number
from humanops.viewmodel.map_view import MapView, map_to_lonlat
from humanops.viewmodel.snapping import SnapResult

if TYPE_CHECKING:
    from humanops.ui.canvas.map_canvas import MapCanvas

LABEL_FONT_PX = 11


@cache
def _wgs84() -> Geod:
    return Geod(ellps="WGS84")


@dataclass(frozen=True)
class Measurement:
    """What was measured: the points (lon, lat), each segment's geodesic length in metres (an
    area's closing segment last), the total length (an area's perimeter) and, for an area,
    its geodesic area in square metres."""

    points: tuple[tuple[float, float], ...]
    segments_m: tuple[float, ...] = ()
    total_m: float = 0.0
    area_m2: float | None = None
    finished: bool = False

    @property
    def is_area(self) -> bool:
        return self.area_m2 is not None


def measure(points: list[tuple[float, float]], *, area: bool, finished: bool = False) -> Measurement:
    """The geodesic lengths (and area) of ``points`` (lon, lat), on WGS 84."""
    geod = _wgs84()
    if len(points) < 2:
        return Measurement(tuple(points), area_m2=0.0 if area else None, finished=finished)
    lon = np.array([p[0] for p in points], dtype=float)
    lat = np.array([p[1] for p in points], dtype=float)
    if area and len(points) >= 3:  # the closing segment too: the perimeter goes round
        lon, lat = np.append(lon, lon[0]), np.append(lat, lat[0])
    _, _, distances = geod.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    segments = tuple(float(d) for d in np.atleast_1d(distances))
    surface: float | None = None
    if area:
        surface = abs(float(geod.polygon_area_perimeter(lon, lat)[0])) if len(points) >= 3 else 0.0
    return Measurement(tuple(points), segments, float(sum(segments)), surface, finished)


def format_distance(metres: float) -> str:
    """A length as a reader wants it: "12.4 m", "830 m", "12.35 km", "412.5 km"."""
    translate = QCoreApplication.translate
    if metres < 100:
        return translate("MeasureTool", "{n} m").format(n=format_number(metres, 1))
    if metres < 1000:
        return translate("MeasureTool", "{n} m").format(n=format_number(round(metres), 0))
    kilometres = metres / 1000
    return translate("MeasureTool", "{n} km").format(n=format_number(kilometres, 2 if kilometres < 100 else 1))


def format_area(square_metres: float) -> str:
    """An area: "850 m²" under a hectare, "12.5 ha" under a square kilometre, then "3.21 km²"."""
    translate = QCoreApplication.translate
    if square_metres < 10_000:
        return translate("MeasureTool", "{n} m²").format(n=format_number(round(square_metres), 0))
    if square_metres < 1_000_000:
        return translate("MeasureTool", "{n} ha").format(n=format_number(square_metres / 10_000, 2))
    return translate("MeasureTool", "{n} km²").format(n=format_number(square_metres / 1_000_000, 2))


def describe(measurement: Measurement) -> str:
    """One line for the status bar: the total (or area and perimeter) and each segment."""
    translate = QCoreApplication.translate
    segments = ", ".join(format_distance(m) for m in measurement.segments_m)
    if measurement.is_area:
        if len(measurement.points) < 3:
            return translate("MeasureTool", "Area: click at least three corners (double-click or Enter ends, Esc "
                                            "clears).")
        return translate("MeasureTool", "Area {area} · perimeter {perimeter} (sides {segments})").format(
            area=format_area(measurement.area_m2 or 0.0), perimeter=format_distance(measurement.total_m),
            segments=segments)
    if len(measurement.points) < 2:
        return translate("MeasureTool", "Distance: click the next point (double-click or Enter ends, Esc clears).")
    return translate("MeasureTool", "Distance {total} (segments {segments})").format(
        total=format_distance(measurement.total_m), segments=segments)


@dataclass
class _Track:
    """The points clicked (map CRS) and whether the measurement has ended."""

    vertices: list[tuple[float, float]] = field(default_factory=list)
    finished: bool = False


class MeasureTool(MapTool):
    """Distance (``area=False``) or area measurement; see the module's docstring."""

    measured = Signal(object)  # a Measurement: on every click and cursor move while measuring
    cleared = Signal()

    def __init__(self, canvas: MapCanvas, *, area: bool = False) -> None:
        super().__init__(canvas)
        self.area = area
        self._track = _Track()
        self._hover: SnapResult | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.CrossCursor)

    # --- what was measured -----------------------------------------------------------------
    def _points(self, with_hover: bool) -> list[tuple[float, float]]:
        vertices = list(self._track.vertices)
        if with_hover and self._hover is not None and vertices and not self._track.finished:
            vertices.append((self._hover.x, self._hover.y))
        if not vertices:
            return []
        xy = np.array(vertices)
        lon, lat = map_to_lonlat(xy[:, 0], xy[:, 1])
        return list(zip(lon.tolist(), lat.tolist(), strict=True))

    def measurement(self, with_hover: bool = True) -> Measurement:
        """The measurement as shown: following the cursor unless ``with_hover`` is False."""
        return measure(self._points(with_hover), area=self.area, finished=self._track.finished)

    def is_measuring(self) -> bool:
        return bool(self._track.vertices)

    def _changed(self) -> None:
        self.canvas.update()
        if self._track.vertices:
            self.measured.emit(self.measurement())

    # --- events ----------------------------------------------------------------------------
    def press(self, event: MapMouseEvent) -> None:
        if event.button != Qt.MouseButton.LeftButton:
            return
        if self._track.finished:  # the next click starts a new measurement
            self._track = _Track()
        self._add(event)
        self._changed()

    def _add(self, event: MapMouseEvent) -> None:
        point = self.canvas.snap(event.x, event.y)
        self._hover = point
        if self._track.vertices:
            lx, ly = self.canvas.to_pixel(*self._track.vertices[-1])
            px, py = self.canvas.to_pixel(point.x, point.y)
            if abs(px - lx) <= SAME_VERTEX_PX and abs(py - ly) <= SAME_VERTEX_PX:
                return  # the same place again: a double click's own press
        self._track.vertices.append((point.x, point.y))

    def move(self, event: MapMouseEvent) -> None:
        self._hover = self.canvas.snap(event.x, event.y)
        if self._track.vertices and not self._track.finished:
            self._changed()
        else:
            self.canvas.update()

    def double_click(self, event: MapMouseEvent) -> None:
        if event.button == Qt.MouseButton.LeftButton and not self._track.finished:
            self._add(event)  # the place double-clicked is the last point
            self.finish()

    def key_press(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._track.vertices:
            self.clear()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._track.vertices and not self._track.finished:
            self.finish()
            return True
        if key == Qt.Key.Key_Backspace and self._track.vertices and not self._track.finished:
            self._track.vertices.pop()
            self._changed()
            if not self._track.vertices:
                self.cleared.emit()
            return True
        return False

    def leave(self) -> None:
        self._hover = None
        if self._track.vertices and not self._track.finished:
            self._changed()

    def finish(self) -> None:
        """End the measurement where it is (it stays shown)."""
        self._track.finished = True
        self._hover = None
        self._changed()

    def clear(self) -> None:
        self._track = _Track()
        self._hover = None
        self.canvas.update()
        self.cleared.emit()

    def cancel(self) -> None:
        self.clear()

    # --- painting --------------------------------------------------------------------------
    def paint(self, painter: QPainter, view: MapView) -> None:
        vertices = list(self._track.vertices)
        if not vertices:
            return
        if self._hover is not None and not self._track.finished:
            vertices.append((self._hover.x, self._hover.y))
        xy = np.array(vertices)
        px, py = view.to_pixel(xy[:, 0], xy[:, 1])
        pixels = np.column_stack([px, py])
        closed = self.area and len(pixels) >= 3
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if len(pixels) >= 2:
            style = Qt.PenStyle.SolidLine if self._track.finished else Qt.PenStyle.DashLine  # dashed while it follows
            painter.setPen(QPen(RUBBER, 2.0, style))
            painter.setBrush(QColor(214, 51, 108, 45) if closed else Qt.BrushStyle.NoBrush)
            painter.drawPath(polyline_path(pixels, closed=closed))
        painter.setPen(QPen(QColor("#000000"), 1.0))
        painter.setBrush(QColor("#ffffff"))
        for x, y in pixels[: len(self._track.vertices)].tolist():
            painter.drawRect(QRectF(x - 3, y - 3, 6, 6))
        measurement = self.measurement()
        font = QFont()
        font.setPixelSize(LABEL_FONT_PX)
        ring = np.vstack([pixels, pixels[:1]]) if closed else pixels
        for (x0, y0), (x1, y1), metres in zip(ring[:-1].tolist(), ring[1:].tolist(), measurement.segments_m,
                                              strict=False):
            _label(painter, QPointF((x0 + x1) / 2, (y0 + y1) / 2), format_distance(metres), font)
        if len(measurement.points) >= 2:
            _total_box(painter, describe(measurement), self.canvas.width())
        painter.restore()


def _label(painter: QPainter, at: QPointF, text: str, font: QFont) -> None:
    """A segment's length at its middle, dark on a white halo (readable on any basemap)."""
    width = QFontMetricsF(font).horizontalAdvance(text)
    path = QPainterPath()
    path.addText(QPointF(at.x() - width / 2, at.y() - 4), font, text)
    painter.strokePath(path, QPen(QColor(255, 255, 255, 230), 3.0))
    painter.fillPath(path, QColor("#202020"))


def _total_box(painter: QPainter, text: str, width: int) -> None:
    """The total (or area), top right under the north arrow's place."""
    font = QFont()
    font.setPixelSize(12)
    font.setBold(True)
    metrics = QFontMetricsF(font)
    box_width = min(metrics.horizontalAdvance(text) + 16, max(120.0, width - 60.0))
    rect = QRectF(width - box_width - 50, 8, box_width, metrics.height() + 10)
    painter.setPen(QPen(RUBBER, 1.0))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setFont(font)
    painter.setPen(QColor("#202020"))
    painter.drawText(rect.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                     metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 16))
