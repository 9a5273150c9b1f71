"""shapely arrays to Qt paths, without a Python loop over vertices.

Building a QPainterPath point by point costs a Python call a vertex. Instead the coordinates
are written with numpy in QPainterPath's QDataStream layout (count; per element its type and
x, y as big-endian int32 and doubles; cStart; fill rule) and Qt reads the paths back from one
buffer: one Python call a *path*; the buffer itself is laid out by numpy in one pass, and an
area's rings are found from vertex counts (no shapely object a ring). Paths hold one feature
(areas, so each fills on its own) or a chunk of lines (a stroke per chunk; one huge path would
make Qt's rasteriser crawl).
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream
from PySide6.QtGui import QPainterPath

from humanops.viewmodel.map_view import MapView

_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_MOVE_TO, _LINE_TO = 0, 1
ODD_EVEN, WINDING = 0, 1
POLYGON_TYPE = 3  # shapely.GeometryType.POLYGON
LINES_PER_PATH = 48
VERTICES_PER_PATH = 4000


def _read_paths(xy: np.ndarray, move: np.ndarray, path_of: np.ndarray, n_paths: int,
                fill_rule: int) -> list[QPainterPath]:
    """Paths from coordinates (pixels), a MoveTo flag a vertex and the path each vertex is in
    (non-decreasing). Paths without vertices are left out."""
    counts = np.bincount(path_of, minlength=n_paths)
    counts = counts[counts > 0]
    if not len(counts):
        return []
    stream = QDataStream(QByteArray(_path_stream(xy, move, counts, fill_rule)))
    paths = []
    for _ in range(len(counts)):
        path = QPainterPath()
        stream >> path  # QDataStream's operator>> fills ``path``
        paths.append(path)
    return paths


def _path_stream(xy: np.ndarray, move: np.ndarray, counts: np.ndarray, fill_rule: int) -> bytes:
    """The QDataStream bytes of consecutive paths of ``counts`` vertices each. Every field is a
    whole number of 32-bit words (a path: a count word, 5 words an element, 2 trailer words),
    so the buffer is laid out in one scatter of words rather than a Python loop a path."""
    m, k = len(xy), len(counts)
    elements = np.empty(m, dtype=_ELEMENT)
    elements["type"] = np.where(move, _MOVE_TO, _LINE_TO)
    elements["x"] = xy[:, 0]
    elements["y"] = xy[:, 1]
    start = np.cumsum(counts) - counts
    head = 3 * np.arange(k) + 5 * start  # word where each path's count goes
    end = head + 1 + 5 * counts  # its trailer: cStart, fill rule
    words = np.empty(5 * m + 3 * k, dtype=np.uint32)
    is_element = np.ones(len(words), dtype=bool)
    is_element[head] = is_element[end] = is_element[end + 1] = False
    words[is_element] = elements.view(np.uint32)  # the bytes as they are: already big-endian
    extra = np.zeros((k, 3), dtype=">i4")
    extra[:, 0] = counts
    extra[:, 2] = fill_rule
    words[~is_element] = extra.view(np.uint32).ravel()
    return words.tobytes()


def area_vertices(geoms: np.ndarray, view: MapView) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every vertex of ``geoms`` (areas) in view pixels, a flag where each ring starts and the
    geometry of each vertex, in the order shapely keeps them (parts, then rings)."""
    coords, feature_of = shapely.get_coordinates(geoms, return_index=True)
    move = np.zeros(len(coords), dtype=bool)
    if len(coords):
        # A plain polygon has one ring, starting where its geometry starts; only multi-part
        # or holed areas (few) are split into rings, so no Python object a ring is made.
        counts = shapely.get_num_coordinates(geoms)
        first = np.cumsum(counts) - counts
        move[first[counts > 0]] = True
        several = np.flatnonzero((counts > 0) & ((shapely.get_type_id(geoms) != POLYGON_TYPE)
                                                 | (shapely.get_num_interior_rings(geoms) > 0)))
        if len(several):
            parts, part_of = shapely.get_parts(geoms[several], return_index=True)
            rings, ring_part = shapely.get_rings(parts, return_index=True)
            ring_len = shapely.get_num_coordinates(rings)
            ring_of = part_of[ring_part]  # the position in ``several`` of each ring's geometry
            before_ring = np.cumsum(ring_len) - ring_len
            before_geometry = np.cumsum(counts[several]) - counts[several]
            ring_start = first[several][ring_of] + before_ring - before_geometry[ring_of]
            move[ring_start[ring_len > 0]] = True
    px, py = view.to_pixel(coords[:, 0], coords[:, 1])
    return np.column_stack([px, py]), move, feature_of


