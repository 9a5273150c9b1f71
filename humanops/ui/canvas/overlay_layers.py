"""Temporary overlay layers: results drawn over the map (routes, plans, exposed needs, picked places).

An overlay is a GeoDataFrame (EPSG:4326, or any CRS geopandas can convert) with an
:class:`OverlayStyle` (the view model's ``overlay_looks.OverlayLook``); a row may override the
style with the columns named in ``overlay_looks.STYLE_COLUMNS`` (``_stroke``, ``_width``,
``_opacity``, ``_fill``, ``_size``, ``_label``, ``_dash``, ``_marker``), so one overlay can hold a
best route and dimmer alternatives, lines coloured by shelter, or a dashed outline with a cross
over it (a proposed deletion).
Overlays are not stored anywhere: they are views of a result, dropped with it.

Overlays render like the workspace's layers, into a QImage on the canvas's render threads
(:func:`render_overlay`); the data is projected to the map CRS and indexed once, in the first
render job, never in the GUI thread. Lines and areas go through the bulk path builders (lines in
paths of fewer than :data:`STROKE_VERTICES` vertices); points are stamped, one pre-drawn image a
style, in row order.
Drawing order within an overlay: areas, lines, points; within each, in row order, grouped by
style (a group is drawn where its first row is), so callers put what matters most last.
"""

from __future__ import annotations

import math
import threading
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from humanops.ui.canvas.layer_renderer import Stopped, new_image
from humanops.ui.canvas.qt_geometry import area_paths, stroke_paths
from humanops.viewmodel.map_view import MapView, project_geometries
from humanops.viewmodel.overlay_looks import DASH, FILL, LABEL, MARKER, OPACITY, SIZE, STROKE, WIDTH, OverlayLook

if TYPE_CHECKING:
    import geopandas as gpd

# The style of an overlay's rows is the view model's (Qt-free: the planning worker makes it);
# the UI's callers know it by this name.
OverlayStyle = OverlayLook
HALO = QColor(255, 255, 255, 215)
# Features prepared and drawn at a time: each vectorised call (coordinates, pixels, paths, style
# codes) holds the GIL while it runs, and over a whole result of 100,000 features one took 40-97
# ms, the GUI thread waiting for it; over a slice, a few ms.
DRAW_SLICE = 10_000
# Vertices a line stroke is given at most (a path per QPainter.strokePath call). PySide6 holds the
# GIL for the whole call: an aid plan's shipments (900 lines, 237,000 vertices) in paths of up to
# 4,000 vertices took up to 9 ms of CPU a call, and 80-140 ms of the GUI thread's time when two
# cores were shared; in paths under 512, 1 ms at most, and less CPU in all (0.92 s against 1.14 s:
# Qt's stroker grows faster than the path). Lines longer than half of it are cut into pieces that
# share their end vertex (with translucent lines the two round caps there overlap: a slightly
# darker dot, as where any two lines of a style cross).
STROKE_VERTICES = 512


