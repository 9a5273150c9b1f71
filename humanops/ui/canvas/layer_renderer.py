"""Render one layer of the workspace into a QImage for a view, off the GUI thread.

The view is culled through the layer's STRtree, areas and lines are simplified to half a
pixel (cached per zoom bucket) and turned into paths from numpy in bulk; points are stamped
from pre-rendered markers. Styles come from the layer kind (classes, size by value, dash
patterns, corridor bands at their true metric width); the marking filter fades what could
not be sent; TLP markings are drawn when asked for. Only QImage and QPainter are used, which
Qt allows on any thread; every step is short so the GUI thread gets the GIL often.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen

from humanops.catalog import LayerKind, Symbol
from humanops.ui.canvas.qt_geometry import area_paths, line_paths
from humanops.ui.canvas.stamps import (
    FADED_ALPHA,
    SELECTION_COLOUR,
    cluster_stamp,
    colour,
    marker_stamp,
    selection_stamp,
    tlp_badge_stamp,
    tlp_pen,
)
from humanops.viewmodel.layers.layer_data import LayerSnapshot, MarkingPredicate
from humanops.viewmodel.layers.overview_grid import PointOverview, is_ordered
from humanops.viewmodel.layers.point_clusters import (
    Clusters,
    cell_size,
    cluster_points,
    clustered_rows,
    count_label,
    disc_diameter,
)
from humanops.viewmodel.map_view import MapView

log = logging.getLogger(__name__)

ShouldStop = Callable[[], bool]
DASHES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine,
          "dashdot": Qt.PenStyle.DashDotLine}
# Qt strokes lines of width <= 1 on a fast path, wider ones ten times slower: past this many
# vertices in view a layer's outlines are drawn 1 px wide (the classes stay told apart by
# colour, fill and dash), which only happens when the features are too many to tell apart.
THICK_STROKE_VERTEX_BUDGET = 30_000
TINY_AREA_PX = 2.5  # areas smaller than this are drawn as a dot, so none vanishes
STAMP_BATCH = 4_000  # points stamped between two looks at should_stop


class Stopped(Exception):
    """The render was superseded (a newer view or state); its image is not wanted."""


@dataclass(frozen=True)
class RenderSettings:
    """Everything besides the data and the view that changes what a layer looks like."""

    at_ns: int | None = None  # time filter: only features valid then
    show_markings: bool = False
    marking_key: Any = None  # identity of the marking filter (for caching its verdicts)
    marking_predicate: MarkingPredicate | None = None


def new_image(view: MapView) -> QImage:
    dpr = view.device_pixel_ratio
    image = QImage(max(1, round(view.width * dpr)), max(1, round(view.height * dpr)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    return image


def visible_rows(snapshot: LayerSnapshot, view: MapView, settings: RenderSettings, pad_px: float = 0.0) -> np.ndarray:
    """Rows of the snapshot drawn in this view: in (or near) it, and valid at the time set."""
    if not len(snapshot):
        return np.empty(0, dtype=np.int64)
    minx, miny, maxx, maxy = view.extent
    pad = pad_px * view.resolution
    rows = snapshot.rows_in_box(minx - pad, miny - pad, maxx + pad, maxy + pad)
    valid = snapshot.valid_at(settings.at_ns)
    if valid is not None:
        rows = rows[valid[rows]]
    return rows


def _faded(snapshot: LayerSnapshot, rows: np.ndarray, settings: RenderSettings) -> np.ndarray:
    try:
        verdict = snapshot.marking_ok(settings.marking_key, settings.marking_predicate)
    except Exception:
        # Never show a feature as sendable on a guess: a filter that fails fades the layer.
        log.exception("marking filter failed on layer %s", snapshot.name)
        return np.ones(len(rows), dtype=bool)
    if verdict is None:
        return np.zeros(len(rows), dtype=bool)
    return ~verdict[rows]


def _pen(symbol: Symbol, width: float, alpha: float = 1.0, dpr: float = 1.0) -> QPen:
    pen = QPen(colour(symbol.stroke or "#333333", alpha))
    pen.setWidthF(width)
    pen.setStyle(DASHES.get(symbol.dash or "solid", Qt.PenStyle.SolidLine))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap if width > 1 else Qt.PenCapStyle.FlatCap)
    if width <= 1.0:  # the same line, in device pixels: Qt strokes a cosmetic pen 1.5x faster
        pen.setCosmetic(True)
        pen.setWidthF(width * dpr)
    return pen


def _groups(class_index: np.ndarray, faded: np.ndarray) -> list[tuple[int, bool, np.ndarray]]:
    """(class, faded, positions) in drawing order: faded first, then by class (last on top)."""
    out = []
    for is_faded in (True, False):
        for cls in np.unique(class_index):
            where = np.flatnonzero((class_index == cls) & (faded == is_faded))
            if len(where):
                out.append((int(cls), is_faded, where))
    return out


def render_layer(snapshot: LayerSnapshot, view: MapView, settings: RenderSettings,
                 should_stop: ShouldStop = lambda: False) -> QImage:
    """The layer drawn for ``view``; raises :class:`Stopped` if ``should_stop`` turns true."""
    image = new_image(view)
    if not len(snapshot):
        return image
    geometry = snapshot.kind.geometry
    clustered = clustered_rows(snapshot, view, settings.at_ns) if geometry == "Point" else None
    if clustered is not None:
        painter = QPainter(image)
        try:
            _draw_clusters(painter, snapshot, clustered, view, settings, should_stop)
        finally:
            painter.end()
        return image
    pad = float(snapshot.marker_sizes.max()) / 2 + 12 if geometry == "Point" else 4.0
    rows = visible_rows(snapshot, view, settings, pad_px=pad)
    if not len(rows):
        return image
    painter = QPainter(image)
    try:
        faded = _faded(snapshot, rows, settings)
        if geometry == "Point":
            _draw_points(painter, snapshot, rows, faded, view, settings, should_stop)
        elif geometry == "LineString":
            _draw_lines(painter, snapshot, rows, faded, view, settings, should_stop)
        else:
            _draw_areas(painter, snapshot, rows, faded, view, settings, should_stop)
    finally:
        painter.end()
    return image


# --- areas ------------------------------------------------------------------------------------
def _draw_areas(painter: QPainter, snapshot: LayerSnapshot, rows: np.ndarray, faded: np.ndarray,
                view: MapView, settings: RenderSettings, should_stop: ShouldStop) -> None:
    geoms = snapshot.simplified(view.zoom_bucket())[rows]
    bounds = snapshot.bounds[rows]
    span = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]) / view.resolution
    tiny = (span < TINY_AREA_PX) | shapely.is_empty(geoms)
    symbols = snapshot.symbols
    classes = snapshot.class_index[rows]
    thin = shapely.get_num_coordinates(geoms[~tiny]).sum() > THICK_STROKE_VERTEX_BUDGET
    _check(should_stop)
    shapes = ~tiny
    paths = area_paths(geoms[shapes], view)
    path_of = np.full(len(rows), -1)
    path_of[np.flatnonzero(shapes)[~shapely.is_empty(geoms[shapes])]] = np.arange(len(paths))
    # A point inside each tiny area, for its dot: made for those few only (the layer's label
    # anchors, the same points, are the labels' job, made for every feature after the map).
    dot_at = np.full((len(rows), 2), np.nan)
    if tiny.any():
        inside = shapely.point_on_surface(snapshot.geoms[rows[tiny]])
        dot_at[tiny] = np.column_stack([shapely.get_x(inside), shapely.get_y(inside)])
    tlps = snapshot.tlps(rows) if settings.show_markings else None
    for cls, is_faded, where in _groups(classes, faded):
        _check(should_stop)
        symbol = symbols[cls]
        alpha = FADED_ALPHA if is_faded else 1.0
        mine = [paths[i] for i in path_of[where].tolist() if i >= 0]
        fill_alpha = symbol.fill_opacity if symbol.fill_opacity is not None else 1.0
        # Fill without antialiasing (the outline drawn over it hides the edge): 15x faster.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        brush = QBrush(colour(symbol.fill, fill_alpha * alpha))
        for path in mine:
            painter.fillPath(path, brush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        width = symbol.stroke_width or 1.0
        pen = _pen(symbol, min(width, 1.0) if thin else width, alpha, view.device_pixel_ratio)
        for path in mine:
            painter.strokePath(path, pen)
        dots = where[tiny[where]]
        if len(dots):
            _stamp_rows(painter, dot_at[dots], view,
                        [marker_stamp(_dot_symbol(symbol), 5.0, is_faded, view.device_pixel_ratio)], None,
                        should_stop)
    if tlps is not None:
        _area_markings(painter, paths, path_of, tlps, thin, should_stop)


def _dot_symbol(symbol: Symbol) -> Symbol:
    return Symbol(marker="square", fill=symbol.fill, fill_opacity=1.0, stroke=symbol.stroke, stroke_width=1.0)


def _area_markings(painter: QPainter, paths: list[QPainterPath], path_of: np.ndarray, tlps: np.ndarray,
                   thin: bool, should_stop: ShouldStop) -> None:
    """TLP outlines: the level's colour on a black casing (TLP 2.0 colours are for black)."""
    casing = QPen(QColor("#000000"), 1.0 if thin else 4.0)
    casing.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    for tlp in np.unique(tlps.astype(str)):
        _check(should_stop)
        if not tlp:  # not read yet (a large layer's details)
            continue
        mine = [paths[i] for i in path_of[tlps.astype(str) == tlp].tolist() if i >= 0]
        pen = tlp_pen(tlp, 1.0 if thin else 2.2)
        for path in mine:
            if not thin:
                painter.strokePath(path, casing)
            painter.strokePath(path, pen)


