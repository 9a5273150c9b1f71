"""Which features are under a click or inside a rectangle: through each layer's STRtree,
then exact distances with shapely, honouring the time filter; and which of the features
stacked under a click a click picks (:class:`PickCycle`). Qt-free: the layers are anything
shaped like the canvas's snapshots (``drawn_layers.DrawnLayer``), and where a point layer is
drawn as clusters the caller hands the cluster rules in (``clusters=``: the
``layers.point_clusters`` module, or a test's stand-in)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from humanops.viewmodel.drawn_layers import DrawnLayer, PointClusters
from humanops.viewmodel.map_view import MapView

# How a hit ranks among the features stacked under a click: a marker is a small target aimed
# at, an area the click is inside is what the user points into, and a line crossing that area
# (a road through a danger zone) or an area's edge just beside the click comes after them.
MARKER, INSIDE_AREA, NEAR_LINE = 0, 1, 2


def features_at(layers: list[DrawnLayer], x: float, y: float, resolution: float, tolerance_px: float,
                at_ns: int | None, view: MapView | None = None,
                clusters: PointClusters | None = None) -> list[tuple[str, str]]:
    """(layer, uuid) of features within ``tolerance_px`` of the map point (x, y), in the order
    a click picks them: markers (layers top first), then areas the point is inside (layers top
    first, the smallest first within a layer), then lines and area edges (the nearest first,
    then by layer). A point counts as hit anywhere on its marker; a corridor anywhere on its band.
    With ``view`` and ``clusters`` given, a point layer drawn as clusters in that view is hit as
    its clusters are drawn."""
    point = shapely.Point(x, y)
    ranked: list[tuple[int, float, int, float, float, str, str]] = []
    for order, snapshot in enumerate(layers):
        if not len(snapshot):
            continue
        is_point = snapshot.kind.geometry == "Point"
        rows, distance = _drawn_under(snapshot, point, resolution, tolerance_px, at_ns, view, clusters)
        if not len(rows):
            continue
        # The smallest marker or area wins a tie: it is drawn on top of, or inside, the other.
        size = snapshot.marker_sizes[rows] if is_point else shapely.area(snapshot.extents[rows])
        if is_point:
            rank = np.full(len(rows), MARKER)
        elif snapshot.kind.geometry == "LineString":  # a corridor too, though it is hit on its band
            rank = np.full(len(rows), NEAR_LINE)
        else:
            rank = np.where(distance == 0.0, INSIDE_AREA, NEAR_LINE)
        uuids = snapshot.uuids_of(rows)
        for i in range(len(rows)):
            if uuids[i] is None:  # deleted since the layer was read
                continue
            near = float(distance[i]) if rank[i] == NEAR_LINE else 0.0
            ranked.append((int(rank[i]), near, order, float(distance[i]), float(size[i]), snapshot.name,
                           str(uuids[i])))
    ranked.sort(key=lambda hit: hit[:5])
    return [(layer, uuid) for *_, layer, uuid in ranked]


def _drawn_under(snapshot: DrawnLayer, point: shapely.Point, resolution: float, tolerance_px: float,
                 at_ns: int | None, view: MapView | None,
                 clusters: PointClusters | None) -> tuple[np.ndarray, np.ndarray]:
    """(rows, distances) of one layer's features drawn within ``tolerance_px`` of ``point``: a
    point anywhere on its marker, a corridor anywhere on its band. Where a point layer is drawn
    as clusters (``view`` and ``clusters`` given), a cluster's features when it is small enough
    to list, none when larger (a click there zooms in: :meth:`MapCanvas.cluster_at`)."""
    x, y = point.x, point.y
    if view is not None and clusters is not None and clusters.is_clustered(snapshot, view, at_ns):
        hit = clusters.cluster_under(snapshot, x, y, view, tolerance_px, at_ns)
        if hit is None or hit.count > clusters.LIST_UP_TO:
            return np.empty(0, dtype=np.int64), np.empty(0)
        return hit.rows, hit.distance
    is_point = snapshot.kind.geometry == "Point"
    pad = tolerance_px * resolution + (float(snapshot.marker_sizes.max()) / 2 * resolution if is_point else 0.0)
    rows = snapshot.rows_in_box(x - pad, y - pad, x + pad, y + pad)
    valid = snapshot.valid_at(at_ns)
    if valid is not None:
        rows = rows[valid[rows]]
    if not len(rows):
        return rows, np.empty(0)
    if snapshot.is_points:
        xy = snapshot.point_xy[rows]
        distance = np.hypot(xy[:, 0] - x, xy[:, 1] - y)
    else:
        distance = shapely.distance(snapshot.extents[rows], point)
    reach = tolerance_px * resolution + (snapshot.marker_sizes[rows] / 2 * resolution if is_point else 0.0)
    inside = distance <= reach
    return rows[inside], distance[inside]


def prefer_layer(hits: list[tuple[str, str]], layer: str | None) -> list[tuple[str, str]]:
    """``hits`` with the active layer's (the one chosen in the Layers panel) first, each part in
    its order: working on a layer, the user means its features."""
    if not layer:
        return list(hits)
    return [h for h in hits if h[0] == layer] + [h for h in hits if h[0] != layer]


@dataclass
class PickCycle:
    """Which of the features stacked under a click a click picks: the first, and at the same
    place again (within ``same_place_px``), while the last pick is still what is selected, the
    next one, round to the first."""

    same_place_px: float = 3.0
    _place: tuple[float, float] | None = None
    _hits: list[tuple[str, str]] = field(default_factory=list)
    _index: int = 0

    def pick(self, hits: list[tuple[str, str]], x: float, y: float, resolution: float,
             selected: tuple[str, str] | None) -> int | None:
        """The index in ``hits`` to pick at the map point (x, y), None if nothing is there.
        ``selected`` is the one feature selected now (None if none or several)."""
        if not hits:
            self.reset()
            return None
        again = (self._place is not None and hits == self._hits and selected == self._hits[self._index]
                 and np.hypot(x - self._place[0], y - self._place[1]) <= self.same_place_px * resolution)
        self._index = (self._index + 1) % len(hits) if again else 0
        self._place, self._hits = (x, y), list(hits)
        return self._index

    def chose(self, hits: list[tuple[str, str]], index: int, x: float, y: float) -> None:
        """A feature of the stack was chosen another way (the Select… menu): the next click
        there goes on from it."""
        self._place, self._hits, self._index = (x, y), list(hits), index

    def reset(self) -> None:
        self._place, self._hits, self._index = None, [], 0


def features_in_box(layers: list[DrawnLayer], box: tuple[float, float, float, float],
                    at_ns: int | None) -> dict[str, set[str]]:
    """uuids a layer of the features a map-CRS rectangle touches."""
    rectangle = shapely.box(*box)
    out: dict[str, set[str]] = {}
    for snapshot in layers:
        if not len(snapshot):
            continue
        rows = snapshot.rows_in_box(*box)
        valid = snapshot.valid_at(at_ns)
        if valid is not None:
            rows = rows[valid[rows]]
        if not snapshot.is_points:  # a point in the box is in the rectangle
            rows = rows[shapely.intersects(snapshot.geoms[rows], rectangle)]
        uuids = {u for u in snapshot.uuids_of(rows) if u is not None}
        if uuids:
            out[snapshot.name] = uuids
    return out