class Overlay:
    """An overlay's rows and style, with the map-CRS data the renderer needs (made once, on a render thread)."""

    def __init__(self, name: str, frame: gpd.GeoDataFrame, style: OverlayStyle | None = None) -> None:
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
        self.name = name
        self.style = style or OverlayStyle()
        geoms = np.asarray(frame.geometry.values, dtype=object) if len(frame) else np.empty(0, dtype=object)
        keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms)) if len(geoms) else np.zeros(0, dtype=bool)
        self.frame = frame[keep]
        self.lonlat = geoms[keep]
        n = len(self.lonlat)
        s = self.style

        def column(name: str, default: Any, dtype: Any = object) -> np.ndarray:
            if name in self.frame.columns:
                values = self.frame[name].astype(object).to_numpy()
                return np.array([default if v is None or (isinstance(v, float) and np.isnan(v)) else v
                                 for v in values], dtype=dtype)
            return np.full(n, default, dtype=dtype)

        self.stroke = column(STROKE, s.stroke)
        self.width = column(WIDTH, s.width, float)
        self.opacity = column(OPACITY, s.opacity, float)
        self.fill = column(FILL, s.fill or s.stroke)
        self.size = column(SIZE, s.size, float)
        self.label = column(LABEL, "")
        self.dash = column(DASH, bool(s.dash), bool)
        self.marker = column(MARKER, s.marker)
        self.type_id = shapely.get_type_id(self.lonlat) if n else np.zeros(0, dtype=int)
        self._lock = threading.Lock()
        self._map: tuple[np.ndarray, shapely.STRtree] | None = None
        self._codes: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.lonlat)

    def projected(self) -> tuple[np.ndarray, shapely.STRtree]:
        """(map-CRS geometries, their STRtree); computed once, thread-safe. The rows' style
        codes (:meth:`style_codes`) are made with them: where a worker prepares the overlay
        (planning results), no render thread hashes the style columns again."""
        with self._lock:
            if self._map is None:
                geoms = project_geometries(self.lonlat)
                self._map = (geoms, shapely.STRtree(geoms))
                self._codes = {
                    "areas": _codes([self.stroke, self.fill, self.width, self.opacity, self.dash]),
                    "lines": _codes([self.stroke, self.width, self.opacity, self.dash]),
                    "points": _codes([self.marker, np.round(self.size * 2) / 2, self.width, self.stroke, self.fill,
                                      self.opacity, self.dash]),
                }
            return self._map

    def style_codes(self, drawn: str) -> np.ndarray:
        """A code a row, equal for rows drawn alike as ``drawn`` ("areas", "lines", "points")."""
        self.projected()
        return self._codes[drawn]

    def bounds_lonlat(self) -> tuple[float, float, float, float] | None:
        if not len(self):
            return None
        x0, y0, x1, y1 = shapely.total_bounds(self.lonlat)
        return float(x0), float(y0), float(x1), float(y1)


def _check(should_stop: Any) -> None:
    if should_stop():
        raise Stopped()


def _colour(hex_colour: str, alpha: float) -> QColor:
    c = QColor(str(hex_colour))
    c.setAlphaF(max(0.0, min(1.0, float(alpha))))
    return c


def _pen(colour: QColor, width: float, dash: bool) -> QPen:
    pen = QPen(colour, width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dash:
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    else:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _codes(keys: list[np.ndarray]) -> np.ndarray:
    """One integer a row, equal where every key is equal (the style columns hashed once)."""
    if not len(keys[0]):
        return np.zeros(0, dtype=np.int64)
    frame = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)})
    return frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup().to_numpy(dtype=np.int64)