# --- lines ------------------------------------------------------------------------------------
def _draw_lines(painter: QPainter, snapshot: LayerSnapshot, rows: np.ndarray, faded: np.ndarray,
                view: MapView, settings: RenderSettings, should_stop: ShouldStop) -> None:
    bucket = view.zoom_bucket()
    geoms = snapshot.simplified(bucket)[rows]
    symbols = snapshot.symbols
    classes = snapshot.class_index[rows]
    thin = shapely.get_num_coordinates(geoms).sum() > THICK_STROKE_VERTEX_BUDGET
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    bands = snapshot.simplified_bands(bucket)
    if bands is not None:
        _draw_bands(painter, bands[rows], classes, faded, symbols, view, should_stop)
    tlps = snapshot.tlps(rows) if settings.show_markings else None
    casing_for = bands is not None and len(rows) < 2_000  # corridors stand out from roads
    for cls, is_faded, where in _groups(classes, faded):
        _check(should_stop)
        symbol = symbols[cls]
        width = symbol.stroke_width or 1.0
        width = min(width, 1.0) if thin else width
        alpha = FADED_ALPHA if is_faded else 1.0
        if tlps is not None:  # a thin TLP casing: the level's colour on black, under the line
            for tlp in np.unique(tlps[where]):
                if not tlp:  # not read yet (a large layer's details)
                    continue
                for path in line_paths(geoms[where[tlps[where] == tlp]], view):
                    painter.strokePath(path, QPen(QColor("#000000"), width + 3))
                    painter.strokePath(path, tlp_pen(tlp, width + 1.5))
        paths = line_paths(geoms[where], view)
        if casing_for and not is_faded:
            casing = QPen(colour("#ffffff", 0.85), width + 2.5)
            casing.setCapStyle(Qt.PenCapStyle.RoundCap)
            for path in paths:
                painter.strokePath(path, casing)
        pen = _pen(symbol, width, alpha, view.device_pixel_ratio)
        for path in paths:
            painter.strokePath(path, pen)


