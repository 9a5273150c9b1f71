"""shapely arrays to Qt paths, without a Python loop over vertices.

Building a QPainterPath point by point costs a Python call a vertex. Instead the coordinates
are written with numpy in QPainterPath's QDataStream layout (count; per element its type and
x, y as big-endian int32 and doubles; cStart; fill rule) and Qt reads the paths back from one
buffer: one Python call a *path*. Paths hold one feature (areas, so each fills on its own)
or a chunk of lines (a stroke per chunk; one huge path would make Qt's rasteriser crawl).
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
LINES_PER_PATH = 48
VERTICES_PER_PATH = 4000


def _read_paths(xy: np.ndarray, move: np.ndarray, path_of: np.ndarray, n_paths: int,
                fill_rule: int) -> list[QPainterPath]:
    """Paths from coordinates (pixels), a MoveTo flag a vertex and the path each vertex is in
    (non-decreasing). Paths without vertices are left out."""
    counts = np.bincount(path_of, minlength=n_paths)
    present = counts > 0
    counts = counts[present]
    if not len(counts):
        return []
    m = len(xy)
    elements = np.empty(m, dtype=_ELEMENT)
    elements["type"] = np.where(move, _MOVE_TO, _LINE_TO)
    elements["x"] = xy[:, 0]
    elements["y"] = xy[:, 1]
    k = len(counts)
    # Layout a path: int32 count, 20 bytes an element, int32 cStart, int32 fill rule.
    raw = memoryview(elements.tobytes())
    heads = memoryview(counts.astype(">i4").tobytes())
    trailer = np.array([0, fill_rule], dtype=">i4").tobytes()
    pieces: list[object] = []
    start = 0
    for i, count in enumerate(counts.tolist()):
        pieces += (heads[4 * i:4 * i + 4], raw[20 * start:20 * (start + count)], trailer)
        start += count
    buffer = b"".join(pieces)  # type: ignore[arg-type]
    stream = QDataStream(QByteArray(buffer))
    paths = []
    for _ in range(k):
        path = QPainterPath()
        stream >> path  # QDataStream's operator>> fills ``path``
        paths.append(path)
    return paths


def area_paths(geoms: np.ndarray, view: MapView) -> list[QPainterPath]:
    """One path a (multi)polygon, holes included (odd-even fill), in view pixels; a path for
    every geometry that is not empty, in order."""
    if not len(geoms):
        return []
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    if not len(coords):
        return []
    px, py = view.to_pixel(coords[:, 0], coords[:, 1])
    move = np.ones(len(coords), dtype=bool)
    move[1:] = ring_of[1:] != ring_of[:-1]
    feature_of = part_of[ring_part[ring_of]]
    return _read_paths(np.column_stack([px, py]), move, feature_of, len(geoms), ODD_EVEN)


def line_paths(geoms: np.ndarray, view: MapView) -> list[QPainterPath]:
    """Lines in view pixels, a few dozen to a path (one stroke call each)."""
    if not len(geoms):
        return []
    parts = shapely.get_parts(geoms)
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    if not len(coords):
        return []
    px, py = view.to_pixel(coords[:, 0], coords[:, 1])
    move = np.ones(len(coords), dtype=bool)
    move[1:] = part_of[1:] != part_of[:-1]
    # Chunks of whole lines: a new path every LINES_PER_PATH lines or VERTICES_PER_PATH vertices.
    per_line = np.bincount(part_of, minlength=len(parts))
    before = np.cumsum(per_line) - per_line
    chunk_key = (np.arange(len(parts)) // LINES_PER_PATH) * (len(coords) + 1) + before // VERTICES_PER_PATH
    _, chunk_of_line = np.unique(chunk_key, return_inverse=True)
    path_of = chunk_of_line[part_of]
    return _read_paths(np.column_stack([px, py]), move, path_of, int(path_of.max()) + 1, WINDING)


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
