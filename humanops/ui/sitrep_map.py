"""The situation report's map: what its audience may see, drawn by the map export's renderer.

The layers come from the report's :class:`~humanops.sharing.audience.AudienceView` (never from the
workspace directly): each GeoDataFrame becomes a canvas :class:`LayerSnapshot` holding the columns
the canvas holds of a layer, so it is styled exactly as in the app and the banner's TLP is read
from the very rows drawn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from humanops.catalog import LayerKind
from humanops.sharing.audience import AudienceView
from humanops.store.layer_columns import LayerColumns
from humanops.ui.canvas.layer_renderer import RenderSettings
from humanops.ui.map_export import MapLayer, MapRequest
from humanops.viewmodel.layers.layer_data import LayerSnapshot, snapshot_from_columns
from humanops.viewmodel.layers.layer_stages import column_types, whole_columns
from humanops.viewmodel.map_view import MapView, lonlat_box_to_map

MIN_EXTENT_M = 2_000.0  # a report on one feature still shows its surroundings
_GEOMETRY_ORDER = {"MultiPolygon": 0, "LineString": 1, "Point": 2}


def snapshot_of_frame(kind: LayerKind, frame: pd.DataFrame) -> LayerSnapshot:
    """A GeoDataFrame (EPSG:4326, the kind's columns as stored) as the canvas holds a layer."""
    names = [c for c in whole_columns(kind) if c in frame.columns]
    types = column_types(kind, names)
    values = {}
    for name in names:
        column = frame[name]
        if types[name] == "float":
            values[name] = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
        elif types[name] == "category":
            values[name] = pd.Categorical(column.astype(object).where(column.notna(), None))
        else:
            values[name] = np.asarray(column.astype(object).where(column.notna(), None), dtype=object)
    geometry = np.asarray(frame.geometry.values, dtype=object)
    fids = np.arange(len(frame), dtype=np.int64)
    if kind.geometry == "Point":
        points = shapely.get_coordinates(geometry) if len(geometry) else np.empty((0, 2))
        if len(points) != len(geometry):  # a missing or odd geometry: placed by its centroid, or left out
            centroids = shapely.centroid(geometry)
            points = np.array([shapely.get_coordinates(c)[0] if c is not None and not c.is_empty else (np.nan, np.nan)
                               for c in centroids], dtype=float).reshape(-1, 2)
        columns = LayerColumns(fids, points, None, values)
    else:
        columns = LayerColumns(fids, None, geometry, values)
    return snapshot_from_columns(kind, columns, revision=1)


def report_layers(view: AudienceView) -> tuple[MapLayer, ...]:
    """The view's layers with features, areas under lines under points."""
    layers = sorted((layer for layer in view.layers.values() if len(layer.frame)),
                    key=lambda layer: (_GEOMETRY_ORDER.get(layer.kind.geometry, 3), bool(layer.kind.style.size_by)))
    return tuple(MapLayer(snapshot_of_frame(layer.kind, layer.frame), layer.kind.title) for layer in layers)


def report_extent(view: AudienceView) -> tuple[float, float, float, float] | None:
    """The area shown: the report's box, else the features' extent (lon/lat)."""
    if view.bbox is not None:
        return view.bbox
    bounds = [layer.frame.total_bounds for layer in view.layers.values() if len(layer.frame)]
    bounds = [b for b in bounds if np.isfinite(b).all()]
    if not bounds:
        return None
    b = np.array(bounds)
    return float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max())


def report_map_request(view: AudienceView, width: float, height: float, dpi: float) -> MapRequest | None:
    """The request for a map of ``width`` x ``height`` logical pixels at ``dpi``; None when there
    is nothing to place on a map."""
    extent = report_extent(view)
    if extent is None:
        return None
    x0, y0, x1, y1 = lonlat_box_to_map(*extent)
    if x1 - x0 < MIN_EXTENT_M and y1 - y0 < MIN_EXTENT_M:
        cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, MIN_EXTENT_M / 2
        x0, y0, x1, y1 = cx - half, cy - half, cx + half, cy + half
    map_view = MapView(0.0, 0.0, 1.0, max(1, round(width)), max(1, round(height)), dpi / 96.0)
    map_view = map_view.fitted(x0, y0, x1, y1, margin=0.04)
    at_ns = int(pd.Timestamp(view.at).tz_convert("UTC").value)
    return MapRequest(map_view, report_layers(view), RenderSettings(at_ns=at_ns), labels=True)
