"""Which features are under a click or inside a rectangle: through each layer's STRtree,
then exact distances with shapely, honouring the time filter. Qt-free."""

from __future__ import annotations

import numpy as np
import shapely

from humanops.ui.canvas.layer_data import LayerSnapshot


def features_at(layers: list[LayerSnapshot], x: float, y: float, resolution: float, tolerance_px: float,
                at_ns: int | None) -> list[tuple[str, str]]:
    """(layer, uuid) of features within ``tolerance_px`` of the map point (x, y), in the
    order of ``layers`` (top first); within a layer the nearest, then the smallest, first.
    A point counts as hit anywhere on its marker; a corridor anywhere on its band."""
    point = shapely.Point(x, y)
    hits: list[tuple[str, str]] = []
    for snapshot in layers:
        if not len(snapshot):
            continue
        is_point = snapshot.kind.geometry == "Point"
        pad = tolerance_px * resolution + (float(snapshot.marker_sizes.max()) / 2 * resolution if is_point else 0.0)
        rows = snapshot.tree.query(shapely.box(x - pad, y - pad, x + pad, y + pad))
        valid = snapshot.valid_at(at_ns)
        if valid is not None:
            rows = rows[valid[rows]]
        if not len(rows):
            continue
        distance = shapely.distance(snapshot.extents[rows], point)
        reach = tolerance_px * resolution + (snapshot.marker_sizes[rows] / 2 * resolution if is_point else 0.0)
        inside = distance <= reach
        rows, distance = rows[inside], distance[inside]
        # The smallest marker or area wins a tie: it is drawn on top of, or inside, the other.
        size = snapshot.marker_sizes[rows] if is_point else shapely.area(snapshot.extents[rows])
        for i in np.lexsort((size, distance)).tolist():
            hits.append((snapshot.name, str(snapshot.uuids[rows[i]])))
    return hits


def features_in_box(layers: list[LayerSnapshot], box: tuple[float, float, float, float],
                    at_ns: int | None) -> dict[str, set[str]]:
    """uuids a layer of the features a map-CRS rectangle touches."""
    rectangle = shapely.box(*box)
    out: dict[str, set[str]] = {}
    for snapshot in layers:
        if not len(snapshot):
            continue
        rows = snapshot.tree.query(rectangle)
        valid = snapshot.valid_at(at_ns)
        if valid is not None:
            rows = rows[valid[rows]]
        rows = rows[shapely.intersects(snapshot.geoms[rows], rectangle)]
        if len(rows):
            out[snapshot.name] = set(snapshot.uuids[rows].tolist())
    return out