def _draw_bands(painter: QPainter, bands: np.ndarray, classes: np.ndarray, faded: np.ndarray,
                symbols: list[Symbol], view: MapView, should_stop: ShouldStop) -> None:
    """Corridor bands: the corridor's true width, translucent, under its centre line."""
    has_band = ~shapely.is_missing(bands)
    for cls, is_faded, where in _groups(classes, faded):
        _check(should_stop)
        where = where[has_band[where]]
        if not len(where):
            continue
        symbol = symbols[cls]
        alpha = FADED_ALPHA if is_faded else 1.0
        base_alpha = symbol.fill_opacity if symbol.fill_opacity is not None else 0.2
        brush = QBrush(colour(symbol.fill or symbol.stroke, max(base_alpha, 0.12) * alpha))
        edge = QPen(colour(symbol.fill or symbol.stroke, 0.55 * alpha), 1.0)
        for path in area_paths(bands[where], view):
            painter.fillPath(path, brush)
            painter.strokePath(path, edge)


# --- points -----------------------------------------------------------------------------------
def _draw_points(painter: QPainter, snapshot: LayerSnapshot, rows: np.ndarray, faded: np.ndarray,
                 view: MapView, settings: RenderSettings, should_stop: ShouldStop) -> None:
    order = _marker_order(snapshot.class_index[rows], snapshot.marker_sizes[rows], faded)
    rows, faded = rows[order], faded[order]
    sizes = np.round(snapshot.marker_sizes[rows] * 2) / 2
    xy = snapshot.point_xy[rows]
    _stamp_markers(painter, snapshot.symbols, xy, snapshot.class_index[rows], sizes, faded, view, should_stop)
    dpr = view.device_pixel_ratio
    if settings.show_markings:
        tlps = snapshot.tlps(rows)
        read = tlps != ""  # markings not read yet (a large layer's details): no badge rather than a wrong one
        levels, badge_of = np.unique(tlps[read], return_inverse=True)
        badges = [tlp_badge_stamp(t, dpr) for t in levels.tolist()]
        # Badge at the marker's upper right corner.
        corner = xy[read] + np.column_stack([sizes[read] / 2 - 2, sizes[read] / 2 - 2]) * view.resolution
        _stamp_rows(painter, corner, view, badges, badge_of, should_stop)


