"""A dense point layer's overview: its clusters precounted on a fine grid, kept in the workspace so
that the next open draws the classified map before the points are read. Qt-free.

The clusters of ``point_clusters`` count a layer's points in square cells of
``CELL_PX * 2 ** bucket`` map metres, a power of two of the zoom bucket, fixed in the map CRS.
Cells of one bucket split exactly into four of the bucket below (a point's cell is
``floor(x / cell)``, and dividing by a power of two is exact), so the counts of a fine grid add up
to the clusters of every coarser zoom: per fine cell the overview keeps the number of points, the
sum of their places (the disc sits at their mean), their weight in each legend class (the class a
disc takes, by the same rule: :func:`~humanops.viewmodel.layers.point_clusters.cluster_classes`) and,
for a cell of one point, that point's marker size (a lone point is drawn as its own marker, at its
exact place). The grid is the finest bucket at which the layer spans at most :data:`GRID_CELLS`
cells a side: some tens of thousands of cells, a few megabytes, read in milliseconds.

What it draws is the map the points draw (the same discs, counts and colours; sums added in
another order may differ in the last bits), for views it can answer exactly: zoomed out to its
bucket or above, with enough points in view to be drawn as clusters for certain (cells the view's
edge cuts are counted as not in view), no marking filter, and no time filter on a kind with a
time window. Elsewhere :meth:`PointOverview.clusters_for` answers None and the layer waits for
its read. It is stored under the layer's state (:mod:`humanops.store.point_overview`): any
change makes it stale, and a stale one is never read.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass

import numpy as np

from humanops.catalog import LayerKind
from humanops.viewmodel.layers.layer_data import LayerSnapshot
from humanops.viewmodel.layers.point_clusters import (
    AGGREGATE_ABOVE,
    CELL_PX,
    PX2_PER_POINT,
    SEVERE_SHARE,
    Clusters,
    cluster_classes,
    cluster_weights,
    disc_diameter,
)
from humanops.viewmodel.map_view import MapView

FORMAT = "1"
GRID_CELLS = 256  # cells a side, at most, over the layer's extent at the overview's bucket
OVERVIEW_ABOVE = 50_000  # points: a smaller layer reads quickly enough


def is_ordered(kind: LayerKind) -> bool:
    """Whether the layer's classes rank (a number, as a severity phase): the 20% rule applies."""
    return any(f.name == kind.style.classify_by and f.type in ("integer", "real") for f in kind.fields)


def overview_key(kind: LayerKind, layer_state: str) -> str:
    """The key an overview of ``kind`` is stored under: what it was counted by (the style's
    classes and sizes, the cluster grid and rule) and the layer's state when it was read."""
    made_by = repr((FORMAT, kind.style, is_ordered(kind), CELL_PX, GRID_CELLS, SEVERE_SHARE))
    return f"{FORMAT}:{hashlib.sha256(made_by.encode()).hexdigest()[:16]}:{layer_state}"


