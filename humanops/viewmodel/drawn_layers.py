"""What the Qt-free map logic (hit testing, snapping) asks of a layer as the map holds it.

The map canvas holds each layer as a ``LayerSnapshot`` (``viewmodel/layers/layer_data.py``:
row-aligned arrays, a spatial index, the time windows). Hit testing and snapping read only the
slice of it named here, which the snapshot meets and a test meets with a few arrays; and they are
handed the cluster rules (:class:`PointClusters`, met by the ``layers.point_clusters`` module) so
that a test can say which cluster is under a click without making 20,000 points.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np


class DrawnLayer(Protocol):
    """One layer as the map draws it: rows aligned across ``uuids``, ``geoms`` (map CRS) and the
    derived arrays; ``tree`` a spatial index of its rows (shapely's STRtree, or the point index)."""

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> Any: ...  # a catalog.LayerKind: its ``geometry`` is read

    @property
    def uuids(self) -> np.ndarray: ...

    @property
    def geoms(self) -> Any: ...

    @property
    def is_points(self) -> bool: ...

    @property
    def extents(self) -> Any: ...

    @property
    def tree(self) -> Any: ...

    @property
    def marker_sizes(self) -> np.ndarray: ...

    @property
    def point_xy(self) -> np.ndarray: ...

    def __len__(self) -> int: ...

    def rows_in_box(self, minx: float, miny: float, maxx: float, maxy: float) -> np.ndarray: ...

    def valid_at(self, at_ns: int | None) -> np.ndarray | None: ...

    def uuids_of(self, rows: np.ndarray) -> list[str | None]: ...


class ClusterHit(Protocol):
    """The cluster of an aggregated point layer under a click (``viewmodel/layers/point_clusters.ClusterHit``)."""

    @property
    def rows(self) -> np.ndarray: ...

    @property
    def distance(self) -> np.ndarray: ...

    @property
    def count(self) -> int: ...


class PointClusters(Protocol):
    """How the map draws a dense point layer as clusters (the ``viewmodel/layers/point_clusters``
    module meets it): whether a layer is clustered in a view, the cluster under a point, and how small a
    cluster a click lists (a larger one zooms in)."""

    LIST_UP_TO: int

    def is_clustered(self, snapshot: Any, view: Any, at_ns: int | None) -> bool: ...

    def cluster_under(self, snapshot: Any, x: float, y: float, view: Any, tolerance_px: float,
                      at_ns: int | None) -> ClusterHit | None: ...
