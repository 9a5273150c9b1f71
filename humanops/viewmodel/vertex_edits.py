"""Vertex edits on lon/lat geometries, in shapely's coordinate order (what the vertex tool
shows as handles): move, insert and remove a vertex, and whether two vertices share a ring.
Unedited coordinates are kept exactly: nothing makes a round trip through the map projection.
Qt-free (docs/architecture.md, the view-model); the canvas's VertexEditTool calls it."""

from __future__ import annotations

import numpy as np
import shapely


def _rings(geometry: shapely.Geometry) -> list[tuple[int, int, int, bool]]:
    """(part, start, end) index ranges of each ring or line in get_coordinates order, and
    whether it is closed (a polygon ring: first and last coordinates are one vertex)."""
    out = []
    start = 0
    parts = shapely.get_parts(geometry)
    for p, part in enumerate(parts):
        if part.geom_type == "Polygon":
            for ring in shapely.get_rings(part):
                n = shapely.get_num_coordinates(ring)
                out.append((p, start, start + n, True))
                start += n
        else:
            n = shapely.get_num_coordinates(part)
            out.append((p, start, start + n, False))
            start += n
    return out


def same_ring(geometry: shapely.Geometry, i: int, j: int) -> bool:
    return any(start <= i < end and start <= j < end for _, start, end, _ in _rings(geometry))


def move_vertex(geometry: shapely.Geometry, index: int, lonlat: tuple[float, float]) -> shapely.Geometry:
    """The geometry with vertex ``index`` at ``lonlat`` (a ring's first/last move together);
    every other coordinate is kept exactly."""
    coords = shapely.get_coordinates(geometry).copy()
    coords[index] = lonlat
    for _, start, end, closed in _rings(geometry):
        if closed and index in (start, end - 1):
            coords[start] = coords[end - 1] = lonlat
    return shapely.set_coordinates(geometry, coords)


def _rebuild(geometry: shapely.Geometry, rings: list[tuple[int, np.ndarray, bool]]) -> shapely.Geometry:
    kind = geometry.geom_type
    if kind == "Point":
        return shapely.Point(rings[0][1][0])
    if kind == "LineString":
        return shapely.LineString(rings[0][1])
    if kind == "MultiLineString":
        return shapely.MultiLineString([r[1] for r in rings])
    polygons: dict[int, list[np.ndarray]] = {}
    for part, ring, _ in rings:
        polygons.setdefault(part, []).append(ring)
    built = [shapely.Polygon(r[0], r[1:]) for _, r in sorted(polygons.items())]
    return shapely.MultiPolygon(built) if kind == "MultiPolygon" else built[0]


def _split(geometry: shapely.Geometry) -> list[tuple[int, np.ndarray, bool]]:
    coords = shapely.get_coordinates(geometry)
    return [(part, coords[start:end].copy(), closed) for part, start, end, closed in _rings(geometry)]


def insert_vertex(geometry: shapely.Geometry, index: int, lonlat: tuple[float, float]) -> shapely.Geometry:
    """A vertex inserted before coordinate ``index`` (which is in the same ring as index - 1)."""
    rings = []
    for (part, ring, closed), (_, start, end, _) in zip(_split(geometry), _rings(geometry), strict=True):
        if start < index < end:
            ring = np.insert(ring, index - start, lonlat, axis=0)
        rings.append((part, ring, closed))
    return _rebuild(geometry, rings)


def remove_vertex(geometry: shapely.Geometry, index: int) -> shapely.Geometry | None:
    """The geometry without vertex ``index``; None if that would leave a line of fewer than two
    points or a ring of fewer than three corners."""
    rings = []
    for (part, ring, closed), (_, start, end, _) in zip(_split(geometry), _rings(geometry), strict=True):
        if start <= index < end:
            k = index - start
            if closed:
                corners = ring[:-1]
                corners = np.delete(corners, k % len(corners), axis=0)
                if len(corners) < 3:
                    return None
                ring = np.vstack([corners, corners[:1]])
            else:
                if len(ring) <= 2:
                    return None
                ring = np.delete(ring, k, axis=0)
        rings.append((part, ring, closed))
    return _rebuild(geometry, rings)