@dataclass(frozen=True)
class PointOverview:
    """Per fine cell, aligned arrays: see the module."""

    bucket: int  # the zoom bucket of the cells
    cells: np.ndarray  # (k, 2) int64 cell column and row
    count: np.ndarray  # int64
    sum_xy: np.ndarray  # (k, 2) float64, map CRS
    per_class: np.ndarray  # (k, symbols) float64: the cell's weight in each class
    lone_size: np.ndarray  # float64: the marker size of a cell's one point, NaN where more

    def __len__(self) -> int:
        return len(self.count)

    @property
    def points(self) -> int:
        return int(self.count.sum())

    def clusters_for(self, view: MapView, ordered: bool) -> tuple[Clusters, np.ndarray] | None:
        """The clusters the layer's points make in ``view`` (and the marker size of each, NaN
        where more than one point), or None where the overview cannot tell them exactly."""
        bucket = view.zoom_bucket()
        if bucket < self.bucket or not len(self):
            return None
        fine = CELL_PX * 2.0 ** self.bucket
        minx, miny, maxx, maxy = view.extent
        x0, y0 = self.cells[:, 0] * fine, self.cells[:, 1] * fine
        x1, y1 = x0 + fine, y0 + fine
        inside = (x0 >= minx) & (x1 <= maxx) & (y0 >= miny) & (y1 <= maxy)
        # Drawn as clusters when more points than this are in view: certain if the cells wholly
        # inside hold more. Otherwise the points decide.
        if int(self.count[inside].sum()) <= max(AGGREGATE_ABOVE, view.width * view.height / PX2_PER_POINT):
            return None
        shift = bucket - self.bucket
        cell = CELL_PX * 2.0 ** bucket
        # the view's cells, whole (as point_clusters.cell_aligned): floor division of the fine indices
        ix, iy = self.cells[:, 0] >> shift, self.cells[:, 1] >> shift
        shown = ((ix >= math.floor(minx / cell)) & (ix <= math.floor(maxx / cell))
                 & (iy >= math.floor(miny / cell)) & (iy <= math.floor(maxy / cell)))
        ix, iy = ix[shown], iy[shown]
        ix0, iy0 = int(ix.min()), int(iy.min())
        height = int(iy.max()) - iy0 + 1
        key = (ix - ix0) * height + (iy - iy0)
        present, at = np.unique(key, return_inverse=True)
        k = len(present)
        count = np.bincount(at, weights=self.count[shown], minlength=k).astype(np.int64)
        sums = np.column_stack([np.bincount(at, weights=self.sum_xy[shown, 0], minlength=k),
                                np.bincount(at, weights=self.sum_xy[shown, 1], minlength=k)])
        per_class = np.zeros((k, self.per_class.shape[1]))
        np.add.at(per_class, at, self.per_class[shown])
        lone_size = np.full(k, np.nan)
        one = self.count[shown] == 1
        lone_size[at[one]] = self.lone_size[shown][one]
        lone_size[count != 1] = np.nan
        cells = np.column_stack([present // height + ix0, present % height + iy0])
        empty = np.empty(0, dtype=np.int64)
        clusters = Clusters(sums / count[:, None], count, cluster_classes(per_class, ordered).astype(np.int32),
                            count, cells, empty)
        return clusters, lone_size


    def disc_under(self, view: MapView, x: float, y: float, tolerance_px: float,
                   ordered: bool) -> tuple[float, float, int] | None:
        """The disc (or lone marker) drawn from the overview under the map point (x, y): its
        centre and the number of points in it; None where nothing it draws is there, or where it
        cannot tell the clusters (the points decide there, once read). What a click on a cluster
        asks before the points arrive."""
        found = self.clusters_for(view, ordered)
        if found is None:
            return None
        clusters, lone_size = found
        if not len(clusters):
            return None
        radius = np.where(clusters.count > 1, disc_diameter(clusters.count) / 2, np.nan_to_num(lone_size) / 2)
        gap = np.hypot(clusters.centre[:, 0] - x, clusters.centre[:, 1] - y) - (radius + tolerance_px) * view.resolution
        at = int(np.argmin(gap))
        if gap[at] > 0:
            return None
        return float(clusters.centre[at, 0]), float(clusters.centre[at, 1]), int(clusters.count[at])


def build_overview(snapshot: LayerSnapshot) -> PointOverview | None:
    """The overview of a point layer's snapshot read whole (None: no points)."""
    if not snapshot.is_points or not len(snapshot):
        return None
    xy = snapshot.point_xy
    span = float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]), 1.0))
    bucket = math.ceil(math.log2(span / (CELL_PX * GRID_CELLS)))
    fine = CELL_PX * 2.0 ** bucket
    ix = np.floor(xy[:, 0] / fine).astype(np.int64)
    iy = np.floor(xy[:, 1] / fine).astype(np.int64)
    ix0, iy0 = int(ix.min()), int(iy.min())
    height = int(iy.max()) - iy0 + 1
    present, at = np.unique((ix - ix0) * height + (iy - iy0), return_inverse=True)
    k = len(present)
    count = np.bincount(at, minlength=k)
    sums = np.column_stack([np.bincount(at, weights=xy[:, 0], minlength=k),
                            np.bincount(at, weights=xy[:, 1], minlength=k)])
    classes = len(snapshot.symbols)
    size_by = snapshot.kind.style.size_by
    weights = None
    if size_by is not None and size_by.field in snapshot.attrs:
        weights = cluster_weights(snapshot.attrs[size_by.field].to_numpy(dtype=float, na_value=np.nan))
    per_class = np.bincount(at * classes + snapshot.class_index, weights=weights,
                            minlength=k * classes).reshape(k, classes).astype(float)
    lone_size = np.full(k, np.nan)
    one = count[at] == 1
    lone_size[at[one]] = snapshot.marker_sizes[one]
    cells = np.column_stack([present // height + ix0, present % height + iy0])
    return PointOverview(bucket, cells, count.astype(np.int64), sums, per_class, lone_size)


def encode(overview: PointOverview) -> bytes:
    out = io.BytesIO()
    np.savez(out, bucket=np.array([overview.bucket]), cells=overview.cells, count=overview.count,
             sum_xy=overview.sum_xy, per_class=overview.per_class, lone_size=overview.lone_size)
    return out.getvalue()


def decode(blob: bytes, classes: int) -> PointOverview | None:
    """The overview of a blob :func:`encode` made, None if it is not one for ``classes`` classes."""
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as arrays:
            out = PointOverview(int(arrays["bucket"][0]), arrays["cells"].astype(np.int64),
                                arrays["count"].astype(np.int64), arrays["sum_xy"].astype(float),
                                arrays["per_class"].astype(float), arrays["lone_size"].astype(float))
    except (OSError, ValueError, KeyError, IndexError):
        return None
    k = len(out.count)
    shapes = (out.cells.shape == (k, 2) and out.sum_xy.shape == (k, 2) and out.per_class.shape == (k, classes)
              and out.lone_size.shape == (k,))
    return out if shapes else None