def area_paths(geoms: np.ndarray, view: MapView) -> list[QPainterPath]:
    """One path a (multi)polygon, holes included (odd-even fill), in view pixels; a path for
    every geometry that is not empty, in order."""
    if not len(geoms):
        return []
    xy, move, feature_of = area_vertices(geoms, view)
    if not len(xy):
        return []
    return _read_paths(xy, move, feature_of, len(geoms), ODD_EVEN)


def _line_vertices(geoms: np.ndarray, view: MapView) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Every vertex of the lines' parts in view pixels, the part each belongs to, and the
    number of parts; None when there is no vertex."""
    if not len(geoms):
        return None
    parts = shapely.get_parts(geoms)
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    if not len(coords):
        return None
    px, py = view.to_pixel(coords[:, 0], coords[:, 1])
    return np.column_stack([px, py]), part_of, len(parts)


def line_paths(geoms: np.ndarray, view: MapView) -> list[QPainterPath]:
    """Lines in view pixels, a few dozen to a path (one stroke call each)."""
    vertices = _line_vertices(geoms, view)
    if vertices is None:
        return []
    xy, part_of, n_parts = vertices
    move = np.ones(len(xy), dtype=bool)
    move[1:] = part_of[1:] != part_of[:-1]
    # Chunks of whole lines: a new path every LINES_PER_PATH lines or VERTICES_PER_PATH vertices.
    per_line = np.bincount(part_of, minlength=n_parts)
    before = np.cumsum(per_line) - per_line
    chunk_key = (np.arange(n_parts) // LINES_PER_PATH) * (len(xy) + 1) + before // VERTICES_PER_PATH
    _, chunk_of_line = np.unique(chunk_key, return_inverse=True)
    path_of = chunk_of_line[part_of]
    return _read_paths(xy, move, path_of, int(path_of.max()) + 1, WINDING)


def stroke_paths(geoms: np.ndarray, view: MapView, limit: int) -> list[QPainterPath]:
    """Lines in view pixels as paths of fewer than ``limit`` vertices each, in order: a line of
    more than ``limit // 2`` vertices is cut into pieces of at most that many, sharing their end
    vertex, so one ``strokePath`` call holds the GIL for a bounded number of segments."""
    vertices = _line_vertices(geoms, view)
    if vertices is None:
        return []
    line_xy, part_of, n_parts = vertices
    piece = max(2, limit // 2)  # vertices a piece, at most
    counts = np.bincount(part_of, minlength=n_parts)
    local = np.arange(len(line_xy)) - (np.cumsum(counts) - counts)[part_of]
    # A vertex ends one piece and starts the next every piece - 1 segments (never a line's last).
    cut = (local > 0) & (local % (piece - 1) == 0) & (local < counts[part_of] - 1)
    copies = 1 + cut
    first = np.cumsum(copies) - copies  # where each vertex's (first) copy goes
    xy = np.repeat(line_xy, copies, axis=0)
    move = np.zeros(len(xy), dtype=bool)
    move[first[local == 0]] = True
    move[first[cut] + 1] = True
    # Whole pieces to a path: those starting within the same ``piece`` vertices (under 2 x piece).
    starts = np.flatnonzero(move)
    piece_of = np.cumsum(move) - 1
    _, path_of_piece = np.unique(starts // piece, return_inverse=True)
    path_of = path_of_piece[piece_of]
    return _read_paths(xy, move, path_of, int(path_of[-1]) + 1, WINDING)


def polyline_path(xy: np.ndarray, closed: bool = False) -> QPainterPath:
    """One path through pixel points (tools' rubber bands)."""
    if not len(xy):
        return QPainterPath()
    move = np.zeros(len(xy), dtype=bool)
    move[0] = True
    paths = _read_paths(np.asarray(xy, dtype=float), move, np.zeros(len(xy), dtype=np.int64), 1, WINDING)
    path = paths[0]
    if closed:
        path.closeSubpath()
    return path