def _marker_order(classes: np.ndarray, sizes: np.ndarray, faded: np.ndarray) -> np.ndarray:
    """Drawing order of markers: big under small (a village's dot is not hidden by a city's
    disc), faded under the rest; within a size, the higher class on top."""
    return np.lexsort((classes, -(np.round(sizes * 2) / 2), ~faded))


def _stamp_markers(painter: QPainter, symbols: list[Symbol], xy: np.ndarray, classes: np.ndarray,
                   sizes: np.ndarray, faded: np.ndarray, view: MapView, should_stop: ShouldStop) -> None:
    """Markers at ``xy`` (map CRS) in the drawing order given, ``sizes`` in half pixels."""
    # One int64 key a (class, half-pixel size, faded) stamp: np.unique on 1-D keys is fast.
    keys = (classes.astype(np.int64) * 100_000 + (sizes * 2).astype(np.int64)) * 2 + faded
    unique, stamp_of = np.unique(keys, return_inverse=True)
    dpr = view.device_pixel_ratio
    stamps = [marker_stamp(symbols[k // 200_000], (k // 2) % 100_000 / 2, bool(k % 2), dpr) for k in unique.tolist()]
    _stamp_rows(painter, xy, view, stamps, stamp_of, should_stop)


TLP_RANK = {"CLEAR": 1, "GREEN": 2, "AMBER": 3, "AMBER+STRICT": 4, "RED": 5}


def _draw_clusters(painter: QPainter, snapshot: LayerSnapshot, rows: np.ndarray, view: MapView,
                   settings: RenderSettings, should_stop: ShouldStop) -> None:
    """A point layer too dense to draw point by point (see ``point_clusters``): a disc a cell
    with its count, a lone point as its own marker. With the marking filter a disc says how
    many of its features would go ("12/450") and fades when none would; with markings shown
    it carries the most restrictive TLP among its features."""
    faded = _faded(snapshot, rows, settings)
    filtering = settings.marking_predicate is not None
    kind = snapshot.kind
    ordered = is_ordered(kind)
    size_by = kind.style.size_by
    weights = None
    if size_by is not None and size_by.field in snapshot.attrs:
        weights = snapshot.attrs[size_by.field].to_numpy(dtype=float, na_value=np.nan)[rows]
    clusters = cluster_points(snapshot.point_xy, rows, snapshot.class_index[rows], cell_size(view), faded,
                              ordered=ordered, weights=weights)
    _check(should_stop)
    lone = clusters.count[clusters.row_cluster] == 1
    if lone.any():
        _draw_points(painter, snapshot, rows[lone], faded[lone], view, settings, should_stop)
    many = np.flatnonzero(clusters.count > 1)
    if not len(many):
        return
    _stamp_discs(painter, snapshot.symbols, clusters, many, filtering, view, should_stop)
    dpr = view.device_pixel_ratio
    if settings.show_markings:
        tlps = snapshot.tlps(rows)
        rank = pd.Series(tlps, dtype=object).map(TLP_RANK).fillna(0).to_numpy(dtype=np.int64)
        worst = np.zeros(len(clusters), dtype=np.int64)
        np.maximum.at(worst, clusters.row_cluster, rank)
        # a cluster with a feature whose marking is not read yet gets no badge rather than a lower one
        unread = np.bincount(clusters.row_cluster, weights=tlps == "", minlength=len(clusters)) > 0
        levels = {v: k for k, v in TLP_RANK.items()}
        marked = many[(worst[many] > 0) & ~unread[many]]
        if len(marked):
            tlps = np.array([levels[int(v)] for v in worst[marked].tolist()])
            names, badge_of = np.unique(tlps, return_inverse=True)
            radius = disc_diameter(clusters.count[marked]) / 2
            corner = clusters.centre[marked] + np.column_stack([radius * 0.7, radius * 0.7]) * view.resolution
            _stamp_rows(painter, corner, view, [tlp_badge_stamp(t, dpr) for t in names.tolist()], badge_of,
                        should_stop)


def _stamp_discs(painter: QPainter, symbols: list[Symbol], clusters: Clusters, many: np.ndarray, filtering: bool,
                 view: MapView, should_stop: ShouldStop) -> None:
    """The discs of clusters ``many`` (of more than one point), each with its count."""
    dpr = view.device_pixel_ratio
    diameter = np.round(disc_diameter(clusters.count[many]))
    is_faded = clusters.sendable[many] == 0 if filtering else np.zeros(len(many), dtype=bool)
    keys = (clusters.class_index[many].astype(np.int64) * 1000 + diameter.astype(np.int64)) * 2 + is_faded
    unique, stamp_of = np.unique(keys, return_inverse=True)
    stamps = [cluster_stamp(symbols[k // 2000], (k // 2) % 1000, bool(k % 2), dpr) for k in unique.tolist()]
    centre = clusters.centre[many]
    _stamp_rows(painter, centre, view, stamps, stamp_of, should_stop)
    font = QFont()
    font.setPixelSize(10)
    font.setBold(True)
    painter.setFont(font)
    px, py = view.to_pixel(centre[:, 0], centre[:, 1])
    counts, sendable = clusters.count[many].tolist(), clusters.sendable[many].tolist()
    for i, (x, y) in enumerate(zip(px.tolist(), py.tolist(), strict=True)):
        text = count_label(counts[i])
        if filtering and 0 < sendable[i] < counts[i]:
            text = f"{count_label(sendable[i])}/{text}"
        fill = QColor(symbols[int(clusters.class_index[many[i]])].fill or "#888888")
        pen = QColor("#ffffff") if fill.lightness() < 150 else QColor("#1e1e1e")
        if is_faded[i]:
            pen.setAlphaF(0.5)
        painter.setPen(pen)
        r = float(diameter[i])
        painter.drawText(QRectF(x - r, y - r / 2, 2 * r, r), Qt.AlignmentFlag.AlignCenter, text)


def render_overview(overview: PointOverview, kind: LayerKind, view: MapView, settings: RenderSettings,
                    should_stop: ShouldStop = lambda: False) -> QImage | None:
    """A dense point layer drawn from its overview (``overview_grid``) as its points would draw
    it; None where the overview cannot tell what they would draw (the points are needed)."""
    if settings.marking_predicate is not None or (settings.at_ns is not None and (kind.time_start or kind.time_end)):
        return None
    found = overview.clusters_for(view, is_ordered(kind))
    if found is None:
        return None
    clusters, lone_size = found
    image = new_image(view)
    symbols = [kind.style.base, *(cls.over(kind.style.base) for cls in kind.style.classes.values())]
    painter = QPainter(image)
    try:
        lone = np.flatnonzero(clusters.count == 1)
        if len(lone):
            classes = clusters.class_index[lone]
            faded = np.zeros(len(lone), dtype=bool)
            order = _marker_order(classes, lone_size[lone], faded)
            lone = lone[order]
            _stamp_markers(painter, symbols, clusters.centre[lone], clusters.class_index[lone],
                           np.round(lone_size[lone] * 2) / 2, faded, view, should_stop)
        many = np.flatnonzero(clusters.count > 1)
        if len(many):
            _stamp_discs(painter, symbols, clusters, many, False, view, should_stop)
        # No TLP badges: markings are not read yet (as on a large layer before its details)
    finally:
        painter.end()
    return image


def _stamp_rows(painter: QPainter, xy: np.ndarray, view: MapView, stamps: list, stamp_of: np.ndarray | None,
                should_stop: ShouldStop) -> None:
    """Stamp ``stamps[stamp_of[i]]`` with its centre on point i (integer pixels); ``stamp_of``
    None: the one stamp for all."""
    if not len(xy) or not stamps:
        return
    stamp_of = np.zeros(len(xy), dtype=np.int64) if stamp_of is None else np.ravel(stamp_of)
    px, py = view.to_pixel(xy[:, 0], xy[:, 1])
    half_w = np.array([s.half_w for s in stamps])[stamp_of]
    half_h = np.array([s.half_h for s in stamps])[stamp_of]
    left = np.floor(px - half_w + 0.5).astype(np.int64).tolist()
    top = np.floor(py - half_h + 0.5).astype(np.int64).tolist()
    images = [s.image for s in stamps]
    which = stamp_of.tolist()
    draw = painter.drawImage
    for start in range(0, len(which), STAMP_BATCH):
        _check(should_stop)
        end = start + STAMP_BATCH
        for x, y, i in zip(left[start:end], top[start:end], which[start:end], strict=True):
            draw(x, y, images[i])


# --- selection --------------------------------------------------------------------------------
def render_selection(items: list[tuple[LayerSnapshot, np.ndarray]], view: MapView,
                     should_stop: ShouldStop = lambda: False) -> QImage:
    """Selected features highlighted (cyan on a black casing), above every layer."""
    image = new_image(view)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        for snapshot, rows in items:
            _check(should_stop)
            if not len(rows):
                continue
            geometry = snapshot.kind.geometry
            if geometry == "Point":
                sizes = np.round(snapshot.marker_sizes[rows])
                ring_sizes, stamp_of = np.unique(sizes, return_inverse=True)
                stamps = [selection_stamp(s, view.device_pixel_ratio) for s in ring_sizes.tolist()]
                _stamp_rows(painter, snapshot.point_xy[rows], view, stamps, stamp_of, should_stop)
                continue
            geoms = snapshot.simplified(view.zoom_bucket())[rows]
            many = len(rows) > 2_000
            casing = QPen(QColor("#000000"), 1.0 if many else 5.0)
            casing.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            pen = QPen(QColor(SELECTION_COLOUR), 1.0 if many else 3.0)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if geometry == "LineString":
                paths = line_paths(geoms, view)
            else:
                paths = area_paths(geoms, view)
                fill = QBrush(colour(SELECTION_COLOUR, 0.18))
                for path in paths:
                    painter.fillPath(path, fill)
            for path in paths:
                if not many:
                    painter.strokePath(path, casing)
                painter.strokePath(path, pen)
    finally:
        painter.end()
    return image


def _check(should_stop: ShouldStop) -> None:
    if should_stop():
        raise Stopped