def _groups(rows: np.ndarray, codes: np.ndarray) -> list[np.ndarray]:
    """Positions in ``rows`` (ascending) grouped by equal style ``codes``, in row order within a
    group, groups ordered by their first row: integer work only on the render thread."""
    _, inverse = np.unique(codes[rows], return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    groups = np.split(order, np.cumsum(np.bincount(inverse))[:-1])
    return sorted(groups, key=lambda v: int(v[0]))


def render_overlay(overlay: Overlay, view: MapView, should_stop: Any = lambda: False) -> QImage:
    """The overlay drawn for ``view``; raises Stopped when superseded."""
    image = new_image(view)
    if not len(overlay):
        return image
    geoms, tree = overlay.projected()
    minx, miny, maxx, maxy = view.extent
    pad = (float(overlay.size.max(initial=0)) + float(overlay.width.max(initial=0)) + 80) * view.resolution
    rows = np.sort(tree.query(shapely.box(minx - pad, miny - pad, maxx + pad, maxy + pad)))
    if not len(rows):
        return image
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        kinds = overlay.type_id[rows]
        _draw_areas(painter, overlay, geoms, rows[np.isin(kinds, (3, 6))], view, should_stop)
        _draw_lines(painter, overlay, geoms, rows[np.isin(kinds, (1, 2, 5))], view, should_stop)
        _draw_points(painter, overlay, geoms, rows[np.isin(kinds, (0, 4))], view, should_stop)
    finally:
        painter.end()
    return image


def _draw_areas(painter: QPainter, o: Overlay, geoms: np.ndarray, rows: np.ndarray, view: MapView,
                should_stop: Any) -> None:
    if not len(rows):
        return
    for where in _groups(rows, o.style_codes("areas")):
        _check(should_stop)
        r = rows[where]
        i = int(r[0])
        paths = _sliced_paths(area_paths, geoms, r, view, should_stop)
        brush = QBrush(_colour(o.fill[i], o.style.fill_opacity * o.opacity[i]))
        pen = _pen(_colour(o.stroke[i], o.opacity[i]), float(o.width[i]), bool(o.dash[i]))
        halo = _pen(_colour(HALO.name(), HALO.alphaF() * o.opacity[i]), float(o.width[i]) + 3.0, False) \
            if o.dash[i] and o.style.halo else None
        for path in paths:
            painter.fillPath(path, brush)
            if halo is not None:  # a dashed outline stays readable over any layer
                painter.strokePath(path, halo)
            painter.strokePath(path, pen)


def _draw_lines(painter: QPainter, o: Overlay, geoms: np.ndarray, rows: np.ndarray, view: MapView,
                should_stop: Any) -> None:
    if not len(rows):
        return
    for where in _groups(rows, o.style_codes("lines")):
        _check(should_stop)
        r = rows[where]
        i = int(r[0])
        paths = _sliced_paths(partial(stroke_paths, limit=STROKE_VERTICES), geoms, r, view, should_stop)
        width = float(o.width[i])
        if o.style.halo:
            halo = _pen(_colour(HALO.name(), HALO.alphaF() * o.opacity[i]), width + 3.0, False)
            for path in paths:
                painter.strokePath(path, halo)
        pen = _pen(_colour(o.stroke[i], o.opacity[i]), width, bool(o.dash[i]))
        for path in paths:
            painter.strokePath(path, pen)


def _sliced_paths(build: Any, geoms: np.ndarray, rows: np.ndarray, view: MapView,
                  should_stop: Any) -> list[QPainterPath]:
    """``build(geoms[rows], view)``'s paths, made :data:`DRAW_SLICE` features at a time, in order."""
    paths: list[QPainterPath] = []
    for start in range(0, len(rows), DRAW_SLICE):
        _check(should_stop)
        paths += build(geoms[rows[start:start + DRAW_SLICE]], view)
    return paths


def _draw_points(painter: QPainter, o: Overlay, geoms: np.ndarray, rows: np.ndarray, view: MapView,
                 should_stop: Any) -> None:
    if not len(rows):
        return
    labels: list[tuple[float, float, float, str]] = []
    for start in range(0, len(rows), DRAW_SLICE):  # in row order, a slice at a time
        _check(should_stop)
        labels += _stamp_points(painter, o, geoms, rows[start:start + DRAW_SLICE], view, should_stop)
    _draw_point_labels(painter, o, labels)


def _stamp_points(painter: QPainter, o: Overlay, geoms: np.ndarray, rows: np.ndarray, view: MapView,
                  should_stop: Any) -> list[tuple[float, float, float, str]]:
    """The markers of ``rows`` stamped in row order; the labels to draw over every marker
    (pixel x, y, marker size, text)."""
    parts, part_row = shapely.get_parts(geoms[rows], return_index=True)
    xy = shapely.get_coordinates(parts)
    px, py = view.to_pixel(xy[:, 0], xy[:, 1])
    # One pre-drawn marker image a style, stamped in row order: a result of 10,000 markers drawn
    # shape by shape took half a second a render, holding the GIL from the GUI thread.
    owner = rows[part_row]
    sizes = np.round(o.size[owner] * 2) / 2
    _, firsts, codes = np.unique(o.style_codes("points")[owner], return_index=True, return_inverse=True)
    stamps = [_marker_stamp(str(o.marker[owner[k]]), float(sizes[k]), float(o.width[owner[k]]), str(o.stroke[owner[k]]),
                            str(o.fill[owner[k]]), float(o.opacity[owner[k]]), bool(o.dash[owner[k]]), o.style.halo,
                            view.device_pixel_ratio) for k in firsts]
    labels: list[tuple[float, float, float, str]] = []
    has_label = o.label[owner].astype(bool)
    for k, (x, y, code) in enumerate(zip(px.tolist(), py.tolist(), codes.tolist(), strict=True)):
        if k % 2000 == 0:
            _check(should_stop)
        stamp = stamps[code]
        if stamp is not None:
            painter.drawImage(QPointF(round(x - stamp[1]), round(y - stamp[1])), stamp[0])
        if has_label[k]:
            i = int(owner[k])
            labels.append((x, y, float(o.size[i]), str(o.label[i])))
    return labels


def _draw_point_labels(painter: QPainter, o: Overlay, labels: list[tuple[float, float, float, str]]) -> None:
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    metrics = QFontMetricsF(font)
    at = o.style.label_at
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for x, y, size, text in labels:  # on top of every marker
        width = metrics.horizontalAdvance(text)
        if at == "inside":
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(QRectF(x - size / 2, y - size / 2, size, size), Qt.AlignmentFlag.AlignCenter, text)
            continue
        if at == "below":
            origin = QPointF(x - width / 2, y + size / 2 + metrics.ascent() + 1)
        elif at == "above":
            origin = QPointF(x - width / 2, y - size / 2 - metrics.descent() - 3)
        else:
            origin = QPointF(x + size / 2 + 4, y + 4)
        path = QPainterPath()
        path.addText(origin, font, text)
        painter.strokePath(path, QPen(HALO, 3.0))
        painter.fillPath(path, QBrush(QColor(o.style.label_colour)))


_stamp_lock = threading.Lock()
_stamps: dict[tuple, tuple[QImage, float] | None] = {}
MAX_STAMPS = 4096  # styles kept; past it the cache starts again (results come and go)


def _marker_stamp(marker: str, size: float, width: float, stroke: str, fill: str, alpha: float, dash: bool,
                  halo: bool, dpr: float) -> tuple[QImage, float] | None:
    """A marker drawn once into an image (and the offset of its centre), shared by render threads."""
    key = (marker, size, width, stroke, fill, alpha, dash, halo, dpr)
    with _stamp_lock:
        if key in _stamps:
            return _stamps[key]
    stamp = None
    if marker != "none":
        side = math.ceil(size + 2 * (width + 3.0) + 2)
        image = QImage(math.ceil(side * dpr), math.ceil(side * dpr), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _draw_marker(painter, marker, side / 2, side / 2, size, width, stroke, fill, alpha, dash, halo)
        painter.end()
        stamp = (image, side / 2)
    with _stamp_lock:
        if len(_stamps) >= MAX_STAMPS:
            _stamps.clear()
        _stamps[key] = stamp
    return stamp


def _draw_marker(painter: QPainter, marker: str, x: float, y: float, size: float, width: float, stroke: str,
                 fill: str, alpha: float, dash: bool, halo: bool) -> None:
    """One point marker (see ``overlay_looks.MARKERS``) centred on the pixel ``x``, ``y``."""
    if marker == "none":
        return
    rect = QRectF(x - size / 2, y - size / 2, size, size)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if marker == "cross":
        half = size / 2
        arms = ((QPointF(x - half, y - half), QPointF(x + half, y + half)),
                (QPointF(x - half, y + half), QPointF(x + half, y - half)))
        for pen in ([_pen(_colour(HALO.name(), HALO.alphaF() * alpha), width + 3.0, False)] if halo else []) + \
                [_pen(_colour(stroke, alpha), width, False)]:
            painter.setPen(pen)
            for a, b in arms:
                painter.drawLine(a, b)
        return
    if halo:
        painter.setPen(_pen(_colour(HALO.name(), HALO.alphaF() * alpha), width + 3.0, False))
        painter.drawEllipse(rect)
    painter.setPen(_pen(_colour(stroke, alpha), width, dash))
    if marker != "ring":
        painter.setBrush(QBrush(_colour(fill, alpha)))
    painter.drawEllipse(rect)
