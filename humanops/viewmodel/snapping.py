"""Snapping while drawing and editing: to the vertices of visible layers, then to roads.

A click within the tolerance (pixels) of a vertex lands on it exactly; failing that, within
the tolerance of a road it lands on the road line (nearest point, through the road layer's
STRtree). Qt-free: works in map coordinates with the view's resolution, on layers shaped like
the canvas's snapshots (``drawn_layers.DrawnLayer``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely

from humanops.viewmodel.drawn_layers import DrawnLayer


@dataclass
class SnapSettings:
    enabled: bool = True
    tolerance_px: float = 10.0
    to_vertices: bool = True
    to_roads: bool = True
    road_layer: str = "road"


@dataclass(frozen=True)
class SnapResult:
    x: float
    y: float
    kind: str | None = None  # "vertex" | "road" | None (not snapped)
    layer: str | None = None
    uuid: str | None = None

    @property
    def snapped(self) -> bool:
        return self.kind is not None


def snap_point(x: float, y: float, resolution: float, layers: Iterable[tuple[DrawnLayer, np.ndarray | None]],
               roads: DrawnLayer | None, settings: SnapSettings,
               exclude: tuple[str, str] | None = None) -> SnapResult:
    """Snap (x, y) (map CRS). ``layers``: (snapshot, valid rows mask or None) of the visible
    layers; ``exclude``: (layer, uuid) of a feature being edited, never snapped to."""
    if not settings.enabled:
        return SnapResult(x, y)
    tolerance = settings.tolerance_px * resolution
    box = shapely.box(x - tolerance, y - tolerance, x + tolerance, y + tolerance)
    best: SnapResult | None = None
    best_d = tolerance
    if settings.to_vertices:
        for snapshot, valid in layers:
            if not len(snapshot):
                continue
            rows = snapshot.tree.query(box)
            if valid is not None:
                rows = rows[valid[rows]]
            if exclude is not None and exclude[0] == snapshot.name:
                rows = rows[snapshot.uuids[rows] != exclude[1]]
            if not len(rows):
                continue
            coords, owner = shapely.get_coordinates(snapshot.geoms[rows], return_index=True)
            if not len(coords):
                continue
            d = np.hypot(coords[:, 0] - x, coords[:, 1] - y)
            i = int(np.argmin(d))
            if d[i] <= best_d:
                best_d = float(d[i])
                best = SnapResult(float(coords[i, 0]), float(coords[i, 1]), "vertex", snapshot.name,
                                  str(snapshot.uuids[rows[owner[i]]]))
    if best is not None:
        return best
    if settings.to_roads and roads is not None and len(roads):
        point = shapely.Point(x, y)
        found = roads.tree.query_nearest(point, max_distance=tolerance, all_matches=False)
        if len(found):
            row = int(found[0])
            road = roads.geoms[row]
            on_road = shapely.line_interpolate_point(road, shapely.line_locate_point(road, point))
            if shapely.distance(on_road, point) <= tolerance:
                return SnapResult(float(on_road.x), float(on_road.y), "road", roads.name, str(roads.uuids[row]))
    return SnapResult(x, y)
